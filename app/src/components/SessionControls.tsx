/** The header's session controls: sign out (Medplum mode), or reset the demo data (local mode). */
import type { JSX } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMedplum, useMedplumProfile } from '@medplum/react';
import { useState } from 'react';
import { displayName } from '../actors';
import type { Mode } from '../runtime';
import { AppModal } from './AppModal';

export function SessionControls({
  mode,
  resetDemoData,
}: {
  readonly mode: Mode;
  readonly resetDemoData?: () => Promise<void>;
}): JSX.Element | null {
  const medplum = useMedplum();
  const profile = useMedplumProfile();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (mode.kind === 'local') {
    if (!resetDemoData) {
      return null;
    }
    return (
      <>
        <Button size="xs" variant="default" onClick={() => setConfirming(true)}>
          Reset demo data
        </Button>
        <AppModal opened={confirming} onClose={() => setConfirming(false)} title="Reset the demo data?">
          <Text mb="md">
            Every change made in this browser (schedules, slots, bookings, tasks) is removed and the demo clinic is
            loaded again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red.9"
              loading={busy}
              onClick={() => {
                setBusy(true);
                resetDemoData().catch((err: unknown) => {
                  setBusy(false);
                  notifications.show({ color: 'red', title: 'Could not reset', message: String(err) });
                });
              }}
            >
              Reset demo data
            </Button>
          </Group>
        </AppModal>
      </>
    );
  }
  if (!profile) {
    return null;
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" visibleFrom="sm">
        {displayName(profile, 'Signed in')}
      </Text>
      <Button
        size="xs"
        variant="default"
        onClick={() => {
          medplum.signOut().finally(() => window.location.assign(import.meta.env.BASE_URL ?? '/'));
        }}
      >
        Sign out
      </Button>
    </Group>
  );
}
