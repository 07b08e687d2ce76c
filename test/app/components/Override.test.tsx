// @vitest-environment jsdom
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { ClinikError, createClinik } from '../../../api';
import { SUPERVISORS_IDENTIFIER } from '../../../core/fhir';
import { OverrideForm } from '../../../app/src/components/OverrideForm';
import { OverrideTrace } from '../../../app/src/components/OverrideTrace';
import { breachedRules } from '../../../app/src/rules/breached';
import { bookingRulesOf, checkRulesDraft, EMPTY_RULES, rulesDraftOf } from '../../../app/src/schedule-form/rules-model';
import { createLocalMedplum, type LocalMedplum } from '../../../local';
import { renderWith } from '../frontdesk-render';

/** A refusal as the booking Bot answers a daily limit. */
function limitRefusal(): ClinikError {
  const text = 'Daily limit: Alice Jones has 2 of 2 appointments on Mon 3 Mar.';
  return new ClinikError(
    {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'business-rule',
          details: {
            text,
            coding: [{ system: 'https://schedules.clinik.dev/fhir/CodeSystem/booking-rule', code: 'daily-limit' }],
          },
        },
      ],
    },
    409
  );
}

async function supervisor(medplum: LocalMedplum): Promise<void> {
  await medplum.createResource({
    resourceType: 'Group',
    type: 'practitioner',
    actual: true,
    identifier: [{ ...SUPERVISORS_IDENTIFIER }],
    member: [{ entity: { reference: `Practitioner/${medplum.getProfile()?.id}` } }],
  });
}

describe('the override form', () => {
  test('reads the rules a refusal names, and nothing from other errors', () => {
    expect(breachedRules(limitRefusal())).toEqual([{ code: 'daily-limit', name: 'Daily limit' }]);
    expect(breachedRules(new Error('network'))).toEqual([]);
  });

  test('tells a front desk who can override; asks a supervisor for the reason before calling', async () => {
    const desk = createLocalMedplum();
    renderWith(desk, <OverrideForm error={limitRefusal()} action="Book anyway" onOverride={vi.fn()} />);
    expect(await screen.findByText(/A scheduling supervisor can override the daily limit rule/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Book anyway' })).toBeNull();

    const boss = createLocalMedplum();
    await supervisor(boss);
    const onOverride = vi.fn();
    renderWith(boss, <OverrideForm error={limitRefusal()} action="Book anyway" onOverride={onOverride} />);
    const button = await screen.findByRole('button', { name: 'Book anyway' });
    await userEvent.click(button);
    expect(await screen.findByText('Give the reason for the override.')).toBeTruthy();
    expect(onOverride).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/Reason for overriding the daily limit rule/), 'Doctor agreed');
    await userEvent.click(button);
    expect(onOverride).toHaveBeenCalledWith('Doctor agreed');
  });
});

test('the trace of an override names the rule, who, when and why', async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
  try {
    const medplum = createLocalMedplum();
    vi.spyOn(medplum, 'isProjectAdmin').mockReturnValue(true);
    await medplum.updateResource({ resourceType: 'Patient', id: 'pat-1' });
    const clinik = createClinik(medplum);
    const { data: schedule } = await clinik.schedules.create({
      actorIds: ['Practitioner/dr_jones'],
      bookingRules: { minimumNoticeMinutes: 600 },
    });
    const { data: slot } = await clinik.slots.create({
      scheduleId: schedule.id,
      start: '2025-03-01T02:00:00Z',
      end: '2025-03-01T02:30:00Z',
    });
    const { data } = await clinik.appointments.book({
      slotId: slot.id,
      patientId: 'pat-1',
      override: { reason: 'Urgent follow-up' },
    });
    vi.useRealTimers();
    renderWith(medplum, <OverrideTrace appointment={data as WithId<Appointment>} zone="UTC" />);
    expect(await screen.findByText('Booked past a rule')).toBeTruthy();
    await waitFor(() => expect(document.body.textContent).toMatch(/Minimum notice overridden by .*“Urgent follow-up”/));
    expect(document.body.textContent).toContain('Sat 1 Mar 2025');
  } finally {
    vi.useRealTimers();
    vi.restoreAllMocks();
  }
});

describe('the rules draft', () => {
  test('property: stored rules survive the form unchanged', () => {
    const rules = fc.record(
      {
        minimumNoticeMinutes: fc.integer({ min: 0, max: 480 }).map((h) => h * 15),
        maximumAdvanceDays: fc.integer({ min: 1, max: 3660 }),
        dailyLimit: fc.integer({ min: 1, max: 10_000 }),
        weeklyLimit: fc.integer({ min: 1, max: 10_000 }),
        changeCutoffMinutes: fc.integer({ min: 0, max: 480 }).map((h) => h * 15),
      },
      { requiredKeys: [] }
    );
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: 100 }), (stored, capacity) => {
        const draft = rulesDraftOf(stored, capacity);
        expect(checkRulesDraft(draft)).toEqual({});
        expect(bookingRulesOf(draft)).toEqual(stored);
        expect(Number(draft.capacity)).toBe(capacity);
      })
    );
  });

  test('each bad field is named in words', () => {
    const errors = checkRulesDraft({ ...EMPTY_RULES, dailyLimit: '0', noticeHours: 'soon', capacity: '' });
    expect(errors).toEqual({
      dailyLimit: 'The daily limit is a whole number from 1 to 10000.',
      noticeHours: 'The minimum notice (hours) is a number from 0 to 8784.',
      capacity: 'Patients per slot is a whole number from 1 to 100.',
    });
  });
});
