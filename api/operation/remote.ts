/**
 * The client side of the booking operation: the API's writes of Slots and Appointments sent to the booking Bot
 * (`POST Bot/$execute?identifier=…|booking`, JSON), its answer turned back into the call's result or the
 * ClinikError the call would have thrown.
 */
import { ContentType } from '@medplum/core';
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Resource, Schedule, ServiceRequest, Slot } from '@medplum/fhirtypes';
import { BOT_IDENTIFIER_SYSTEM, issue, outcome } from '../../core/fhir';
import { isNotFoundError } from '../../engine/transport/errors';
import { ClinikError, fromServer } from '../errors';
import type { SeriesBooking, SeriesRescheduling } from '../series/types';
import type { Clinik } from '../types';
import { BOOKING_BOT_NAME, type BookingReply, type BookingRequest } from './protocol';

/**
 * `direct`'s reads and schedule edits, with every write of Slots and Appointments, and every change of a schedule's
 * booking rules, sent to the booking operation.
 */
export function viaBookingOperation(medplum: MedplumClient, direct: Clinik): Clinik {
  const send = <T extends Resource>(request: BookingRequest): Promise<{ data: WithId<T> }> =>
    sendBooking<T>(medplum, request);
  return {
    schedules: {
      ...direct.schedules,
      // A change of the booking rules is a supervisor's (the staff AccessPolicy forbids it): the Bot checks and writes.
      create: (input) =>
        input?.bookingRules === undefined
          ? direct.schedules.create(input)
          : send<Schedule>({ action: 'schedules.create', input }),
      update: (id, patch, options) =>
        patch?.bookingRules === undefined
          ? direct.schedules.update(id, patch, options)
          : send<Schedule>({ action: 'schedules.update', id, patch, ...(options ? { options } : {}) }),
    },
    slots: {
      ...direct.slots,
      create: (input) => send<Slot>({ action: 'slots.create', input }),
      update: (id, patch, options) => send<Slot>({ action: 'slots.update', id, patch, options }),
    },
    appointments: {
      book: (input) => send<Appointment>({ action: 'book', input }),
      hold: (input) => send<Appointment>({ action: 'hold', input }),
      cancel: (id, reason, options) =>
        send<Appointment>({
          action: 'cancel',
          id,
          reason,
          ...(options?.override ? { override: options.override } : {}),
        }),
      reschedule: (id, newSlotId, options) =>
        send<Appointment>({
          action: 'reschedule',
          id,
          newSlotId,
          ...(options?.override ? { override: options.override } : {}),
        }),
      // A series is booked, cancelled or moved in one run of the operation; listing it is a read.
      bookSeries: (input) => sendForValue<SeriesBooking>(medplum, { action: 'series.book', input }),
      cancelSeries: (input) => sendForValue<WithId<Appointment>[]>(medplum, { action: 'series.cancel', input }),
      rescheduleSeries: (input) => sendForValue<SeriesRescheduling>(medplum, { action: 'series.reschedule', input }),
      series: (appointmentId) => direct.appointments.series(appointmentId),
    },
    waitlist: {
      ...direct.waitlist,
      add: (input) => send<ServiceRequest>({ action: 'waitlist.add', input }),
      accept: (id) => send<Appointment>({ action: 'waitlist.accept', id }),
      decline: (id, reason) => send<ServiceRequest>({ action: 'waitlist.decline', id, reason }),
      remove: (id, reason) => send<ServiceRequest>({ action: 'waitlist.remove', id, reason }),
    },
  };
}

/** Runs one request on the booking Bot; resolves to its resource, or throws its refusal as a ClinikError. */
export async function sendBooking<T extends Resource>(
  medplum: MedplumClient,
  request: BookingRequest
): Promise<{ data: WithId<T> }> {
  const reply = await execute(medplum, request);
  if (!('resource' in reply)) {
    throw unreadable();
  }
  return { data: reply.resource as WithId<T> };
}

/**
 * Runs a series request on the booking Bot; resolves to its result, or throws its refusal as a ClinikError.
 *
 * @example
 * const { data } = await sendForValue<SeriesBooking>(medplum, { action: 'series.book', input });
 */
export async function sendForValue<T>(medplum: MedplumClient, request: BookingRequest): Promise<{ data: T }> {
  const reply = await execute(medplum, request);
  if (!('value' in reply)) {
    throw unreadable();
  }
  return { data: reply.value as T };
}

async function execute(medplum: MedplumClient, request: BookingRequest): Promise<Extract<BookingReply, { ok: true }>> {
  let reply: unknown;
  try {
    reply = await medplum.executeBot(
      { system: BOT_IDENTIFIER_SYSTEM, value: BOOKING_BOT_NAME },
      request,
      ContentType.JSON
    );
  } catch (err) {
    throw unreachable(err);
  } finally {
    forgetCalendar(medplum);
  }
  if (!isReply(reply)) {
    throw unreadable();
  }
  if (!reply.ok) {
    throw new ClinikError(reply.outcome, reply.status);
  }
  return reply;
}

function unreadable(): ClinikError {
  return new ClinikError(
    outcome([issue('error', 'exception', undefined, 'The booking operation gave an answer this client cannot read.')]),
    502
  );
}

/**
 * The operation wrote with another client, so this one's cached reads are stale (a refusal may have written too,
 * e.g. released an expired hold): its next reads go to the server.
 */
function forgetCalendar(medplum: MedplumClient): void {
  medplum.invalidateAll();
}

function isReply(value: unknown): value is BookingReply {
  if (typeof value !== 'object' || value === null || !('ok' in value)) {
    return false;
  }
  const reply = value as Record<string, unknown>;
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
  return reply.ok === true
    ? isObject(reply.resource) || isObject(reply.value)
    : typeof reply.status === 'number' && isObject(reply.outcome);
}

/** The operation could not be run at all: not deployed, not allowed, or the server failed. */
function unreachable(err: unknown): ClinikError {
  const error = fromServer(err);
  const bot = `the Bot ${BOT_IDENTIFIER_SYSTEM}|${BOOKING_BOT_NAME}`;
  // Medplum answers 400 "Must specify bot ID or identifier" (5.0) or 404 when no Bot has the identifier.
  if (isNotFoundError(err) || /must specify bot/i.test(error.message)) {
    return new ClinikError(
      outcome([
        issue(
          'error',
          'not-found',
          undefined,
          `The booking operation is not deployed: ${bot} was not found. Run npm run deploy.`
        ),
      ]),
      503
    );
  }
  if (error.status === 403) {
    return new ClinikError(
      outcome([
        issue(
          'error',
          'forbidden',
          undefined,
          `You may not run the booking operation: your access policy must let you read ${bot}.`
        ),
      ]),
      403
    );
  }
  return error;
}
