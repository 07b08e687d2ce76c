/**
 * The trace of an override on an appointment: which rules, who, when, and why, from the Provenance the booking Bot
 * wrote. Shown only for an appointment tagged as booked, moved or cancelled past a rule.
 */
import type { JSX } from 'react';
import { Alert, List } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment, Provenance } from '@medplum/fhirtypes';
import { ResourceName, useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { LATE_CANCELLATION_TAG, OVERRIDDEN_TAG, overridesOf } from '../../../api/index';
import { formatDateTime } from '../format';

export interface OverrideTraceProps {
  readonly appointment: WithId<Appointment>;
  /** The schedule's zone, for the time of the override. */
  readonly zone: string;
}

export function OverrideTrace({ appointment, zone }: OverrideTraceProps): JSX.Element | null {
  const medplum = useMedplum();
  const [traces, setTraces] = useState<WithId<Provenance>[]>([]);
  const tagged = appointment.meta?.tag?.some((t) => t.code === OVERRIDDEN_TAG.code);
  const late = appointment.meta?.tag?.some((t) => t.code === LATE_CANCELLATION_TAG.code);
  useEffect(() => {
    let current = true;
    if (tagged) {
      overridesOf(medplum, appointment.id)
        .then((found) => current && setTraces(found))
        .catch(() => current && setTraces([]));
    }
    return () => {
      current = false;
    };
  }, [medplum, appointment.id, appointment.meta?.versionId, tagged]);
  if (!tagged || traces.length === 0) {
    return null;
  }
  return (
    <Alert color="orange" title={late ? 'Late cancellation, overridden' : 'Booked past a rule'}>
      <List size="sm">
        {traces.map((trace) => (
          <List.Item key={trace.id}>
            {(trace.reason?.[0]?.coding ?? []).map((c) => c.display ?? c.code).join(', ')} overridden by{' '}
            {trace.agent[0]?.who?.display ??
              (trace.agent[0]?.who?.reference ? (
                <ResourceName value={trace.agent[0].who} />
              ) : (
                'a project administrator'
              ))}
            , {formatDateTime(trace.recorded, zone)}: “{trace.reason?.[0]?.text}”
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
