/**
 * An override of the booking rules: who may, and the trace it leaves.
 *
 * - **Who.** A member of the project's "Scheduling supervisors" Group (identifier {@link SUPERVISORS_IDENTIFIER},
 *   made by the deploy command; its members are edited by project admins in Medplum's app: the front desk's
 *   AccessPolicy can read Groups but not write them). When the booking operation runs for a front desk, the Bot
 *   checks the caller Medplum names (`event.requester`), never anything the caller sends. A project admin bound by
 *   no AccessPolicy, who could write any Slot directly, may override when it calls the API directly.
 * - **The trace.** A Provenance on the Appointment (and the version written, as `entity`): who (`agent.who`), when (`recorded`),
 *   which rules (`reason.coding`, system {@link BOOKING_RULE_SYSTEM}) and why (`reason.text`, the user's words), and a
 *   tag on the Appointment ({@link OVERRIDDEN_TAG}) so that lists can mark it without reading Provenance.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import { getReferenceString } from '@medplum/core';
import type { Appointment, Coding, Provenance, Reference } from '@medplum/fhirtypes';
import { issue, outcome, PRODUCT_URI, SUPERVISORS_IDENTIFIER } from '../../core/fhir';
import { type Breach, ruleCoding, RULE_NAMES } from '../../core/rules/breaches';
import { formatUtc } from '../../core/time';
import { call, ClinikError } from '../errors';
import type { OverrideInput } from '../types';

export { SUPERVISORS_IDENTIFIER };

/** Marks an Appointment booked, moved or cancelled past a rule (details in its Provenance). */
export const OVERRIDDEN_TAG: Readonly<Coding> = Object.freeze({
  system: `${PRODUCT_URI}/CodeSystem/booking-flag`,
  code: 'rule-overridden',
  display: 'Booked past a rule',
});

/** Marks a cancellation made within the change cut-off (for late-cancellation reports: `_tag=…|late-cancellation`). */
export const LATE_CANCELLATION_TAG: Readonly<Coding> = Object.freeze({
  system: `${PRODUCT_URI}/CodeSystem/booking-flag`,
  code: 'late-cancellation',
  display: 'Late cancellation',
});

const OVERRIDE_ACTIVITY: Coding = { system: `${PRODUCT_URI}/CodeSystem/booking-activity`, code: 'rule-override' };

/** Who is calling, and whether the client itself may override (a project admin bound by no AccessPolicy). */
export interface Caller {
  /** The user the call is made for: the booking Bot's `event.requester`, or the client's own profile. */
  readonly requester?: Reference;
  /** Whether the client is a project admin bound by no AccessPolicy calling directly. */
  readonly unrestricted: boolean;
}

/**
 * Lets breaches through only with an override the caller may make, or throws the refusal naming each rule: 409
 * without an override, 400 without a reason, 403 for a caller who is not a supervisor.
 */
export async function allowBreaches(
  medplum: MedplumClient,
  breaches: readonly Breach[],
  override: OverrideInput | undefined,
  caller: Caller
): Promise<void> {
  if (breaches.length === 0) {
    return;
  }
  const hint = ' A scheduling supervisor may override it, with a reason.';
  if (override === undefined) {
    const last = breaches.length - 1; // the hint once, after the last rule
    throw new ClinikError(outcome(breaches.map((b, i) => ruleIssue(b, i === last ? `${b.text}${hint}` : b.text))), 409);
  }
  if (typeof override?.reason !== 'string' || !override.reason.trim()) {
    throw new ClinikError(
      outcome([issue('error', 'required', 'override.reason', 'An override needs a reason, in words.')]),
      400
    );
  }
  if (!(await maySupervise(medplum, caller))) {
    const names = uniqueRules(breaches)
      .map((rule) => RULE_NAMES[rule])
      .join(', ');
    throw new ClinikError(
      outcome(
        breaches.map((b) =>
          ruleIssue(b, `${b.text} Only a scheduling supervisor may override ${names}.`, 'forbidden', 'override')
        )
      ),
      403
    );
  }
}

function ruleIssue(breach: Breach, text: string, code: 'business-rule' | 'forbidden' = 'business-rule', at = 'slotId') {
  return { ...issue('error', code, at, text), details: { coding: [ruleCoding(breach.rule)], text } };
}

/** Throws a 403 at `field` unless the caller may supervise. */
export async function requireSupervisor(
  medplum: MedplumClient,
  caller: Caller,
  field: string,
  text: string
): Promise<void> {
  if (!(await maySupervise(medplum, caller))) {
    throw new ClinikError(outcome([issue('error', 'forbidden', field, text)]), 403);
  }
}

/**
 * Whether a user may override booking rules and change them (a member of the supervisors Group). The app asks it
 * to offer the override; the booking Bot decides.
 *
 * @example
 * const canOverride = await isSupervisor(medplum, { reference: 'Practitioner/123' });
 */
export function isSupervisor(medplum: MedplumClient, user: Reference): Promise<boolean> {
  return maySupervise(medplum, { requester: user, unrestricted: false });
}

/** The Provenance of the overrides of an Appointment, newest first. */
export async function overridesOf(medplum: MedplumClient, appointmentId: string): Promise<WithId<Provenance>[]> {
  const found = await call(() =>
    medplum.searchResources(
      'Provenance',
      { target: `Appointment/${appointmentId}`, _sort: '-recorded' },
      { cache: 'no-cache' }
    )
  );
  return found.filter((p) => p.activity?.coding?.some((c) => c.code === OVERRIDE_ACTIVITY.code));
}

async function maySupervise(medplum: MedplumClient, caller: Caller): Promise<boolean> {
  if (caller.unrestricted) {
    return true;
  }
  const who = caller.requester?.reference;
  if (!who) {
    return false;
  }
  const groups = await call(() =>
    medplum.searchResources(
      'Group',
      { identifier: `${SUPERVISORS_IDENTIFIER.system}|${SUPERVISORS_IDENTIFIER.value}`, member: who },
      { cache: 'no-cache' }
    )
  );
  return groups.some((group) => group.member?.some((m) => m.entity.reference === who && !m.inactive));
}

/**
 * Records an override: a Provenance on the Appointment version written, naming who, when, the rules and why.
 *
 * @example
 * await recordOverride(medplum, appointment, breaches, { reason: 'Urgent follow-up' }, caller, now);
 */
export async function recordOverride(
  medplum: MedplumClient,
  appointment: WithId<Appointment>,
  breaches: readonly Breach[],
  override: OverrideInput,
  caller: Caller,
  now: number
): Promise<WithId<Provenance>> {
  // The target is the Appointment itself, so that `Provenance?target=Appointment/<id>` finds it on every server; the
  // version written is named beside it (`entity`, role `revision`).
  const version = appointment.meta?.versionId;
  const revision = version
    ? [{ role: 'revision' as const, what: { reference: `${getReferenceString(appointment)}/_history/${version}` } }]
    : [];
  return call(() =>
    medplum.createResource<Provenance>({
      resourceType: 'Provenance',
      target: [{ reference: getReferenceString(appointment) }],
      ...(revision.length > 0 ? { entity: revision } : {}),
      recorded: formatUtc(now),
      activity: { coding: [OVERRIDE_ACTIVITY], text: 'Booking rule overridden' },
      agent: [
        {
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' }],
          },
          who: (caller.requester ?? { display: 'Project administrator' }) as Provenance['agent'][number]['who'],
        },
      ],
      reason: [{ coding: uniqueRules(breaches).map(ruleCoding), text: override.reason.trim() }],
      extension: breaches.map((b) => ({
        url: `${PRODUCT_URI}/StructureDefinition/overridden-rule`,
        valueString: b.text,
      })),
    })
  );
}

/** Each rule once (a daily limit reached by a practitioner and a room is one rule overridden). */
function uniqueRules(breaches: readonly Breach[]): Breach['rule'][] {
  return [...new Set(breaches.map((b) => b.rule))];
}
