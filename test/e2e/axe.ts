/**
 * Accessibility checks in the browser journeys: axe-core (WCAG 2.0/2.1 A and AA rules, plus best practices) run on
 * the page as it is, each result recorded per screen and size; a screenshot of each screen goes beside it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { SCREENS } from './support';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeRow {
  readonly screen: string;
  readonly size: string;
  readonly critical: number;
  readonly serious: number;
  readonly moderate: number;
  readonly minor: number;
  /** The critical and serious violations: rule id and the first offending element. */
  readonly blocking: readonly string[];
  /** Every violated rule, with its impact. */
  readonly rules: readonly string[];
}

export const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type Size = keyof typeof SIZES;

/** Where screenshots go: SCREENSHOTS_DIR when set (for a closing note), else test-results/screens. */
export const SHOTS = process.env.SCREENSHOTS_DIR ?? SCREENS;

const rows: AxeRow[] = [];

/** Runs axe on the page, records the counts, and saves a screenshot named after the screen and size. */
export async function audit(page: Page, screen: string, size: Size): Promise<AxeRow> {
  // Audit the settled page: fonts loaded, dialog and menu transitions finished (mid-fade colours are not the page's).
  await page.evaluate(() => document.fonts?.ready);
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
  )) as { violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
  const count = (impact: string): number => result.violations.filter((v) => v.impact === impact).length;
  const row: AxeRow = {
    screen,
    size,
    critical: count('critical'),
    serious: count('serious'),
    moderate: count('moderate'),
    minor: count('minor'),
    blocking: result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`),
    rules: result.violations.map((v) => `${v.id} (${v.impact})`),
  };
  rows.push(row);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${screen.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${size}.png` });
  return row;
}

/** Writes every recorded row to test-results/axe-<name>.json and returns a Markdown table. */
export function axeTable(name: string): string {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/axe-${name}.json`, JSON.stringify(rows, null, 2));
  return [
    '| screen | size | critical | serious | moderate | minor |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.screen} | ${r.size} | ${r.critical} | ${r.serious} | ${r.moderate} | ${r.minor} |`),
  ].join('\n');
}
