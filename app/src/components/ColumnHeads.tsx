/** A table's column heads, then an unnamed (visually hidden) "Actions" column for the rows' buttons. */
import type { JSX } from 'react';
import { VisuallyHidden, Table } from '@mantine/core';

export function ColumnHeads({ columns }: { readonly columns: readonly string[] }): JSX.Element {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th key={column}>{column}</Table.Th>
        ))}
        <Table.Th>
          <VisuallyHidden>Actions</VisuallyHidden>
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}
