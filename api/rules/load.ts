/**
 * What the limit rules count: an actor's live appointments on a booking's local day and week, across all of the
 * actor's schedules (one search per actor), in the schedule's zone.
 */
import { formatHumanName, getExtensionValue, SchedulingParametersURI, TimezoneExtensionURI } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Appointment, HumanName, Resource, Schedule } from '@medplum/fhirtypes';
import { holdsSlots } from '../../core/appointment-status';
import { localDay, localWeek, type ActorLoad } from '../../core/rules/breaches';
import { formatUtc, type Interval, isValidTimeZone } from '../../core/time';
import { call } from '../errors';

/**
 * The zone a schedule's days are counted in: its SchedulingParameters `timezone`, else its first actor's timezone
 * extension, else UTC.
 */
export async function scheduleZone(
  medplum: MedplumClient,
  schedule: Schedule,
  loaded: readonly Resource[] = []
): Promise<string> {
  for (const ext of schedule.extension ?? []) {
    const zone = ext.url === SchedulingParametersURI ? ext.extension?.find((s) => s.url === 'timezone') : undefined;
    if (zone?.valueCode && isValidTimeZone(zone.valueCode)) {
      return zone.valueCode;
    }
  }
  const first = schedule.actor?.[0]?.reference;
  if (first) {
    const actor = loaded.find((r) => `${r.resourceType}/${r.id}` === first) ?? (await readActor(medplum, first));
    const zone = actor ? getExtensionValue(actor, TimezoneExtensionURI) : undefined;
    if (typeof zone === 'string' && isValidTimeZone(zone)) {
      return zone;
    }
  }
  return 'UTC';
}

/**
 * The live appointments of an actor in the local week around `start`, counted for that day and that week; the
 * Appointments named in `ignore` (one being moved) are left out.
 */
export async function actorLoad(
  medplum: MedplumClient,
  actor: string,
  start: number,
  zone: string,
  ignore: ReadonlySet<string> = new Set()
): Promise<{ day: number; week: number }> {
  const week = localWeek(start, zone);
  const day = localDay(start, zone);
  const starts = await liveStarts(medplum, actor, week, ignore);
  return { week: starts.length, day: starts.filter((s) => s >= day.start && s < day.end).length };
}

/** The starts of an actor's live appointments (on any of its schedules) in a range; those in `ignore` left out. */
export async function liveStarts(
  medplum: MedplumClient,
  actor: string,
  range: Interval,
  ignore: ReadonlySet<string> = new Set()
): Promise<number[]> {
  const found = await call(() =>
    medplum.searchResources(
      'Appointment',
      [
        ['actor', actor],
        ['date', `ge${formatUtc(range.start)}`],
        ['date', `lt${formatUtc(range.end)}`],
        ['_count', '1000'],
      ],
      { cache: 'no-cache' }
    )
  );
  return found
    .filter((a: Appointment) => holdsSlots(a.status) && !ignore.has(a.id ?? ''))
    .map((a) => Date.parse(a.start ?? ''))
    .filter(Number.isFinite);
}

/** An actor's load with its name in words (read only when a limit is reached, for the message). */
export async function namedLoad(
  medplum: MedplumClient,
  actor: string,
  load: Omit<ActorLoad, 'name'>
): Promise<ActorLoad> {
  const resource = await readActor(medplum, actor);
  return { ...load, name: nameOf(resource, actor) };
}

async function readActor(medplum: MedplumClient, reference: string): Promise<Resource | undefined> {
  try {
    return await medplum.readReference({ reference });
  } catch {
    return undefined; // unreadable: the reference stands for it
  }
}

/** A practitioner's, location's or device's name in words, else `fallback`. */
export function nameOf(resource: Resource | undefined, fallback: string): string {
  if (!resource) {
    return fallback;
  }
  const name = (resource as { name?: HumanName[] | string }).name;
  if (typeof name === 'string') {
    return name;
  }
  const human = name?.[0];
  return human ? formatHumanName(human) : `${resource.resourceType}/${resource.id}`;
}
