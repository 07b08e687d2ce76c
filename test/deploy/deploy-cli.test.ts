import { describe, expect, test } from 'vitest';
import { failureReport, formatAction, isAppUrl, missingCredentials, parseQuota, summary } from '../../deploy/cli';
import { DeployError, type DeployAction } from '../../deploy/report';

describe('npm run deploy: inputs', () => {
  test('missingCredentials names each unset or empty credential', () => {
    expect(missingCredentials({ MEDPLUM_BASE_URL: 'https://api', MEDPLUM_CLIENT_ID: '', OTHER: 'x' })).toEqual([
      'MEDPLUM_CLIENT_ID',
      'MEDPLUM_CLIENT_SECRET',
    ]);
    expect(missingCredentials({ MEDPLUM_BASE_URL: 'a', MEDPLUM_CLIENT_ID: 'b', MEDPLUM_CLIENT_SECRET: 'c' })).toEqual(
      []
    );
  });

  test('parseQuota accepts unset or a positive whole number', () => {
    expect(parseQuota('fhir-quota', undefined)).toEqual({});
    expect(parseQuota('fhir-quota', '500000')).toEqual({ value: 500_000 });
    for (const bad of ['0', '-5', '1.5', 'lots']) {
      expect(parseQuota('fhir-quota', bad).error).toBe(
        '--fhir-quota must be a positive whole number of points per minute.'
      );
    }
  });

  test('isAppUrl wants an http(s) address without spaces', () => {
    expect(isAppUrl('https://app.example.org')).toBe(true);
    expect(isAppUrl('http://localhost:3000/')).toBe(true);
    expect(isAppUrl('app.example.org')).toBe(false);
    expect(isAppUrl('https://app example.org')).toBe(false);
  });
});

describe('npm run deploy: output', () => {
  const actions: DeployAction[] = [
    { change: 'info', target: 'Medplum server', detail: 'version 5.1' },
    { change: 'create', target: 'Bot schedule-slots' },
    { change: 'unchanged', target: 'AccessPolicy bots' },
  ];

  test('formatAction pads the change and marks a dry run', () => {
    expect(formatAction(actions[0] as DeployAction, true)).toBe('[dry run] info      Medplum server — version 5.1');
    expect(formatAction(actions[1] as DeployAction, false)).toBe('create    Bot schedule-slots');
  });

  test('summary counts only changes', () => {
    expect(summary(actions, false)).toBe('1 change(s) made.');
    expect(summary(actions, true)).toBe('1 change(s) planned.');
    expect(summary(actions.slice(2), false)).toBe('Nothing to change: the project is up to date.');
  });

  test('failureReport lists what was done before a DeployError', () => {
    expect(failureReport(new DeployError('Deploy failed at bot x: boom', actions.slice(1, 2)))).toEqual([
      'Deploy failed at bot x: boom',
      'Already done before the failure:\n  create Bot schedule-slots',
    ]);
    expect(failureReport(new DeployError('Deploy failed at server: down', []))).toEqual([
      'Deploy failed at server: down',
      'Nothing was changed.',
    ]);
    expect(failureReport(new Error('plain'))).toEqual(['plain']);
  });
});
