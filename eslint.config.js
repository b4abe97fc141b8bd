import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Model code is deterministic: no clock, no Math.random, no DOM, no network (see DESIGN.md). The shapes'
    // kernels are used by it, so they keep the same rules.
    files: ['src/renderer/engine/**/*.ts', 'src/renderer/board/**/*.ts', 'src/renderer/shapes/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use this.random(): the session’s seeded generator' },
        { object: 'Date', property: 'now', message: 'use this.now(): session time' },
        { object: 'performance', property: 'now', message: 'use this.now(): session time' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'model code runs headless' },
        { name: 'document', message: 'model code runs headless' },
        { name: 'fetch', message: 'model code never does I/O' },
        { name: 'WebSocket', message: 'model code never does I/O' },
        { name: 'setTimeout', message: 'use this.future(ms)' },
        { name: 'setInterval', message: 'use this.future(ms)' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'use this.now(): session time' }],
      'no-restricted-imports': ['error', { patterns: ['konva', 'konva/*', 'electron', 'node:*', '../session/*', '../app/*', '../platform/*', '../canvas/*'] }],
    },
  },
);
