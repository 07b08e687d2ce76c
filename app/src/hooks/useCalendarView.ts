/**
 * What the calendar shows, kept in the URL so that it survives a reload and can be shared: the view
 * (`?view=day`, `?view=workweek`; the week without it), the date (`?date=2026-11-24`; today without it, or the
 * schedule's first day when that is later) and the whole day instead of the schedule's hours (`?hours=all`). On a
 * phone the view is always the day.
 *
 * @example
 * const { view, anchor, wholeDay, go } = useCalendarView('America/New_York');
 * go({ view: 'day', date: '2026-11-24' });
 */
import { useSearchParams } from 'react-router';
import { todayIn, type CalendarView } from '../calendar/layout';
import { usePhone } from './usePhone';

export interface CalendarViewState {
  readonly view: CalendarView;
  /** The date the view is around: 'YYYY-MM-DD'. */
  readonly anchor: string;
  /** Today in the schedule's zone. */
  readonly today: string;
  /** Midnight to midnight, not the schedule's hours. */
  readonly wholeDay: boolean;
  /** A small screen: the day view only. */
  readonly phone: boolean;
  /** Changes the URL: a value sets its parameter, `undefined` removes it (the default). */
  readonly go: (changes: { view?: CalendarView; date?: string | undefined; wholeDay?: boolean }) => void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a string is a date the calendar can go to: 'YYYY-MM-DD'.
 *
 * @example
 * isCalendarDate('2026-11-24'); // true
 */
export function isCalendarDate(value: string): boolean {
  return DATE.test(value);
}

function viewOf(value: string | null): CalendarView {
  return value === 'day' || value === 'workweek' ? value : 'week';
}

export function useCalendarView(zone: string, firstDay?: string, now: number = Date.now()): CalendarViewState {
  const [params, setParams] = useSearchParams();
  const phone = usePhone();
  const today = todayIn(zone, now);
  const asked = params.get('date') ?? params.get('week') ?? '';
  // Without a date asked for, a schedule that starts later opens on its first day, not on an empty today.
  const anchor = DATE.test(asked) ? asked : firstDay && firstDay > today ? firstDay : today;
  const go: CalendarViewState['go'] = (changes) => {
    const next = new URLSearchParams(params);
    next.delete('week');
    const set = (key: string, value: string | undefined): void => {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    };
    if ('view' in changes) set('view', changes.view === 'week' ? undefined : changes.view);
    if ('date' in changes) set('date', changes.date);
    if ('wholeDay' in changes) set('hours', changes.wholeDay ? 'all' : undefined);
    setParams(next, { replace: false });
  };
  return {
    view: phone ? 'day' : viewOf(params.get('view')),
    anchor,
    today,
    wholeDay: params.get('hours') === 'all',
    phone,
    go,
  };
}
