/**
 * Several reads in one request: a FHIR `batch` of GETs, each answered in order. A booking makes its reads this way
 * (the slot with its schedule and the patient; then, under the actors' leases, the slot's holders and the actors'
 * busy time): every request saved is server time another desk does not wait for.
 */
import type { MedplumClient } from '@medplum/core';
import { OperationOutcomeError } from '@medplum/core';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { call } from './errors';

/**
 * Reads each relative URL (`Slot?_id=…`, `Patient/p1`) in one batch; a read the server refused is its
 * OperationOutcomeError, in its place.
 *
 * @example
 * const [slots, patient] = await readBatch(medplum, ['Slot?_id=s1&_include=Slot:schedule', 'Patient/p1']);
 */
export async function readBatch(
  medplum: MedplumClient,
  urls: readonly string[]
): Promise<(Resource | OperationOutcomeError)[]> {
  const entry: BundleEntry[] = urls.map((url) => ({ request: { method: 'GET', url } }));
  const response = await call(() => medplum.executeBatch({ resourceType: 'Bundle', type: 'batch', entry }));
  return urls.map((url, i) => answerOf(response.entry?.[i], url));
}

function answerOf(entry: BundleEntry | undefined, url: string): Resource | OperationOutcomeError {
  const status = Number.parseInt(entry?.response?.status ?? '', 10);
  if (entry?.resource && status >= 200 && status < 300) {
    return entry.resource;
  }
  const outcome: OperationOutcome = (entry?.response?.outcome as OperationOutcome | undefined) ??
    (entry?.resource?.resourceType === 'OperationOutcome' ? (entry.resource as OperationOutcome) : undefined) ?? {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'exception', details: { text: `No answer for ${url} (${status || '?'})` } }],
    };
  return new OperationOutcomeError(outcome);
}

/** The answer as a searchset Bundle, or its error thrown. */
export function bundleOf(answer: Resource | OperationOutcomeError | undefined): Bundle {
  if (answer instanceof OperationOutcomeError) {
    throw answer;
  }
  return (answer as Bundle | undefined) ?? { resourceType: 'Bundle', type: 'searchset' };
}
