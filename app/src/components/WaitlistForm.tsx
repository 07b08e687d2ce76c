/**
 * Puts a patient on the waitlist: the patient, then what they wait for (visit type, practitioner or location), the
 * dates, preferred days and hours (each schedule's local time), the priority and a note. Each bad field is named
 * next to it (the API's refusal, field by field).
 */
import type { JSX } from 'react';
import { Alert, Button, Checkbox, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import type { WaitlistAddInput, WaitlistDay } from '../../../api/index';
import { describeDays } from '../../../core/describe';
import { WEEKDAYS } from '../../../core/recurrence-rule';
import { zonedInstant } from '../../../core/time';
import { displayName, kindLabels } from '../actors';
import { errorMessage, fieldErrors } from '../errors';
import { browserZone } from '../frontdesk/zone';
import { useActorOptions } from '../hooks/useActorOptions';
import { useClinik } from '../hooks/useClinik';
import { useVisitTypes } from '../hooks/useVisitTypes';
import { PatientChooser } from './PatientChooser';

const DAYS = WEEKDAYS.map((value) => ({ value, label: describeDays([value]) }));
const PRIORITIES = [
  { value: 'routine', label: 'Routine' },
  { value: 'urgent', label: 'Urgent' },
  { value: 'asap', label: 'As soon as possible' },
  { value: 'stat', label: 'Immediately' },
];

/** The fields whose errors show next to them; any other refusal shows above the button. */
const SHOWN = ['patientId', 'practitionerId', 'locationId', 'from', 'to', 'days', 'hours', 'priority'];

interface Draft {
  visitType: string;
  actorId: string;
  from: string;
  to: string;
  days: string[];
  start: string;
  end: string;
  priority: string;
  note: string;
}
const EMPTY: Draft = {
  visitType: '',
  actorId: '',
  from: '',
  to: '',
  days: [],
  start: '',
  end: '',
  priority: 'routine',
  note: '',
};

/** The API's input from the form: dates are whole days in this browser's zone. */
function toInput(
  patient: WithId<Patient>,
  draft: Draft,
  visitTypes: { value: string; label: string }[]
): WaitlistAddInput {
  const zone = browserZone();
  const dayStart = (date: string): string | undefined => zonedInstant(`${date}T00:00`, zone);
  const visit = visitTypes.find((v) => v.value === draft.visitType)?.label;
  const kind = draft.actorId.split('/')[0];
  return {
    patientId: patient.id,
    ...(visit ? { serviceType: [visit] } : {}),
    ...(kind === 'Practitioner' ? { practitionerId: draft.actorId } : {}),
    ...(kind === 'Location' ? { locationId: draft.actorId } : {}),
    ...(draft.from ? { from: dayStart(draft.from) ?? draft.from } : {}),
    ...(draft.to ? { to: dayStart(Temporal.PlainDate.from(draft.to).add({ days: 1 }).toString()) ?? draft.to } : {}),
    ...(draft.days.length ? { days: draft.days as WaitlistDay[] } : {}),
    ...(draft.start || draft.end ? { hours: { start: draft.start, end: draft.end } } : {}),
    priority: draft.priority as WaitlistAddInput['priority'] & string,
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
}

export function WaitlistForm({ onAdded }: { readonly onAdded: () => void }): JSX.Element {
  const clinik = useClinik();
  const visitTypes = useVisitTypes();
  const actors = useActorOptions(kindLabels);
  const [patient, setPatient] = useState<WithId<Patient>>();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (changes: Partial<Draft>): void => setDraft((d) => ({ ...d, ...changes }));
  const add = async (): Promise<void> => {
    if (!patient) {
      setErrors({ patientId: 'Choose the patient first.' });
      return;
    }
    setBusy(true);
    try {
      await clinik.waitlist.add(toInput(patient, draft, visitTypes));
      notifications.show({
        color: 'teal',
        title: 'Added to the waitlist',
        message: displayName(patient, 'The patient'),
      });
      setDraft(EMPTY);
      setPatient(undefined);
      setErrors({});
      onAdded();
    } catch (err) {
      const byField = fieldErrors(err) ?? {};
      const shown = Object.keys(byField).every((f) => SHOWN.includes(f));
      setErrors(shown && Object.keys(byField).length > 0 ? byField : { ...byField, form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack
      gap="sm"
      component="form"
      aria-label="Add to the waitlist"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <PatientChooser patient={patient} onChange={setPatient} />
      {errors.patientId && (
        <Alert color="red" role="alert">
          {errors.patientId}
        </Alert>
      )}
      <Group align="end" wrap="wrap">
        {visitTypes.length > 0 && (
          <Select
            label="Visit type"
            placeholder="Any visit type"
            clearable
            data={visitTypes}
            value={draft.visitType || null}
            onChange={(v) => set({ visitType: v ?? '' })}
          />
        )}
        <Select
          label="Practitioner or location"
          placeholder="Any"
          searchable
          clearable
          data={actors}
          value={draft.actorId || null}
          onChange={(v) => set({ actorId: v ?? '' })}
          error={errors.practitionerId ?? errors.locationId}
        />
        <TextInput
          label="First day"
          type="date"
          value={draft.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
          error={errors.from}
        />
        <TextInput
          label="Last day"
          type="date"
          value={draft.to}
          onChange={(e) => set({ to: e.currentTarget.value })}
          error={errors.to}
        />
      </Group>
      <Checkbox.Group
        label="Preferred days (none: any day)"
        value={draft.days}
        onChange={(days) => set({ days })}
        error={errors.days}
      >
        <Group gap="sm" mt={4}>
          {DAYS.map((d) => (
            <Checkbox key={d.value} value={d.value} label={d.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group align="end" wrap="wrap">
        <TextInput
          label="Preferred hours from"
          type="time"
          value={draft.start}
          onChange={(e) => set({ start: e.currentTarget.value })}
          error={errors.hours}
        />
        <TextInput label="until" type="time" value={draft.end} onChange={(e) => set({ end: e.currentTarget.value })} />
        <Select
          label="Priority"
          data={PRIORITIES}
          value={draft.priority}
          allowDeselect={false}
          onChange={(v) => set({ priority: v ?? 'routine' })}
          error={errors.priority}
        />
      </Group>
      <Textarea
        label="Note"
        value={draft.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        autosize
        minRows={1}
      />
      {errors.form && (
        <Alert color="red" role="alert" title="Not added">
          {errors.form}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={busy}>
          Add to the waitlist
        </Button>
      </Group>
    </Stack>
  );
}
