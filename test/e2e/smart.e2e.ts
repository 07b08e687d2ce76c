/**
 * SMART EHR launch, end to end: a small SMART authorization server and FHIR endpoint written for this test (on
 * 127.0.0.1) launches the built app (Medplum mode) with `iss` and `launch`; the app discovers the endpoints, signs
 * in with PKCE, and the schedules screen loads with data from that server, filtered to the practitioner in context.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audit, axeTable, SIZES } from './axe';
import { buildAndServe, close, launchChromium, SCREENS } from './support';

const OUT = '../dist/app-smart';
const CLIENT_ID = 'schedules-app-test';

let fhir: Server;
let fhirBase: string;
let app: PreviewServer;
let appBase: string;
let browser: Browser;
const seen: { authorize?: URLSearchParams; token?: URLSearchParams; fhirPaths: string[] } = { fhirPaths: [] };
const codes = new Map<string, { challenge: string; redirectUri: string }>();

const practitioner = {
  resourceType: 'Practitioner',
  id: 'pr1',
  name: [{ prefix: ['Dr.'], given: ['Lena'], family: 'Launch' }],
};
const schedules = [
  {
    resourceType: 'Schedule',
    id: 'sch-a',
    active: true,
    actor: [{ reference: 'Practitioner/pr1' }],
    specialty: [{ text: 'Cardiology' }],
    planningHorizon: { start: '2026-01-01T00:00:00Z', end: '2026-12-31T00:00:00Z' },
    comment: 'Dr. Launch, cardiology clinic',
    meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00Z' },
  },
];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // MedplumClient sends credentials: echo the origin, as Medplum's server does.
  res.writeHead(status, {
    'Access-Control-Allow-Origin': origin ?? '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, X-Medplum, Cache-Control',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...headers,
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function bundle(resources: unknown[]): unknown {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource })),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
  }
  return text;
}

let origin: string | undefined;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', fhirBase);
  origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  if (req.method === 'OPTIONS') {
    return send(res, 204, undefined);
  }
  if (url.pathname === '/fhir/R4/.well-known/smart-configuration') {
    return send(res, 200, {
      authorization_endpoint: `${fhirBase}/oauth2/authorize`,
      token_endpoint: `${fhirBase}/oauth2/token`,
      code_challenge_methods_supported: ['S256'],
      capabilities: ['launch-ehr', 'client-public', 'context-ehr-patient'],
    });
  }
  if (url.pathname === '/oauth2/authorize') {
    seen.authorize = url.searchParams;
    const ok =
      url.searchParams.get('client_id') === CLIENT_ID &&
      url.searchParams.get('code_challenge_method') === 'S256' &&
      url.searchParams.get('launch') === 'L-123';
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    if (!ok) {
      redirect.search = new URLSearchParams({
        error: 'invalid_request',
        state: url.searchParams.get('state') ?? '',
      }).toString();
    } else {
      codes.set('CODE-1', {
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri: redirect.toString(),
      });
      redirect.search = new URLSearchParams({ code: 'CODE-1', state: url.searchParams.get('state') ?? '' }).toString();
    }
    return send(res, 302, undefined, { Location: redirect.toString() });
  }
  if (url.pathname === '/oauth2/token' && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    seen.token = form;
    const issued = codes.get(form.get('code') ?? '');
    const verifierOk =
      issued &&
      createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url') === issued.challenge;
    if (!issued || !verifierOk || form.get('redirect_uri') !== issued.redirectUri) {
      return send(res, 400, { error: 'invalid_grant' });
    }
    return send(res, 200, {
      access_token: 'ACCESS-1',
      token_type: 'Bearer',
      expires_in: 3600,
      scope: seen.authorize?.get('scope'),
      practitioner: 'pr1',
    });
  }
  if (url.pathname === '/fhir/R4' || url.pathname.startsWith('/fhir/R4/')) {
    if (req.headers.authorization !== 'Bearer ACCESS-1') {
      return send(res, 401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    }
    seen.fhirPaths.push(`${url.pathname}${url.search}`);
    const path = url.pathname.slice('/fhir/R4/'.length);
    if (req.method === 'POST' && path === '') {
      // A batch (the list's slot counts): each search answered with no matches.
      const batch = JSON.parse(await readBody(req)) as { entry?: unknown[] };
      const entry = (batch.entry ?? []).map(() => ({ response: { status: '200 OK' }, resource: bundle([]) }));
      return send(res, 200, { resourceType: 'Bundle', type: 'batch-response', entry });
    }
    if (path === 'Schedule') {
      const actor = url.searchParams.get('actor');
      return send(res, 200, bundle(schedules.filter((s) => !actor || s.actor.some((a) => a.reference === actor))));
    }
    if (path === 'Practitioner') {
      return send(res, 200, bundle([practitioner]));
    }
    if (path === 'Practitioner/pr1') {
      return send(res, 200, practitioner);
    }
    return send(res, 200, bundle([]));
  }
  return send(res, 404, { error: 'not found' });
}

beforeAll(async () => {
  fhir = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => fhir.listen(0, '127.0.0.1', resolve));
  fhirBase = `http://127.0.0.1:${(fhir.address() as AddressInfo).port}`;
  ({ server: app, base: appBase } = await buildAndServe(OUT, {
    VITE_MEDPLUM_BASE_URL: `${fhirBase}/`,
    VITE_MEDPLUM_CLIENT_ID: CLIENT_ID,
  }));
  browser = await launchChromium();
});

afterAll(async () => {
  console.info(`axe results (Medplum mode):\n${axeTable('medplum')}`);
  await browser?.close();
  await close(app);
  await new Promise<void>((resolve) => fhir?.close(() => resolve()));
});

describe('SMART EHR launch in headless Chromium', () => {
  test('launched with iss and launch, the app signs in with PKCE and opens on the practitioner in context', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${appBase}/?iss=${encodeURIComponent(`${fhirBase}/fhir/R4`)}&launch=L-123`);
    const table = page.getByRole('table', { name: 'Schedules' });
    await table.waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
      throw new Error(
        `${String(err)}\nURL: ${page.url()}\nPage: ${(await page.textContent('body'))?.slice(0, 500)}\nSeen: ${JSON.stringify({ a: seen.authorize?.toString(), t: seen.token?.toString(), f: seen.fhirPaths })}\nErrors: ${errors.join(' | ')}`
      );
    });
    await table.getByRole('link', { name: 'Dr. Lena Launch — Cardiology' }).waitFor();
    expect(await table.getByRole('link', { name: 'Dr. Lena Launch — Cardiology' }).count()).toBe(1);
    expect(page.url()).toContain('/schedules?actor=Practitioner%2Fpr1');
    expect(seen.authorize?.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['launch', 'user/Schedule.crus']));
    expect(seen.authorize?.get('aud')).toBe(`${fhirBase}/fhir/R4`);
    expect(seen.token?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      seen.fhirPaths.some((p) => p.startsWith('/fhir/R4/Schedule?') && p.includes('actor=Practitioner%2Fpr1'))
    ).toBe(true);
    await page.screenshot({ path: `${SCREENS}/8-smart-launch.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  test.each(['desktop', 'phone'] as const)('the Medplum sign-in screen passes axe (%s)', async (size) => {
    const context = await browser.newContext({ viewport: SIZES[size] });
    const page = await context.newPage();
    await page.goto(`${appBase}/schedules`);
    await page.getByRole('heading', { level: 1, name: /Sign in to/ }).waitFor({ timeout: 30_000 });
    const row = await audit(page, 'Medplum sign-in', size);
    expect(row.blocking).toEqual([]);
    await context.close();
  });

  test('an iss that is not the configured server is refused, and no token is requested', async () => {
    const before = seen.fhirPaths.length;
    seen.authorize = undefined;
    const page = await browser.newPage();
    await page.goto(`${appBase}/?iss=${encodeURIComponent('http://127.0.0.1:9/fhir/R4')}&launch=L-123`);
    await page.getByText(/it will not sign in there/).waitFor();
    expect(seen.authorize).toBeUndefined();
    expect(seen.fhirPaths.length).toBe(before);
    await page.close();
  });
});
