import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@medplum/react/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { createRoot } from 'react-dom/client';
import { Boot } from './Boot';
import './app.css';
import { cssVariablesResolver, theme } from './theme';

createRoot(document.getElementById('root') as HTMLElement).render(
  <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
    <Notifications position="bottom-right" />
    <Boot />
  </MantineProvider>
);
