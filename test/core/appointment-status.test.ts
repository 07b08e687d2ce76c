import { describe, expect, test } from 'vitest';
import { holdsSlots, releasesSlots, slotStatusFor } from '../../core/appointment-status';

describe('slotStatusFor', () => {
  test('holding statuses: tentative while pending or proposed, busy otherwise', () => {
    expect(slotStatusFor('pending')).toBe('busy-tentative');
    expect(slotStatusFor('proposed')).toBe('busy-tentative');
    for (const status of ['booked', 'arrived', 'checked-in', 'fulfilled'] as const) {
      expect(slotStatusFor(status)).toBe('busy');
      expect(holdsSlots(status)).toBe(true);
    }
  });
  test('releasing statuses free their slots; a waitlist says nothing', () => {
    for (const status of ['cancelled', 'noshow', 'entered-in-error'] as const) {
      expect(slotStatusFor(status)).toBe('free');
      expect(releasesSlots(status)).toBe(true);
    }
    expect(slotStatusFor('waitlist')).toBeUndefined();
    expect(holdsSlots('waitlist') || releasesSlots('waitlist')).toBe(false);
  });
});
