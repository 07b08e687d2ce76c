/**
 * A stored Schedule → the form's state: the horizon as days in the schedule's zone, the rules as rows, and the facts
 * (stored instants, an inherited zone, absent buffers) that let an unchanged value be written back exactly as stored.
 *
 * @example
 * const form = formOf(schedule, [practitioner]); // form.timeZone from the rules, else the actor's timezone extension
 */
import type { DayOfWeek } from '@medplum/core';
import type { Extension, Resource, Schedule } from '@medplum/fhirtypes';
import { isScheduleWideParameters, readScheduleRules } from '../../../core/availability/index';
import { conceptText } from '../../../core/terminology';
import { plainServiceTypes } from '../../../core/fhir';
import { localDateOf, localDateTime, parseInstant } from '../../../core/time';
import { browserZone, emptyForm, type FormState } from './model';
import { rulesDraftOf } from './rules-model';
import { visitTypeRowsOf } from './visit-types-model';
import { capacityOf, readBookingRules } from '../../../api/index';

function sub(ext: Extension | undefined, url: string): Extension[] {
  return (ext?.extension ?? []).filter((e) => e.url === url);
}

/** `HH:MM` of a stored `HH:MM:SS`. */
function hhmm(time: string | undefined): string {
  return time ? time.slice(0, 5) : '';
}

/** The first day of a horizon that starts at `instant` (the local date in the zone). */
function firstDay(instant: string | undefined, zone: string): string {
  const ms = parseInstant(instant);
  return ms === undefined ? '' : localDateOf(ms, zone).toString();
}

/** The last day a horizon ending at `instant` covers (an end at local midnight covers the day before). */
function lastDay(instant: string | undefined, zone: string): string {
  const ms = parseInstant(instant);
  return ms === undefined ? '' : localDateOf(ms - 1, zone).toString();
}

/** The form for a saved schedule; its rules read with its actors (whose timezone extension may be the zone). */
export function formOf(schedule: Schedule, actors: readonly Resource[] = [], fallbackZone = browserZone()): FormState {
  const rules = readScheduleRules(schedule, { actors });
  const availability = rules.ok ? rules.value.availability : undefined;
  const raw = (schedule.extension ?? []).find(isScheduleWideParameters);
  const storedZone = sub(raw, 'timezone')[0]?.valueCode;
  const zone = availability?.timeZone ?? zoneOfActors(actors) ?? fallbackZone;
  const entries = sub(raw, 'availability')[0];
  const form = emptyForm(zone);
  const horizon = schedule.planningHorizon;
  return {
    ...form,
    actors: schedule.actor.map((a) => a.reference ?? '').filter(Boolean),
    specialty: schedule.specialty?.map(conceptText) ?? [],
    serviceType: plainServiceTypes(schedule.serviceType).map(conceptText),
    serviceCategory: schedule.serviceCategory?.map(conceptText) ?? [],
    horizonStart: firstDay(horizon?.start, zone),
    horizonEnd: lastDay(horizon?.end, zone),
    comment: schedule.comment ?? '',
    rules: rulesDraftOf(readBookingRules(schedule), capacityOf(schedule)),
    visitTypes: visitTypeRowsOf(schedule),
    generate: raw !== undefined,
    timeZone: zone,
    slotMinutes: availability?.durationMinutes ?? form.slotMinutes,
    bufferBefore: availability?.bufferBeforeMinutes ?? 0,
    bufferAfter: availability?.bufferAfterMinutes ?? 0,
    hours: raw
      ? sub(entries, 'availableTime').map((entry) => {
          const start = hhmm(sub(entry, 'availableStartTime')[0]?.valueTime);
          const end = hhmm(sub(entry, 'availableEndTime')[0]?.valueTime);
          const allDay = sub(entry, 'allDay')[0]?.valueBoolean === true;
          return {
            days: sub(entry, 'daysOfWeek').map((d) => d.valueCode as DayOfWeek),
            start,
            end,
            allDay,
            nextDay: !allDay && start !== '' && end !== '' && end <= start && end !== '00:00',
          };
        })
      : form.hours,
    closed: sub(entries, 'notAvailableTime').map((entry) => {
      const during = sub(entry, 'during')[0]?.valuePeriod;
      const localStart = during?.start ? localDateTime(during.start, zone) : '';
      const localEnd = during?.end ? localDateTime(during.end, zone) : '';
      return {
        description: sub(entry, 'description')[0]?.valueString ?? '',
        start: localStart,
        end: localEnd,
        ...(during?.start && during.end
          ? { stored: { start: during.start, end: during.end, localStart, localEnd } }
          : {}),
      };
    }),
    stored: {
      ...(horizon
        ? {
            horizon: {
              ...(horizon.start ? { start: horizon.start } : {}),
              ...(horizon.end ? { end: horizon.end } : {}),
            },
          }
        : {}),
      ...(raw && !storedZone ? { inheritedZone: zone } : {}),
      bufferBefore: sub(raw, 'bufferBefore').length > 0,
      bufferAfter: sub(raw, 'bufferAfter').length > 0,
      ...(availability?.alignmentIntervalMinutes !== undefined
        ? {
            alignmentInterval: availability.alignmentIntervalMinutes,
            alignmentOffset: availability.alignmentOffsetMinutes,
          }
        : {}),
    },
  };
}

function zoneOfActors(actors: readonly Resource[]): string | undefined {
  for (const actor of actors) {
    const zone = (actor as { extension?: Extension[] }).extension?.find(
      (e) => e.url === 'http://hl7.org/fhir/StructureDefinition/timezone'
    )?.valueCode;
    if (zone) {
      return zone;
    }
  }
  return undefined;
}
