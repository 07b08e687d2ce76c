/** Hooks shared by the pages. */
import { useMedplum } from '@medplum/react';
import { useMemo } from 'react';
import { createClinik, type Clinik } from '../../api/index';

/** The Schedules API over the app's MedplumClient. */
export function useClinik(): Clinik {
  const medplum = useMedplum();
  return useMemo(() => createClinik(medplum), [medplum]);
}

/** A readable message for any error: a ClinikError's issues, a server outcome, or the error text. */
export function errorMessage(err: unknown): string {
  const outcome = (err as { outcome?: { issue?: { details?: { text?: string }; diagnostics?: string }[] } })?.outcome;
  const texts = outcome?.issue?.map((i) => i.details?.text ?? i.diagnostics).filter(Boolean);
  if (texts?.length) {
    return texts.join(' ');
  }
  return err instanceof Error ? err.message : String(err);
}
