/**
 * Typed text → one option, as the time zone and actor fields commit it on Enter, Tab or leaving the field: an exact
 * match (any case), else the only option containing the text. No match, or several, is `undefined`: the field then
 * shows an error; it never falls back to another value.
 *
 * @example
 * matchOption('europe/london', ['UTC', 'Europe/London']); // 'Europe/London'
 * matchOption('lond', ['Europe/London', 'America/New_York']); // 'Europe/London'
 */
export function matchOption(text: string, options: readonly string[]): string | undefined {
  const wanted = normalize(text);
  if (!wanted) {
    return undefined;
  }
  const exact = options.find((o) => normalize(o) === wanted);
  if (exact) {
    return exact;
  }
  const partial = options.filter((o) => normalize(o).includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}

function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

/**
 * Current IANA names that browsers' zone lists (CLDR) still give under their old names (Asia/Calcutta…): both are
 * offered, so that "Kolkata" and "Kyiv" are found.
 */
const CURRENT_NAMES = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Ho_Chi_Minh',
  'Asia/Yangon',
  'Europe/Kyiv',
  'America/Nuuk',
  'Atlantic/Faroe',
  'Pacific/Kanton',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
  'Africa/Asmara',
];

function known(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser knows, with UTC first. */
export const ZONES: readonly string[] = [
  'UTC',
  ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []),
  ...CURRENT_NAMES.filter(known),
]
  .filter((z, i, all) => all.indexOf(z) === i)
  .sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
