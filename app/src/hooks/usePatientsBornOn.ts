/** The patients born on a day (`YYYY-MM-DD`; up to 10), to narrow a patient search; none until the date is whole. */
import type { WithId } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

export function usePatientsBornOn(birthDate: string): readonly WithId<Patient>[] {
  const medplum = useMedplum();
  const [patients, setPatients] = useState<WithId<Patient>[]>([]);
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
      setPatients([]);
      return;
    }
    let current = true;
    medplum
      .searchResources('Patient', { birthdate: birthDate, _count: '10' })
      .then((found) => current && setPatients([...found]))
      .catch(() => current && setPatients([]));
    return () => {
      current = false;
    };
  }, [medplum, birthDate]);
  return patients;
}
