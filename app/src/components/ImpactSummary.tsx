/**
 * The impact of a change before it is saved: the bookings affected (with their patients and times), the free slots
 * withdrawn and the slots added. Used by deactivation and by edits that change the hours.
 */
import type { JSX } from 'react';
import { List, Stack, Text } from '@mantine/core';
import type { Appointment } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import type { Impact } from '../../../core/impact';
import { displayName } from '../actors';
import { formatRange } from '../format';

const SHOWN = 20;

/** The patient's full name for each booked slot id (one search for the appointments, then each patient). */
export function usePatientsOfSlots(slotIds: readonly string[]): ReadonlyMap<string, string> {
  const medplum = useMedplum();
  const key = slotIds.join(',');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!key) {
      return;
    }
    let current = true;
    const ids = key.split(',');
    medplum
      .searchResources('Appointment', { slot: ids.map((id) => `Slot/${id}`).join(','), _count: String(ids.length * 2) })
      .then(async (appointments: Appointment[]) => {
        const found = new Map<string, string>();
        for (const appointment of appointments) {
          const ref = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
          if (!ref || appointment.status === 'cancelled') {
            continue;
          }
          const name = displayName(await medplum.readReference(ref).catch(() => undefined), 'a patient');
          appointment.slot?.forEach((s) => found.set(s.reference?.replace('Slot/', '') ?? '', name));
        }
        if (current) {
          setNames(found);
        }
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [medplum, key]);
  return names;
}

const plural = (n: number, one: string, many: string = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function ImpactSummary({
  impact,
  mode,
}: {
  readonly impact: Impact;
  readonly mode: 'edit' | 'deactivate';
}): JSX.Element {
  const withdrawn = impact.deleted.length + impact.withdrawn.length;
  const affected = impact.affected.slice(0, SHOWN);
  const patients = usePatientsOfSlots(affected.map((s) => s.id ?? ''));
  return (
    <Stack gap="xs" aria-label="Impact">
      <Text>
        <b>{plural(impact.affected.length, 'booked appointment')}</b> affected: they stay booked
        {mode === 'edit' ? ' outside the new hours' : ''}, and each gets a reschedule task.
      </Text>
      {affected.length > 0 && (
        <List size="sm" aria-label="Affected bookings">
          {affected.map((slot) => (
            <List.Item key={slot.id}>
              {formatRange(slot.start, slot.end, impact.timeZone)}
              {patients.get(slot.id ?? '') ? ` — ${patients.get(slot.id ?? '')}` : ''}
            </List.Item>
          ))}
          {impact.affected.length > SHOWN && <List.Item>…and {impact.affected.length - SHOWN} more</List.Item>}
        </List>
      )}
      <Text>
        <b>{plural(withdrawn, 'future free slot')}</b> will be withdrawn.
      </Text>
      {mode === 'edit' && (
        <Text>
          <b>{plural(impact.created.length + impact.restored.length, 'free slot')}</b> will be added.
        </Text>
      )}
    </Stack>
  );
}
