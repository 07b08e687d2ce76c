/**
 * The actors field: practitioners and rooms by name. Enter or Tab takes the typed match; a name that matches no one
 * is reported (`onUnmatched`) and stays in the box to be corrected, never dropped or replaced.
 */
import type { JSX, KeyboardEvent } from 'react';
import { TagsInput } from '@mantine/core';
import { useState } from 'react';
import type { ActorOption } from '../actors';
import { matchOption } from '../schedule-form/matching';

export interface ActorsInputProps {
  /** `ResourceType/id` of each chosen actor. */
  readonly value: readonly string[];
  readonly options: readonly ActorOption[];
  readonly onChange: (refs: string[]) => void;
  readonly onUnmatched: (text: string | undefined) => void;
  readonly onBlur?: () => void;
  readonly error?: string;
}

export function ActorsInput({ value, options, onChange, onUnmatched, onBlur, error }: ActorsInputProps): JSX.Element {
  const [search, setSearch] = useState('');
  const labelOf = (ref: string): string => options.find((o) => o.value === ref)?.label ?? ref;
  const refOf = (label: string): string | undefined => {
    const match = matchOption(
      label,
      options.map((o) => o.label)
    );
    return match ? options.find((o) => o.label === match)?.value : options.find((o) => o.value === label)?.value;
  };
  const commit = (typed: string): boolean => {
    if (!typed.trim()) {
      onUnmatched(undefined);
      return true;
    }
    const ref = refOf(typed);
    if (!ref) {
      onUnmatched(typed.trim());
      return false;
    }
    onUnmatched(undefined);
    setSearch('');
    if (!value.includes(ref)) {
      onChange([...value, ref]);
    }
    return true;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if ((event.key === 'Enter' || event.key === 'Tab') && search.trim()) {
      if (event.key === 'Enter') {
        event.preventDefault();
      }
      event.stopPropagation();
      commit(search);
    }
  };
  return (
    <TagsInput
      label="Actors"
      description="The practitioners and rooms this schedule belongs to; type a name"
      data={options.map((o) => o.label)}
      value={value.map(labelOf)}
      onChange={(labels) => {
        const refs = labels.map((l) => refOf(l)).filter((r): r is string => r !== undefined);
        onChange([...new Set(refs)]);
      }}
      searchValue={search}
      onSearchChange={(s) => {
        setSearch(s);
        if (!s) {
          onUnmatched(undefined);
        }
      }}
      onKeyDown={onKeyDown}
      onBlur={() => {
        commit(search);
        onBlur?.();
      }}
      acceptValueOnBlur={false}
      clearable
      required
      error={error}
    />
  );
}
