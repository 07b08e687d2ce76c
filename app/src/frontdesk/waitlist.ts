/**
 * The waitlist in words: each entry's patient, what they wait for ("Follow-up visit · Dr. Emma Brown · Tue, Thu ·
 * 09:00–12:00 · Thu 3 Dec 2026 → Thu 31 Dec 2026"), its priority, since when, and its offer (the held time in its
 * schedule's zone and until when it is held). Names and schedules are read once each.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import type { Clinik, WaitlistEntry } from '../../../api/index';
import { HOLD_EXPIRES_EXTENSION_URL } from '../../../api/index';
import { describeDays } from '../../../core/describe';
import { readWish, type WaitlistWish } from '../../../core/waitlist';
import { displayName } from '../actors';
import { clockTime, formatDate, formatDateTime, formatRange } from '../format';
import { browserZone, scheduleZone } from './zone';

export interface WaitlistRow {
  readonly entry: WaitlistEntry;
  readonly patient: string;
  readonly wish: string;
  readonly priority: string;
  readonly since: string;
  /** The held time and until when, in the schedule's zone. */
  readonly offer?: { readonly when: string; readonly until: string; readonly practitioner: string };
}

const PRIORITY: Record<WaitlistWish['priority'], string> = {
  stat: 'Immediately',
  asap: 'As soon as possible',
  urgent: 'Urgent',
  routine: 'Routine',
};

/**
 * Loads the waitlist (active entries, or all), in offer order, in words.
 *
 * @example
 * const rows = await loadWaitlist(clinik, medplum, 'active');
 */
export async function loadWaitlist(
  clinik: Clinik,
  medplum: MedplumClient,
  status: 'active' | 'all'
): Promise<WaitlistRow[]> {
  const { data } = await clinik.waitlist.list({ status });
  const name = (ref: string | undefined, fallback: string): Promise<string> =>
    ref
      ? medplum
          .readReference({ reference: ref })
          .then((r) => displayName(r as Resource, fallback))
          .catch(() => fallback)
      : Promise.resolve(fallback);
  return Promise.all(
    data.map(async (entry) => {
      const wish = readWish(entry.request);
      const practitioner = await name(wish.practitioner ?? wish.location, '');
      return {
        entry,
        patient: await name(wish.patient, 'Unknown patient'),
        wish: describeWish(wish, practitioner),
        priority: PRIORITY[wish.priority],
        since: wish.addedAt ? formatDate(wish.addedAt, browserZone()) : '—',
        ...(entry.offer ? { offer: await describeOffer(medplum, entry.offer, name) } : {}),
      };
    })
  );
}

/**
 * What an entry waits for, in words.
 *
 * @example
 * describeWish(wish, 'Dr. Emma Brown'); // 'Follow-up visit · Dr. Emma Brown · Tue, Thu · 09:00–12:00'
 */
export function describeWish(wish: WaitlistWish, practitioner: string): string {
  const zone = browserZone();
  const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const parts = [
    wish.visitType?.text ?? wish.visitType?.coding?.[0]?.display ?? 'Any visit',
    practitioner || 'any practitioner',
    wish.days?.length ? describeDays(wish.days) : '',
    wish.hours ? `${clockTime(minutes(wish.hours.start))}–${clockTime(minutes(wish.hours.end))}` : '',
    wish.from || wish.to
      ? `${wish.from ? formatDate(wish.from, zone) : 'now'} → ${wish.to ? formatDate(Date.parse(wish.to) - 1, zone) : 'open'}`
      : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

async function describeOffer(
  medplum: MedplumClient,
  hold: WithId<Appointment>,
  name: (ref: string | undefined, fallback: string) => Promise<string>
): Promise<WaitlistRow['offer']> {
  const slot = await medplum.readReference<Slot>({ reference: hold.slot?.[0]?.reference ?? '' }).catch(() => undefined);
  const schedule = slot ? await medplum.readReference<Schedule>(slot.schedule).catch(() => undefined) : undefined;
  const zone = scheduleZone(schedule);
  const expires = hold.extension?.find((e) => e.url === HOLD_EXPIRES_EXTENSION_URL)?.valueInstant;
  const actor = hold.participant.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor?.reference;
  return {
    when: formatRange(hold.start ?? '', hold.end ?? '', zone),
    until: expires ? formatDateTime(expires, zone) : '—',
    practitioner: await name(actor, ''),
  };
}
