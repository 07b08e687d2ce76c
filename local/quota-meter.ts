/**
 * Medplum's FHIR quota as the simulated server (./server-sim.ts) keeps it: points per membership and per project, in
 * fixed windows that start at the first request. On 5.0 the project limit a member sees is 10× that member's own (so
 * a raised bot quota can starve everyone else); on 5.1 it is the project's total.
 */
import type { Clock } from '../engine/transport/clock';

export type ServerVersion = '5.0' | '5.1';

export interface QuotaSimulation {
  /** Points per minute of a membership without its own quota (Medplum's default 50,000). */
  readonly userQuota: number;
  /** Points per minute per membership, by membership name ('api', 'bot:schedule-slots', …). */
  readonly memberQuota?: Readonly<Record<string, number>>;
  /** The project's total per minute (5.1; on 5.0 each member sees 10× its own). Default 10 × userQuota. */
  readonly projectQuota?: number;
  /** The quota window (default 60,000 ms). */
  readonly windowMs?: number;
}

interface Window {
  start: number;
  used: number;
}

export interface QuotaMeter {
  /** Charges points; false (the points still count, as Medplum's limiter counts them) when over a limit. */
  charge(member: string, points: number): boolean;
  /** The `RateLimit` header value a response to this member carries, or undefined without a quota. */
  header(member: string): string | undefined;
  /** Milliseconds until this member's windows reset. */
  resetMs(member: string): number;
  /** The member's own limit, points per window. */
  memberLimit(member: string): number;
}

/**
 * @example
 * const meter = createQuotaMeter(clock, { userQuota: 50_000 }, '5.1', stats.points);
 * if (!meter.charge('api', 20)) { … 429 … }
 */
export function createQuotaMeter(
  clock: Clock,
  quota: QuotaSimulation | undefined,
  version: ServerVersion | undefined,
  /** Points used per membership in all windows (updated on every charge). */
  points: Record<string, number>
): QuotaMeter {
  const windows = new Map<string, Window>();
  const windowMs = quota?.windowMs ?? 60_000;
  const memberLimit = (member: string): number => quota?.memberQuota?.[member] ?? quota?.userQuota ?? Infinity;
  const projectLimit = (member: string): number =>
    version === '5.0' ? 10 * memberLimit(member) : (quota?.projectQuota ?? 10 * (quota?.userQuota ?? Infinity));
  const window = (key: string): Window => {
    const now = clock.now();
    let current = windows.get(key);
    if (!current || now >= current.start + windowMs) {
      current = { start: now, used: 0 };
      windows.set(key, current);
    }
    return current;
  };
  return {
    memberLimit,
    charge(member, cost) {
      if (!quota) {
        return true;
      }
      const mine = window(`member:${member}`);
      const project = window('project');
      if (mine.used >= memberLimit(member) || project.used >= projectLimit(member)) {
        return false; // already blocked: refused without counting
      }
      mine.used += cost;
      project.used += cost;
      points[member] = (points[member] ?? 0) + cost;
      return mine.used <= memberLimit(member) && project.used <= projectLimit(member);
    },
    header(member) {
      if (!quota) {
        return undefined;
      }
      const mine = window(`member:${member}`);
      const project = window('project');
      const remaining = Math.max(0, Math.min(memberLimit(member) - mine.used, projectLimit(member) - project.used));
      const resetAt = Math.min(mine.start, project.start) + windowMs;
      return `"fhirInteractions";r=${Math.floor(remaining)};t=${Math.ceil(Math.max(0, resetAt - clock.now()) / 1000)}`;
    },
    resetMs(member) {
      return Math.max(0, Math.min(window(`member:${member}`).start, window('project').start) + windowMs - clock.now());
    },
  };
}
