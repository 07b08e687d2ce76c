/**
 * The waitlist as a table: patient, what they wait for, priority, since when, and the offer (the held time, until
 * when) with Accept (books it) and Decline; Remove takes an entry off. Decline and Remove ask for a reason first.
 * `offersOnly` shows the entries with an offer (the worklist's section). On a phone the wish and the offer go under
 * the patient, so that the page never scrolls sideways.
 */
import type { JSX } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../errors';
import type { WaitlistRow } from '../frontdesk/waitlist';
import { useClinik } from '../hooks/useClinik';
import { AppModal } from './AppModal';
import { ColumnHeads } from './ColumnHeads';
import { usePhone } from '../hooks/usePhone';

export interface WaitlistTableProps {
  readonly rows: readonly WaitlistRow[];
  readonly label: string;
  /** An entry changed (accepted, declined, removed). */
  readonly onChanged: () => void;
  /** Only the entries with an offer, without Remove (the worklist). */
  readonly offersOnly?: boolean;
}

type Asking = { readonly row: WaitlistRow; readonly how: 'decline' | 'remove' };

export function WaitlistTable({ rows, label, onChanged, offersOnly }: WaitlistTableProps): JSX.Element {
  const clinik = useClinik();
  const phone = usePhone();
  const [asking, setAsking] = useState<Asking>();
  const [busy, setBusy] = useState<string>();
  const accept = async (row: WaitlistRow): Promise<void> => {
    setBusy(row.entry.request.id);
    try {
      await clinik.waitlist.accept(row.entry.request.id);
      notifications.show({
        color: 'teal',
        title: 'Booked from the waitlist',
        message: `${row.patient} with ${row.offer?.practitioner || 'the practitioner'}, ${row.offer?.when ?? ''}`,
      });
      onChanged();
    } catch (err) {
      notifications.show({ color: 'red', title: 'Not booked', message: errorMessage(err) });
      onChanged();
    } finally {
      setBusy(undefined);
    }
  };
  const shown = offersOnly ? rows.filter((r) => r.offer) : rows;
  const columns = phone ? ['Patient', 'Offer'] : ['Patient', 'Waiting for', 'Priority', 'Since', 'Offer'];
  return (
    <>
      <Table striped aria-label={label}>
        <ColumnHeads columns={columns} />
        <Table.Tbody>
          {shown.map((row) => (
            <Table.Tr key={row.entry.request.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {row.patient}
                </Text>
                {phone && <Text size="sm">{row.wish}</Text>}
                {row.entry.request.status !== 'active' && (
                  <Badge color="gray.7">{row.entry.request.status === 'completed' ? 'Booked' : 'Removed'}</Badge>
                )}
                {!offersOnly && row.entry.request.status === 'active' && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red.8"
                    mt={4}
                    aria-label={`Remove ${row.patient} from the waitlist`}
                    onClick={() => setAsking({ row, how: 'remove' })}
                  >
                    Remove
                  </Button>
                )}
              </Table.Td>
              {!phone && (
                <Table.Td>
                  <Text size="sm">{row.wish}</Text>
                </Table.Td>
              )}
              {!phone && (
                <Table.Td>
                  <Text size="sm">{row.priority}</Text>
                </Table.Td>
              )}
              {!phone && (
                <Table.Td>
                  <Text size="sm">{row.since}</Text>
                </Table.Td>
              )}
              <Table.Td>
                {row.offer ? (
                  <Stack gap={4}>
                    <Text size="sm">
                      Held: {row.offer.when}
                      {row.offer.practitioner ? ` with ${row.offer.practitioner}` : ''}, until {row.offer.until}
                    </Text>
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        loading={busy === row.entry.request.id}
                        aria-label={`Accept for ${row.patient}: ${row.offer.when}`}
                        onClick={() => void accept(row)}
                      >
                        Accept
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={`Decline for ${row.patient}: ${row.offer.when}`}
                        onClick={() => setAsking({ row, how: 'decline' })}
                      >
                        Decline
                      </Button>
                    </Group>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    Waiting
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ReasonDialog asking={asking} onClose={() => setAsking(undefined)} onDone={onChanged} />
    </>
  );
}

/** Asks why before declining an offer or removing an entry. */
function ReasonDialog(props: { asking?: Asking; onClose: () => void; onDone: () => void }): JSX.Element {
  const clinik = useClinik();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { asking } = props;
  const title = asking?.how === 'remove' ? 'Remove from the waitlist' : 'Decline the offer';
  const confirm = async (): Promise<void> => {
    if (!asking) return;
    if (!reason.trim()) {
      setError('Give the reason.');
      return;
    }
    setBusy(true);
    try {
      const id = asking.row.entry.request.id;
      await (asking.how === 'remove' ? clinik.waitlist.remove(id, reason) : clinik.waitlist.decline(id, reason));
      notifications.show({
        color: 'teal',
        title: asking.how === 'remove' ? 'Removed from the waitlist' : 'Offer declined',
        message: asking.row.patient,
      });
      setReason('');
      setError(undefined);
      props.onClose();
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened={asking !== undefined} onClose={props.onClose} title={title}>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <Text size="sm">{asking ? `${asking.row.patient}: ${asking.row.offer?.when ?? asking.row.wish}` : ''}</Text>
        <TextInput
          label="Reason"
          required
          data-autofocus
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {asking?.how === 'remove' ? 'Remove' : 'Decline'}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
