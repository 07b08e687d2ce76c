/**
 * The project's HealthcareServices (its visit types), by name, read once per mount: `undefined` while loading or when
 * they could not be read, so that a caller can tell "none" from "not known yet".
 */
import type { WithId } from '@medplum/core';
import type { HealthcareService } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

/**
 * @example
 * const services = useHealthcareServices(); // [{ resourceType: 'HealthcareService', name: 'Follow-up visit', … }]
 */
export function useHealthcareServices(): readonly WithId<HealthcareService>[] | undefined {
  const medplum = useMedplum();
  const [services, setServices] = useState<readonly WithId<HealthcareService>[]>();
  useEffect(() => {
    let current = true;
    medplum
      .searchResources('HealthcareService', { _count: '1000', _sort: 'name' })
      .then((found) => current && setServices(found))
      .catch(() => current && setServices(undefined));
    return () => {
      current = false;
    };
  }, [medplum]);
  return services;
}
