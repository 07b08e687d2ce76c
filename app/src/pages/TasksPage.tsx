/**
 * The reschedule worklist: the Tasks the bots created for bookings that need a new time.
 */
import type { JSX } from 'react';
import { Alert, Anchor, Badge, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Task } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { TASK_TYPE_SYSTEM } from '../../../core/tasks';
import { errorMessage } from '../hooks';

export function TasksPage(): JSX.Element {
  const medplum = useMedplum();
  const [tasks, setTasks] = useState<WithId<Task>[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    medplum
      .searchResources(
        'Task',
        { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment`, _sort: '-_lastUpdated', _count: '100' },
        { cache: 'no-cache' }
      )
      .then(
        (found) => setTasks([...found]),
        (err: unknown) => setError(errorMessage(err))
      );
  }, [medplum]);
  useEffect(load, [load]);

  const complete = async (task: WithId<Task>): Promise<void> => {
    try {
      // If-Match: a task the bots changed meanwhile is not overwritten.
      await medplum.updateResource(
        { ...task, status: 'completed' },
        task.meta?.versionId ? { headers: { 'If-Match': `W/"${task.meta.versionId}"` } } : undefined
      );
      notifications.show({ color: 'teal', title: 'Task completed', message: task.description ?? '' });
      load();
    } catch (err) {
      notifications.show({ color: 'red', title: 'The task was not updated', message: errorMessage(err) });
    }
  };

  return (
    <Stack>
      <Title order={2}>Reschedule worklist</Title>
      {error && (
        <Alert color="red" title="Could not load the worklist" role="alert">
          {error}
        </Alert>
      )}
      {!tasks && !error && <Loader aria-label="Loading tasks" />}
      {tasks?.length === 0 && <Alert color="gray" title="Nothing to reschedule" />}
      {tasks && tasks.length > 0 && (
        <Table striped aria-label="Reschedule tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>Appointment</Table.Th>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => {
              const scheduleId = task.reasonReference?.reference?.replace('Schedule/', '');
              return (
                <Table.Tr key={task.id}>
                  <Table.Td>
                    <Text size="sm">{task.description}</Text>
                    <Text size="xs" c="dimmed">
                      {task.for?.reference ?? 'no patient'} · {task.authoredOn?.slice(0, 16).replace('T', ' ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{task.focus?.reference ?? '—'}</Table.Td>
                  <Table.Td>
                    {scheduleId ? (
                      <Anchor component={Link} to={`/schedules/${scheduleId}`}>
                        Open schedule
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={task.status === 'completed' ? 'gray' : 'orange'}>{task.status}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {task.status !== 'completed' && (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Mark done: ${task.description ?? task.id}`}
                        onClick={() => void complete(task)}
                      >
                        Mark done
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
