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
