/**
 * Renders the app at a URL, inside MantineProvider + MedplumProvider, on a local runtime with the demo clinic whose bots
 * the app waits for (as Boot does in local mode), under the staff AccessPolicy as in local mode.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MedplumProvider } from '@medplum/react';
import { render, type RenderResult } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { App, type AppProps } from '../../app/src/App';
import { createLocalMedplum, STAFF_ACCESS_POLICY, type LocalMedplum } from '../../local';
import { loadDemoData } from '../../local/demo-data';
import { BotActivityContext } from '../../app/src/runtime-context';
import { cssVariablesResolver, theme } from '../../app/src/theme';

let demo: Promise<LocalMedplum> | undefined;

/** A fresh local runtime with the demo clinic (loaded once per test file unless `fresh`). */
export async function demoMedplum(fresh = false): Promise<LocalMedplum> {
  if (fresh || !demo) {
    demo = (async () => {
      const medplum = createLocalMedplum();
      const log = console.log;
      console.log = () => undefined;
      try {
        await loadDemoData(medplum, Date.now());
      } finally {
        console.log = log;
      }
      medplum.server.setPolicy('api', STAFF_ACCESS_POLICY); // the app works as a staff member, as in local mode
      return medplum;
    })();
  }
  return demo;
}

/** Runs a fixture's writes as the project admin would (outside the staff AccessPolicy the app works under). */
export async function asAdmin<T>(medplum: LocalMedplum, work: () => Promise<T>): Promise<T> {
  medplum.server.setPolicy('api', undefined);
  try {
    return await work();
  } finally {
    medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
  }
}

export function renderAt(
  path: string,
  medplum: LocalMedplum,
  props: Omit<AppProps, 'mode'> = {}
): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  const router = createMemoryRouter([{ path: '*', element: <App mode={{ kind: 'local' }} {...props} /> }], {
    initialEntries: [path],
  });
  const result = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications />
      <MedplumProvider medplum={medplum}>
        <BotActivityContext value={{ settled: () => medplum.idle() }}>
          <RouterProvider router={router} />
        </BotActivityContext>
      </MedplumProvider>
    </MantineProvider>
  );
  return { ...result, router };
}
