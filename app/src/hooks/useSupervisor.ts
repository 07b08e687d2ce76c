/**
 * Whether the signed-in user is a scheduling supervisor (a member of the project's supervisors Group), who may
 * override booking rules and change them. The app only offers what the booking Bot would allow; the Bot decides.
 */
import { getReferenceString } from '@medplum/core';
import { useMedplum, useMedplumProfile } from '@medplum/react';
import { useEffect, useState } from 'react';
import { isSupervisor } from '../../../api/index';

/** Whether the user is a supervisor; undefined until known. */
export function useSupervisor(): boolean | undefined {
  const medplum = useMedplum();
  const profile = useMedplumProfile();
  const [supervisor, setSupervisor] = useState<boolean>();
  useEffect(() => {
    let current = true;
    if (!profile) {
      setSupervisor(false);
      return undefined;
    }
    isSupervisor(medplum, { reference: getReferenceString(profile) })
      .then((yes) => current && setSupervisor(yes))
      .catch(() => current && setSupervisor(false));
    return () => {
      current = false;
    };
  }, [medplum, profile]);
  return supervisor;
}
