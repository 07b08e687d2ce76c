/**
 * Asks before unsaved changes are left behind: inside the app (the router's blocker, which needs a data router) and
 * when the tab closes or reloads. `when` says whether leaving now would lose changes.
 */
import { useEffect } from 'react';
import { useBlocker, type Blocker } from 'react-router';

export function useUnsavedChanges(when: () => boolean): Blocker {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && when()
  );
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (when()) {
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return blocker;
}
