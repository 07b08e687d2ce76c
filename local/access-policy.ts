/**
 * A Medplum AccessPolicy's resource rules, as the simulated server applies them to a membership's requests: a
 * resource type the policy does not list, an interaction its entry does not allow, or a write its `writeConstraint`
 * refuses answers 403. Criteria and compartments are not simulated (the policies this project ships do not use them).
 */
import { evalFhirPathTyped } from '@medplum/core';
import type { AccessPolicy, OperationOutcome, Resource } from '@medplum/fhirtypes';

type Interaction = 'read' | 'vread' | 'search' | 'history' | 'create' | 'update' | 'delete';

const WRITES: ReadonlySet<Interaction> = new Set(['create', 'update', 'delete']);

/** The resource type and interaction of a REST request (undefined: not a resource interaction, e.g. a batch). */
export function interactionOf(method: string, url: string): { type: string; interaction: Interaction } | undefined {
  const path = new URL(url, 'http://local/').pathname.replace(/^.*\/fhir\/R4\/?/, '');
  const [type, second, third, fourth] = path.split('/').filter(Boolean);
  if (!type || !/^[A-Z]/.test(type) || second?.startsWith('$')) {
    return undefined;
  }
  const verb = method.toUpperCase();
  if (second === '_search' || second === '_history') {
    return { type, interaction: second === '_history' ? 'history' : 'search' };
  }
  if (second === undefined) {
    // The type's URL: a search, a create, or a conditional update or delete (`Slot?identifier=…`).
    const onType: Record<string, Interaction> = {
      GET: 'search',
      POST: 'create',
      PUT: 'update',
      PATCH: 'update',
      DELETE: 'delete',
    };
    const interaction = onType[verb];
    return interaction ? { type, interaction } : undefined;
  }
  if (third === '_history') {
    return { type, interaction: fourth ? 'vread' : 'history' };
  }
  if (third?.startsWith('$')) {
    return undefined;
  }
  const byVerb: Record<string, Interaction> = { GET: 'read', PUT: 'update', PATCH: 'update', DELETE: 'delete' };
  const interaction = byVerb[verb];
  return interaction ? { type, interaction } : undefined;
}

/**
 * The 403 for a write the policy's `writeConstraint` FHIRPath refuses (evaluated as Medplum does, with `%before` the
 * stored resource and `%after` the one written), or undefined.
 */
export function writeConstraintRefusal(
  policy: AccessPolicy,
  previous: Resource | undefined,
  current: Resource
): OperationOutcome | undefined {
  const rule = (policy.resource ?? []).find((r) => r.resourceType === current.resourceType);
  const broken = (rule?.writeConstraint ?? []).find((constraint) => {
    const result = evalFhirPathTyped(constraint.expression ?? '', [{ type: current.resourceType, value: current }], {
      '%before': { type: previous?.resourceType ?? 'undefined', value: previous },
      '%after': { type: current.resourceType, value: current },
    });
    return !(result.length === 1 && result[0]?.value === true);
  });
  return broken ? forbidden(`write constraint on ${current.resourceType}`) : undefined;
}

/** The 403 the policy answers a request with, or undefined when it allows it. */
export function policyRefusal(policy: AccessPolicy, method: string, url: string): OperationOutcome | undefined {
  const wanted = interactionOf(method, url);
  if (!wanted) {
    return undefined;
  }
  const rules = (policy.resource ?? []).filter((r) => r.resourceType === wanted.type || r.resourceType === '*');
  const allowed = rules.some((rule) =>
    rule.interaction
      ? (rule.interaction as readonly string[]).includes(wanted.interaction)
      : !(rule.readonly && WRITES.has(wanted.interaction))
  );
  return allowed ? undefined : forbidden(`${wanted.interaction} ${wanted.type}`);
}

function forbidden(diagnostics: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'forbidden',
    issue: [{ severity: 'error', code: 'forbidden', details: { text: 'Forbidden' }, diagnostics }],
  };
}
