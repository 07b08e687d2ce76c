/**
 * Bundles each bot into one self-contained, minified CommonJS file with esbuild (its own pinned @medplum/core and
 * Temporal polyfill, no `require`), for Medplum's AWS Lambda and self-hosted `vmcontext` runtimes. The footer copies
 * `module.exports` onto `exports`, which `vmcontext` reads; the code uses no timers, `structuredClone` or `crypto`,
 * which the `vmcontext` sandbox lacks.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BotConfig } from './config';

export interface BuiltBot {
  readonly name: string;
  readonly dist: string;
  readonly bytes: number;
}

/** Bundles the bots; returns their sizes. */
export async function buildBots(bots: readonly BotConfig[], root = process.cwd()): Promise<BuiltBot[]> {
  const built: BuiltBot[] = [];
  for (const bot of bots) {
    await build({
      entryPoints: [resolve(root, bot.source)],
      outfile: resolve(root, bot.dist),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
      // @medplum/core reads WebSocket's constants when it loads; `vmcontext` sandboxes have no WebSocket.
      banner: { js: 'var WebSocket = globalThis.WebSocket || { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 };' },
      footer: { js: 'Object.assign(exports, module.exports);' },
    });
    built.push({ name: bot.name, dist: bot.dist, bytes: readFileSync(resolve(root, bot.dist)).length });
  }
  return built;
}
