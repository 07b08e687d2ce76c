/** Free and booked future slot counts of a schedule (two count-only searches). */
import type { JSX } from 'react';
import { Text } from '@mantine/core';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

export function SlotCounts({ scheduleId }: { readonly scheduleId: string }): JSX.Element {
  const medplum = useMedplum();
  const [counts, setCounts] = useState<{ free: number; booked: number }>();
  useEffect(() => {
    let current = true;
    const from = `ge${new Date().toISOString()}`;
    const count = (status: string): Promise<number> =>
      medplum
        .search('Slot', { schedule: `Schedule/${scheduleId}`, status, start: from, _count: '0', _total: 'accurate' })
        .then((b) => b.total ?? 0);
    Promise.all([count('free'), count('busy,busy-tentative')])
      .then(([free, booked]) => current && setCounts({ free, booked }))
      .catch(() => current && setCounts(undefined));
    return () => {
      current = false;
    };
  }, [medplum, scheduleId]);
  return <Text size="sm">{counts ? `${counts.free} / ${counts.booked}` : '…'}</Text>;
}
