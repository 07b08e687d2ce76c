/**
 * Whether the screen is phone-sized (narrower than Mantine's `sm` breakpoint, 48em), the one breakpoint the screens
 * switch their layout at. Read at the first render, not after it: a phone never flashes the desktop layout first
 * (the calendar's week before its day view).
 *
 * @example
 * const phone = usePhone();
 */
import { useMediaQuery } from '@mantine/hooks';

export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false }) === true;
}
