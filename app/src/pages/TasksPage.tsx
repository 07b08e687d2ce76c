/**
 * The reschedule worklist: one row per Task the bots created for a booking that needs a new time, in words (patient,
 * the appointment's time, the schedule, the reason), filtered by schedule and status. "Reschedule" offers the
 * nearest free slots of the same service (the same practitioner first) and moves the appointment in one step; its
 * task closes. Tasks whose appointment is fine again close automatically, with a note.
 */
import type { JSX } from 'react';
import { VisuallyHidden, Alert, Badge, Button, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMedplum } from '@medplum/react';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { OPEN_TASK_STATUSES } from '../../../api';
import { PageTitle } from '../components/PageTitle';
import { RescheduleChooser } from '../components/RescheduleChooser';
import { loadWorklist, type WorklistRow } from '../frontdesk/worklist';
import { errorMessage } from '../errors';

const isOpen = (row: WorklistRow): boolean => (OPEN_TASK_STATUSES as readonly string[]).includes(row.task.status);

export function TasksPage(): JSX.Element {
  const medplum = useMedplum();
  const [params, setParams] = useSearchParams();
  const [rows, setRows] = useState<WorklistRow[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string>();
  const status = params.get('status') ?? 'open';
  const schedule = params.get('schedule') ?? '';

  const load = useCallback(() => {
    loadWorklist(medplum).then(
      ({ rows: loaded, autoClosed }) => {
        setRows(loaded);
        if (autoClosed > 0) {
          notifications.show({
            color: 'teal',
            title: `${autoClosed} task${autoClosed === 1 ? '' : 's'} closed automatically`,
            message: 'Their appointments fit their schedules again.',
          });
        }
      },
      (err: unknown) => setError(errorMessage(err))
    );
  }, [medplum]);
  useEffect(load, [load]);

  const schedules = useMemo(() => {
    const seen = new Map<string, string>();
    rows?.forEach((r) => r.schedule && seen.set(r.schedule.id, r.scheduleName));
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [rows]);
  const shown = (rows ?? []).filter(
    (r) => (status === 'all' || (status === 'open') === isOpen(r)) && (!schedule || r.schedule?.id === schedule)
  );
  const setFilter = (name: string, value: string | null): void => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
    setParams(next);
  };

  return (
    <Stack>
      <PageTitle>Reschedule worklist</PageTitle>
      <Group>
        <Select
          label="Status"
          data={[
            { value: 'open', label: 'To do' },
            { value: 'done', label: 'Done' },
            { value: 'all', label: 'All' },
          ]}
          value={status}
          onChange={(v) => setFilter('status', v)}
          allowDeselect={false}
        />
        <Select
          label="Schedule"
          clearable
          placeholder="All schedules"
          data={schedules}
          value={schedule || null}
          onChange={(v) => setFilter('schedule', v)}
        />
      </Group>
      {error && (
        <Alert color="red" title="Could not load the worklist" role="alert">
          {error}
        </Alert>
      )}
      {!rows && !error && <Loader aria-label="Loading tasks" />}
      {rows && shown.length === 0 && <Alert color="gray" title="Nothing to reschedule" />}
      {shown.length > 0 && (
        <Table striped aria-label="Reschedule tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Appointment</Table.Th>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Fragment key={row.task.id}>
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
                    <Badge color={isOpen(row) ? 'orange' : 'gray'}>{isOpen(row) ? 'to do' : row.task.status}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {isOpen(row) && row.appointment && row.schedule && (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Reschedule ${row.patient}, ${row.when}`}
                        onClick={() => setOpen(open === row.task.id ? undefined : row.task.id)}
                      >
                        Reschedule
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open === row.task.id && row.appointment && row.schedule && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <RescheduleChooser
                        appointment={row.appointment}
                        schedule={row.schedule}
                        onDone={() => {
                          setOpen(undefined);
                          load();
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
