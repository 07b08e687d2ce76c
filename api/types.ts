/**
 * The API's inputs, results and the client's shape.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Resource, Schedule, ServiceRequest, Slot } from '@medplum/fhirtypes';
import type { AvailabilityInput, VisitTypeInput } from '../core/availability/write';
import type { BookingRules } from '../core/rules/booking-rules';
import type { CodeInput } from '../core/terminology';
import type {
  SeriesBookInput,
  SeriesBooking,
  SeriesCancelInput,
  SeriesRescheduleInput,
  SeriesRescheduling,
} from './series/types';

export interface PlanningHorizonInput {
  readonly start?: string;
  readonly end?: string;
}

/** `schedules.create` input: the seed's fields, plus availability rules for the slot generator. */
export interface ScheduleCreateInput {
  readonly active?: boolean;
  readonly serviceCategory?: readonly CodeInput[];
  readonly serviceType?: readonly CodeInput[];
  readonly specialty?: readonly CodeInput[];
  /** `ResourceType/id` of each actor: Practitioner, PractitionerRole, Location, Device, HealthcareService, Patient, RelatedPerson. */
  readonly actorIds: readonly string[];
  readonly planningHorizon?: PlanningHorizonInput;
  readonly comment?: string;
  /** Weekly hours, slot length, buffers, exceptions: written as Medplum's SchedulingParameters. */
  readonly availability?: AvailabilityInput;
  /** Notice, advance, daily and weekly limits, change cut-off (core/rules/booking-rules.ts); `{}` removes them. */
  readonly bookingRules?: BookingRules;
  /**
   * Visit types, each a HealthcareService with its own slot length and buffers (and hours, else the schedule's):
   * written as Medplum's service-scoped SchedulingParameters; `[]` removes them.
   */
  readonly visitTypes?: readonly VisitTypeInput[];
}

/** `schedules.update` patch: any create field; `availability: null` removes the rules (a manual schedule). */
export type ScheduleUpdateInput = Partial<Omit<ScheduleCreateInput, 'availability'>> & {
  readonly availability?: AvailabilityInput | null;
};

export interface UpdateOptions {
  /** The `meta.versionId` the editor saw: the update fails with 412 if the schedule changed since. */
  readonly version?: string;
}

export interface ScheduleSearchInput {
  readonly specialty?: CodeInput;
  readonly serviceType?: CodeInput;
  readonly serviceCategory?: CodeInput;
  readonly active?: boolean;
  /** `ResourceType/id` of an actor. */
  readonly actorId?: string;
  /** A date (YYYY-MM-DD) or instant the planning horizon must cover. */
  readonly date?: string;
  /** Page size, 1..1000 (default 20). */
  readonly count?: number;
  readonly offset?: number;
  /** A search parameter to sort by, `-` for descending (default `-_lastUpdated`). */
  readonly sort?: string;
}

export interface Page<T> {
  readonly data: T[];
  /** Total matches, when the server counted them. */
  readonly total?: number;
  /** Offset of the next page, when there is one: pass it back as `offset`. */
  readonly nextOffset?: number;
}

export interface SlotCreateInput {
  readonly scheduleId: string;
  readonly status?: Slot['status'];
  readonly start: string;
  readonly end: string;
  readonly serviceType?: readonly CodeInput[];
  readonly comment?: string;
}

export interface SlotSearchInput {
  readonly scheduleId?: string;
  readonly status?: Slot['status'];
  /** Slots starting at or after this instant. */
  readonly from?: string;
  /** Slots starting before this instant. */
  readonly to?: string;
  readonly count?: number;
  readonly offset?: number;
}

export interface SlotUpdateInput {
  readonly status?: Slot['status'];
  readonly comment?: string;
}

/** `slots.find` criteria: free slots of active schedules in `[from, to)`, nearest first. */
export interface SlotFindInput {
  /** The schedule's service type: a plain name (matches code display or text) or a coding. */
  readonly serviceType?: CodeInput;
  readonly specialty?: CodeInput;
  /** A visit type: only slots offering this HealthcareService (its id), each as long as that visit. */
  readonly healthcareServiceId?: string;
  /** `ResourceType/id` of a practitioner, location or other actor of the schedule. */
  readonly actorId?: string;
  /** Instant with an offset; slots that start before now are never offered. */
  readonly from: string;
  readonly to: string;
  /** Page size, 1..100 (default 20). */
  readonly count?: number;
  /** The `nextOffset` of the previous page (a cursor into the time-ordered free slots). */
  readonly offset?: number;
}

/** A page of `slots.find`: the free times a booking could take, and why others were left out. */
export interface FindPage extends Page<FoundSlot> {
  /** Each reason times were left out (notice, booking window, a full day or week), once, in words. */
  readonly leftOut?: readonly { readonly rule: string; readonly text: string }[];
}

/** A free slot with its schedule and the schedule's actors. */
export interface FoundSlot {
  readonly slot: WithId<Slot>;
  readonly schedule: WithId<Schedule>;
  /** The schedule's actors that could be read, in the schedule's order. */
  readonly actors: WithId<Resource>[];
  /** For a group slot (more than one place): the places taken and the places it has. */
  readonly fill?: { readonly booked: number; readonly capacity: number };
}

/** A supervisor's override of the booking rules a call would break: only with a reason, and it leaves a trace. */
export interface OverrideInput {
  readonly reason: string;
}

/** Options of a cancellation or a move. */
export interface ChangeOptions {
  /** Needed within the schedule's change cut-off. */
  readonly override?: OverrideInput;
}

export interface BookInput {
  readonly slotId: string;
  readonly patientId: string;
  /** The pending Appointment `appointments.hold` returned: booking confirms it. */
  readonly holdId?: string;
  readonly description?: string;
  readonly comment?: string;
  readonly serviceType?: readonly CodeInput[];
  /** Books past the schedule's rules (notice, advance, limits); a supervisor's right. */
  readonly override?: OverrideInput;
}

export interface HoldInput {
  readonly slotId: string;
  readonly patientId: string;
  /** How long the hold lasts, 1..60 minutes (default 10). */
  readonly minutes?: number;
  readonly comment?: string;
  readonly override?: OverrideInput;
}

/** A patient put on the waitlist (api/waitlist): what they wait for; every field but the patient is optional. */
export interface WaitlistAddInput {
  readonly patientId: string;
  /** The visit type or service wanted (a name or a coding), as slots.find takes it. */
  readonly serviceType?: readonly CodeInput[];
  /** `Practitioner/id`: only this practitioner's schedules. */
  readonly practitionerId?: string;
  /** `Location/id`: only schedules at this location. */
  readonly locationId?: string;
  /** Instants with an offset: the range the patient can come in (default: from now, 60 days). */
  readonly from?: string;
  readonly to?: string;
  /** Preferred weekdays (default: any). */
  readonly days?: readonly WaitlistDay[];
  /** Preferred hours, 'HH:MM' local time in each schedule's zone, end exclusive (default: any). */
  readonly hours?: { readonly start: string; readonly end: string };
  /** stat, asap, urgent or routine (default): the most urgent is offered first, then the longest waiting. */
  readonly priority?: 'stat' | 'asap' | 'urgent' | 'routine';
  readonly note?: string;
}

export type WaitlistDay = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A waitlist entry with its current offer: a slot held for the patient until the offer's expiry. */
export interface WaitlistEntry {
  readonly request: WithId<ServiceRequest>;
  readonly offer?: WithId<Appointment>;
}

/** The client. */
export interface Clinik {
  readonly schedules: {
    create(input: ScheduleCreateInput): Promise<{ data: WithId<Schedule> }>;
    update(id: string, patch: ScheduleUpdateInput, options?: UpdateOptions): Promise<{ data: WithId<Schedule> }>;
    get(id: string): Promise<{ data: WithId<Schedule> }>;
    search(criteria?: ScheduleSearchInput): Promise<Page<WithId<Schedule>>>;
  };
  readonly slots: {
    create(input: SlotCreateInput): Promise<{ data: WithId<Slot> }>;
    search(criteria?: SlotSearchInput): Promise<Page<WithId<Slot>>>;
    update(id: string, patch: SlotUpdateInput, options?: UpdateOptions): Promise<{ data: WithId<Slot> }>;
    find(criteria: SlotFindInput): Promise<FindPage>;
  };
  readonly appointments: {
    book(input: BookInput): Promise<{ data: WithId<Appointment> }>;
    hold(input: HoldInput): Promise<{ data: WithId<Appointment> }>;
    cancel(id: string, reason: string, options?: ChangeOptions): Promise<{ data: WithId<Appointment> }>;
    reschedule(id: string, newSlotId: string, options?: ChangeOptions): Promise<{ data: WithId<Appointment> }>;
    /** Books a recurring series (api/series): every occurrence checked first; all or none, or what fits. */
    bookSeries(input: SeriesBookInput): Promise<{ data: SeriesBooking }>;
    /** Cancels one occurrence of a series, or it and all following; returns those cancelled. */
    cancelSeries(input: SeriesCancelInput): Promise<{ data: WithId<Appointment>[] }>;
    /**
     * Moves one occurrence of a series, or it and all following by the same local wall-clock shift (api/series):
     * every move checked first; all or none (the default), or what fits.
     */
    rescheduleSeries(input: SeriesRescheduleInput): Promise<{ data: SeriesRescheduling }>;
    /** The Appointments of the series an Appointment belongs to, by occurrence number. */
    series(appointmentId: string): Promise<{ data: WithId<Appointment>[] }>;
  };
  readonly waitlist: {
    add(input: WaitlistAddInput): Promise<{ data: WithId<ServiceRequest> }>;
    /** Active entries (or all), most urgent and longest waiting first, each with its live offer. */
    list(criteria?: { readonly patientId?: string; readonly status?: 'active' | 'all' }): Promise<{
      data: WaitlistEntry[];
    }>;
    /** Books the entry's offered slot for its patient; the entry is then completed. */
    accept(id: string): Promise<{ data: WithId<Appointment> }>;
    /** Lets the offer go (the slot is offered to the next entry); the entry stays on the list. */
    decline(id: string, reason: string): Promise<{ data: WithId<ServiceRequest> }>;
    /** Takes the entry off the list (revoked), releasing any offer. */
    remove(id: string, reason: string): Promise<{ data: WithId<ServiceRequest> }>;
  };
}
