/**
 * The calendar's controls: previous, today and next; the view (week, work week, day; not on a phone); whole day or the
 * schedule's hours; go to a date; refresh. Every control is a labelled button, segmented control or input.
 *
 * @example
 * <CalendarToolbar state={useCalendarView(zone)} onRefresh={data.refresh} />
 */
import type { JSX } from 'react';
import { Button, Group, SegmentedControl, TextInput } from '@mantine/core';
import { formatDate } from '../format';
import { isCalendarDate, type CalendarViewState } from '../hooks/useCalendarView';
import { shiftAnchor, type CalendarView } from './layout';

const VIEWS: { value: CalendarView; label: string }[] = [
  { value: 'week', label: 'Week' },
  { value: 'workweek', label: 'Work week' },
  { value: 'day', label: 'Day' },
];

export interface CalendarToolbarProps {
  readonly state: CalendarViewState;
  readonly onRefresh: () => void;
}

export function CalendarToolbar({ state, onRefresh }: CalendarToolbarProps): JSX.Element {
  const { view, anchor, today, wholeDay, phone, go } = state;
  const unit = view === 'day' ? 'day' : 'week';
  return (
    <Group gap="xs" wrap="wrap" mb="xs">
      <Button variant="default" onClick={() => go({ date: shiftAnchor(view, anchor, -1) })}>
        Previous {unit}
      </Button>
      <Button
        variant="default"
        onClick={() => go({ date: undefined })}
        aria-label={`Today (${formatDate(`${today}T12:00:00Z`, 'UTC')})`}
      >
        Today
      </Button>
      <Button variant="default" onClick={() => go({ date: shiftAnchor(view, anchor, 1) })}>
        Next {unit}
      </Button>
      {!phone && (
        <SegmentedControl
          aria-label="Calendar view"
          value={view}
          onChange={(v) => go({ view: VIEWS.find((o) => o.value === v)?.value ?? 'week' })}
          data={VIEWS}
        />
      )}
      <Button
        variant={wholeDay ? 'filled' : 'default'}
        aria-pressed={wholeDay}
        title={wholeDay ? 'Showing midnight to midnight' : 'Showing the schedule’s hours'}
        onClick={() => go({ wholeDay: !wholeDay })}
      >
        Show whole day
      </Button>
      <TextInput
        type="date"
        aria-label="Go to date"
        placeholder="Go to date"
        value={anchor}
        onChange={(e) => isCalendarDate(e.currentTarget.value) && go({ date: e.currentTarget.value })}
        w={160}
      />
      <Button variant="subtle" onClick={onRefresh}>
        Refresh
      </Button>
    </Group>
  );
}
