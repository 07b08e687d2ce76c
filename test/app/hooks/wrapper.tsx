/** The providers a hook of the app needs, for Testing Library's renderHook: Mantine, Medplum, the bots, a router. */
import { MantineProvider } from '@mantine/core';
import type { MedplumClient } from '@medplum/core';
import { MedplumProvider } from '@medplum/react';
import type { JSX, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { BotActivityContext, REMOTE_BOTS, type BotActivity } from '../../../app/src/runtime-context';

export interface WrapperOptions {
  /** How to wait for the bots (none by default, as on a Medplum server). */
  readonly bots?: BotActivity;
  /** The router's URL. */
  readonly path?: string;
}

export function hookWrapper(
  medplum: MedplumClient,
  { bots = REMOTE_BOTS, path = '/' }: WrapperOptions = {}
): (props: { children: ReactNode }) => JSX.Element {
  return function Wrapper({ children }) {
    return (
      <MantineProvider>
        <MedplumProvider medplum={medplum}>
          <BotActivityContext value={bots}>
            <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
          </BotActivityContext>
        </MedplumProvider>
      </MantineProvider>
    );
  };
}
