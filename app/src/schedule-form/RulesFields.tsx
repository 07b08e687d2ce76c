/**
 * The booking rules (notice, booking window, daily and weekly limits, change cut-off) and the patients per slot.
 * Only a scheduling supervisor may change the rules: for anyone else they are shown, read-only, with who can.
 */
import type { JSX } from 'react';
import { Fieldset, Group, Stack, TextInput } from '@mantine/core';
import type { RulesDraft, RulesErrors } from './rules-model';

export interface RulesFieldsProps {
  readonly draft: RulesDraft;
  readonly errors: RulesErrors;
  readonly onChange: (draft: RulesDraft) => void;
  /** Whether the user may change the booking rules (a scheduling supervisor). */
  readonly canEditRules: boolean;
  /** Whether the schedule generates slots (the patients per slot is part of its hours). */
  readonly generates: boolean;
}

const RULE_FIELDS: readonly { key: keyof RulesDraft; label: string; hint: string }[] = [
  { key: 'noticeHours', label: 'Minimum notice (hours)', hint: 'No booking that starts sooner. Empty: none.' },
  { key: 'advanceDays', label: 'Booking window (days)', hint: 'No booking further ahead. Empty: none.' },
  { key: 'dailyLimit', label: 'Daily limit', hint: 'Appointments a day per practitioner or room, all schedules.' },
  { key: 'weeklyLimit', label: 'Weekly limit', hint: 'Appointments a week (Monday to Sunday).' },
  { key: 'cutoffHours', label: 'Change cut-off (hours)', hint: 'Later cancellations and moves need a supervisor.' },
];

export function RulesFields({ draft, errors, onChange, canEditRules, generates }: RulesFieldsProps): JSX.Element {
  const set = (key: keyof RulesDraft, value: string): void => onChange({ ...draft, [key]: value });
  const rules = (
    <Fieldset legend="Booking rules" disabled={!canEditRules} aria-describedby={canEditRules ? undefined : 'rules-who'}>
      {!canEditRules && (
        <p id="rules-who" style={{ marginTop: 0 }}>
          Only a scheduling supervisor can change these rules.
        </p>
      )}
      <Group grow wrap="wrap" align="flex-start">
        {RULE_FIELDS.map(({ key, label, hint }) => (
          <TextInput
            key={key}
            label={label}
            description={hint}
            inputMode="decimal"
            miw={180}
            value={draft[key]}
            error={errors[key]}
            onChange={(e) => set(key, e.currentTarget.value)}
          />
        ))}
      </Group>
    </Fieldset>
  );
  return (
    <Stack>
      {generates && (
        <TextInput
          label="Patients per slot"
          description="More than 1 makes group sessions: a slot stays bookable until full."
          inputMode="numeric"
          maw={260}
          value={draft.capacity}
          error={errors.capacity}
          onChange={(e) => set('capacity', e.currentTarget.value)}
        />
      )}
      {rules}
    </Stack>
  );
}
