/**
 * Starts the runtime (local or Medplum), then renders the app inside MedplumProvider, the bots' activity
 * (runtime-context.ts) and the router.
 */
import type { JSX } from 'react';
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { MedplumProvider } from '@medplum/react';
import { useEffect, useMemo, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { App } from './App';
import { configuredMode, startRuntime, type Mode, type Runtime } from './runtime';
import { BotActivityContext, REMOTE_BOTS } from './runtime-context';

export function Boot(): JSX.Element {
  const [runtime, setRuntime] = useState<Runtime>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    startRuntime(configuredMode()).then(setRuntime, (err: unknown) =>
      setError(err instanceof Error ? err.message : String(err))
    );
  }, []);
  if (error) {
    return (
      <Center h="100vh">
        <Alert color="red" title="The app could not start" role="alert" maw={560}>
          {error}
        </Alert>
      </Center>
    );
  }
  if (!runtime) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Loader aria-label="Loading" />
          <Text c="dimmed">{startingText(configuredMode())}</Text>
        </Stack>
      </Center>
    );
  }
  return (
    <MedplumProvider medplum={runtime.medplum}>
      <BotActivityContext value={runtime.bots ?? REMOTE_BOTS}>
        <Routed runtime={runtime} />
      </BotActivityContext>
    </MedplumProvider>
  );
}

/** What the first screen says while the runtime starts: local mode builds its store; Medplum mode connects. */
function startingText(mode: Mode): string {
  return mode.kind === 'local' ? 'Starting the local Medplum store with the demo clinic…' : 'Connecting to Medplum…';
}

/** The app inside a data router (what lets a form ask before its unsaved changes are left behind). */
function Routed({ runtime }: { readonly runtime: Runtime }): JSX.Element {
  const router = useMemo(
    () =>
      createBrowserRouter([
        {
          path: '*',
          element: (
            <App
              mode={runtime.mode}
              launched={runtime.launched === true}
              {...(runtime.resetDemoData ? { resetDemoData: runtime.resetDemoData } : {})}
            />
          ),
        },
      ]),
    [runtime]
  );
  return <RouterProvider router={router} />;
}
