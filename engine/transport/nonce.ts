/**
 * A one-time token that tells a request's own writes from another's (a lease holder, a slot request). Made without
 * `crypto`: Medplum's vmcontext bots run in a sandbox that has no crypto global.
 */

/** 24 random base-36 characters (about 124 bits from Math.random), unique enough to tell concurrent requests apart. */
export function nonce(): string {
  let value = '';
  while (value.length < 24) {
    value += Math.random().toString(36).slice(2, 10);
  }
  return value.slice(0, 24);
}
