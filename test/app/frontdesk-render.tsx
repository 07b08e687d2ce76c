/** Renders one front-desk component inside the app's providers, on a local runtime. */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MedplumProvider } from '@medplum/react';
import { render, screen, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { JSX } from 'react';
import { MemoryRouter } from 'react-router';
import type { LocalMedplum } from '../../local';
import { BotActivityContext } from '../../app/src/runtime-context';
import { theme } from '../../app/src/theme';

export function renderWith(medplum: LocalMedplum, element: JSX.Element): RenderResult {
  return render(
    <MantineProvider theme={theme}>
      <Notifications />
      <MedplumProvider medplum={medplum}>
        <BotActivityContext value={{ settled: () => medplum.idle() }}>
          <MemoryRouter>{element}</MemoryRouter>
        </BotActivityContext>
      </MedplumProvider>
    </MantineProvider>
  );
}

/** Chooses a patient in the booking panel's search (Medplum's ResourceInput). */
export async function choosePatient(name: string): Promise<void> {
  await userEvent.type(await screen.findByPlaceholderText('Search by name', {}, { timeout: 5000 }), name);
  await userEvent.click(await screen.findByText(name, {}, { timeout: 5000 }));
}
