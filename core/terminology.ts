/**
 * Plain names ↔ standard codes for a Schedule's service category (HL7 service-category), service type (HL7
 * service-type) and specialty (SNOMED CT practice specialties). Known names map to their code and keep the text the
 * caller wrote; unknown names stay text-only (the seed's Schedules API, see README, uses plain names such as 'Follow-up').
 */
import type { CodeableConcept, Coding, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from './fhir';
import { PRACTICE_SPECIALTY_CODES, SERVICE_CATEGORY_CODES, SERVICE_TYPE_CODES } from './terminology-data';

/** The coded fields of a Schedule. */
export type CodeField = 'serviceCategory' | 'serviceType' | 'specialty';

/** The code system each field is coded in. */
export const CODE_SYSTEMS: Readonly<Record<CodeField, string>> = {
  serviceCategory: 'http://terminology.hl7.org/CodeSystem/service-category',
  serviceType: 'http://terminology.hl7.org/CodeSystem/service-type',
  specialty: 'http://snomed.info/sct',
};

const TABLES: Readonly<Record<CodeField, readonly (readonly [string, string])[]>> = {
  serviceCategory: SERVICE_CATEGORY_CODES,
  serviceType: SERVICE_TYPE_CODES,
  specialty: PRACTICE_SPECIALTY_CODES,
};

/** Common names that differ from the code system's display. */
const ALIASES: Readonly<Record<CodeField, Readonly<Record<string, string>>>> = {
  serviceCategory: {},
  serviceType: {},
  specialty: {
    'family medicine': '419772000', // Family practice
    'obstetrics and gynaecology': '394585009',
    'internal medicine': '419192003',
    'general surgery': '394609007',
  },
};

/** A code as the API accepts it: a plain name, or a coding. */
export type CodeInput = string | { readonly system?: string; readonly code: string; readonly display?: string };

function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byName = new Map<CodeField, Map<string, readonly [string, string]>>();
const byCode = new Map<CodeField, Map<string, readonly [string, string]>>();

function index(field: CodeField): {
  names: Map<string, readonly [string, string]>;
  codes: Map<string, readonly [string, string]>;
} {
  let names = byName.get(field);
  let codes = byCode.get(field);
  if (!names || !codes) {
    names = new Map();
    codes = new Map();
    for (const entry of TABLES[field]) {
      codes.set(entry[0], entry);
      names.set(normalize(entry[1]), entry);
    }
    for (const [alias, code] of Object.entries(ALIASES[field])) {
      const entry = codes.get(code);
      if (entry) {
        names.set(normalize(alias), entry);
      }
    }
    byName.set(field, names);
    byCode.set(field, codes);
  }
  return { names, codes };
}

/**
 * The standard coding of a plain name, when the name is known.
 *
 * @example
 * codingForName('specialty', 'Cardiology'); // { system: 'http://snomed.info/sct', code: '394579002', display: 'Cardiology' }
 * codingForName('serviceType', 'Follow-up'); // undefined
 */
export function codingForName(field: CodeField, name: string): Coding | undefined {
  const entry = index(field).names.get(normalize(name));
  return entry ? { system: CODE_SYSTEMS[field], code: entry[0], display: entry[1] } : undefined;
}

/**
 * A CodeableConcept for an API input, or the issue that refuses it: a coding must use the field's code system and
 * a code of it.
 *
 * @example
 * toCodeableConcept('serviceCategory', 'General Practice', 'serviceCategory[0]');
 * // { concept: { coding: [{ system: '…/service-category', code: '17', display: 'General Practice' }], text: 'General Practice' } }
 */
export function toCodeableConcept(
  field: CodeField,
  input: CodeInput,
  path: string
): { concept: CodeableConcept; issue?: undefined } | { concept?: undefined; issue: OperationOutcomeIssue } {
  if (typeof input === 'string') {
    const text = input.trim();
    if (!text) {
      return { issue: issue('error', 'required', path, `An empty ${field} is not allowed.`) };
    }
    const coding = codingForName(field, text);
    return { concept: coding ? { coding: [coding], text } : { text } };
  }
  const system = input.system ?? CODE_SYSTEMS[field];
  if (system !== CODE_SYSTEMS[field]) {
    return {
      issue: issue(
        'error',
        'code-invalid',
        `${path}.system`,
        `Unknown code system "${system}" for ${field}; use ${CODE_SYSTEMS[field]}.`
      ),
    };
  }
  const entry = index(field).codes.get(input.code);
  if (!entry) {
    return { issue: issue('error', 'code-invalid', `${path}.code`, `"${input.code}" is not a code of ${system}.`) };
  }
  return { concept: { coding: [{ system, code: entry[0], display: entry[1] }], text: input.display ?? entry[1] } };
}

/** The display text of a CodeableConcept: its text, else its first coding's display or code. */
export function conceptText(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? '';
}
