/** The `If-Match` header for a write conditional on the version that was read (none when it has no version). */
import type { Resource } from '@medplum/fhirtypes';

export function ifMatch(resource: Resource): { headers: Record<string, string> } | undefined {
  const version = resource.meta?.versionId;
  return version ? { headers: { 'If-Match': `W/"${version}"` } } : undefined;
}
