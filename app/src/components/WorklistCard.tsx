/**
 * One reschedule task on a phone, as a single cell that reads like a card: the patient and the task's status on one
 * line, the appointment's time (and its series), the reason in one line, then a full-width "Reschedule". Also the
 * pieces the desktop row (./WorklistTable) shares with it: the status badge, the reason's details, the series line
 * and the button.
 *
 * @example
 * <WorklistCard row={row} onToggle={() => setOpen(row.task.id)} />
 */
import type { JSX } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { OPEN_TASK_STATUSES } from '../../../api';
import { taskStatusWords } from '../format';
import type { WorklistRow } from '../frontdesk/worklist';

export const isOpen = (row: WorklistRow): boolean =>
  (OPEN_TASK_STATUSES as readonly string[]).includes(row.task.status);

export interface TaskRowProps {
  readonly row: WorklistRow;
  /** Opens (or closes) the free slots to move to, under the row. */
  readonly onToggle: () => void;
}

export function WorklistCard({ row, onToggle }: TaskRowProps): JSX.Element {
  const detail = row.task.reasonCode?.text;
  return (
    <Table.Tr>
      <Table.Td>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text size="sm" fw={700}>
            {row.patient}
          </Text>
          <TaskStatus row={row} />
        </Group>
        <Text size="sm">{row.when}</Text>
        {row.series && <SeriesLine series={row.series} />}
        <Text size="xs" c="dimmed">
          {row.reason}
          {detail ? ` · ${detail}` : ''}
        </Text>
        <TaskNote row={row} />
        <RescheduleButton row={row} onToggle={onToggle} fullWidth />
      </Table.Td>
    </Table.Tr>
  );
}

export function TaskStatus({ row }: { readonly row: WorklistRow }): JSX.Element {
  return <Badge color={isOpen(row) ? 'orange' : 'gray'}>{taskStatusWords(row.task.status, isOpen(row))}</Badge>;
}

/** Under the reason: the deactivation's own words, and once done, the note of what became of it. */
export function ReasonDetails({ row }: { readonly row: WorklistRow }): JSX.Element {
  return (
    <>
      {row.task.reasonCode?.text && (
        <Text size="xs" c="dimmed">
          {row.task.reasonCode.text}
        </Text>
      )}
      <TaskNote row={row} />
    </>
  );
}

/** A closed task's note: what became of it (moved, cancelled, fine again); nothing while it is open. */
function TaskNote({ row }: { readonly row: WorklistRow }): JSX.Element | null {
  return row.note && !isOpen(row) ? (
    <Text size="xs" c="dimmed">
      {row.note}
    </Text>
  ) : null;
}

/** "Reschedule", for an open task whose appointment and schedule are known; nothing otherwise. */
export function RescheduleButton({
  row,
  onToggle,
  fullWidth = false,
}: TaskRowProps & { readonly fullWidth?: boolean }): JSX.Element | null {
  if (!(isOpen(row) && row.appointment && row.schedule)) {
    return null;
  }
  return (
    <Button
      size={fullWidth ? 'sm' : 'xs'}
      variant="light"
      fullWidth={fullWidth}
      mt={fullWidth ? 'xs' : undefined}
      aria-label={`Reschedule ${row.patient}, ${row.when}${row.series ? ', and the series' : ''}`}
      onClick={onToggle}
    >
      Reschedule
    </Button>
  );
}

/** A series task's progress in words: "Series: 5 of 6 still to move, the last on 20/03/2025". */
export function SeriesLine({ series }: { readonly series: NonNullable<WorklistRow['series']> }): JSX.Element {
  const left =
    series.remaining === 0 ? 'all moved or cancelled' : `${series.remaining} of ${series.total} still to move`;
  return (
    <Text size="xs" c="dimmed">
      Series: {left}
      {series.until ? `, the last on ${series.until}` : ''}
    </Text>
  );
}
