/**
 * Small pieces the bots share: reading settings from project secrets, and the resume input a bot sends itself.
 */
import type { ProjectSetting, Parameters, Resource } from '@medplum/fhirtypes';
import { DEFAULT_LIMITS, type Limits } from '../availability';

export interface BotSettings {
  readonly budgetMs: number;
  /** Writes beyond which the bot hands them to asynchronous batch jobs. */
  readonly asyncOver: number;
  readonly maxAttempts: number;
  readonly limits: Limits;
}

/**
 * Settings from the bot's project secrets, with defaults.
 *
 * @example
 * botSettings(event.secrets).budgetMs; // 8000 unless SLOT_SYNC_BUDGET_SECONDS is set
 */
export function botSettings(secrets: Record<string, ProjectSetting> | undefined): BotSettings {
  const number = (name: string, fallback: number): number => {
    const setting = secrets?.[name];
    const raw =
      setting?.valueInteger ??
      setting?.valueDecimal ??
      (setting?.valueString ? Number(setting.valueString) : undefined);
    return typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : fallback;
  };
  return {
    budgetMs: number('SLOT_SYNC_BUDGET_SECONDS', 8) * 1000,
    asyncOver: number('SLOT_SYNC_ASYNC_OVER', 300),
    maxAttempts: number('SLOT_SYNC_MAX_ATTEMPTS', 10),
    limits: {
      maxHorizonDays: number('SLOT_MAX_HORIZON_DAYS', DEFAULT_LIMITS.maxHorizonDays),
      materializeDays: number('SLOT_MATERIALIZE_DAYS', DEFAULT_LIMITS.materializeDays),
      maxSlots: number('SLOT_MAX_SLOTS', DEFAULT_LIMITS.maxSlots),
    },
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
    const [type, id] = reference?.split('/') ?? [];
    if (type === resourceType && id) {
      return { id, attempt };
    }
  }
  return undefined;
}
