/** What the browser journeys share: the built app served by `vite preview`, and Debian's Chromium. */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENS = 'test-results/screens';

/**
 * Builds the app (with the given VITE_* environment, e.g. a Medplum base URL) into `outDir` (relative to app/) and
 * serves it on a free loopback port. Returns the server and its base URL.
 */
export async function buildAndServe(
  outDir: string,
  env: Record<string, string> = {}
): Promise<{ server: PreviewServer; base: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) {
        delete process.env[k];
      } else {
        process.env[k] = v;
      }
    }
  }
  const server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  return { server, base: (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '') };
}

/** Headless Chromium with the flags this machine needs (no sandbox as root, no background network). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH.`
    );
  }
  mkdirSync(SCREENS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return britishByDefault(browser);
}

/**
 * The app writes dates and times in the browser's language (app/src/format.ts), and headless Chromium says en-US
 * whatever its flags: every page the journeys open reads British English unless it asks for another `locale`
 * (calendar.e2e.ts opens an American one).
 */
function britishByDefault(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: 'en-GB', ...options });
  browser.newPage = (options = {}) => newPage({ locale: 'en-GB', ...options });
  return browser;
}

/** Stops a preview server. */
export function close(server: PreviewServer | undefined): Promise<void> {
  return new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
}
