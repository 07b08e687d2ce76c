/**
 * The form's round trip, as a property over stored Schedules: opening the form and saving without changes writes
 * nothing; a single-field edit, saved through the real API client, changes that field of the stored Schedule and
 * nothing else. Stored schedules have any rules the project's builder writes (zone stated or inherited from the
 * actor, buffers present or absent, overnight and all-day hours, closed periods) and any instant text for the
 * horizon and the closed periods (UTC with or without milliseconds, offsets), which must survive verbatim.
 */
import fc from 'fast-check';
import { SchedulingParametersURI } from '@medplum/core';
import type { Extension, Practitioner, Schedule } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { createClinik } from '../../../api/index';
import { buildSchedulingParameters, type AvailabilityInput } from '../../../core/availability/write';
import { createLocalMedplum } from '../../../local';
import { isEmptyPatch, patchOf, type FormState } from '../../../app/src/schedule-form/model';
import { formOf } from '../../../app/src/schedule-form/read';

const medplum = createLocalMedplum({ subscriptions: false });
const clinik = createClinik(medplum);
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const instantText = (ms: number, style: number): string => {
  const iso = new Date(ms).toISOString();
  if (style === 0) return iso; // 2026-11-24T00:00:00.000Z
  if (style === 1) return iso.replace('.000Z', 'Z');
  const shifted = new Date(ms - 5 * 3_600_000).toISOString().slice(0, 19);
  return `${shifted}-05:00`;
};
const instant = fc
  .tuple(fc.integer({ min: Date.parse('2030-01-01'), max: Date.parse('2030-12-01') }), fc.integer({ min: 0, max: 2 }))
  .map(([ms, style]) => ({ ms: ms - (ms % 60_000), style }));

const availability = fc.record({
  timeZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  slotMinutes: fc.integer({ min: 5, max: 120 }),
  bufferBeforeMinutes: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
  bufferAfterMinutes: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
  weekly: fc.array(
    fc
      .record({
        days: fc.subarray([...DAYS], { minLength: 1 }),
        start: time,
        end: time,
        allDay: fc.boolean(),
      })
      .filter((w) => w.allDay || w.start !== w.end) // stored rules are valid ones: equal times are refused
      .map((w) => (w.allDay ? { days: w.days, allDay: true } : { days: w.days, start: w.start, end: w.end })),
    { minLength: 1, maxLength: 3 }
  ),
  closed: fc.array(
    fc
      .tuple(
        instant,
        fc.integer({ min: 1, max: 72 }),
        fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined })
      )
      .map(([start, hours, description]) => ({
        ...(description?.trim() ? { description: description.trim() } : {}),
        start: instantText(start.ms, start.style),
        end: instantText(start.ms + hours * 3_600_000, start.style),
      })),
    { maxLength: 2 }
  ),
});

const storedSchedule = fc.record({
  availability: fc.option(availability, { nil: undefined }),
  horizon: fc.tuple(instant, fc.integer({ min: 1, max: 300 })),
  comment: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  specialty: fc.boolean(),
});

const toggleSunday = (days: FormState['hours'][number]['days']): FormState['hours'][number]['days'] =>
  days.includes('sun') ? (days.length > 1 ? days.filter((d) => d !== 'sun') : ['mon']) : [...days, 'sun'];

type Edit = { field: keyof FormState; apply: (f: FormState) => FormState; changes: string[] };
const EDITS: Edit[] = [
  { field: 'comment', apply: (f) => ({ ...f, comment: `${f.comment}!` }), changes: ['comment'] },
  { field: 'horizonEnd', apply: (f) => ({ ...f, horizonEnd: '2031-06-30' }), changes: ['planningHorizon.end'] },
  { field: 'horizonStart', apply: (f) => ({ ...f, horizonStart: '2029-12-01' }), changes: ['planningHorizon.start'] },
  { field: 'specialty', apply: (f) => ({ ...f, specialty: ['Dermatology'] }), changes: ['specialty'] },
  { field: 'slotMinutes', apply: (f) => ({ ...f, slotMinutes: Number(f.slotMinutes) + 5 }), changes: ['duration'] },
  { field: 'bufferAfter', apply: (f) => ({ ...f, bufferAfter: Number(f.bufferAfter) + 1 }), changes: ['bufferAfter'] },
  {
    field: 'timeZone',
    apply: (f) => ({ ...f, timeZone: f.timeZone === 'Pacific/Auckland' ? 'UTC' : 'Pacific/Auckland' }),
    changes: ['timezone'],
  },
  {
    field: 'hours',
    apply: (f) => ({ ...f, hours: f.hours.map((h, i) => (i === 0 ? { ...h, days: toggleSunday(h.days) } : h)) }),
    changes: ['availability'],
  },
];

/** The stored Schedule without its meta, and its SchedulingParameters as url → sub-extension text. */
function shape(schedule: Schedule): { fields: Record<string, string>; rules: Record<string, string> } {
  const { meta: _meta, extension, planningHorizon, ...rest } = schedule;
  const fields: Record<string, string> = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, JSON.stringify(v)])
  );
  fields['planningHorizon.start'] = JSON.stringify(planningHorizon?.start);
  fields['planningHorizon.end'] = JSON.stringify(planningHorizon?.end);
  const params = extension?.find((e) => e.url === SchedulingParametersURI);
  const rules: Record<string, string> = {};
  (params?.extension ?? []).forEach((e: Extension) => (rules[e.url] = JSON.stringify(e)));
  fields.otherExtensions = JSON.stringify(extension?.filter((e) => e !== params));
  return { fields, rules };
}

function differing(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

describe('the schedule form round trip (property)', () => {
  test('open and save without changes writes nothing; a single-field edit changes only that field', async () => {
    const actor = await medplum.createResource<Practitioner>({
      resourceType: 'Practitioner',
      name: [{ given: ['Ann'], family: 'Lee' }],
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'America/New_York' }],
    });
    await fc.assert(
      fc.asyncProperty(storedSchedule, fc.constantFrom(...EDITS), async (input, edit) => {
        const [start, days] = input.horizon;
        const created = await medplum.createResource<Schedule>({
          resourceType: 'Schedule',
          active: true,
          actor: [{ reference: `Practitioner/${actor.id}` }],
          ...(input.specialty ? { specialty: [{ text: 'Cardiology' }] } : {}),
          planningHorizon: {
            start: instantText(start.ms, start.style),
            end: instantText(start.ms + days * 86_400_000, start.style),
          },
          ...(input.comment !== undefined ? { comment: input.comment } : {}),
          ...(input.availability
            ? { extension: [buildSchedulingParameters(input.availability as AvailabilityInput)] }
            : {}),
        });
        const initial = formOf(created, [actor], 'UTC');
        // Opening and saving without changes: nothing to write.
        expect(patchOf(initial, initial)).toEqual({});
        expect(patchOf(initial, formOf(created, [actor], 'UTC'))).toEqual({});

        const rulesEdit = ['slotMinutes', 'bufferAfter', 'timeZone', 'hours'].includes(edit.field);
        fc.pre(!rulesEdit || input.availability !== undefined);
        // An edit to the value the field already has (a horizon already ending on 30 Jun 2031) is no edit.
        fc.pre(JSON.stringify(edit.apply(initial)[edit.field]) !== JSON.stringify(initial[edit.field]));
        const patch = patchOf(initial, edit.apply(initial));
        expect(isEmptyPatch(patch)).toBe(false);
        const { data: saved } = await clinik.schedules.update(created.id as string, patch, {
          version: created.meta?.versionId as string,
        });
        const before = shape(created);
        const after = shape(saved);
        if (rulesEdit) {
          expect(differing(before.fields, after.fields)).toEqual([]);
          expect(differing(before.rules, after.rules)).toEqual(edit.changes);
        } else {
          expect(differing(before.fields, after.fields)).toEqual(edit.changes);
          expect(after.rules).toEqual(before.rules);
        }
      }),
      { numRuns: 60 }
    );
  });
});
