/**
 * `slots.find` offers only times a booking could take: not inside a schedule's minimum notice, not beyond its
 * booking window, not on a day or in a week where one of its actors has reached a limit. What is left out is said,
 * once per reason, in words ("Daily limit: Dr. Alice Jones has 12 of 12 appointments on Tue 8 Dec.").
 * One search per actor with a limit, over the weeks the page covers; nothing for schedules without rules.
 */
import type { MedplumClient } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { type BookingRules, readBookingRules } from '../../core/rules/booking-rules';
import { type Breach, limitBreaches, localDay, localWeek, timingBreaches } from '../../core/rules/breaches';
import { slotInterval } from '../../core/slot-diff';
import type { FoundSlot } from '../types';
import { dayLabel } from './enforce';
import { liveStarts, nameOf, scheduleZone } from './load';

/** The found slots a booking could take, and the reasons the others were left out. */
export async function withinRules(
  medplum: MedplumClient,
  found: readonly FoundSlot[],
  now: number
): Promise<{ kept: FoundSlot[]; leftOut: Breach[] }> {
  const leftOut = new Map<string, Breach>();
  const starts = new Map<string, number[]>(); // every live appointment start per limited actor
  const kept: FoundSlot[] = [];
  for (const item of found) {
    const rules = readBookingRules(item.schedule);
    const start = slotInterval(item.slot)?.start;
    if (start === undefined || Object.keys(rules).length === 0) {
      kept.push(item);
      continue;
    }
    const breaches = timingBreaches(rules, start, now);
    if (breaches.length === 0 && (rules.dailyLimit !== undefined || rules.weeklyLimit !== undefined)) {
      breaches.push(...(await limitsAt(medplum, item, rules, start, starts, found)));
    }
    breaches.forEach((b) => leftOut.set(b.text, b));
    if (breaches.length === 0) {
      kept.push(item);
    }
  }
  return { kept, leftOut: [...leftOut.values()] };
}

async function limitsAt(
  medplum: MedplumClient,
  item: FoundSlot,
  rules: BookingRules,
  start: number,
  starts: Map<string, number[]>,
  found: readonly FoundSlot[]
): Promise<Breach[]> {
  const zone = await scheduleZone(medplum, item.schedule, item.actors);
  const day = localDay(start, zone);
  const week = localWeek(start, zone);
  const breaches: Breach[] = [];
  for (const actor of (item.schedule.actor ?? []).map((a) => a.reference ?? '').filter(Boolean)) {
    let known = starts.get(actor);
    if (!known) {
      known = await liveStarts(medplum, actor, weeksOf(found, zone));
      starts.set(actor, known);
    }
    const load = {
      name: nameOf(item.actors.find((r) => `${r.resourceType}/${r.id}` === actor) as Resource | undefined, actor),
      day: known.filter((s) => s >= day.start && s < day.end).length,
      week: known.filter((s) => s >= week.start && s < week.end).length,
    };
    breaches.push(...limitBreaches(rules, load, dayLabel(start, zone)));
  }
  return breaches;
}

/** The local weeks (in `zone`) that hold the found slots, as one range. */
function weeksOf(found: readonly FoundSlot[], zone: string): { start: number; end: number } {
  const times = found.map((f) => slotInterval(f.slot)?.start).filter((t): t is number => t !== undefined);
  const margin = 86_400_000; // schedules of one actor may count in zones a day apart
  return {
    start: localWeek(Math.min(...times), zone).start - margin,
    end: localWeek(Math.max(...times), zone).end + margin,
  };
}
