/** The errors of a form at its top, focused on a failed save; each links to its field. */
import type { JSX, RefObject } from 'react';
import { Alert, Anchor, List } from '@mantine/core';

export interface SummaryItem {
  readonly field: string;
  readonly message: string;
  /** The id of the field's input, to jump to. */
  readonly target?: string;
}

export function ErrorSummary({
  items,
  innerRef,
}: {
  readonly items: readonly SummaryItem[];
  readonly innerRef: RefObject<HTMLDivElement | null>;
}): JSX.Element | null {
  if (items.length === 0) {
    return null;
  }
  return (
    <Alert
      ref={innerRef}
      tabIndex={-1}
      color="red"
      title={items.length === 1 ? 'Fix this before saving' : `Fix these ${items.length} things before saving`}
      role="alert"
      aria-label="Errors in the form"
    >
      <List size="sm">
        {items.map((item) => (
          <List.Item key={item.field}>
            {item.target ? (
              <Anchor
                href={`#${item.target}`}
                c="red.9"
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(item.target ?? '')?.focus();
                }}
              >
                {item.message}
              </Anchor>
            ) : (
              item.message
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
