/**
 * Small pieces the bots share: reading settings from project secrets, and the input a bot gets (a resource from a
 * Subscription, a resume Parameters it sent itself, or a cron run's input).
 */
import type { ProjectSetting, Parameters, Resource } from '@medplum/fhirtypes';
import { DEFAULT_LIMITS, type Limits } from '../core/availability/index';
import { referenceId } from '../core/references';
import { DEFAULT_PACING, type PacingSettings } from './transport/pacing';

export interface BotSettings {
  /**
   * Time one run may spend (SLOT_SYNC_BUDGET_SECONDS, default 100: under the schedule bot's 120 s timeout, and
   * longer than a quota window, so that a run can always wait for the next reset instead of ending).
   */
  readonly budgetMs: number;
  /** Self-resumptions of one change (SLOT_SYNC_MAX_ATTEMPTS, default 100); the cron run continues after that. */
  readonly maxAttempts: number;
  /** Slots within this many days are written first, at interactive priority (SLOT_URGENT_DAYS, default 14). */
  readonly urgentDays: number;
  readonly pacing: PacingSettings;
  readonly limits: Limits;
  /** How long a waitlist offer holds its slot (WAITLIST_OFFER_MINUTES, default 240, at most 7 days). */
  readonly waitlistOfferMinutes: number;
}

/**
 * Settings from the bot's project secrets, with defaults.
 *
 * @example
 * botSettings(event.secrets).budgetMs; // 100000 unless SLOT_SYNC_BUDGET_SECONDS is set
 */
export function botSettings(secrets: Record<string, ProjectSetting> | undefined): BotSettings {
  const number = (name: string, fallback: number, max = Number.POSITIVE_INFINITY): number => {
    const setting = secrets?.[name];
    const raw =
      setting?.valueInteger ??
      setting?.valueDecimal ??
      (setting?.valueString ? Number(setting.valueString) : undefined);
    return typeof raw === 'number' && Number.isFinite(raw) && raw > 0 && raw <= max ? raw : fallback;
  };
  return {
    budgetMs: number('SLOT_SYNC_BUDGET_SECONDS', 100) * 1000,
    maxAttempts: number('SLOT_SYNC_MAX_ATTEMPTS', 100),
    urgentDays: number('SLOT_URGENT_DAYS', 14),
    pacing: {
      botQuota: number('SLOT_BOT_FHIR_QUOTA', DEFAULT_PACING.botQuota),
      projectQuota: number('SLOT_PROJECT_FHIR_QUOTA', DEFAULT_PACING.projectQuota),
      projectShare: number('SLOT_PROJECT_QUOTA_SHARE', DEFAULT_PACING.projectShare, 1),
      backgroundShare: number('SLOT_BACKGROUND_QUOTA_SHARE', DEFAULT_PACING.backgroundShare, 1),
      reserveMaxPoints: number('SLOT_RESERVE_MAX_POINTS', DEFAULT_PACING.reserveMaxPoints),
    },
    limits: {
      maxHorizonDays: number('SLOT_MAX_HORIZON_DAYS', DEFAULT_LIMITS.maxHorizonDays),
      materializeDays: number('SLOT_MATERIALIZE_DAYS', DEFAULT_LIMITS.materializeDays),
      maxSlots: number('SLOT_MAX_SLOTS', DEFAULT_LIMITS.maxSlots),
    },
    waitlistOfferMinutes: Math.round(number('WAITLIST_OFFER_MINUTES', 240, 7 * 24 * 60)),
  };
}

/** The Parameters a bot sends itself to resume unfinished work. */
export function resumeParameters(resourceType: string, id: string, attempt: number): Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'target', valueReference: { reference: `${resourceType}/${id}` } },
      { name: 'attempt', valueInteger: attempt },
    ],
  };
}

/** What a bot was asked to work on: the resource itself, or a resume Parameters. */
export function resumeTarget(
  input: Resource | undefined,
  resourceType: string
): { id: string; attempt: number } | undefined {
  if (input?.resourceType === resourceType && input.id) {
    return { id: input.id, attempt: 0 };
  }
  if (input?.resourceType === 'Parameters') {
    const reference = input.parameter?.find((p) => p.name === 'target')?.valueReference?.reference;
    const attempt = input.parameter?.find((p) => p.name === 'attempt')?.valueInteger ?? 1;
    const id = referenceId(reference, resourceType);
    if (id) {
      return { id, attempt };
    }
  }
  return undefined;
}

/**
 * Whether the input is a cron run's. Medplum's cron worker passes the Bot resource itself as input (5.0 and 5.1);
 * an empty body is accepted too (a manual `$execute` with nothing).
 */
export function isCronInput(input: unknown): boolean {
  return (
    input === undefined ||
    input === null ||
    input === '' ||
    (typeof input === 'object' &&
      ((input as Resource).resourceType === 'Bot' || Object.keys(input as object).length === 0))
  );
}
