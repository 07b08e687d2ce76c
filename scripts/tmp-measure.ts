import { handler } from '/work/main/bots/schedule-slots';
import { emptyMockClient } from '/work/main/test/medplum-setup';
import { withAvailability } from '/work/main/core/scheduling-parameters';
const medplum = emptyMockClient();
const real = Date.now;
const start2025 = Date.parse('2025-01-01T00:00:00-05:00');
const offset = start2025 - real();
Date.now = () => real() + offset;
let requests = 0;
for (const m of ['executeBatch','searchResources','readResource','readReference'] as const) { const o = (medplum as any)[m].bind(medplum); (medplum as any)[m] = (...a: any[]) => { requests++; return o(...a); }; }
const schedule = await medplum.createResource(withAvailability({ resourceType: 'Schedule', active: true, actor: [{ reference: 'Practitioner/p' }], planningHorizon: { start: '2025-01-01T00:00:00-05:00', end: '2026-01-01T00:00:00-05:00' } }, { timeZone: 'America/New_York', slotMinutes: 15, weekly: [{ days: ['mon','tue','wed','thu','fri'], start: '08:00', end: '18:00' }] }));
let t = performance.now();
const r = await handler(medplum, { bot: { reference: 'Bot/b' }, contentType: 'application/fhir+json', input: schedule, secrets: { SLOT_SYNC_BUDGET_SECONDS: { name: 'x', valueInteger: 600 } } });
console.log(r.issue[0].details.text, 'requests', requests, 'ms', (performance.now() - t).toFixed(0));
requests = 0; t = performance.now();
const r2 = await handler(medplum, { bot: { reference: 'Bot/b' }, contentType: 'application/fhir+json', input: schedule, secrets: {} });
console.log(r2.issue[0].details.text, 'requests', requests, 'ms', (performance.now() - t).toFixed(0));
