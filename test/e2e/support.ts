/** What the browser journeys share: the built app served by `vite preview`, Debian's Chromium, and Tab counting. */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/**
 * Presses Tab until the focused element's accessible text matches, at most `max` times; returns the presses (0 when
 * the focus is already there: a user does not press Tab to reach the control they are on).
 */
export async function tabTo(page: Page, matches: RegExp, max = 60): Promise<number> {
  const focusedText = (): Promise<string> =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      const label = el?.labels?.[0]?.textContent ?? ''; // a radio or checkbox is named by its <label>
      return `${el?.getAttribute('aria-label') ?? ''} ${el?.textContent ?? ''} ${el?.getAttribute('placeholder') ?? ''} ${label}`;
    });
  const onControl = await page.evaluate(
    () => document.activeElement?.matches('a, button, input, textarea, select, [role="button"]') === true
  );
  if (onControl && matches.test(await focusedText())) {
    return 0;
  }
  const seen: string[] = [];
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    const text = await focusedText();
    if (matches.test(text)) {
      return presses;
    }
    seen.push(text.trim().slice(0, 60));
  }
  throw new Error(
    `No focusable element matching ${matches} within ${max} Tabs; the focus went to: ${seen.join(' | ')}`
  );
}
