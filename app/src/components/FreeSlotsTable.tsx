/** Free slots found, nearest first: when (local time), practitioner, location, schedule, and "Book". */
import type { JSX } from 'react';
import { Button, Table } from '@mantine/core';
import { useMemo } from 'react';
import type { FoundSlot } from '../../../api/index';
import { describeFound } from '../frontdesk/describe';
import { ColumnHeads } from './ColumnHeads';

export interface FreeSlotsTableProps {
  readonly slots: readonly FoundSlot[];
  readonly onBook: (found: FoundSlot) => void;
}

export function FreeSlotsTable({ slots, onBook }: FreeSlotsTableProps): JSX.Element {
  const rows = useMemo(() => slots.map((found) => ({ found, text: describeFound(found) })), [slots]);
  return (
    <Table striped aria-label="Free slots">
      <ColumnHeads columns={['When', 'Practitioner', 'Location', 'Schedule']} />
      <Table.Tbody>
        {rows.map(({ found, text }) => (
          <Table.Tr key={found.slot.id}>
            <Table.Td>{text.when}</Table.Td>
            <Table.Td>{text.practitioner}</Table.Td>
            <Table.Td>{text.location}</Table.Td>
            <Table.Td>{text.schedule}</Table.Td>
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
