/**
 * The booking operation's wire format: what a client sends to the booking Bot (`Bot/$execute`, JSON) and what it
 * answers. Every write of Slots and Appointments a front desk makes travels this way, so that one server-side path
 * (./serve.ts) checks and serializes it; the client side is ./remote.ts.
 */
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type {
  BookInput,
  HoldInput,
  OverrideInput,
  ScheduleCreateInput,
  ScheduleUpdateInput,
  SlotCreateInput,
  SlotUpdateInput,
  UpdateOptions,
  WaitlistAddInput,
} from '../types';
import type {
  SeriesBookInput,
  SeriesBooking,
  SeriesCancelInput,
  SeriesRescheduleInput,
  SeriesRescheduling,
} from '../series/types';

/** The booking Bot's name: its identifier value (system BOT_IDENTIFIER_SYSTEM) and its entry in medplum.config.json. */
export const BOOKING_BOT_NAME = 'booking';

/** One call of the API that writes Slots or Appointments. */
export type BookingRequest =
  | { readonly action: 'book'; readonly input: BookInput }
  | { readonly action: 'hold'; readonly input: HoldInput }
  | { readonly action: 'cancel'; readonly id: string; readonly reason: string; readonly override?: OverrideInput }
  | {
      readonly action: 'reschedule';
      readonly id: string;
      readonly newSlotId: string;
      readonly override?: OverrideInput;
    }
  | { readonly action: 'schedules.create'; readonly input: ScheduleCreateInput }
  | {
      readonly action: 'schedules.update';
      readonly id: string;
      readonly patch: ScheduleUpdateInput;
      readonly options?: UpdateOptions;
    }
  | { readonly action: 'slots.create'; readonly input: SlotCreateInput }
  | {
      readonly action: 'slots.update';
      readonly id: string;
      readonly patch: SlotUpdateInput;
      readonly options?: UpdateOptions;
    }
  | { readonly action: 'series.book'; readonly input: SeriesBookInput }
  | { readonly action: 'series.cancel'; readonly input: SeriesCancelInput }
  | { readonly action: 'series.reschedule'; readonly input: SeriesRescheduleInput }
  | { readonly action: 'waitlist.add'; readonly input: WaitlistAddInput }
  | { readonly action: 'waitlist.accept'; readonly id: string }
  | { readonly action: 'waitlist.decline' | 'waitlist.remove'; readonly id: string; readonly reason: string };

export type BookingAction = BookingRequest['action'];

export const BOOKING_ACTIONS: readonly BookingAction[] = [
  'book',
  'hold',
  'cancel',
  'reschedule',
  'schedules.create',
  'schedules.update',
  'slots.create',
  'slots.update',
  'series.book',
  'series.cancel',
  'series.reschedule',
  'waitlist.add',
  'waitlist.accept',
  'waitlist.decline',
  'waitlist.remove',
];

/**
 * What a series call answers: what `bookSeries` or `rescheduleSeries` did, or the Appointments `cancelSeries`
 * cancelled.
 */
export type SeriesReplyValue = SeriesBooking | SeriesRescheduling | Resource[];

/**
 * The answer: the written resource (or a series call's result, `value`), or the refusal with the status the API
 * would have thrown (400, 404, 409, 412…) and its OperationOutcome. A refusal is an answer, not a failed run:
 * Medplum records the run as a success.
 */
export type BookingReply =
  | { readonly ok: true; readonly resource: Resource }
  | { readonly ok: true; readonly value: SeriesReplyValue }
  | { readonly ok: false; readonly status: number; readonly outcome: OperationOutcome };
