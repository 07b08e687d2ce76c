/**
 * Offers a supervisor the override of the booking rules a call was refused for: the rules by name, a reason (which
 * the booking Bot records in a Provenance) and one button. Anyone else reads who could do it. Nothing when the
 * refusal names no rule.
 */
import type { JSX } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { breachedRules, ruleNames } from '../rules/breached';
import { useSupervisor } from '../hooks/useSupervisor';

export interface OverrideFormProps {
  /** The refusal. */
  readonly error: unknown;
  /** What the button does, e.g. "Book anyway". */
  readonly action: string;
  readonly onOverride: (reason: string) => Promise<void> | void;
}

export function OverrideForm({ error, action, onOverride }: OverrideFormProps): JSX.Element | null {
  const supervisor = useSupervisor();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const rules = breachedRules(error);
  if (rules.length === 0 || supervisor === undefined) {
    return null;
  }
  const names = ruleNames(rules);
  if (!supervisor) {
    return (
      <Text size="sm">
        A scheduling supervisor can override the {names.toLowerCase()} rule{rules.length > 1 ? 's' : ''}, with a reason.
      </Text>
    );
  }
  const submit = async (): Promise<void> => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      await onOverride(reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" aria-label={`Override ${names}`} role="group">
      <Textarea
        label={`Reason for overriding the ${names.toLowerCase()} rule${rules.length > 1 ? 's' : ''}`}
        description="Recorded with your name on the appointment."
        required
        value={reason}
        error={missing && !reason.trim() ? 'Give the reason for the override.' : undefined}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Button color="orange" loading={busy} onClick={() => void submit()}>
        {action}
      </Button>
    </Stack>
  );
}
