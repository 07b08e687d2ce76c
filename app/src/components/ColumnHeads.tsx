/**
 * A table's column heads, then (unless `actions` is false: the rows carry their buttons in a cell of their own
 * content) an unnamed (visually hidden) "Actions" column for the rows' buttons.
 */
import type { JSX } from 'react';
import { VisuallyHidden, Table } from '@mantine/core';

export function ColumnHeads({
  columns,
  actions = true,
}: {
  readonly columns: readonly string[];
  readonly actions?: boolean;
}): JSX.Element {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th key={column}>{column}</Table.Th>
        ))}
        {actions && (
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
