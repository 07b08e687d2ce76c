/**
 * Create or edit a schedule: actors, codes (free text allowed), planning horizon, comment, and the availability
 * editor (zone, slot length, buffers, weekly hours with several windows a day, closed periods). Validation messages
 * come from the core; the slots the change will produce are previewed before saving.
 */
import type { JSX } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Chip,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DayOfWeek, WithId } from '@medplum/core';
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { readScheduleRules } from '../../../core/availability';
import { withAvailability, type AvailabilityInput } from '../../../core/scheduling-parameters';
import { planSlots } from '../../../core/slot-plan';
import { conceptText } from '../../../core/terminology';
import { formatInstant, localDateTime, zonedInstant } from '../../../core/time';
import { displayName } from '../components/ActorNames';
import { errorMessage, useClinik } from '../hooks';

const DAYS: { value: DayOfWeek; label: string }[] = [
  { value: 'mon', label: 'Mon' },
  { value: 'tue', label: 'Tue' },
  { value: 'wed', label: 'Wed' },
  { value: 'thu', label: 'Thu' },
  { value: 'fri', label: 'Fri' },
  { value: 'sat', label: 'Sat' },
  { value: 'sun', label: 'Sun' },
];
// Browsers list canonical zones only (no "UTC"); keep UTC and whatever the schedule already uses selectable.
const ZONES: string[] = [
  'UTC',
  ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []),
].filter((z, i, all) => all.indexOf(z) === i);

interface Hours {
  days: DayOfWeek[];
  start: string;
  end: string;
  allDay: boolean;
}
interface Closed {
  description: string;
  start: string;
  end: string;
}
export interface FormState {
  actors: string[];
  specialty: string[];
  serviceType: string[];
  serviceCategory: string[];
  horizonStart: string;
  horizonEnd: string;
  comment: string;
  generate: boolean;
  timeZone: string;
  slotMinutes: number;
  bufferBefore: number;
  bufferAfter: number;
  hours: Hours[];
  closed: Closed[];
  /** Kept as read (the form does not edit alignment); sent back unchanged. */
  alignmentInterval?: number;
  alignmentOffset?: number;
}

/** A blank form: weekday hours 09:00–17:00, 30-minute slots, the browser's zone. */
export function emptyForm(): FormState {
  return {
    actors: [],
    specialty: [],
    serviceType: [],
    serviceCategory: [],
    horizonStart: '',
    horizonEnd: '',
    comment: '',
    generate: true,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    slotMinutes: 30,
    bufferBefore: 0,
    bufferAfter: 0,
    hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', allDay: false }],
    closed: [],
  };
}

/** The form's availability as the API takes it (closed periods read in the schedule's zone). */
export function availabilityOf(form: FormState): AvailabilityInput | undefined {
  if (!form.generate) {
    return undefined;
  }
  return {
    timeZone: form.timeZone,
    slotMinutes: form.slotMinutes,
    bufferBeforeMinutes: form.bufferBefore,
    bufferAfterMinutes: form.bufferAfter,
    ...(form.alignmentInterval !== undefined
      ? { alignmentIntervalMinutes: form.alignmentInterval, alignmentOffsetMinutes: form.alignmentOffset ?? 0 }
      : {}),
    weekly: form.hours.map((h) =>
      h.allDay ? { days: h.days, allDay: true } : { days: h.days, start: h.start, end: h.end }
    ),
    closed: form.closed.map((c) => ({
      ...(c.description ? { description: c.description } : {}),
      start: zonedInstant(c.start, form.timeZone) ?? c.start,
      end: zonedInstant(c.end, form.timeZone) ?? c.end,
    })),
  };
}

/** The Schedule the form describes (for validation and the preview). */
export function draftOf(form: FormState, base?: Schedule): Schedule {
  const { extension: _e, ...rest } = base ?? { resourceType: 'Schedule' as const, actor: [] };
  return withAvailability(
    {
      ...rest,
      resourceType: 'Schedule',
      id: base?.id ?? 'draft',
      actor: form.actors.map((reference) => ({ reference })),
      planningHorizon: {
        ...(form.horizonStart ? { start: form.horizonStart } : {}),
        ...(form.horizonEnd ? { end: form.horizonEnd } : {}),
      },
      ...(base?.extension ? { extension: base.extension } : {}),
    },
    availabilityOf(form)
  );
}

/** The form for a saved schedule, its rules read with its actors (their timezone extension may be the zone). */
export function formOf(schedule: Schedule, actors: readonly Resource[] = []): FormState {
  const rules = readScheduleRules(schedule, { actors });
  const availability = rules.ok ? rules.value.availability : undefined;
  const hhmm = (m: number): string =>
    `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const form = emptyForm();
  return {
    ...form,
    actors: schedule.actor.map((a) => a.reference ?? '').filter(Boolean),
    specialty: schedule.specialty?.map(conceptText) ?? [],
    serviceType: schedule.serviceType?.map(conceptText) ?? [],
    serviceCategory: schedule.serviceCategory?.map(conceptText) ?? [],
    horizonStart: schedule.planningHorizon?.start?.slice(0, 10) ?? '',
    horizonEnd: schedule.planningHorizon?.end?.slice(0, 10) ?? '',
    comment: schedule.comment ?? '',
    generate: availability !== undefined,
    ...(availability
      ? {
          timeZone: availability.timeZone,
          slotMinutes: availability.durationMinutes,
          bufferBefore: availability.bufferBeforeMinutes,
          bufferAfter: availability.bufferAfterMinutes,
          ...(availability.alignmentIntervalMinutes !== undefined
            ? {
                alignmentInterval: availability.alignmentIntervalMinutes,
                alignmentOffset: availability.alignmentOffsetMinutes,
              }
            : {}),
          hours: availability.windows.map((w) => ({
            days: [...w.days],
            start: hhmm(w.startMinute),
            end: hhmm(w.endMinute),
            allDay: w.startMinute === 0 && w.endMinute === 1440,
          })),
          closed: availability.closed.map((c) => ({
            description: c.description ?? '',
            start: localDateTime(formatInstant(c.start, availability.timeZone), availability.timeZone),
            end: localDateTime(formatInstant(c.end, availability.timeZone), availability.timeZone),
          })),
        }
      : {}),
  };
}

export function ScheduleFormPage(): JSX.Element {
  const { id } = useParams();
  const medplum = useMedplum();
  const clinik = useClinik();
  const navigate = useNavigate();
  const [base, setBase] = useState<WithId<Schedule>>();
  const [form, setForm] = useState<FormState>(emptyForm);
  const [initial, setInitial] = useState<FormState>();
  const [unreadable, setUnreadable] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [actorOptions, setActorOptions] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (!id) {
      return;
    }
    clinik.schedules
      .get(id)
      .then(async ({ data }) => {
        const actors = await Promise.all(data.actor.map((a) => medplum.readReference(a).catch(() => undefined)));
        const loaded: Resource[] = actors.filter((a) => a !== undefined);
        const rules = readScheduleRules(data, { actors: loaded });
        // Rules the form cannot read are left exactly as they are: the editor is not offered for them.
        setUnreadable(rules.ok ? undefined : rules.outcome.issue.map((i) => i.details?.text).join(' '));
        const filled = formOf(data, loaded);
        setBase(data);
        setForm(filled);
        setInitial(filled);
      })
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  }, [clinik, medplum, id]);
  useEffect(() => {
    Promise.all([
      medplum.searchResources('Practitioner', { _count: '200' }),
      medplum.searchResources('Location', { _count: '200' }),
    ])
      .then(([p, l]) =>
        setActorOptions(
          [...p, ...l].map((r) => ({
            value: `${r.resourceType}/${r.id}`,
            label: displayName(r, `${r.resourceType}/${r.id}`),
          }))
        )
      )
      .catch(() => setActorOptions([]));
  }, [medplum]);

  const draft = useMemo(() => draftOf(form, base), [form, base]);
  const validation = useMemo(() => readScheduleRules(draft), [draft]);
  const preview = useMemo(() => {
    if (!validation.ok || !validation.value.availability) {
      return undefined;
    }
    const result = planSlots({ rules: validation.value, now: Date.now() });
    return result.ok ? result.value : undefined;
  }, [validation]);
  const issues = validation.ok || unreadable ? [] : validation.outcome.issue;
  const set = <K extends keyof FormState>(key: K, value: FormState[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  if (loadError) {
    return (
      <Alert color="red" title="Could not load the schedule" role="alert">
        {loadError}
      </Alert>
    );
  }
  if (id && !base) {
    return <Loader aria-label="Loading schedule" />;
  }

  const save = async (): Promise<void> => {
    setSaving(true);
    // Send only what changed: codes keep their codings, and rules the form did not touch stay as they are.
    const changed = (key: keyof FormState): boolean =>
      !initial || JSON.stringify(form[key]) !== JSON.stringify(initial[key]);
    const input = {
      actorIds: form.actors,
      ...(changed('specialty') ? { specialty: form.specialty } : {}),
      ...(changed('serviceType') ? { serviceType: form.serviceType } : {}),
      ...(changed('serviceCategory') ? { serviceCategory: form.serviceCategory } : {}),
      planningHorizon: {
        ...(form.horizonStart ? { start: form.horizonStart } : {}),
        ...(form.horizonEnd ? { end: form.horizonEnd } : {}),
      },
      comment: form.comment,
    };
    try {
      const availability = availabilityOf(form);
      const availabilityChanged =
        !unreadable && (!initial || JSON.stringify(availability) !== JSON.stringify(availabilityOf(initial)));
      const { data } = base
        ? await clinik.schedules.update(
            base.id,
            { ...input, ...(availabilityChanged ? { availability: availability ?? null } : {}) },
            base.meta?.versionId ? { version: base.meta.versionId } : {}
          )
        : await clinik.schedules.create({ ...input, ...(availability ? { availability } : {}) });
      notifications.show({
        color: 'teal',
        title: base ? 'Schedule saved' : 'Schedule created',
        message: 'Its slots are being generated.',
      });
      navigate(`/schedules/${data.id}`);
    } catch (err) {
      notifications.show({ color: 'red', title: 'The schedule was not saved', message: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack maw={900}>
      <Title order={2}>{base ? 'Edit schedule' : 'New schedule'}</Title>
      <MultiSelect
        label="Actors"
        description="Practitioners and rooms this schedule belongs to"
        data={[
          ...actorOptions,
          ...form.actors.filter((a) => !actorOptions.some((o) => o.value === a)).map((a) => ({ value: a, label: a })),
        ]}
        value={form.actors}
        onChange={(v) => set('actors', v)}
        searchable
        required
        error={form.actors.length === 0 ? 'Choose at least one actor' : undefined}
      />
      <Group grow>
        <TagsInput
          label="Specialty"
          placeholder="e.g. Cardiology, then Enter"
          value={form.specialty}
          onChange={(v) => set('specialty', v)}
        />
        <TagsInput
          label="Service types"
          placeholder="e.g. Consultation"
          value={form.serviceType}
          onChange={(v) => set('serviceType', v)}
        />
        <TagsInput
          label="Service category"
          placeholder="e.g. General Practice"
          value={form.serviceCategory}
          onChange={(v) => set('serviceCategory', v)}
        />
      </Group>
      <Group grow>
        <TextInput
          type="date"
          label="Planning horizon start"
          value={form.horizonStart}
          onChange={(e) => set('horizonStart', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label="Planning horizon end"
          value={form.horizonEnd}
          onChange={(e) => set('horizonEnd', e.currentTarget.value)}
        />
      </Group>
      <Textarea
        label="Comment"
        value={form.comment}
        onChange={(e) => set('comment', e.currentTarget.value)}
        autosize
        minRows={1}
      />

      {unreadable && (
        <Alert color="orange" title="The availability rules cannot be edited here" role="alert">
          {unreadable} They are kept exactly as they are when you save.
        </Alert>
      )}
      <Paper withBorder p="md" hidden={unreadable !== undefined}>
        <Stack>
          <Checkbox
            label="Generate bookable slots from weekly hours"
            description="Without it this is a manual schedule: slots are made by hand"
            checked={form.generate}
            onChange={(e) => set('generate', e.currentTarget.checked)}
          />
          {form.generate && (
            <>
              <Group grow>
                <Select
                  label="Time zone"
                  data={ZONES}
                  searchable
                  value={form.timeZone}
                  onChange={(v) => v && set('timeZone', v)}
                  allowDeselect={false}
                />
                <NumberInput
                  label="Slot length (minutes)"
                  min={1}
                  value={form.slotMinutes}
                  onChange={(v) => set('slotMinutes', Number(v))}
                />
                <NumberInput
                  label="Buffer before (minutes)"
                  min={0}
                  value={form.bufferBefore}
                  onChange={(v) => set('bufferBefore', Number(v))}
                />
                <NumberInput
                  label="Buffer after (minutes)"
                  min={0}
                  value={form.bufferAfter}
                  onChange={(v) => set('bufferAfter', Number(v))}
                />
              </Group>
              <Text fw={600}>Weekly hours</Text>
              {form.hours.map((h, i) => (
                <Group key={i} align="end" aria-label={`Weekly hours ${i + 1}`} role="group">
                  <Chip.Group
                    multiple
                    value={h.days}
                    onChange={(v) =>
                      set(
                        'hours',
                        form.hours.map((x, j) => (j === i ? { ...x, days: v as DayOfWeek[] } : x))
                      )
                    }
                  >
                    <Group gap={4}>
                      {DAYS.map((d) => (
                        <Chip key={d.value} value={d.value} size="xs">
                          {d.label}
                        </Chip>
                      ))}
                    </Group>
                  </Chip.Group>
                  <TextInput
                    type="time"
                    label="From"
                    value={h.start}
                    disabled={h.allDay}
                    onChange={(e) =>
                      set(
                        'hours',
                        form.hours.map((x, j) => (j === i ? { ...x, start: e.currentTarget.value } : x))
                      )
                    }
                  />
                  <TextInput
                    type="time"
                    label="To"
                    value={h.end}
                    disabled={h.allDay}
                    onChange={(e) =>
                      set(
                        'hours',
                        form.hours.map((x, j) => (j === i ? { ...x, end: e.currentTarget.value } : x))
                      )
                    }
                  />
                  <Checkbox
                    label="All day"
                    checked={h.allDay}
                    onChange={(e) =>
                      set(
                        'hours',
                        form.hours.map((x, j) => (j === i ? { ...x, allDay: e.currentTarget.checked } : x))
                      )
                    }
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove weekly hours ${i + 1}`}
                    onClick={() =>
                      set(
                        'hours',
                        form.hours.filter((_, j) => j !== i)
                      )
                    }
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="light"
                w="fit-content"
                onClick={() =>
                  set('hours', [...form.hours, { days: ['mon'], start: '09:00', end: '12:00', allDay: false }])
                }
              >
                Add hours
              </Button>
              <Text fw={600}>Closed periods (holidays, leave)</Text>
              {form.closed.map((c, i) => (
                <Group key={i} align="end" role="group" aria-label={`Closed period ${i + 1}`}>
                  <TextInput
                    label="Description"
                    value={c.description}
                    onChange={(e) =>
                      set(
                        'closed',
                        form.closed.map((x, j) => (j === i ? { ...x, description: e.currentTarget.value } : x))
                      )
                    }
                  />
                  <TextInput
                    type="datetime-local"
                    label="From"
                    value={c.start}
                    onChange={(e) =>
                      set(
                        'closed',
                        form.closed.map((x, j) => (j === i ? { ...x, start: e.currentTarget.value } : x))
                      )
                    }
                  />
                  <TextInput
                    type="datetime-local"
                    label="To"
                    value={c.end}
                    onChange={(e) =>
                      set(
                        'closed',
                        form.closed.map((x, j) => (j === i ? { ...x, end: e.currentTarget.value } : x))
                      )
                    }
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove closed period ${i + 1}`}
                    onClick={() =>
                      set(
                        'closed',
                        form.closed.filter((_, j) => j !== i)
                      )
                    }
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="light"
                w="fit-content"
                onClick={() => set('closed', [...form.closed, { description: '', start: '', end: '' }])}
              >
                Add closed period
              </Button>
            </>
          )}
        </Stack>
      </Paper>

      {issues.length > 0 && (
        <Alert color="red" title="Fix these before saving" role="alert">
          <ul>
            {issues.map((i, n) => (
              <li key={n}>{i.details?.text}</li>
            ))}
          </ul>
        </Alert>
      )}
      {preview && (
        <Paper withBorder p="md" aria-label="Slot preview">
          <Text fw={600}>
            This will produce {preview.slots.length} slot{preview.slots.length === 1 ? '' : 's'}
            {preview.complete ? '' : ' in the first year (the rest follow day by day)'}.
          </Text>
          <Text size="sm" c="dimmed">
            First slots ({preview.timeZone}):{' '}
            {preview.slots
              .slice(0, 6)
              .map((s) => formatInstant(s.start, preview.timeZone).slice(0, 16).replace('T', ' '))
              .join(', ') || 'none'}
          </Text>
        </Paper>
      )}
      <Group>
        <Button onClick={() => void save()} loading={saving} disabled={issues.length > 0 || form.actors.length === 0}>
          {base ? 'Save' : 'Create schedule'}
        </Button>
        <Button variant="default" onClick={() => navigate(base ? `/schedules/${base.id}` : '/schedules')}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
