/**
 * A schedule's calendar: week (time grid; the weekend only when the schedule works on it), work week (Mon–Fri) or
 * day view, previous/today/next, jump to a date, all in the schedule's zone; on a phone it falls back to the day view.
 * The grid's rows span the schedule's hours, or the whole day on request. The view, the date and the whole day live
 * in the URL (`?view=day&date=2026-11-24&hours=all`). After a change it says that it is updating while it follows
 * the bots' work.
 *
 * @example
 * <ScheduleCalendar scheduleId={id} zone="America/New_York" closed={[]} windows={availability.windows}
 *   onSlotSelect={(slot, booking) => open(slot)} />
 */
import type { JSX } from 'react';
import { Alert, Group, Loader, Paper, Text, Title } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import type { WeeklyWindow } from '../../../core/availability/index';
import type { ScheduleSyncStatus } from '../../../api/index';
import { formatDate, formatZone } from '../format';
import { useCalendarData } from '../hooks/useCalendarData';
import { useCalendarView } from '../hooks/useCalendarView';
import { CalendarGrid, type ClosedBand } from './CalendarGrid';
import { CalendarToolbar } from './CalendarToolbar';
import type { Follow } from './follow';
import { daysOf, rangeOf } from './layout';
import type { Booking } from './load';
import { isWeekend, weekendInUse } from './weekend';

export interface ScheduleCalendarProps {
  readonly scheduleId: string;
  readonly zone: string;
  readonly closed: readonly ClosedBand[];
  /** The schedule's weekly opening hours (none for a manual schedule): the grid's rows and the weekend follow them. */
  readonly windows?: readonly WeeklyWindow[];
  /** A change was just saved: follow the bots until they are done with it (calendar/follow.ts). */
  readonly follow?: Follow;
  /** The bots are done with `follow`: for a schedule change, their slot-sync status (a refusal, say). */
  readonly onSettled?: (status: ScheduleSyncStatus | undefined) => void;
  /** The schedule's first day (YYYY-MM-DD, in its zone): the calendar opens there when it is after today. */
  readonly firstDay?: string;
  /** A slot was chosen (free: to book it; booked: to open its appointment). */
  readonly onSlotSelect?: (slot: WithId<Slot>, booking?: Booking) => void;
}

const NO_WINDOWS: readonly WeeklyWindow[] = [];

/** A line under the controls: the zone, and what the view leaves out. */
function viewNote(view: string, phone: boolean, weekendUsed: boolean | undefined): string {
  if (phone) return ' · day view on small screens';
  if (view === 'week' && weekendUsed === false) return ' · weekend hidden: no hours or slots on it';
  if (view === 'workweek' && weekendUsed) return ' · this weekend has hours or slots: choose Week to see it';
  return '';
}

export function ScheduleCalendar(props: ScheduleCalendarProps): JSX.Element {
  const { scheduleId, zone, closed, follow, onSettled, onSlotSelect } = props;
  const windows = props.windows ?? NO_WINDOWS;
  const now = Date.now();
  const state = useCalendarView(zone, props.firstDay, now);
  const { view, anchor, today, wholeDay, phone } = state;
  // A week or a work week loads the whole week: switching between them needs no reload, and the weekend is known.
  const loaded = useMemo(() => daysOf(view === 'day' ? 'day' : 'week', anchor), [view, anchor]);
  const range = useMemo(() => rangeOf(loaded, zone), [loaded, zone]);
  const data = useCalendarData(scheduleId, range, follow, onSettled);
  const weekendUsed =
    view === 'day' || !data.slots ? undefined : weekendInUse(loaded, { windows, slots: data.slots, zone });
  const days =
    view === 'day' || (weekendUsed === true && view === 'week') ? loaded : loaded.filter((d) => !isWeekend(d));
  const first = days[0] ?? anchor;
  const heading =
    view === 'day' ? formatDate(`${first}T12:00:00Z`, 'UTC') : `Week of ${formatDate(`${first}T12:00:00Z`, 'UTC')}`;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="sm" align="baseline" wrap="wrap" style={{ rowGap: 0 }}>
          <Title order={2} size="h4">
            {heading}
          </Title>
          <Text size="sm" c="dimmed">
            Times in {formatZone(zone)}
            {viewNote(view, phone, weekendUsed)}
          </Text>
        </Group>
        <Text size="sm" role="status" aria-live="polite" fw={data.updating ? 600 : undefined}>
          {data.updating ?? ''}
        </Text>
      </Group>
      <CalendarToolbar state={state} onRefresh={data.refresh} />
      {data.updating !== undefined && <Loader size="xs" aria-hidden="true" mb="xs" />}
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
          windows={windows}
          wholeDay={wholeDay}
          {...(onSlotSelect ? { onSlotSelect } : {})}
          label={`Slots, ${view === 'day' ? heading : heading.toLowerCase()}`}
        />
      )}
    </Paper>
  );
}
