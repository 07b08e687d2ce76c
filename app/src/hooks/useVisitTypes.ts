/** The project's active visit types (HealthcareServices), as options for a select, by name (read once per mount). */
import { useMemo } from 'react';
import { useHealthcareServices } from './useHealthcareServices';

export interface VisitTypeOption {
  /** The HealthcareService's id. */
  readonly value: string;
  readonly label: string;
}

export function useVisitTypes(): VisitTypeOption[] {
  const services = useHealthcareServices();
  return useMemo(
    () =>
      (services ?? [])
        .filter((s) => s.active !== false)
        .map((s) => ({ value: s.id, label: s.name?.trim() || `Visit type ${s.id}` })),
    [services]
  );
}
