/**
 * A schedule's visit types in words, from the Schedule alone (its service-scoped SchedulingParameters entries, named
 * by the services its `serviceType` lists): "New patient: 30 min, 5 min after".
 */
import { extractServiceTypeReferences, SchedulingParametersURI, schedulingDurationToMinutes } from '@medplum/core';
import type { Extension, Schedule } from '@medplum/fhirtypes';

/**
 * @example
 * describeVisitTypes(schedule); // ['Follow-up: 15 min', 'New patient: 30 min, 5 min after']
 */
export function describeVisitTypes(schedule: Schedule): string[] {
  return (schedule.extension ?? [])
    .filter((ext) => ext.url === SchedulingParametersURI)
    .flatMap((ext) => {
      const reference = ext.extension?.find((sub) => sub.url === 'service')?.valueReference?.reference;
      return reference ? [describeEntry(schedule, reference, ext.extension ?? [], hoursOf(wideOf(schedule)))] : [];
    });
}

function wideOf(schedule: Schedule): readonly Extension[] {
  const wide = schedule.extension?.find(
    (ext) => ext.url === SchedulingParametersURI && !ext.extension?.some((sub) => sub.url === 'service')
  );
  return wide?.extension ?? [];
}

function hoursOf(subs: readonly Extension[]): string {
  return JSON.stringify(subs.filter((sub) => sub.url === 'availability'));
}

function describeEntry(schedule: Schedule, reference: string, subs: readonly Extension[], wideHours: string): string {
  const concept = schedule.serviceType?.find((c) => extractServiceTypeReferences([c])[0]?.reference === reference);
  const name = concept?.text ?? concept?.coding?.[0]?.display ?? reference;
  const minutes = (url: string): number | undefined => {
    const value = subs.find((sub) => sub.url === url)?.valueDuration;
    return value ? schedulingDurationToMinutes(value) : undefined;
  };
  const parts = [
    minutes('duration') !== undefined ? `${minutes('duration')} min` : 'length set on the service',
    ...(minutes('bufferBefore') ? [`${minutes('bufferBefore')} min before`] : []),
    ...(minutes('bufferAfter') ? [`${minutes('bufferAfter')} min after`] : []),
    ...(!subs.some((sub) => sub.url === 'availability')
      ? ['the service’s hours']
      : hoursOf(subs) === wideHours
        ? []
        : ['its own hours']),
  ];
  return `${name}: ${parts.join(', ')}`;
}
