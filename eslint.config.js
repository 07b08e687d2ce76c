import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
