/** The Schedules API (api/createClinik) over the app's MedplumClient. */
import { useMedplum } from '@medplum/react';
import { useMemo } from 'react';
import { createClinik, type Clinik } from '../../../api/index';

export function useClinik(): Clinik {
  const medplum = useMedplum();
  return useMemo(() => createClinik(medplum), [medplum]);
}
