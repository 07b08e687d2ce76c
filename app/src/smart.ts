/**
 * SMART App Launch 2.0 (EHR launch, and standalone launch) for the app, with PKCE (S256):
 * 1. Medplum opens the launch URL with `iss` (its FHIR base) and `launch`; the app refuses any `iss` that is not the
 *    configured Medplum server (a token is never sent to an unknown server), reads the server's
 *    `.well-known/smart-configuration`, and redirects to its authorization endpoint with a fresh `state` and PKCE
 *    challenge, keeping the verifier in sessionStorage.
 * 2. The server redirects back with `code` and `state`; the app checks the state, exchanges the code (with the
 *    verifier) at the token endpoint, and opens on the schedules screen with the launch context as a starting filter.
 */

/** The scopes the app asks for: exactly what its screens do, and the launch context. */
export const SMART_SCOPES = [
  'launch', // the EHR launch context (who and what the clinician opened the app on)
  'openid',
  'fhirUser', // the signed-in clinician
  'user/Schedule.crus', // search, view, create and edit schedules (deactivation is an edit)
  'user/Slot.rs', // the calendar (slots are written by the booking operation and the bots, never by the app)
  'user/Appointment.rs', // who booked a slot (booking, holding, cancelling and moving go through the operation)
  'user/Task.rus', // the reschedule worklist, marking a task done
  'user/Bot.rs', // the booking operation (Bot/$execute): Medplum reads the Bot as the user before running it
  'user/Practitioner.rs', // actors: names and the actor filter
  'user/Location.rs',
  'user/PractitionerRole.rs',
  'user/HealthcareService.rs',
  'user/Patient.rs', // the patient of a booked slot; the booking panel's patient search
].join(' ');

const PENDING_KEY = 'smart-launch-pending';
/** A launch not completed within this time is expired. */
const PENDING_TTL_MS = 10 * 60_000;

export class LaunchError extends Error {
  constructor(
    message: string,
    readonly kind: 'unknown-iss' | 'denied' | 'expired' | 'discovery' | 'token'
  ) {
    super(message);
    this.name = 'LaunchError';
  }
}

export interface SmartConfiguration {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
}

interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly iss: string;
  readonly tokenEndpoint: string;
  readonly redirectUri: string;
  readonly created: number;
}

export interface LaunchResult {
  readonly iss: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
  /** Launch context: e.g. `{ patient: 'p1' }`, `{ practitioner: 'x' }`, `{ location: 'y' }`, `fhirUser`. */
  readonly context: Readonly<Record<string, string>>;
}

export interface SmartDeps {
  readonly fetch: typeof fetch;
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly crypto: Crypto;
  readonly now: () => number;
}

/** The FHIR base of a Medplum server URL (`https://api.example.org/` → `https://api.example.org/fhir/R4`). */
export function fhirBaseOf(medplumBaseUrl: string): string {
  return `${medplumBaseUrl.replace(/\/+$/, '')}/fhir/R4`;
}

function sameServer(a: string, b: string): boolean {
  const norm = (u: string): string => u.trim().replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/** The launch parameters of a URL, if it is a launch (`iss`, with or without `launch`) or a redirect (`code`/`error`). */
export function readLaunchUrl(
  url: URL
): { kind: 'launch'; iss: string; launch?: string } | { kind: 'redirect' } | undefined {
  const iss = url.searchParams.get('iss');
  if (iss) {
    const launch = url.searchParams.get('launch') ?? undefined;
    return { kind: 'launch', iss, ...(launch ? { launch } : {}) };
  }
  if (url.searchParams.has('state') && (url.searchParams.has('code') || url.searchParams.has('error'))) {
    return { kind: 'redirect' };
  }
  return undefined;
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  bytes.forEach((b) => {
    text += String.fromCharCode(b);
  });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE verifier and its S256 challenge. */
export async function pkcePair(crypto: Crypto): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)) };
}

/**
 * Starts a launch: checks `iss`, discovers the endpoints, stores state and verifier, returns the authorize URL.
 *
 * @example
 * window.location.assign(await beginLaunch({ iss, launch, clientId, redirectUri, allowedIss }, deps));
 */
export async function beginLaunch(
  params: { iss: string; launch?: string; clientId: string; redirectUri: string; allowedIss: string },
  deps: SmartDeps
): Promise<string> {
  if (!sameServer(params.iss, params.allowedIss)) {
    throw new LaunchError(
      `This app is set up for ${params.allowedIss}; it was opened from ${params.iss}, so it will not sign in there.`,
      'unknown-iss'
    );
  }
  let config: SmartConfiguration;
  try {
    const response = await deps.fetch(`${params.iss.replace(/\/+$/, '')}/.well-known/smart-configuration`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    config = (await response.json()) as SmartConfiguration;
    if (!config.authorization_endpoint || !config.token_endpoint) {
      throw new Error('no authorization or token endpoint');
    }
  } catch (err) {
    throw new LaunchError(
      `Could not read the server's SMART configuration (${err instanceof Error ? err.message : String(err)}).`,
      'discovery'
    );
  }
  const { verifier, challenge } = await pkcePair(deps.crypto);
  const state = base64Url(deps.crypto.getRandomValues(new Uint8Array(16)));
  const pending: Pending = {
    state,
    verifier,
    iss: params.iss,
    tokenEndpoint: config.token_endpoint,
    redirectUri: params.redirectUri,
    created: deps.now(),
  };
  deps.storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    // A standalone launch (no `launch`) asks for no launch context.
    scope: params.launch ? SMART_SCOPES : SMART_SCOPES.replace(/^launch /, ''),
    state,
    aud: params.iss,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(params.launch ? { launch: params.launch } : {}),
  }).toString();
  return url.toString();
}

/**
 * Completes a launch on the redirect: checks the state, exchanges the code, returns the token and launch context.
 */
export async function completeLaunch(url: URL, clientId: string, deps: SmartDeps): Promise<LaunchResult> {
  const raw = deps.storage.getItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  // The state is checked first: a crafted URL can neither show its own text nor spend a launch that is under way.
  if (!pending || pending.state !== url.searchParams.get('state')) {
    throw new LaunchError(
      'This launch has expired or was not started here. Open the app again from Medplum.',
      'expired'
    );
  }
  deps.storage.removeItem(PENDING_KEY);
  if (deps.now() - pending.created > PENDING_TTL_MS) {
    throw new LaunchError('This launch has expired. Open the app again from Medplum.', 'expired');
  }
  const error = url.searchParams.get('error');
  if (error) {
    const description = url.searchParams.get('error_description');
    throw new LaunchError(
      error === 'access_denied'
        ? 'Authorization was denied, so the app cannot open your schedules. Open it again from Medplum to retry.'
        : `The server refused the sign-in: ${description ?? error}.`,
      'denied'
    );
  }
  const response = await deps.fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: url.searchParams.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new LaunchError(
      `The server did not issue a token (${String(body.error_description ?? body.error ?? response.status)}).`,
      'token'
    );
  }
  const context: Record<string, string> = {};
  for (const key of ['patient', 'encounter', 'practitioner', 'location', 'fhirUser']) {
    if (typeof body[key] === 'string') {
      context[key] = body[key] as string;
    }
  }
  // Medplum answers with the signed-in user as `profile` (a Reference) and the launch context as `fhirContext`.
  const profile = (body.profile as { reference?: string } | undefined)?.reference;
  if (profile && !context.fhirUser) {
    context.fhirUser = profile;
  }
  for (const item of (body.fhirContext as { reference?: string }[] | undefined) ?? []) {
    const [type, id] = item.reference?.split('/') ?? [];
    if (type === 'Location' && id && !context.location) {
      context.location = id;
    }
    if (type === 'Practitioner' && id && !context.practitioner) {
      context.practitioner = id;
    }
  }
  return {
    iss: pending.iss,
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}),
    context,
  };
}

/** The schedules screen a launch opens on: the practitioner or location in context as the actor filter. */
export function startPathFor(context: Readonly<Record<string, string>>): string {
  const practitioner =
    context.practitioner ?? (context.fhirUser?.startsWith('Practitioner/') ? context.fhirUser.slice(13) : undefined);
  if (context.location) {
    return `/schedules?actor=${encodeURIComponent(`Location/${context.location}`)}&status=all`;
  }
  if (practitioner) {
    return `/schedules?actor=${encodeURIComponent(`Practitioner/${practitioner.replace(/^Practitioner\//, '')}`)}&status=all`;
  }
  return '/schedules';
}
