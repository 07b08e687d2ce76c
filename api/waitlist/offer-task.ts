/**
 * A waitlist offer on the worklist: one Task per offer (keyed by its hold Appointment, so a second run never makes a
 * second), `requested` while the slot is held, `completed` when the patient accepted, `cancelled` when the offer was
 * declined or lapsed. Its description says it all: "Offer Tue 8 Dec 2026, 10:00 (UTC−05:00) to Pat Doe, held until
 * Tue 8 Dec 2026, 14:00 (UTC−05:00)".
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, ServiceRequest, Task } from '@medplum/fhirtypes';
import { describeInstant } from '../../core/describe';
import { PRODUCT_URI } from '../../core/fhir';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { formatInstant } from '../../core/time';
import { createIfNoneExist, updateConverging } from '../../engine/transport/conditional-write';

/** The worklist code of an offer. */
export const OFFER_TASK_CODE = 'waitlist-offer';
/** Identifier system of offer Tasks; the value is the hold Appointment's id. */
const KEY = `${PRODUCT_URI}/waitlist-offer`;

/**
 * Puts an offer on the worklist (once per hold).
 *
 * @example
 * await raiseOfferTask(medplum, entry, hold, 'Pat Doe', 'America/New_York', expiresAt);
 */
export async function raiseOfferTask(
  medplum: MedplumClient,
  entry: WithId<ServiceRequest>,
  hold: WithId<Appointment>,
  patientName: string,
  zone: string,
  expiresAt: number
): Promise<void> {
  const when = describeInstant(formatInstant(Date.parse(hold.start ?? ''), zone)) ?? hold.start;
  const until = describeInstant(formatInstant(expiresAt, zone)) ?? new Date(expiresAt).toISOString();
  const task: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: entry.priority === 'routine' || !entry.priority ? 'routine' : entry.priority,
    code: { coding: [{ system: TASK_TYPE_SYSTEM, code: OFFER_TASK_CODE, display: 'Waitlist offer' }] },
    identifier: [{ system: KEY, value: hold.id }],
    description: `Offer ${when} to ${patientName}, held until ${until}`,
    focus: { reference: `Appointment/${hold.id}` },
    for: entry.subject,
    basedOn: [{ reference: `ServiceRequest/${entry.id}` }],
    restriction: { period: { end: new Date(expiresAt).toISOString() } },
    authoredOn: new Date().toISOString(),
  };
  await createIfNoneExist({ medplum }, task, `identifier=${KEY}|${hold.id}`);
}

/**
 * Closes an offer's Task: `completed` (accepted) or `cancelled` (declined, lapsed), with a note.
 *
 * @example
 * await closeOfferTask(medplum, holdId, 'cancelled', 'Offer expired');
 */
export async function closeOfferTask(
  medplum: MedplumClient,
  holdId: string,
  status: 'completed' | 'cancelled',
  note: string
): Promise<void> {
  const [task] = await medplum.searchResources('Task', { identifier: `${KEY}|${holdId}` }, { cache: 'no-cache' });
  if (!task || task.status === 'completed' || task.status === 'cancelled') return;
  await updateConverging({ medplum }, task, (latest) =>
    latest.status === 'completed' || latest.status === 'cancelled'
      ? undefined
      : { ...latest, status, statusReason: { text: note } }
  );
}
