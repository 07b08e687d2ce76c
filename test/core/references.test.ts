import { describe, expect, test } from 'vitest';
import { bareId, referenceId } from '../../core/references';

describe('referenceId', () => {
  test('the id of a reference of the given type', () => {
    expect(referenceId({ reference: 'Slot/abc' }, 'Slot')).toBe('abc');
    expect(referenceId('Schedule/s-1', 'Schedule')).toBe('s-1');
  });
  test('undefined for another type, an empty id or no reference', () => {
    expect(referenceId({ reference: 'Schedule/abc' }, 'Slot')).toBeUndefined();
    expect(referenceId('Slot/', 'Slot')).toBeUndefined();
    expect(referenceId(undefined, 'Slot')).toBeUndefined();
    expect(referenceId({ display: 'x' }, 'Slot')).toBeUndefined();
  });
});

describe('bareId', () => {
  test('an id or a reference to it', () => {
    expect(bareId('Schedule/abc', 'Schedule')).toBe('abc');
    expect(bareId('abc', 'Schedule')).toBe('abc');
    expect(bareId('', 'Schedule')).toBe('');
  });
});
