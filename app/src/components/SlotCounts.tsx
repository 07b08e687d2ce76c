/** A schedule's free and booked future slot counts, read for the whole page by hooks/useSlotCounts. */
import type { JSX } from 'react';
import { Text } from '@mantine/core';
import type { SlotCount } from '../hooks/useSlotCounts';

export interface SlotCountsProps {
  /** `undefined` while the page's counts load; `null` when they could not be read. */
  readonly counts: SlotCount | null | undefined;
}

export function SlotCounts({ counts }: SlotCountsProps): JSX.Element {
  if (counts === undefined) return <Text size="sm">…</Text>;
  if (counts === null) return <Text size="sm">Not available</Text>;
  return (
    <Text size="sm">
      {counts.free} / {counts.booked}
    </Text>
  );
}
