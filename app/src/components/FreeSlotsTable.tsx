/**
 * Free slots found, nearest first: when (local time) and the visit type, practitioner, location, schedule, and "Book". On a phone only
 * when and practitioner are shown beside "Book", so that the page never scrolls sideways and Book stays in reach.
 */
import type { JSX } from 'react';
import { Button, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { describeFill, type FoundSlot, visitTypeOf } from '../../../api/index';
import { describeFound } from '../frontdesk/describe';
import { ColumnHeads } from './ColumnHeads';

export interface FreeSlotsTableProps {
  readonly slots: readonly FoundSlot[];
  readonly onBook: (found: FoundSlot) => void;
}

export function FreeSlotsTable({ slots, onBook }: FreeSlotsTableProps): JSX.Element {
  const phone = useMediaQuery('(max-width: 48em)') === true;
  const rows = useMemo(() => slots.map((found) => ({ found, text: describeFound(found) })), [slots]);
  return (
    <Table striped aria-label="Free slots">
      <ColumnHeads columns={phone ? ['When', 'Practitioner'] : ['When', 'Practitioner', 'Location', 'Schedule']} />
      <Table.Tbody>
        {rows.map(({ found, text }) => (
          <Table.Tr key={found.slot.id}>
            <Table.Td>
              {text.when}
              {visitTypeOf(found.slot) && <Text size="xs">{visitTypeOf(found.slot)?.display}</Text>}
              {found.fill && (
                <Text size="xs" c="dimmed">
                  Group: {describeFill(found.fill.booked, found.fill.capacity)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{text.practitioner}</Table.Td>
            {!phone && <Table.Td>{text.location}</Table.Td>}
            {!phone && <Table.Td>{text.schedule}</Table.Td>}
            <Table.Td>
              <Button size="xs" aria-label={`Book ${text.when}`} onClick={() => onBook(found)}>
                Book
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
