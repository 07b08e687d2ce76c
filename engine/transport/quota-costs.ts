/**
 * Medplum's FHIR quota: the points one interaction costs (the server's `FhirRateLimiter`; its docs' table: read 1,
 * history 10, search 20, create/update/patch/delete 100). A conditional write is its search plus its write. This is
 * the one table the bots' pacing, the local server simulation and the benchmark all charge by.
 */

export const QUOTA_COST = {
  read: 1,
  history: 10,
  search: 20,
  write: 100,
  /** A conditional create (If-None-Exist) outside a batch: its search and its create. */
  conditionalCreate: 120,
  /**
   * A conditional create inside a batch, as measured on Medplum 5.0 and 5.1: the entry's search, its create, and
   * the serializable transaction's second read of the match.
   */
  conditionalCreateInBatch: 140,
  /** A conditional delete (`DELETE Slot?…`): its search, then a delete of each match (charged here for one). */
  conditionalDelete: 120,
} as const;

/** What one request (or one batch entry) costs, by method, URL and whether it is conditional. */
export function requestCost(
  method: string,
  url: string,
  options: { readonly ifNoneExist?: boolean; readonly inBatch?: boolean } = {}
): number {
  const upper = method.toUpperCase();
  const path = url.split('?')[0] ?? url;
  const hasQuery = url.includes('?');
  if (upper === 'GET') {
    if (path.includes('/_history')) {
      return QUOTA_COST.history;
    }
    return hasQuery || isTypeLevel(path) ? QUOTA_COST.search : QUOTA_COST.read;
  }
  if (upper === 'POST' && options.ifNoneExist) {
    return options.inBatch ? QUOTA_COST.conditionalCreateInBatch : QUOTA_COST.conditionalCreate;
  }
  if (upper === 'DELETE' && hasQuery) {
    return QUOTA_COST.conditionalDelete;
  }
  return QUOTA_COST.write;
}

/** `Slot`, `/fhir/R4/Slot` (a search without parameters), as opposed to `Slot/123` (a read). */
function isTypeLevel(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  return /^[A-Z][A-Za-z]+$/.test(last) && !/^[A-Z][A-Za-z]+$/.test(segments[segments.length - 2] ?? '');
}
