import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Forbids imports from `folder` into any of `forbidden` (relative paths, at any depth). */
function boundary(folder, forbidden, why) {
  const regex = `^\\.{1,2}/(.*/)?(${forbidden.join('|')})(/|$)`;
  return [
    {
      files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
      rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message: `${why}.` }] }] },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist', 'app/public/fhir', 'node_modules', 'dist', 'coverage', 'test-results', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // Layers: each folder may import only the folders below it (README, "Architecture"). Tests are free.
  ...boundary(
    'core',
    ['engine', 'api', 'bots', 'local', 'app', 'deploy', 'bench', 'scripts', 'medplum'],
    'core is pure'
  ),
  ...boundary('engine', ['api', 'bots', 'local', 'app', 'deploy', 'bench', 'scripts'], 'the engine is below the API'),
  ...boundary('api', ['bots', 'local', 'app', 'deploy', 'bench', 'scripts'], 'the API client is below the runtimes'),

  ...boundary('local', ['app', 'deploy', 'bench', 'scripts'], 'the local runtime is below the app'),
  ...boundary('deploy', ['app', 'local', 'bench', 'scripts', 'api'], 'deployment needs no runtime'),
  ...boundary('app', ['engine', 'bots', 'deploy', 'bench', 'scripts'], 'the app goes through the API client'),
  {
    // Code that runs inside Medplum's vmcontext bot sandbox, whose console has `log` only.
    files: ['core/**/*.ts', 'engine/**/*.ts', 'api/**/*.ts', 'bots/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['log'] }] },
  },
  {
    files: ['bots/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/(.*/)?(core|local|app|deploy|bench|scripts)(/|$)',
              message: 'bots import only the engine and the booking operation.',
            },
            {
              regex: '^\\.{1,2}/(.*/)?api($|/(?!operation$))',
              message: "bots import the booking operation's door, api/operation.",
            },
            { regex: '^\\.{1,2}/(.*/)?engine/', message: "bots import the engine's door, engine/index." },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],

    rules: {
      // The core is pure: no clock, no environment.
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core is pure: pass `now` in.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core is pure: pass `now` in.',
        },
        { selector: "MemberExpression[object.name='process']", message: 'core is pure: no process/env access.' },
        { selector: 'CallExpression[callee.property.name=/^setUTC/]', message: 'use Temporal for wall-clock math.' },
      ],
    },
  }
);
