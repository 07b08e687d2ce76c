/**
 * A page's one h1. It takes the focus when the page opens after a navigation (screen readers announce the new page,
 * keyboard users start from it) and names the browser tab.
 */
import type { JSX, ReactNode } from 'react';
import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';

let firstPage = true;

export function PageTitle({ children, text }: { readonly children: ReactNode; readonly text?: string }): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  const title = text ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    if (title) {
      document.title = `${title} · Schedules`;
    }
  }, [title]);
  useEffect(() => {
    // The first page of a visit keeps the browser's initial focus; every later page moves it to its heading.
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <Title order={1} size="h2" ref={ref} tabIndex={-1} className="page-title">
      {children}
    </Title>
  );
}
