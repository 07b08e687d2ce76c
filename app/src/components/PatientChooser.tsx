/**
 * Choosing a patient: a birth date narrows the search and lists who was born that day; then a search by name
 * (@medplum/react's ResourceInput). The keyboard focus stays with the pick; "Clear" (a named button, in the Tab
 * order) takes the patient away and returns the focus to the search box. Used by booking and by the waitlist.
 *
 * @example
 * <PatientChooser patient={patient} onChange={setPatient} />
 */
import type { JSX } from 'react';
import { Button, Group, Text, TextInput } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { ResourceAvatar, ResourceInput } from '@medplum/react';
import { useEffect, useRef, useState } from 'react';
import { displayName } from '../actors';
import { usePatientsBornOn } from '../hooks/usePatientsBornOn';

const fullName = (p: Patient): string => displayName(p, 'the patient');

export interface PatientChooserProps {
  readonly patient?: WithId<Patient>;
  readonly onChange: (patient: WithId<Patient> | undefined) => void;
}

/** The patient: a birth date narrows the search and lists who was born that day; then search by name. */
export function PatientChooser({ patient, onChange }: PatientChooserProps): JSX.Element {
  const [birthDate, setBirthDate] = useState('');
  // The search box is built afresh only when a patient is picked another way (it shows them then): picking in it
  // keeps it, and the keyboard focus with it.
  const [picks, setPicks] = useState(0);
  const bornThen = usePatientsBornOn(birthDate);
  // After "Clear", the focus goes to the (new) patient search box, never to the page.
  const search = useRef<HTMLDivElement>(null);
  const cleared = useRef(false);
  useEffect(() => {
    if (cleared.current) {
      cleared.current = false;
      search.current?.querySelector('input')?.focus();
    }
  }, [picks]);
  return (
    <>
      <TextInput
        label="Birth date (narrows the patient search)"
        type="date"
        value={birthDate}
        onChange={(e) => setBirthDate(e.currentTarget.value)}
      />
      {bornThen.length > 0 && !patient && (
        <Group gap="xs" aria-label="Patients born that day">
          {bornThen.map((p) => (
            <Button
              key={p.id}
              size="xs"
              variant="light"
              onClick={() => {
                setPicks((n) => n + 1);
                onChange(p);
              }}
            >
              {fullName(p)}
            </Button>
          ))}
        </Group>
      )}
      <div ref={search}>
        <ResourceInput<Patient>
          key={`${birthDate}/${picks}`}
          defaultValue={patient}
          resourceType="Patient"
          name="patient"
          label="Patient"
          placeholder="Search by name"
          searchCriteria={birthDate ? { birthdate: birthDate } : undefined}
          onChange={(p) => onChange(p as WithId<Patient> | undefined)}
        />
      </div>
      {patient && (
        <Group gap="xs">
          <ResourceAvatar value={patient} size="sm" />
          <Text size="sm">
            {fullName(patient)}
            {patient.birthDate ? ` · born ${patient.birthDate}` : ''}
          </Text>
          {/* The search box's own × is out of the Tab order: this one clears the patient by keyboard too. */}
          <Button
            size="xs"
            variant="subtle"
            aria-label={`Clear the patient ${fullName(patient)}`}
            onClick={() => {
              cleared.current = true;
              setPicks((n) => n + 1);
              onChange(undefined);
            }}
          >
            Clear
          </Button>
        </Group>
      )}
    </>
  );
}
