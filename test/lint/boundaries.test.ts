/**
 * The layers are kept apart by lint (eslint.config.js): an import that goes the wrong way is an error. Each case is
 * linted as if it were a file in that folder.
 */
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layer boundaries', () => {
  test.each([
    ['core/x.ts', "import { x } from '../engine';"],
    ['core/availability/x.ts', "import { x } from '../../api';"],
    ['engine/sync/x.ts', "import { x } from '../../api/index';"],
    ['engine/x.ts', "import { x } from '../local';"],
    ['bots/x.ts', "import { x } from '../core/fhir';"],
    ['bots/x.ts', "import { x } from '../engine/sync/schedule-sync';"],
    ['bots/x.ts', "import { x } from '../api';"],
    ['bots/x.ts', "import { x } from '../api/operation/serve';"],
    ['app/src/pages/x.tsx', "import { x } from '../../../engine/transport/search';"],
    ['deploy/x.ts', "import { x } from '../local/subscriptions';"],
  ])('%s may not: %s', async (file, source) => {
    expect(await restricted(file, source)).toBe(true);
  });

  test.each([
    ['engine/sync/x.ts', "import { x } from '../../core/fhir';"],
    ['api/x.ts', "import { x } from '../engine/transport/search';"],
    ['bots/x.ts', "import { x } from '../engine';"],
    ['bots/x.ts', "import { x } from '../api/operation';"],
    ['app/src/pages/x.tsx', "import { x } from '../../../api';"],
    ['local/x.ts', "import { x } from '../bots/schedule-slots';"],
  ])('%s may: %s', async (file, source) => {
    expect(await restricted(file, source)).toBe(false);
  });
});
