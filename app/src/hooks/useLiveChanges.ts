/**
 * Follows changes made elsewhere (another front desk's booking, the bots' slot writes) in Medplum mode, through
 * Medplum's WebSocket subscriptions (`useSubscription` of @medplum/react): each notification reloads, a burst of them
 * once. Where the project has no `websocket-subscriptions` feature, or the socket is down, it falls back to polling
 * every `LIVE.fallbackMs` while the page is visible. With `subscribe: false` (local mode, where the in-page store has
 * no WebSocket) it only polls, every `LIVE.localMs` (the store is in memory: a read costs nothing); with `criteria`
 * undefined it does nothing.
 *
 * @example
 * const live = useLiveChanges(`Slot?schedule=Schedule/${id}`, reload); // true once the server sends notifications
 */
import { useSubscription } from '@medplum/react';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How changes are followed: a burst of notifications within `debounceMs` reloads once. */
export const LIVE = { debounceMs: 200, fallbackMs: 15_000, localMs: 5_000 };

export function useLiveChanges(
  criteria: string | undefined,
  onChange: () => void,
  { subscribe = true }: { readonly subscribe?: boolean } = {}
): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const notified = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), LIVE.debounceMs);
  }, []);
  useSubscription(subscribe ? criteria : undefined, notified, {
    onSubscriptionConnect: () => setLive(true),
    onSubscriptionDisconnect: () => setLive(false),
    onWebSocketClose: () => setLive(false),
    onError: () => setLive(false),
  });

  // The fallback: polling while no subscription delivers.
  useEffect(() => {
    if (!criteria || live) return undefined;
    const poll = setInterval(
      () => {
        if (document.visibilityState !== 'hidden') latest.current();
      },
      subscribe ? LIVE.fallbackMs : LIVE.localMs
    );
    return () => clearInterval(poll);
  }, [criteria, live, subscribe]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return criteria !== undefined && live;
}
