/**
 * What a schedule sync did, as data (for the bots' callers and the benchmark) and as one line and an
 * OperationOutcome (for logs, the bot's AuditEvents and the slot-sync Task).
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { summaryOutcome } from '../report';
import { issue } from '../../core/fhir';
import type { SlotPlan } from '../../core/slot-plan';

export interface SyncSummary {
  readonly scheduleId: string;
  /** The plan's mode; `deleted`: the Schedule is gone; `busy`: another run holds the lease and applies it. */
  readonly mode: SlotPlan['mode'] | 'deleted' | 'busy';
  /** The Schedule version the run planned from. */
  readonly version?: string;
  readonly created: number;
  readonly cancelled: number;
  readonly kept: number;
  /** Booked Slots outside the schedule's availability (kept, with a reschedule Task). */
  readonly conflicts: number;
  readonly tasks: number;
  readonly withdrawn: number;
  readonly restored: number;
  /** Writes answered 409/412 (the store changed meanwhile; re-read and re-planned). */
  readonly writeConflicts: number;
  /** Writes the server refused for good in the last pass, with the first few reasons. */
  readonly failed: number;
  readonly failures?: readonly string[];
  /** Writes not done yet (quota, time budget): a later run does them. */
  readonly pending: number;
  /** Of those, how many were urgent (slots in the next days, cancels, tasks). */
  readonly urgentPending: number;
  /** The start of the nearest slot still to write. */
  readonly nextPending?: string;
  /** The plan covers the whole horizon (false: a rolling window; later runs extend it). */
  readonly planComplete: boolean;
  /** Every planned write was confirmed by the server. */
  readonly complete: boolean;
  /** Work is left for a later run (quota, time, server unavailable). */
  readonly deferred: boolean;
  readonly requests: number;
  /** Read–plan–write passes made. */
  readonly passes: number;
  readonly stoppedBecause?: string;
  readonly warnings?: readonly OperationOutcomeIssue[];
}

export function emptySummary(scheduleId: string): SyncSummary {
  return {
    scheduleId,
    mode: 'generate',
    created: 0,
    cancelled: 0,
    kept: 0,
    conflicts: 0,
    tasks: 0,
    withdrawn: 0,
    restored: 0,
    writeConflicts: 0,
    failed: 0,
    pending: 0,
    urgentPending: 0,
    planComplete: true,
    complete: true,
    deferred: false,
    requests: 0,
    passes: 0,
  };
}

/** One line describing a summary, for logs and the outcome's text. */
export function describeSummary(s: SyncSummary): string {
  if (s.mode === 'busy') {
    return `Schedule/${s.scheduleId}: another run is syncing it and will apply this change`;
  }
  if (s.mode === 'deleted') {
    return `Schedule/${s.scheduleId} no longer exists; nothing to do`;
  }
  const plan = s.planComplete ? 'plan covers the horizon' : 'plan is a rolling window';
  const next = s.nextPending ? `, next ${s.nextPending}` : '';
  const reason = s.stoppedBecause ? `: ${s.stoppedBecause}` : '';
  const state = s.complete
    ? 'complete'
    : s.deferred
      ? `deferred (${s.pending} pending, ${s.urgentPending} urgent${next}${reason}); continues in a later run`
      : `incomplete (${s.failed} failed${reason})`;
  return (
    `Schedule/${s.scheduleId} [${s.mode}]: created ${s.created}, cancelled ${s.cancelled}, kept ${s.kept}, ` +
    `conflicts ${s.conflicts}, tasks ${s.tasks}, withdrawn ${s.withdrawn}, restored ${s.restored}, ` +
    `failed ${s.failed}; ${state}; ${plan}; ${s.requests} requests`
  );
}

/** The summary with its OperationOutcome: information when complete, a warning when deferred, errors for failures. */
export function summarize(summary: SyncSummary): { summary: SyncSummary; outcome: OperationOutcome } {
  const head = issue(
    summary.complete || summary.mode === 'busy' ? 'information' : 'warning',
    summary.complete || summary.mode === 'busy' ? 'informational' : 'incomplete',
    undefined,
    describeSummary(summary)
  );
  const { warnings, failures, ...data } = summary;
  const details: OperationOutcomeIssue[] = [
    ...(warnings ?? []),
    ...(summary.mode === 'manual'
      ? [
          issue(
            'information',
            'informational',
            'Schedule.extension',
            'No availability rules: a manual schedule, so no slots are generated.'
          ),
        ]
      : []),
    ...(failures ?? []).map((text) => issue('error', 'exception', undefined, text)),
  ];
  return { summary, outcome: summaryOutcome('slot-sync-summary', head, data, details) };
}
