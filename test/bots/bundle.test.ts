import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { buildBots } from '../../deploy/build';
import { readDeployConfig } from '../../deploy/config';
import { emptyMockClient } from '../medplum-setup';
import { createSchedule, eventFor, slotLines } from './support';

type Handler = (medplum: MedplumClient, event: BotEvent) => Promise<OperationOutcome>;
const bundles: Record<string, string> = {};

/** A bot's handler, loaded afresh (so that it sees the test's current clock). */
function bot(name: string): Handler {
  return loadInVm(bundles[name] as string);
}

/**
 * Loads a bundle the way Medplum's `vmcontext` runtime does: the code wrapped after `const exports = {}; const
 * module = {exports};`, in a new context holding only the globals that runtime provides (no timers, no
 * structuredClone, no WebSocket, no crypto).
 */
function loadInVm(code: string): Handler {
  const sandbox = {
    console,
    fetch,
    require: () => {
      throw new Error('the bundle must not require anything');
    },
    TextDecoder,
    TextEncoder,
    ReadableStream,
    WritableStream,
    TransformStream,
    URL,
    URLSearchParams,
    Headers,
    Request,
    Response,
    Date, // the test's (fake) clock; the runtime's own Date is the real one
  };
  const wrapped = `const exports = {};\nconst module = { exports };\n${code}\n;exports.handler;`;
  return runInNewContext(wrapped, sandbox) as Handler;
}

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'bots-'));
  const bots = readDeployConfig().bots.map((b) => ({ ...b, dist: join(out, `${b.name}.js`) }));
  await buildBots(bots);
  for (const b of bots) {
    bundles[b.name] = readFileSync(b.dist, 'utf8');
  }
}, 60_000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
});
afterEach(() => vi.useRealTimers());

describe('the bundled bots (one CommonJS file each, run in a vm context)', () => {
  test('the schedule bot bundle generates slots', async () => {
    const medplum = emptyMockClient();
    const schedule = await createSchedule(
      medplum,
      { timeZone: 'Australia/Sydney', slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
      { start: '2025-03-03T00:00:00+11:00', end: '2025-03-04T00:00:00+11:00' }
    );
    const result = await bot('schedule-slots')(medplum, eventFor(schedule));
    expect(result.issue[0]?.details?.text).toMatch(/created 2/);
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00+11:00/2025-03-03T09:30:00+11:00 free',
      '2025-03-03T09:30:00+11:00/2025-03-03T10:00:00+11:00 free',
    ]);
  });

  test('the booking bot bundle makes a slot and books it, and answers a refusal as data', async () => {
    const medplum = emptyMockClient();
    const schedule = await medplum.createResource({
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: 'Practitioner/p1' }],
    });
    const patient = await medplum.createResource({ resourceType: 'Patient', name: [{ family: 'Doe' }] });
    const booking = bot('booking') as unknown as (m: MedplumClient, e: BotEvent) => Promise<Record<string, unknown>>;
    const call = (input: unknown): Promise<Record<string, unknown>> =>
      booking(medplum, { bot: { reference: 'Bot/b' }, contentType: 'application/json', input, secrets: {} });
    const times = { start: '2025-03-03T09:00:00Z', end: '2025-03-03T09:30:00Z' };
    const made = await call({ action: 'slots.create', input: { scheduleId: schedule.id, ...times } });
    expect(made).toMatchObject({ ok: true, resource: { resourceType: 'Slot', status: 'free' } });
    const slotId = (made.resource as { id: string }).id;
    const booked = await call({ action: 'book', input: { slotId, patientId: patient.id } });
    expect(booked).toMatchObject({ ok: true, resource: { resourceType: 'Appointment', status: 'booked' } });
    expect((await medplum.readResource('Slot', slotId)).status).toBe('busy');
    const again = await call({ action: 'book', input: { slotId, patientId: patient.id } });
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  test('the bundles report a deleted resource as nothing to do (errors read structurally across copies of core)', async () => {
    const medplum = emptyMockClient();
    const gone = await bot('schedule-slots')(medplum, eventFor({ resourceType: 'Schedule', id: 'gone', actor: [] }));
    expect(gone.issue.some((i) => /no longer exists/.test(i.details?.text ?? ''))).toBe(true);
    const none = await bot('appointment-slots')(
      medplum,
      eventFor({ resourceType: 'Appointment', id: 'gone', status: 'booked', participant: [] })
    );
    expect(none.issue.some((i) => /no longer exists/.test(i.details?.text ?? ''))).toBe(true);
  });
});
