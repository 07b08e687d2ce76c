/**
 * Booking one slot: the slot with its schedule and actors (read unless the caller has them), and `book` for a patient.
 * Race-safe: when the slot was taken meanwhile it says so and offers the next free slots of the same service, the
 * same practitioner first; `choose` switches to one of them.
 */
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment, Schedule, Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { ClinikError, type FoundSlot } from '../../../api/index';
import { errorMessage } from '../errors';
import { nextFreeSlots } from '../frontdesk/alternatives';
import { describeBooked } from '../frontdesk/describe';
import { breachedRules } from '../rules/breached';
import { useClinik } from './useClinik';

export interface BookingRequest {
  readonly patientId: string;
  /** The patient's name, for the confirmation. */
  readonly patientName: string;
  /** Set when it differs from the slot's own service type. */
  readonly serviceType?: string;
  readonly comment?: string;
  /** A supervisor's override of the booking rules the last attempt was refused for. */
  readonly overrideReason?: string;
}

export interface SlotBooking {
  readonly slot: WithId<Slot>;
  /** The slot with its schedule and actors, once read. */
  readonly found?: FoundSlot;
  readonly busy: boolean;
  readonly error?: string;
  /** The last refusal itself (its rules, for the override form). */
  readonly failure?: unknown;
  readonly setError: (error: string | undefined) => void;
  /** The next free slots, after the slot was taken by someone else. */
  readonly taken?: readonly FoundSlot[];
  readonly book: (request: BookingRequest) => Promise<WithId<Appointment> | undefined>;
  readonly choose: (option: FoundSlot) => void;
}

/** The slot's schedule and its actors. */
async function readFound(medplum: ReturnType<typeof useMedplum>, slot: WithId<Slot>): Promise<FoundSlot> {
  const schedule = await medplum.readReference<Schedule>(slot.schedule as { reference: string });
  const actors = await Promise.all((schedule.actor ?? []).map((a) => medplum.readReference(a).catch(() => undefined)));
  return {
    slot,
    schedule: schedule as WithId<Schedule>,
    actors: actors.filter((a): a is NonNullable<typeof a> => a !== undefined) as FoundSlot['actors'],
  };
}

export function useSlotBooking(initialSlot: WithId<Slot>, known?: FoundSlot): SlotBooking {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [found, setFound] = useState<FoundSlot | undefined>(known);
  const slot = found?.slot ?? initialSlot;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [taken, setTaken] = useState<FoundSlot[]>();

  useEffect(() => {
    if (found && found.slot.id === slot.id) {
      return;
    }
    let current = true;
    readFound(medplum, slot)
      .then((read) => current && setFound(read))
      .catch((err: unknown) => setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [medplum, slot, found]);

  const alternatives = (): Promise<FoundSlot[]> =>
    found
      ? nextFreeSlots(clinik, { schedule: found.schedule, from: Date.parse(slot.start), exclude: new Set([slot.id]) })
      : Promise.resolve([]);

  const book = async (request: BookingRequest): Promise<WithId<Appointment> | undefined> => {
    setBusy(true);
    setError(undefined);
    setFailure(undefined);
    try {
      const { data } = await clinik.appointments.book({
        slotId: slot.id,
        patientId: request.patientId,
        ...(request.comment ? { comment: request.comment } : {}),
        ...(request.serviceType ? { serviceType: [request.serviceType] } : {}),
        ...(request.overrideReason ? { override: { reason: request.overrideReason } } : {}),
      });
      notifications.show({
        color: 'teal',
        title: 'Booked',
        message: found ? describeBooked(found, request.patientName) : `${request.patientName}, ${slot.start}`,
      });
      return data;
    } catch (err) {
      setError(errorMessage(err));
      setFailure(err);
      // Taken meanwhile: the next free times. A booking rule's refusal is answered by the override form instead.
      if (err instanceof ClinikError && err.status === 409 && found && breachedRules(err).length === 0) {
        setTaken(await alternatives().catch(() => []));
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const choose = (option: FoundSlot): void => {
    setFound(option);
    setTaken(undefined);
    setError(undefined);
  };
  return {
    slot,
    ...(found ? { found } : {}),
    busy,
    ...(error ? { error } : {}),
    ...(failure ? { failure } : {}),
    setError,
    ...(taken ? { taken } : {}),
    book,
    choose,
  };
}
