/**
 * Find a slot, for the front desk: service type or specialty, practitioner or location, a date range, or "first
 * available". Free slots nearest first across schedules, with practitioner, location and local time; "Book" opens
 * the booking panel, so a booking takes two clicks once the patient is chosen. The criteria live in the URL.
 */
import type { JSX } from 'react';
import { VisuallyHidden, Alert, Button, Drawer, Group, Loader, Select, Stack, Table, TextInput } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment, Location, Practitioner } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { FoundSlot, Page } from '../../../api/index';
import { PageTitle } from '../components/PageTitle';
import { AppointmentPanel } from '../components/AppointmentPanel';
import { BookingPanel } from '../components/BookingPanel';
import { displayName } from '../actors';
import { describeFound } from '../frontdesk/describe';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';

const DAY = 86_400_000;
const PAGE = 20;

function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

export function FindSlotPage(): JSX.Element {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState(() => ({
    specialty: params.get('specialty') ?? '',
    serviceType: params.get('serviceType') ?? '',
    actorId: params.get('actorId') ?? '',
    from: params.get('from') ?? today(),
    to: params.get('to') ?? today(30),
  }));
  const [actors, setActors] = useState<{ value: string; label: string }[]>([]);
  const [result, setResult] = useState<Page<FoundSlot>>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [booking, setBooking] = useState<FoundSlot>();
  const [done, setDone] = useState<{ text: string; appointment: WithId<Appointment> }>();
  const [viewing, setViewing] = useState<WithId<Appointment>>();

  useEffect(() => {
    Promise.all([
      medplum.searchResources('Practitioner', { _count: '500' }),
      medplum.searchResources('Location', { _count: '500' }),
    ])
      .then(([practitioners, locations]) =>
        setActors(
          [...practitioners, ...locations].map((r: Practitioner | Location) => ({
            value: `${r.resourceType}/${r.id}`,
            label: `${displayName(r, `${r.resourceType}/${r.id}`)} (${r.resourceType === 'Location' ? 'location' : 'practitioner'})`,
          }))
        )
      )
      .catch(() => setActors([]));
  }, [medplum]);

  const search = useCallback(
    async (criteria: typeof form, offset = 0, firstAvailable = false): Promise<void> => {
      setLoading(true);
      setError(undefined);
      try {
        const from = new Date(`${criteria.from}T00:00:00`).toISOString();
        const to = new Date(new Date(`${criteria.to}T00:00:00`).getTime() + DAY).toISOString();
        const page = await clinik.slots.find({
          ...(criteria.specialty.trim() ? { specialty: criteria.specialty.trim() } : {}),
          ...(criteria.serviceType.trim() ? { serviceType: criteria.serviceType.trim() } : {}),
          ...(criteria.actorId ? { actorId: criteria.actorId } : {}),
          from: firstAvailable ? new Date().toISOString() : from,
          to: firstAvailable ? new Date(Date.now() + 180 * DAY).toISOString() : to,
          count: PAGE,
          offset,
        });
        setResult(page);
      } catch (err) {
        setResult(undefined);
        setError(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [clinik]
  );

  useEffect(() => {
    if (params.get('run')) {
      void search(form, 0, params.get('run') === 'first');
    }
  }, []);

  const submit = (firstAvailable: boolean): void => {
    const entries = Object.entries(form).filter(([, v]) => v);
    setParams(new URLSearchParams([...entries, ['run', firstAvailable ? 'first' : 'range']]));
    void search(form, 0, firstAvailable);
  };

  const rows = useMemo(() => result?.data.map((found) => ({ found, text: describeFound(found) })) ?? [], [result]);

  return (
    <Stack>
      <PageTitle>Find a slot</PageTitle>
      <Group align="end" wrap="wrap">
        <TextInput
          label="Specialty"
          value={form.specialty}
          onChange={(e) => setForm({ ...form, specialty: e.currentTarget.value })}
        />
        <TextInput
          label="Service type"
          value={form.serviceType}
          onChange={(e) => setForm({ ...form, serviceType: e.currentTarget.value })}
        />
        <Select
          label="Practitioner or location"
          searchable
          clearable
          data={actors}
          value={form.actorId || null}
          onChange={(v) => setForm({ ...form, actorId: v ?? '' })}
        />
        <TextInput
          label="From"
          type="date"
          value={form.from}
          onChange={(e) => setForm({ ...form, from: e.currentTarget.value })}
        />
        <TextInput
          label="To"
          type="date"
          value={form.to}
          onChange={(e) => setForm({ ...form, to: e.currentTarget.value })}
        />
        <Button onClick={() => submit(false)}>Search</Button>
        <Button variant="light" onClick={() => submit(true)}>
          First available
        </Button>
      </Group>
      {done && (
        <Alert color="teal" title="Booked" onClose={() => setDone(undefined)} withCloseButton>
          <Group justify="space-between">
            {done.text}
            <Button size="xs" variant="light" onClick={() => setViewing(done.appointment)}>
              Open the appointment
            </Button>
          </Group>
        </Alert>
      )}
      {error && (
        <Alert color="red" title="Could not search" role="alert">
          {error}
        </Alert>
      )}
      {loading && <Loader aria-label="Searching free slots" />}
      {result && result.data.length === 0 && <Alert color="gray" title="No free slot matches" />}
      {rows.length > 0 && (
        <Table striped aria-label="Free slots">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Practitioner</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ found, text }) => (
              <Table.Tr key={found.slot.id}>
                <Table.Td>{text.when}</Table.Td>
                <Table.Td>{text.practitioner}</Table.Td>
                <Table.Td>{text.location}</Table.Td>
                <Table.Td>{text.schedule}</Table.Td>
                <Table.Td>
                  <Button size="xs" aria-label={`Book ${text.when}`} onClick={() => setBooking(found)}>
                    Book
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result?.nextOffset !== undefined && (
        <Button variant="subtle" onClick={() => void search(form, result.nextOffset, params.get('run') === 'first')}>
          Later slots
        </Button>
      )}
      <Drawer
        opened={booking !== undefined}
        onClose={() => setBooking(undefined)}
        position="right"
        size="md"
        title="Book"
      >
        {booking && (
          <BookingPanel
            key={booking.slot.id}
            slot={booking.slot}
            found={booking}
            onCancel={() => setBooking(undefined)}
            onDone={(appointment) => {
              setDone({ text: `${describeFound(booking).when} is booked.`, appointment });
              setBooking(undefined);
              void search(form, 0, params.get('run') === 'first');
            }}
          />
        )}
      </Drawer>
      <Drawer
        opened={viewing !== undefined}
        onClose={() => setViewing(undefined)}
        position="right"
        size="md"
        title="Appointment"
      >
        {viewing && (
          <AppointmentPanel
            key={viewing.id}
            appointment={viewing}
            onDone={() => {
              setViewing(undefined);
              setDone(undefined);
              void search(form, 0, params.get('run') === 'first');
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}
