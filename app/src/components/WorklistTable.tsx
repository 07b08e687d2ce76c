/**
 * The reschedule worklist as a table: patient, the appointment's time, the schedule, the reason, the status; an open
 * task's "Reschedule" opens the nearest free slots under its row.
 */
import type { JSX } from 'react';
import { Badge, Button, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { OPEN_TASK_STATUSES } from '../../../api';
import { taskStatusWords } from '../format';
import type { WorklistRow } from '../frontdesk/worklist';
import { ColumnHeads } from './ColumnHeads';
import { RescheduleChooser } from './RescheduleChooser';

export const isOpen = (row: WorklistRow): boolean =>
  (OPEN_TASK_STATUSES as readonly string[]).includes(row.task.status);

export interface WorklistTableProps {
  readonly rows: readonly WorklistRow[];
  /** An appointment was moved: its task is done. */
  readonly onMoved: () => void;
}

export function WorklistTable({ rows, onMoved }: WorklistTableProps): JSX.Element {
  const [open, setOpen] = useState<string>();
  return (
    <Table striped aria-label="Reschedule tasks">
      <ColumnHeads columns={['Patient', 'Appointment', 'Schedule', 'Reason', 'Status']} />
      <Table.Tbody>
        {rows.map((row) => (
          <Fragment key={row.task.id}>
            <TaskRow row={row} onToggle={() => setOpen(open === row.task.id ? undefined : row.task.id)} />
            {open === row.task.id && row.appointment && row.schedule && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <RescheduleChooser
                    appointment={row.appointment}
                    schedule={row.schedule}
                    onDone={() => {
                      setOpen(undefined);
                      onMoved();
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function TaskRow({ row, onToggle }: { readonly row: WorklistRow; readonly onToggle: () => void }): JSX.Element {
  return (
    <Table.Tr>
      <Table.Td>{row.patient}</Table.Td>
      <Table.Td>{row.when}</Table.Td>
      <Table.Td>{row.scheduleName}</Table.Td>
      <Table.Td>
        <Text size="sm">{row.reason}</Text>
        {row.task.reasonCode?.text && (
          <Text size="xs" c="dimmed">
            {row.task.reasonCode.text}
          </Text>
        )}
        {row.note && !isOpen(row) && (
          <Text size="xs" c="dimmed">
            {row.note}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={isOpen(row) ? 'orange' : 'gray'}>{taskStatusWords(row.task.status, isOpen(row))}</Badge>
      </Table.Td>
      <Table.Td>
        {isOpen(row) && row.appointment && row.schedule && (
          <Button size="xs" variant="light" aria-label={`Reschedule ${row.patient}, ${row.when}`} onClick={onToggle}>
            Reschedule
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
