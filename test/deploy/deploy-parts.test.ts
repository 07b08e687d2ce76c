import type { AccessPolicy, ClientApplication } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { codeHash } from '../../deploy/bots';
import { clientApplicationFor } from '../../deploy/client-application';
import { quotaSecrets } from '../../deploy/secrets';
import { deploymentTag, DEPLOYMENT_TAG_SYSTEM, sameContent } from '../../deploy/tagged';

describe('tagged resources', () => {
  const policy = (extra: Partial<AccessPolicy> = {}): AccessPolicy => ({
    resourceType: 'AccessPolicy',
    name: 'Bots',
    resource: [{ resourceType: 'Slot' }],
    meta: { tag: [{ system: DEPLOYMENT_TAG_SYSTEM, code: 'policy' }] },
    ...extra,
  });

  test('deploymentTag reads the code of the deployment tag only', () => {
    expect(deploymentTag(policy())).toBe('policy');
    expect(deploymentTag(policy({ meta: { tag: [{ system: 'other', code: 'x' }] } }))).toBeUndefined();
    expect(deploymentTag({ resourceType: 'AccessPolicy' })).toBeUndefined();
  });

  test('sameContent ignores id, server meta, key order and undefined members, but not the tags', () => {
    const saved = { ...policy(), id: 'ap-1', meta: { ...policy().meta, versionId: '3', lastUpdated: 'x' } };
    expect(sameContent(saved, policy())).toBe(true);
    expect(
      sameContent(
        {
          resource: [{ resourceType: 'Slot' }],
          resourceType: 'AccessPolicy',
          name: 'Bots',
          meta: policy().meta,
          description: undefined,
        } as AccessPolicy,
        policy()
      )
    ).toBe(true);
    expect(sameContent(policy({ name: 'Other' }), policy())).toBe(false);
    expect(sameContent(policy({ meta: { tag: [{ system: DEPLOYMENT_TAG_SYSTEM, code: 'other' }] } }), policy())).toBe(
      false
    );
  });
});

test('quotaSecrets sets only the quotas asked for', () => {
  expect(quotaSecrets({})).toEqual({});
  expect(quotaSecrets({ fhirQuota: 1000 })).toEqual({ SLOT_BOT_FHIR_QUOTA: 1000 });
  expect(quotaSecrets({ fhirQuota: 1000, projectFhirQuota: 5000 })).toEqual({
    SLOT_BOT_FHIR_QUOTA: 1000,
    SLOT_PROJECT_FHIR_QUOTA: 5000,
  });
});

test('clientApplicationFor puts the app address, without trailing slashes, in every {{APP_URL}}', () => {
  const template: ClientApplication = {
    resourceType: 'ClientApplication',
    name: 'Schedules',
    launchUri: '{{APP_URL}}/',
    redirectUris: ['{{APP_URL}}/', '{{APP_URL}}/callback'],
  };
  const app = clientApplicationFor(template, 'https://app.example.org//');
  expect(app.launchUri).toBe('https://app.example.org/');
  expect(app.redirectUris).toEqual(['https://app.example.org/', 'https://app.example.org/callback']);
  expect(template.launchUri).toBe('{{APP_URL}}/');
});

test('codeHash changes with the code and with the timeout', () => {
  const hash = codeHash('exports.handler = 1;', 30);
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(codeHash('exports.handler = 1;', 30)).toBe(hash);
  expect(codeHash('exports.handler = 2;', 30)).not.toBe(hash);
  expect(codeHash('exports.handler = 1;', 60)).not.toBe(hash);
  expect(codeHash('exports.handler = 1;', undefined)).not.toBe(hash);
});
