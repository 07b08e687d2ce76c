/** The project's visit types (HealthcareServices), as options for a select, by name (read once per mount). */
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

export interface VisitTypeOption {
  /** The HealthcareService's id. */
  readonly value: string;
  readonly label: string;
}

export function useVisitTypes(): VisitTypeOption[] {
  const medplum = useMedplum();
  const [options, setOptions] = useState<VisitTypeOption[]>([]);
  useEffect(() => {
    let current = true;
    medplum
      .searchResources('HealthcareService', { _count: '1000', _sort: 'name' })
      .then(
        (services) =>
          current &&
          setOptions(
            services
              .filter((s) => s.active !== false)
              .map((s) => ({ value: s.id as string, label: s.name?.trim() || `Visit type ${s.id}` }))
          )
      )
      .catch(() => current && setOptions([]));
    return () => {
      current = false;
    };
  }, [medplum]);
  return options;
}
