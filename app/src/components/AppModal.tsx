/**
 * A dialog with a named close button and a heading, whose header is not a second banner landmark (Mantine's Modal
 * renders its header as <header>, which screen readers announce as the page banner).
 */
import type { JSX, ReactNode } from 'react';
import { Modal } from '@mantine/core';

export interface AppModalProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly children: ReactNode;
  readonly size?: string;
  /** The close button's accessible name (default "Close"). */
  readonly closeLabel?: string;
}

export function AppModal({ opened, onClose, title, children, size, closeLabel = 'Close' }: AppModalProps): JSX.Element {
  return (
    <Modal.Root opened={opened} onClose={onClose} size={size ?? 'md'}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title component="h2" fw={700} fz="lg">
            {title}
          </Modal.Title>
          <Modal.CloseButton aria-label={closeLabel} title={closeLabel} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
