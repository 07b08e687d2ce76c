/**
 * References as the engine and the API read them: the id a `Type/id` reference names. Pure.
 */
import { resolveId } from '@medplum/core';
import type { Reference } from '@medplum/fhirtypes';

/**
 * The id a reference names when it points at a resource of `type`, else undefined (another type, a URL, empty).
 *
 * @example
 * referenceId({ reference: 'Slot/abc' }, 'Slot'); // 'abc'
 * referenceId('Schedule/abc', 'Slot'); // undefined
 */
export function referenceId(reference: Reference | string | undefined, type: string): string | undefined {
  const text = typeof reference === 'string' ? reference : reference?.reference;
  if (!text?.startsWith(`${type}/`)) {
    return undefined;
  }
  return resolveId({ reference: text }) || undefined;
}

/**
 * A bare id, given either the id itself or a `Type/id` reference to it.
 *
 * @example
 * bareId('Schedule/abc', 'Schedule'); // 'abc'
 * bareId('abc', 'Schedule'); // 'abc'
 */
export function bareId(idOrReference: string, type: string): string {
  return referenceId(idOrReference, type) ?? (idOrReference.startsWith(`${type}/`) ? '' : idOrReference);
}
