/**
 * The options of a deploy: the target project, what to deploy and how.
 */
import type { BotConfig } from './config';
import type { DeployAction } from './report';

export interface DeployOptions {
  readonly projectId: string;
  readonly dryRun?: boolean;
  /** The bundled code of a bot. */
  readonly codeFor: (bot: BotConfig) => string;
  /** Where the built app is hosted (https://…); when set, its ClientApplication is registered for SMART launch. */
  readonly appUrl?: string;
  /** FHIR quota points per minute for each bot's membership (UserConfiguration `fhirQuota`); unset leaves it. */
  readonly fhirQuota?: number;
  /** The project's total FHIR quota per minute, told to the bots so that they keep within their share of it. */
  readonly projectFhirQuota?: number;
  readonly log?: (action: DeployAction) => void;
}
