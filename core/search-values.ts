/**
 * FHIR search values as text: in a search parameter's value a comma means "or", and `\`, `$` and `|` are syntax
 * too (FHIR R4 search, "Escaping Search Parameters"). A name the user typed is escaped before it goes into a search,
 * so "Surgery-Ear, nose and throat surgery" is one specialty, never two.
 *
 * @example
 * searchValue('Surgery-Ear, nose and throat surgery'); // 'Surgery-Ear\, nose and throat surgery'
 */
export function searchValue(text: string): string {
  return text.replace(/[\\,$|]/g, (c) => `\\${c}`);
}
