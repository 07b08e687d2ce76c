/**
 * The app shell: a skip link, one banner with the mode and the session controls, the navigation (behind a burger on
 * phones), and the routes (bookmarkable URLs).
 */
import type { JSX } from 'react';
import { Alert, AppShell, Badge, Box, Burger, Center, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { SignInForm, useMedplumContext } from '@medplum/react';
import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation, useParams } from 'react-router';
import { PageTitle } from './components/PageTitle';
import { SessionControls } from './components/SessionControls';
import { FindSlotPage } from './pages/FindSlotPage';
import { SchedulesPage } from './pages/SchedulesPage';
import { TasksPage } from './pages/TasksPage';
import type { Mode } from './runtime';
import { rememberChoice } from './session';

export interface AppProps {
  readonly mode: Mode;
  readonly launched?: boolean;
  /** Local mode: wipes the browser's copy of the demo clinic and loads it afresh. */
  readonly resetDemoData?: () => Promise<void>;
}

// The detail page (calendar) and the form load on first use: the list opens sooner.
const ScheduleDetailPage = lazy(() =>
  import('./pages/ScheduleDetailPage').then((m) => ({ default: m.ScheduleDetailPage }))
);
const ScheduleFormPage = lazy(() => import('./pages/ScheduleFormPage').then((m) => ({ default: m.ScheduleFormPage })));
const WaitlistPage = lazy(() => import('./pages/WaitlistPage').then((m) => ({ default: m.WaitlistPage })));

const LINKS = [
  { to: '/schedules', label: 'Schedules' },
  { to: '/schedules/new', label: 'New schedule' },
  { to: '/find', label: 'Find a slot' },
  { to: '/tasks', label: 'Reschedule worklist' },
  { to: '/waitlist', label: 'Waitlist' },
];

export function App({ mode, launched = false, resetDemoData }: AppProps): JSX.Element {
  const { profile, loading } = useMedplumContext();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  // A stored session is being resumed (its profile is being read): neither the sign-in form nor a page yet.
  if (mode.kind === 'medplum' && !profile && !launched && loading) {
    return (
      <Center h="100vh">
        <Loader aria-label="Signing you in" />
      </Center>
    );
  }
  if (mode.kind === 'medplum' && !profile && !launched) {
    return (
      <AppShell padding="md">
        <AppShell.Main id="main">
          {/* "Remember me" decides whether the session outlives the browser tab. */}
          <div onSubmitCapture={(e) => rememberChoice(e.target as HTMLFormElement)}>
            <SignInForm onSuccess={() => window.location.reload()}>
              <PageTitle text="Sign in">Sign in to {mode.baseUrl}</PageTitle>
            </SignInForm>
          </div>
        </AppShell.Main>
      </AppShell>
    );
  }
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpened}
                aria-controls="main-navigation"
              />
              <Text fw={700} fz="lg">
                Schedules
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {mode.kind === 'local' ? (
                <Badge color="yellow.3" c="dark.9" variant="filled" title="The demo clinic is kept in this browser">
                  Local mode
                </Badge>
              ) : (
                <Badge color="gray.2" c="dark.9" variant="filled" visibleFrom="sm">
                  {new URL(mode.baseUrl).host}
                </Badge>
              )}
              <Box visibleFrom="sm">
                <SessionControls mode={mode} {...(resetDemoData ? { resetDemoData } : {})} />
              </Box>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" component="nav" aria-label="Main" id="main-navigation">
          {LINKS.map((link) => (
            <NavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              active={location.pathname === link.to}
              aria-current={location.pathname === link.to ? 'page' : undefined}
              onClick={nav.close}
            />
          ))}
          {/* On a phone the header has no room: the session controls sit under the navigation. */}
          <Box hiddenFrom="sm" mt="md" px="sm">
            <SessionControls mode={mode} {...(resetDemoData ? { resetDemoData } : {})} />
          </Box>
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Suspense fallback={<Loader aria-label="Loading the page" />}>
            <Routes>
              <Route path="/" element={<SchedulesPage />} />
              <Route path="/schedules" element={<SchedulesPage />} />
              <Route path="/schedules/new" element={<ScheduleFormPage key="new" />} />
              <Route path="/schedules/:id" element={<ScheduleDetailPage />} />
              <Route path="/schedules/:id/edit" element={<EditSchedule />} />
              <Route path="/find" element={<FindSlotPage />} />
              <Route path="/tasks" element={<TasksPage />} />
              <Route path="/waitlist" element={<WaitlistPage />} />
              <Route
                path="*"
                element={
                  <Stack>
                    <PageTitle>Page not found</PageTitle>
                    <Alert color="yellow" title="Nothing here">
                      Nothing lives at {location.pathname}.
                    </Alert>
                  </Stack>
                }
              />
            </Routes>
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/** A fresh form per schedule: moving between edit and new pages never carries one schedule's form into another. */
function EditSchedule(): JSX.Element {
  const { id } = useParams();
  return <ScheduleFormPage key={id} />;
}
