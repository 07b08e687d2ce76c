/**
 * A schedule's calendar: week (time grid) or day view, previous/today/next, jump to a date, all in the schedule's
 * zone; on a phone it falls back to the day view. The view and date live in the URL (`?view=day&date=2026-11-24`).
 * After a change it says that it is updating while it follows the bots' work.
 *
 * @example
 * <ScheduleCalendar scheduleId={id} zone="America/New_York" closed={[]} onSlotSelect={(slot, booking) => open(slot)} />
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Loader, Paper, SegmentedControl, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, formatZone } from '../format';
import { CalendarGrid, type ClosedBand } from './CalendarGrid';
import { daysOf, rangeOf, shiftAnchor, todayIn, type CalendarView } from './layout';
import { useCalendarData } from '../hooks/useCalendarData';
import type { Booking } from './load';

export interface ScheduleCalendarProps {
  readonly scheduleId: string;
  readonly zone: string;
  readonly closed: readonly ClosedBand[];
  /** A change was just saved at this instant: follow the bots until the slots settle. */
  readonly followSince?: number;
  /** The schedule's first day (YYYY-MM-DD, in its zone): the calendar opens there when it is after today. */
  readonly firstDay?: string;
  /** A slot was chosen (free: to book it; booked: to open its appointment). */
  readonly onSlotSelect?: (slot: WithId<Slot>, booking?: Booking) => void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ScheduleCalendar({
  scheduleId,
  zone,
  closed,
  followSince,
  firstDay,
  onSlotSelect,
}: ScheduleCalendarProps): JSX.Element {
  const [params, setParams] = useSearchParams();
  const phone = useMediaQuery('(max-width: 48em)') === true;
  const now = Date.now();
  const today = todayIn(zone, now);
  const asked = params.get('date') ?? params.get('week') ?? '';
  // Without a date asked for, a schedule that starts later opens on its first day, not on an empty today.
  const anchor = DATE.test(asked) ? asked : firstDay && firstDay > today ? firstDay : today;
  const view: CalendarView = phone || params.get('view') === 'day' ? 'day' : 'week';
  const days = useMemo(() => daysOf(view, anchor), [view, anchor]);
  const range = useMemo(() => rangeOf(days, zone), [days, zone]);
  const data = useCalendarData(scheduleId, range, followSince);

  const go = (changes: Record<string, string | undefined>): void => {
    const next = new URLSearchParams(params);
    next.delete('week');
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: false });
  };
  const first = days[0] ?? anchor;
  const heading =
    view === 'week' ? `Week of ${formatDate(`${first}T12:00:00Z`, 'UTC')}` : formatDate(`${first}T12:00:00Z`, 'UTC');
  const label = view === 'week' ? 'Week' : 'Day';
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h3">
          {heading}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Button variant="default" onClick={() => go({ date: shiftAnchor(view, anchor, -1) })}>
            Previous {label.toLowerCase()}
          </Button>
          <Button
            variant="default"
            onClick={() => go({ date: undefined })}
            aria-label={`Today (${formatDate(`${today}T12:00:00Z`, 'UTC')})`}
          >
            Today
          </Button>
          <Button variant="default" onClick={() => go({ date: shiftAnchor(view, anchor, 1) })}>
            Next {label.toLowerCase()}
          </Button>
          {!phone && (
            <SegmentedControl
              aria-label="Calendar view"
              value={view}
              onChange={(v) => go({ view: v === 'day' ? 'day' : undefined })}
              data={[
                { value: 'week', label: 'Week' },
                { value: 'day', label: 'Day' },
              ]}
            />
          )}
          <TextInput
            type="date"
            aria-label="Go to date"
            placeholder="Go to date"
            value={anchor}
            onChange={(e) => DATE.test(e.currentTarget.value) && go({ date: e.currentTarget.value })}
            w={160}
          />
          <Button variant="subtle" onClick={data.refresh}>
            Refresh
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text size="sm" c="dimmed">
          Times in {formatZone(zone)}
          {phone ? ' · day view on small screens' : ''}
        </Text>
        <Text size="sm" role="status" aria-live="polite" fw={data.updating ? 600 : undefined}>
          {data.updating ? 'Updating: the calendar is catching up with your change…' : ''}
        </Text>
      </Group>
      {data.updating && <Loader size="xs" aria-hidden="true" mb="xs" />}
      {data.error && (
        <Alert color="red" role="alert" title="Could not load the slots">
          {data.error}
        </Alert>
      )}
      {!data.slots && !data.error && <Loader aria-label="Loading slots" />}
      {data.slots && (
        <CalendarGrid
          days={days}
          zone={zone}
          today={today}
          now={now}
          slots={data.slots}
          bookings={data.bookings}
          closed={closed}
          {...(onSlotSelect ? { onSlotSelect } : {})}
          label={`Slots, ${heading.toLowerCase().startsWith('week') ? heading.toLowerCase() : heading}`}
        />
      )}
    </Paper>
  );
}
