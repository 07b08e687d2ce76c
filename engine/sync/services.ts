/**
 * Loading the HealthcareServices a Schedule's visit types name (its SchedulingParameters entries scoped to a
 * service), so that its rules can be read with them.
 */
import { serviceIds } from '../../core/availability/index';
import type { HealthcareService, Schedule } from '@medplum/fhirtypes';
import { send, type Io } from '../transport/conditional-write';

/**
 * The services the Schedule's visit types name, in one search; none (and no request) when it has no visit type.
 * A service that is gone is simply not returned: the rules then say so, naming it.
 *
 * @example
 * const rules = readScheduleRules(schedule, { actors, services: await servicesOf({ medplum }, schedule) });
 */
export async function servicesOf(io: Io, schedule: Schedule): Promise<HealthcareService[]> {
  const ids = serviceIds(schedule);
  if (ids.length === 0) {
    return [];
  }
  return send(io, 'search HealthcareServices', () =>
    io.medplum.searchResources(
      'HealthcareService',
      { _id: ids.join(','), _count: String(ids.length) },
      { cache: 'no-cache' }
    )
  );
}
