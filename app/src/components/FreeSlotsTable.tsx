/**
 * Free slots found, nearest first, grouped by day (in each schedule's zone): the time and visit type, practitioner,
 * location (when any slot has one), the schedule as a link to its calendar on that day, and "Book". On a phone only
 * the time and the practitioner (the link) are shown beside "Book", so that the page never scrolls sideways and Book
 * stays in reach.
 */
import type { JSX } from 'react';
import { Anchor, Button, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { describeFill, type FoundSlot, visitTypeOf } from '../../../api/index';
import { describeFound, type FoundSlotText } from '../frontdesk/describe';
import { ColumnHeads } from './ColumnHeads';
import { usePhone } from '../hooks/usePhone';

export interface FreeSlotsTableProps {
  readonly slots: readonly FoundSlot[];
  readonly onBook: (found: FoundSlot) => void;
}

interface Row {
  readonly found: FoundSlot;
  readonly text: FoundSlotText;
}

/** The rows by local day, days in order of their first slot, slots in the order found. */
function byDay(slots: readonly FoundSlot[]): { day: string; rows: Row[] }[] {
  const days = new Map<string, Row[]>();
  for (const found of slots) {
    const text = describeFound(found);
    days.set(text.day, [...(days.get(text.day) ?? []), { found, text }]);
  }
  return [...days].map(([day, rows]) => ({ day, rows }));
}

export function FreeSlotsTable({ slots, onBook }: FreeSlotsTableProps): JSX.Element {
  const phone = usePhone();
  const days = useMemo(() => byDay(slots), [slots]);
  const withLocation = days.some(({ rows }) => rows.some(({ text }) => text.location !== '—'));
  const columns = phone
    ? ['Time', 'Practitioner']
    : ['Time', 'Practitioner', ...(withLocation ? ['Location'] : []), 'Schedule'];
  const calendar = ({ found, text }: Row, label: string): JSX.Element => (
    <Anchor component={Link} to={`/schedules/${found.schedule.id}?date=${text.date}`}>
      {label}
    </Anchor>
  );
  return (
    <Table aria-label="Free slots">
      <ColumnHeads columns={columns} />
      {days.map(({ day, rows }) => (
        <Table.Tbody key={day}>
          <Table.Tr bg="var(--mantine-color-gray-1)">
            <Table.Th scope="colgroup" colSpan={columns.length + 1}>
              {day}
            </Table.Th>
          </Table.Tr>
          {rows.map((row) => (
            <Table.Tr key={row.found.slot.id}>
              <Table.Td>
                {row.text.time}
                {visitTypeOf(row.found.slot) && <Text size="xs">{visitTypeOf(row.found.slot)?.display}</Text>}
                {row.found.fill && (
                  <Text size="xs" c="dimmed">
                    Group: {describeFill(row.found.fill.booked, row.found.fill.capacity)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{phone ? calendar(row, row.text.practitioner) : row.text.practitioner}</Table.Td>
              {!phone && withLocation && <Table.Td>{row.text.location}</Table.Td>}
              {!phone && <Table.Td>{calendar(row, row.text.schedule)}</Table.Td>}
              <Table.Td>
                <Button size="xs" aria-label={`Book ${row.text.when}`} onClick={() => onBook(row.found)}>
                  Book
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      ))}
    </Table>
  );
}
