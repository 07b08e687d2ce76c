/**
 * Schedule detail: its stable name (actors and specialty), status, the comment as a note, its key facts in one line
 * (the rest behind "Details"), and its calendar high on the page, fitted to the schedule's hours; when the bots
 * refused its rules, why (in words). Deactivation and reactivation show their impact first.
 */
import type { JSX } from 'react';
import { Alert, Loader, Stack } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { useMemo, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { readScheduleRules } from '../../../core/availability/index';
import { localDateTime } from '../../../core/time';
import type { Booking } from '../calendar/load';
import { ScheduleCalendar } from '../calendar/ScheduleCalendar';
import { ActivationDialog } from '../components/ActivationDialog';
import { PageTitle } from '../components/PageTitle';
import { ScheduleFacts, ScheduleHeader } from '../components/ScheduleFacts';
import { SlotDialog } from '../components/SlotDialog';
import { useSchedule } from '../hooks/useSchedule';
import { useNextFreeDay } from '../hooks/useNextFreeDay';
import { useScheduleName } from '../hooks/useScheduleName';
import { useSyncRefusal } from '../hooks/useSyncRefusal';
import { browserZone } from '../schedule-form/model';
import type { Follow } from '../calendar/follow';

export function ScheduleDetailPage(): JSX.Element {
  const { id = '' } = useParams();
  const location = useLocation();
  const { schedule, actors, error, reload } = useSchedule(id);
  const [dialog, setDialog] = useState(false);
  const [chosen, setChosen] = useState<{ slot: WithId<Slot>; booking?: Booking }>();
  // A change saved just before opening this page (the form passes it), or one made here: the calendar follows it.
  const [follow, setFollow] = useState<Follow | undefined>((location.state as { follow?: Follow } | null)?.follow);
  const [syncTick, setSyncTick] = useState(0);
  const name = useScheduleName(schedule);
  const refusal = useSyncRefusal(id, `${schedule?.meta?.versionId ?? ''}:${syncTick}`);
  const rules = useMemo(() => (schedule ? readScheduleRules(schedule, { actors }) : undefined), [schedule, actors]);
  const availability = rules?.ok ? rules.value.availability : undefined;
  const zone = availability?.timeZone ?? browserZone();
  const nextFree = useNextFreeDay(id, zone, schedule?.meta?.versionId);
  if (error) {
    return (
      <Stack>
        <PageTitle>Schedule</PageTitle>
        <Alert color="red" title="Could not load the schedule" role="alert">
          {error}
        </Alert>
      </Stack>
    );
  }
  if (!schedule || !rules) {
    return <Loader aria-label="Loading schedule" />;
  }
  // The calendar opens on the week of the next free slot; else on the schedule's first day, when that is later.
  const start = schedule.planningHorizon?.start;
  const firstDay = nextFree ?? (start ? localDateTime(start, zone).slice(0, 10) : undefined);
  return (
    <Stack gap="sm">
      <ScheduleHeader schedule={schedule} name={name} onActivation={() => setDialog(true)} />
      <ScheduleFacts schedule={schedule} rules={rules} zone={zone} />
      {refusal && (
        <Alert color="red" title="No slots are made for these rules" role="alert">
          {refusal} Edit the schedule to change them.
        </Alert>
      )}
      {nextFree === undefined ? (
        <Loader aria-label="Loading the calendar" />
      ) : (
        <ScheduleCalendar
          key={schedule.meta?.versionId}
          scheduleId={schedule.id}
          zone={zone}
          closed={availability?.closed ?? []}
          windows={availability?.windows ?? []}
          {...(follow ? { follow } : {})}
          onSettled={() => setSyncTick((n) => n + 1)}
          {...(firstDay ? { firstDay } : {})}
          onSlotSelect={(slot, booking) => setChosen(booking ? { slot, booking } : { slot })}
        />
      )}
      <SlotDialog
        {...(chosen ? { slot: chosen.slot } : {})}
        {...(chosen?.booking ? { booking: chosen.booking } : {})}
        zone={zone}
        bookable={schedule.active !== false}
        onClose={() => setChosen(undefined)}
        onChanged={(what) => setFollow({ since: Date.now(), what })}
      />
      <ActivationDialog
        opened={dialog}
        schedule={schedule}
        actors={actors}
        onClose={() => setDialog(false)}
        onDone={(updated) => {
          setDialog(false);
          const what = updated.active === false ? 'deactivation' : 'activation';
          setFollow({
            since: Date.now(),
            what,
            ...(updated.meta?.versionId ? { version: updated.meta.versionId } : {}),
          });
          reload();
        }}
      />
    </Stack>
  );
}
