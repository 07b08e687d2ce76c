/**
 * The app shell: header with the mode, navigation, and the routes (bookmarkable URLs).
 */
import type { JSX } from 'react';
import { Alert, AppShell, Badge, Group, NavLink, Title } from '@mantine/core';
import { SignInForm, useMedplumProfile } from '@medplum/react';
import { Link, Route, Routes, useLocation, useParams } from 'react-router';
import type { Mode } from './runtime';
import { FindSlotPage } from './pages/FindSlotPage';
import { ScheduleDetailPage } from './pages/ScheduleDetailPage';
import { ScheduleFormPage } from './pages/ScheduleFormPage';
import { SchedulesPage } from './pages/SchedulesPage';
import { TasksPage } from './pages/TasksPage';

export function App({ mode, launched = false }: { readonly mode: Mode; readonly launched?: boolean }): JSX.Element {
  const profile = useMedplumProfile();
  const location = useLocation();
  if (mode.kind === 'medplum' && !profile && !launched) {
    return (
      <AppShell padding="md">
        <AppShell.Main>
          <SignInForm onSuccess={() => window.location.reload()}>
            <Title order={2}>Sign in to {mode.baseUrl}</Title>
          </SignInForm>
        </AppShell.Main>
      </AppShell>
    );
  }
  const links = [
    { to: '/schedules', label: 'Schedules' },
    { to: '/schedules/new', label: 'New schedule' },
    { to: '/find', label: 'Find a slot' },
    { to: '/tasks', label: 'Reschedule worklist' },
  ];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Schedules</Title>
          {mode.kind === 'local' ? (
            <Badge color="orange" variant="light" title="Data lives in this browser tab and resets when you reload">
              Local mode · demo data resets on reload
            </Badge>
          ) : (
            <Badge variant="light">{mode.baseUrl}</Badge>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            active={location.pathname === link.to}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route path="/" element={<SchedulesPage />} />
          <Route path="/schedules" element={<SchedulesPage />} />
          <Route path="/schedules/new" element={<ScheduleFormPage key="new" />} />
          <Route path="/schedules/:id" element={<ScheduleDetailPage />} />
          <Route path="/schedules/:id/edit" element={<EditSchedule />} />
          <Route path="/find" element={<FindSlotPage />} />
          <Route path="/tasks" element={<TasksPage />} />
          <Route
            path="*"
            element={
              <Alert color="yellow" title="Page not found">
                Nothing lives at {location.pathname}.
              </Alert>
            }
          />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}

/** A fresh form per schedule: moving between edit and new pages never carries one schedule's form into another. */
function EditSchedule(): JSX.Element {
  const { id } = useParams();
  return <ScheduleFormPage key={id} />;
}
