/** Error messages in words, for alerts and notifications. */

/** A readable message for any error: a ClinikError's issues, a server outcome, or the error text. */
export function errorMessage(err: unknown): string {
  const outcome = (err as { outcome?: { issue?: { details?: { text?: string }; diagnostics?: string }[] } })?.outcome;
  const texts = outcome?.issue?.map((i) => i.details?.text ?? i.diagnostics).filter(Boolean);
  if (texts?.length) {
    return texts.join(' ');
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A refusal's messages by the field each names (the first segment of its FHIRPath expression: `days[1]` → `days`),
 * for errors shown next to their fields; undefined when the error names no field.
 *
 * @example
 * fieldErrors(err); // { to: 'The range must end after it starts.' }
 */
export function fieldErrors(err: unknown): Record<string, string> | undefined {
  const issues = (err as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } })?.outcome
    ?.issue;
  const byField: Record<string, string> = {};
  for (const i of issues ?? []) {
    const field = i.expression?.[0]?.split(/[.[]/)[0];
    if (field && i.details?.text)
      byField[field] = byField[field] ? `${byField[field]} ${i.details.text}` : i.details.text;
  }
  return Object.keys(byField).length > 0 ? byField : undefined;
}
