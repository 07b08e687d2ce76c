/**
 * The free slots an appointment can move to, a row each with its "Move here" button. On a phone the practitioner
 * and the place go under the time in one cell, so that a row reads as three short lines, not a column of words.
 */
import type { JSX } from 'react';
import { Button, Table, Text } from '@mantine/core';
import { type FoundSlot, visitTypeOf } from '../../../api/index';
import { describeFound } from '../frontdesk/describe';
import { usePhone } from '../hooks/usePhone';

export interface MoveOptionsProps {
  readonly options: readonly FoundSlot[];
  readonly onChoose: (option: FoundSlot) => void;
}

export function MoveOptions({ options, onChoose }: MoveOptionsProps): JSX.Element {
  const phone = usePhone();
  return (
    <Table aria-label="Free slots to move to">
      <Table.Tbody>
        {options.map((option) => {
          const text = describeFound(option);
          const visit = visitTypeOf(option.slot)?.display;
          const where = [text.practitioner, text.location].filter((t) => t !== '—').join(' · ');
          return (
            <Table.Tr key={option.slot.id}>
              <Table.Td>
                {text.when}
                {visit && <Text size="xs">{visit}</Text>}
                {phone && where && <Text size="xs">{where}</Text>}
              </Table.Td>
              {!phone && <Table.Td>{text.practitioner}</Table.Td>}
              {!phone && text.location !== '—' && <Table.Td>{text.location}</Table.Td>}
              <Table.Td>
                <Button size="xs" aria-label={`Move here: ${text.when}`} onClick={() => onChoose(option)}>
                  Move here
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
