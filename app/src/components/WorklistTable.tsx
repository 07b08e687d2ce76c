/**
 * The reschedule worklist as a table: patient, the appointment's time, the schedule, the reason, the status; an open
 * task's "Reschedule" opens the nearest free slots under its row. On a phone the reason and status go under the
 * patient and the schedule is left out, so that the page never scrolls sideways.
 */
import type { JSX } from 'react';
import { Badge, Button, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { OPEN_TASK_STATUSES } from '../../../api';
import { taskStatusWords } from '../format';
import type { WorklistRow } from '../frontdesk/worklist';
import { ColumnHeads } from './ColumnHeads';
import { RescheduleChooser } from './RescheduleChooser';
import { usePhone } from '../hooks/usePhone';

export const isOpen = (row: WorklistRow): boolean =>
  (OPEN_TASK_STATUSES as readonly string[]).includes(row.task.status);

export interface WorklistTableProps {
  readonly rows: readonly WorklistRow[];
  /** An appointment was moved: its task is done. */
  readonly onMoved: () => void;
}

export function WorklistTable({ rows, onMoved }: WorklistTableProps): JSX.Element {
  const [open, setOpen] = useState<string>();
  const phone = usePhone();
  return (
    <Table striped aria-label="Reschedule tasks">
      <ColumnHeads
        columns={phone ? ['Patient', 'Appointment'] : ['Patient', 'Appointment', 'Schedule', 'Reason', 'Status']}
      />
      <Table.Tbody>
        {rows.map((row) => (
          <Fragment key={row.task.id}>
            <TaskRow row={row} phone={phone} onToggle={() => setOpen(open === row.task.id ? undefined : row.task.id)} />
            {open === row.task.id && row.appointment && row.schedule && (
              <Table.Tr>
                <Table.Td colSpan={phone ? 3 : 6}>
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

interface TaskRowProps {
  readonly row: WorklistRow;
  readonly phone: boolean;
  readonly onToggle: () => void;
}

function TaskRow({ row, phone, onToggle }: TaskRowProps): JSX.Element {
  const status = <Badge color={isOpen(row) ? 'orange' : 'gray'}>{taskStatusWords(row.task.status, isOpen(row))}</Badge>;
  const reason = (
    <>
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
    </>
  );
  return (
    <Table.Tr>
      <Table.Td>
        {row.patient}
        {phone && reason}
        {phone && status}
      </Table.Td>
      <Table.Td>
        {row.when}
        {row.series && <SeriesLine series={row.series} />}
      </Table.Td>
      {!phone && <Table.Td>{row.scheduleName}</Table.Td>}
      {!phone && <Table.Td>{reason}</Table.Td>}
      {!phone && <Table.Td>{status}</Table.Td>}
      <Table.Td>
        {isOpen(row) && row.appointment && row.schedule && (
          <Button
            size="xs"
            variant="light"
            aria-label={`Reschedule ${row.patient}, ${row.when}${row.series ? ', and the series' : ''}`}
            onClick={onToggle}
          >
            Reschedule
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A series task's progress in words: "Series: 5 of 6 still to move, the last on 20/03/2025". */
function SeriesLine({ series }: { readonly series: NonNullable<WorklistRow['series']> }): JSX.Element {
  const left =
    series.remaining === 0 ? 'all moved or cancelled' : `${series.remaining} of ${series.total} still to move`;
  return (
    <Text size="xs" c="dimmed">
      Series: {left}
      {series.until ? `, the last on ${series.until}` : ''}
    </Text>
  );
}
