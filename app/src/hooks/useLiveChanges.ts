/**
 * Follows changes made elsewhere (another front desk's booking, the bots' slot writes) in Medplum mode, through
 * Medplum's WebSocket subscriptions (`useSubscription` of @medplum/react): each notification reloads, a burst of them
 * once. Where the project has no `websocket-subscriptions` feature, or the socket is down, it falls back to polling
 * every `LIVE.fallbackMs` while the page is visible. In local mode (`criteria` undefined) it does nothing: the bots
 * run in the page and are awaited.
 *
 * @example
 * const live = useLiveChanges(`Slot?schedule=Schedule/${id}`, reload); // true once the server sends notifications
 */
import { useSubscription } from '@medplum/react';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How changes are followed: a burst of notifications within `debounceMs` reloads once. */
export const LIVE = { debounceMs: 200, fallbackMs: 15_000 };

export function useLiveChanges(criteria: string | undefined, onChange: () => void): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const notified = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), LIVE.debounceMs);
  }, []);
  useSubscription(criteria, notified, {
    onSubscriptionConnect: () => setLive(true),
    onSubscriptionDisconnect: () => setLive(false),
    onWebSocketClose: () => setLive(false),
    onError: () => setLive(false),
  });

  // The fallback: polling while no subscription delivers.
  useEffect(() => {
    if (!criteria || live) return undefined;
    const poll = setInterval(() => {
      if (document.visibilityState !== 'hidden') latest.current();
    }, LIVE.fallbackMs);
    return () => clearInterval(poll);
  }, [criteria, live]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return criteria !== undefined && live;
}
