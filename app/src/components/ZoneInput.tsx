/**
 * The time zone field: type to filter, Enter or Tab takes the typed match, each zone shown with its current UTC
 * offset. An entry that matches no zone is reported (`onUnmatched`), never replaced by another zone.
 */
import type { JSX, KeyboardEvent } from 'react';
import { Autocomplete } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { formatZone, zoneOffset } from '../format';
import { matchOption, ZONES } from '../schedule-form/matching';

export interface ZoneInputProps {
  readonly value: string;
  readonly onChange: (zone: string) => void;
  readonly onUnmatched: (text: string | undefined) => void;
  readonly onBlur?: () => void;
  readonly error?: string;
}

export function ZoneInput({ value, onChange, onUnmatched, onBlur, error }: ZoneInputProps): JSX.Element {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const zones = useMemo(() => (ZONES.includes(value) || !value ? ZONES : [value, ...ZONES]), [value]);
  const commit = (typed: string): void => {
    const zone = matchOption(typed, zones);
    if (zone) {
      setText(zone);
      onUnmatched(undefined);
      if (zone !== value) {
        onChange(zone);
      }
    } else {
      onUnmatched(typed.trim() || '(empty)');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' || event.key === 'Tab') {
      if (event.key === 'Enter') {
        event.preventDefault();
      }
      commit(event.currentTarget.value);
    }
  };
  return (
    <Autocomplete
      label="Time zone"
      description={value ? `Slots are set in this zone; now ${zoneOffset(value)}` : undefined}
      data={zones as string[]}
      value={text}
      onChange={(v) => {
        setText(v);
        if (v === value) {
          onUnmatched(undefined);
        }
      }}
      onOptionSubmit={commit}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        commit(event.currentTarget.value);
        onBlur?.();
      }}
      renderOption={({ option }) => formatZone(option.value)}
      limit={60}
      error={error}
      required
      autoComplete="off"
    />
  );
}
