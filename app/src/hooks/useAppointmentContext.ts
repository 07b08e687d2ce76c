/**
 * What an appointment panel shows beside the appointment: the patient, and the schedule with its actors (for its name
 * and zone). Undefined until read, and while it cannot be read.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

export interface AppointmentContext {
  readonly patient?: Resource;
  readonly schedule?: WithId<Schedule>;
  readonly actors: Resource[];
}

export function useAppointmentContext(appointment: WithId<Appointment>): AppointmentContext | undefined {
  const medplum = useMedplum();
  const [context, setContext] = useState<AppointmentContext>();
  useEffect(() => {
    let current = true;
    (async () => {
      const patientRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
      const patient = patientRef ? await medplum.readReference(patientRef).catch(() => undefined) : undefined;
      const slotRef = appointment.slot?.[0];
      const slot = slotRef ? await medplum.readReference<Slot>(slotRef).catch(() => undefined) : undefined;
      const schedule = slot?.schedule
        ? await medplum.readReference<Schedule>(slot.schedule).catch(() => undefined)
        : undefined;
      const actors = await Promise.all(
        (schedule?.actor ?? []).map((a) => medplum.readReference(a).catch(() => undefined))
      );
      if (current) {
        setContext({
          patient,
          schedule: schedule as WithId<Schedule> | undefined,
          actors: actors.filter((a): a is NonNullable<typeof a> => a !== undefined),
        });
      }
    })().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [medplum, appointment]);
  return context;
}
