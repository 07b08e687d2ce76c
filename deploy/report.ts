/**
 * What a deploy reports: one action per piece found, created, updated or deployed, and the error that carries the
 * actions done before a failure.
 */

export interface DeployAction {
  /** `info` and `warn` report what was found; they change nothing. */
  readonly change: 'create' | 'update' | 'deploy' | 'delete' | 'unchanged' | 'info' | 'warn';
  readonly target: string;
  readonly detail?: string;
}

/** Records one action (in the deploy's list, and to its log). */
export type Recorder = (action: DeployAction) => void;

/** Thrown when a step fails: carries what was already done, so that nothing half-deployed goes unreported. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly done: readonly DeployAction[],
    options?: ErrorOptions
  ) {
    super(message, options);
  }
}
