/**
 * The next free slots to offer instead of one: same service type or specialty, the same practitioner first, then
 * anyone else, nearest first (one `slots.find` per group).
 */
import type { Schedule } from '@medplum/fhirtypes';
import type { Clinik, FoundSlot } from '../../../api/index';

const DAY = 86_400_000;

function firstText(concepts: Schedule['specialty']): string | undefined {
  const c = concepts?.[0];
  return c?.text ?? c?.coding?.[0]?.display ?? undefined;
}

export interface AlternativesInput {
  readonly schedule: Schedule;
  /** Offer slots starting at or after this instant (epoch ms). */
  readonly from: number;
  readonly count?: number;
  /** Slots not to offer (the one that was taken, the appointment's own). */
  readonly exclude?: ReadonlySet<string>;
  /** How far ahead to look, in days (default 60). */
  readonly days?: number;
}

/**
 * @example
 * const options = await nextFreeSlots(clinik, { schedule, from: Date.now(), count: 5 });
 */
export async function nextFreeSlots(clinik: Clinik, input: AlternativesInput): Promise<FoundSlot[]> {
  const count = input.count ?? 5;
  const from = new Date(Math.max(input.from, Date.now())).toISOString();
  const to = new Date(Math.max(input.from, Date.now()) + (input.days ?? 60) * DAY).toISOString();
  const specialty = firstText(input.schedule.specialty);
  const serviceType = specialty ? undefined : firstText(input.schedule.serviceType);
  const codes = { ...(specialty ? { specialty } : {}), ...(serviceType ? { serviceType } : {}) };
  const practitioner = input.schedule.actor?.find((a) => a.reference?.startsWith('Practitioner/'))?.reference;
  const groups = await Promise.all([
    practitioner ? clinik.slots.find({ ...codes, actorId: practitioner, from, to, count }) : { data: [] },
    clinik.slots.find({ ...codes, from, to, count: count * 2 }),
  ]);
  const seen = new Set(input.exclude ?? []);
  const result: FoundSlot[] = [];
  for (const found of [...groups[0].data, ...groups[1].data]) {
    if (!seen.has(found.slot.id) && result.length < count) {
      seen.add(found.slot.id);
      result.push(found);
    }
  }
  return result;
}
