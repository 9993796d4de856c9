// ESLint (flat config) for the extension, its tests, the benchmarks and tools. Run with
// `npx eslint .`; CTest runs it as `lint.javascript`.
import js from '@eslint/js';
import globals from 'globals';

import { importOrder } from './tools/eslint/import_order.mjs';

const webExtension = { chrome: 'readonly', browser: 'readonly' };

export default [
  { ignores: ['build/**', 'dist/**', 'node_modules/**', '**/node_modules/**'] },
  js.configs.recommended,
  {
    plugins: { handleguard: { rules: { 'import-order': importOrder } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-unsanitized-property': 'off',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build DOM with createElement and textContent.' },
        { property: 'outerHTML', message: 'Build DOM with createElement and textContent.' }],
      'sort-imports': ['error', { ignoreCase: true, ignoreDeclarationSort: true }],
      'handleguard/import-order': 'error',
    },
  },
  {
    // Content scripts, the page-world guard, the popup and options pages: classic scripts.
    files: ['extension/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, ...webExtension } },
  },
  {
    // The service worker and what it imports: ES modules (Node loads them in unit tests).
    files: ['extension/background/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.serviceworker, ...webExtension } },
  },
  {
    // The x.com replica's page script runs in the test browser's page.
    files: ['tests/e2e/replica/app.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    // Browser-driving code passes functions to run in the page or the extension's worker.
    files: ['tests/e2e/**/*.mjs', 'bench/extension_*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...webExtension } },
  },
];
