/** Asks before leaving a form with unsaved changes (hooks/useUnsavedChanges): stay, or leave without saving. */
import type { JSX } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useUnsavedChanges } from '../hooks/useUnsavedChanges';
import { AppModal } from './AppModal';

export function UnsavedChangesGuard({ when }: { readonly when: () => boolean }): JSX.Element {
  const blocker = useUnsavedChanges(when);
  return (
    <AppModal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave without saving?"
      closeLabel="Stay on this page"
    >
      <Text mb="md">Your changes to this schedule are not saved yet. If you leave, they are lost.</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          Stay
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          Leave without saving
        </Button>
      </Group>
    </AppModal>
  );
}
