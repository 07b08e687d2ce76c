/**
 * The reschedule worklist as a table: patient, the appointment's time, the schedule, the reason, the status; an open
 * task's "Reschedule" opens the nearest free slots under its row. On a phone each task is one card-like cell
 * (./WorklistCard): the patient and the status, the time, the reason, and a full-width Reschedule, so that nothing
 * wraps word by word and the page never scrolls sideways.
 */
import type { JSX } from 'react';
import { Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { WorklistRow } from '../frontdesk/worklist';
import { ColumnHeads } from './ColumnHeads';
import { RescheduleChooser } from './RescheduleChooser';
import {
  ReasonDetails,
  RescheduleButton,
  SeriesLine,
  TaskStatus,
  type TaskRowProps,
  WorklistCard,
} from './WorklistCard';
import { usePhone } from '../hooks/usePhone';

export { isOpen } from './WorklistCard';

export interface WorklistTableProps {
  readonly rows: readonly WorklistRow[];
  /** An appointment was moved: its task is done. */
  readonly onMoved: () => void;
}

export function WorklistTable({ rows, onMoved }: WorklistTableProps): JSX.Element {
  const [open, setOpen] = useState<string>();
  const phone = usePhone();
  const toggle = (row: WorklistRow) => (): void => setOpen(open === row.task.id ? undefined : row.task.id);
  return (
    <Table striped aria-label="Reschedule tasks">
      <ColumnHeads
        columns={phone ? ['Appointment to move'] : ['Patient', 'Appointment', 'Schedule', 'Reason', 'Status']}
        actions={!phone}
      />
      <Table.Tbody>
        {rows.map((row) => (
          <Fragment key={row.task.id}>
            {phone ? <WorklistCard row={row} onToggle={toggle(row)} /> : <TaskRow row={row} onToggle={toggle(row)} />}
            {open === row.task.id && row.appointment && row.schedule && (
              <Table.Tr>
                <Table.Td colSpan={phone ? 1 : 6}>
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

function TaskRow({ row, onToggle }: TaskRowProps): JSX.Element {
  return (
    <Table.Tr>
      <Table.Td>{row.patient}</Table.Td>
      <Table.Td>
        {row.when}
        {row.series && <SeriesLine series={row.series} />}
      </Table.Td>
      <Table.Td>{row.scheduleName}</Table.Td>
      <Table.Td>
        <Text size="sm">{row.reason}</Text>
        <ReasonDetails row={row} />
      </Table.Td>
      <Table.Td>
        <TaskStatus row={row} />
      </Table.Td>
      <Table.Td>
        <RescheduleButton row={row} onToggle={onToggle} />
      </Table.Td>
    </Table.Tr>
  );
}
