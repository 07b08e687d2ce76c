import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import {
  beginLaunch,
  completeLaunch,
  LaunchError,
  pkcePair,
  readLaunchUrl,
  SMART_SCOPES,
  startPathFor,
} from '../../../app/src/smart';

const ISS = 'https://medplum.example.org/fhir/R4';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: () => null,
    length: 0,
  };
}

function deps(fetchImpl: typeof fetch, now = 1_000_000) {
  return { fetch: fetchImpl, storage: memoryStorage(), crypto: webcrypto as unknown as Crypto, now: () => now };
}

const discovery = vi.fn(
  async () =>
    new Response(
      JSON.stringify({
        authorization_endpoint: 'https://medplum.example.org/oauth2/authorize',
        token_endpoint: 'https://medplum.example.org/oauth2/token',
      })
    )
) as unknown as typeof fetch;

describe('SMART App Launch', () => {
  test('reads launch and redirect URLs', () => {
    expect(readLaunchUrl(new URL(`https://app.example.org/?iss=${encodeURIComponent(ISS)}&launch=abc`))).toEqual({
      kind: 'launch',
      iss: ISS,
      launch: 'abc',
    });
    expect(readLaunchUrl(new URL(`https://app.example.org/?iss=${encodeURIComponent(ISS)}`))).toEqual({
      kind: 'launch',
      iss: ISS,
    });
    expect(readLaunchUrl(new URL('https://app.example.org/?code=c&state=s'))).toEqual({ kind: 'redirect' });
    expect(readLaunchUrl(new URL('https://app.example.org/schedules?specialty=x'))).toBeUndefined();
  });

  test('refuses an iss that is not the configured server, before any request', async () => {
    const fetchSpy = vi.fn() as unknown as typeof fetch;
    const error = await beginLaunch(
      {
        iss: 'https://evil.example.com/fhir/R4',
        launch: 'x',
        clientId: 'c',
        redirectUri: 'https://app/',
        allowedIss: ISS,
      },
      deps(fetchSpy)
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as LaunchError).kind).toBe('unknown-iss');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  test('discovery, authorize URL with PKCE S256 and state; the code exchange sends the verifier back', async () => {
    const d = deps(discovery);
    const authorize = new URL(
      await beginLaunch(
        { iss: `${ISS}/`, launch: 'L1', clientId: 'app-1', redirectUri: 'https://app.example.org/', allowedIss: ISS },
        d
      )
    );
    expect(authorize.origin + authorize.pathname).toBe('https://medplum.example.org/oauth2/authorize');
    const q = authorize.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('app-1');
    expect(q.get('launch')).toBe('L1');
    expect(q.get('scope')).toBe(SMART_SCOPES);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('aud')).toBe(`${ISS}/`);

    let sentVerifier = '';
    const token = vi.fn(async (_url: string, init: RequestInit) => {
      sentVerifier = new URLSearchParams(String(init.body)).get('code_verifier') ?? '';
      return new Response(
        JSON.stringify({ access_token: 'T', expires_in: 3600, practitioner: 'pr1', fhirUser: 'Practitioner/pr1' })
      );
    }) as unknown as typeof fetch;
    const result = await completeLaunch(new URL(`https://app.example.org/?code=C&state=${q.get('state')}`), 'app-1', {
      ...d,
      fetch: token,
    });
    expect(result.accessToken).toBe('T');
    expect(result.context).toEqual({ practitioner: 'pr1', fhirUser: 'Practitioner/pr1' });
    expect(createHash('sha256').update(sentVerifier).digest('base64url')).toBe(q.get('code_challenge'));
    // The pending launch is used once.
    await expect(
      completeLaunch(new URL(`https://app.example.org/?code=C&state=${q.get('state')}`), 'app-1', {
        ...d,
        fetch: token,
      })
    ).rejects.toThrow('expired');
  });

  test('a standalone launch asks for no launch context', async () => {
    const authorize = new URL(
      await beginLaunch({ iss: ISS, clientId: 'c', redirectUri: 'https://app/', allowedIss: ISS }, deps(discovery))
    );
    expect(authorize.searchParams.get('launch')).toBeNull();
    expect(authorize.searchParams.get('scope')?.split(' ')).not.toContain('launch');
  });

  test('denied, wrong state and expired launches are refused with a message a clinician can act on', async () => {
    const d = deps(discovery);
    const q = new URL(
      await beginLaunch({ iss: ISS, launch: 'L', clientId: 'c', redirectUri: 'https://app/', allowedIss: ISS }, d)
    ).searchParams;
    await expect(
      completeLaunch(new URL(`https://app/?error=access_denied&state=${q.get('state')}`), 'c', d)
    ).rejects.toThrow('Authorization was denied');
    await beginLaunch({ iss: ISS, launch: 'L', clientId: 'c', redirectUri: 'https://app/', allowedIss: ISS }, d);
    await expect(completeLaunch(new URL('https://app/?code=C&state=forged'), 'c', d)).rejects.toThrow(
      'expired or was not started here'
    );
    const late = deps(discovery);
    const q2 = new URL(
      await beginLaunch({ iss: ISS, launch: 'L', clientId: 'c', redirectUri: 'https://app/', allowedIss: ISS }, late)
    ).searchParams;
    await expect(
      completeLaunch(new URL(`https://app/?code=C&state=${q2.get('state')}`), 'c', {
        ...late,
        now: () => 1_000_000 + 11 * 60_000,
      })
    ).rejects.toThrow('expired');
  });

  test('a crafted error URL without the launch state neither shows its text nor spends the launch', async () => {
    const d = deps(discovery);
    const q = new URL(
      await beginLaunch({ iss: ISS, launch: 'L', clientId: 'c', redirectUri: 'https://app/', allowedIss: ISS }, d)
    ).searchParams;
    await expect(
      completeLaunch(new URL('https://app/?error=server_error&error_description=Call+0800-EVIL&state=x'), 'c', d)
    ).rejects.toThrow('expired or was not started here');
    const token = vi.fn(async () => new Response(JSON.stringify({ access_token: 'T' }))) as unknown as typeof fetch;
    await expect(
      completeLaunch(new URL(`https://app/?code=C&state=${q.get('state')}`), 'c', { ...d, fetch: token })
    ).resolves.toMatchObject({ accessToken: 'T' });
  });

  test("Medplum's token response: the profile and fhirContext give the launch context", async () => {
    const d = deps(discovery);
    const q = new URL(
      await beginLaunch({ iss: ISS, launch: 'L', clientId: 'c', redirectUri: 'https://app/', allowedIss: ISS }, d)
    ).searchParams;
    const token = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            access_token: 'T',
            profile: { reference: 'Practitioner/pr9' },
            fhirContext: [{ reference: 'Location/room1' }],
          })
        )
    ) as unknown as typeof fetch;
    const result = await completeLaunch(new URL(`https://app/?code=C&state=${q.get('state')}`), 'c', {
      ...d,
      fetch: token,
    });
    expect(result.context).toEqual({ fhirUser: 'Practitioner/pr9', location: 'room1' });
    expect(startPathFor(result.context)).toBe('/schedules?actor=Location%2Froom1&status=all');
  });

  test('PKCE pairs are random and S256', async () => {
    const a = await pkcePair(webcrypto as unknown as Crypto);
    const b = await pkcePair(webcrypto as unknown as Crypto);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createHash('sha256').update(a.verifier).digest('base64url')).toBe(a.challenge);
  });

  test('the launch context becomes the starting filter', () => {
    expect(startPathFor({ practitioner: 'pr1' })).toBe('/schedules?actor=Practitioner%2Fpr1&status=all');
    expect(startPathFor({ fhirUser: 'Practitioner/pr2' })).toBe('/schedules?actor=Practitioner%2Fpr2&status=all');
    expect(startPathFor({ location: 'l1' })).toBe('/schedules?actor=Location%2Fl1&status=all');
    expect(startPathFor({ patient: 'p' })).toBe('/schedules');
  });
});
