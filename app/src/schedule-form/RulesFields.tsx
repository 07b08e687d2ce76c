/**
 * The booking rules (notice, booking window, daily and weekly limits, change cut-off) and the patients per slot.
 * Only a scheduling supervisor may change the rules (the booking Bot checks it, the staff AccessPolicy forbids a
 * direct write): for anyone else they are shown read-only, saying who can.
 */
import type { JSX } from 'react';
import { Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { FieldsProps } from './BasicsFields';
import { targetOf } from './labels';
import type { RulesDraft } from './rules-model';

const RULE_FIELDS: readonly { key: keyof RulesDraft; label: string; hint: string }[] = [
  { key: 'noticeHours', label: 'Minimum notice (hours)', hint: 'No booking that starts sooner. Empty: none.' },
  { key: 'advanceDays', label: 'Booking window (days)', hint: 'No booking further ahead. Empty: none.' },
  { key: 'dailyLimit', label: 'Daily limit', hint: 'Appointments a day per practitioner or room, all schedules.' },
  { key: 'weeklyLimit', label: 'Weekly limit', hint: 'Appointments a week, Monday to Sunday.' },
  { key: 'cutoffHours', label: 'Change cut-off (hours)', hint: 'Later cancellations and moves need a supervisor.' },
];

export function RulesFields({
  model,
  canEditRules,
}: FieldsProps & { readonly canEditRules: boolean | undefined }): JSX.Element {
  const { form, set, touch, visibleErrors: errors } = model;
  const setRule = (key: keyof RulesDraft, value: string): void => set('rules', { ...form.rules, [key]: value });
  return (
    <Stack>
      {form.generate && (
        <TextInput
          id={targetOf('rules.capacity')}
          label="Patients per slot"
          description="More than 1 makes group sessions: a slot stays bookable until full."
          inputMode="numeric"
          maw={320}
          value={form.rules.capacity}
          error={errors['rules.capacity']}
          onChange={(e) => setRule('capacity', e.currentTarget.value)}
          onBlur={() => touch('rules.capacity')}
        />
      )}
      <Fieldset legend="Booking rules" disabled={!canEditRules}>
        {canEditRules === false && (
          <Text size="sm" mb="sm">
            Only a scheduling supervisor can change these rules.
          </Text>
        )}
        <Group grow wrap="wrap" align="flex-start">
          {RULE_FIELDS.map(({ key, label, hint }) => (
            <TextInput
              key={key}
              id={targetOf(`rules.${key}`)}
              label={label}
              description={hint}
              inputMode="decimal"
              miw={180}
              value={form.rules[key]}
              error={errors[`rules.${key}`]}
              onChange={(e) => setRule(key, e.currentTarget.value)}
              onBlur={() => touch(`rules.${key}`)}
            />
          ))}
        </Group>
      </Fieldset>
    </Stack>
  );
}
