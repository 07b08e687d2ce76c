/**
 * The project's AccessPolicies as data: the bots' own (./access-policy.json) and the one a clinic gives its
 * front-desk staff and clinicians (./staff-access-policy.json): Schedules read and written, Slots and Appointments
 * read only, the booking Bot readable so that they can run the booking operation, which alone writes both.
 */
import type { AccessPolicy } from '@medplum/fhirtypes';
import bots from './access-policy.json';
import staff from './staff-access-policy.json';

export const BOTS_ACCESS_POLICY: Readonly<AccessPolicy> = bots as AccessPolicy;
export const STAFF_ACCESS_POLICY: Readonly<AccessPolicy> = staff as AccessPolicy;
