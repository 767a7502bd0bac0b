// Lint rules, and the determinism fence: code under workflows/ may import only
// @temporalio/workflow, @temporalio/common, pure domain code and activity *types*.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const builtinPaths = nodeBuiltins.map((name) => ({ name, message: 'Workflow and domain code must be deterministic: no Node built-ins.' }));
const ioPatterns = [
  {
    group: ['@mikro-orm/*', 'pg', 'better-sqlite3', 'fastify', '@fastify/*', 'handlebars', 'twilio', 'nodemailer', 'pino', 'pino-*'],
    message: 'Workflow and domain code must not reach the database, the network or the file system.',
  },
  {
    group: ['**/config', '**/config/*', '**/adapters/*', '**/db/*', '**/api/*', '**/platform/*'],
    message: 'Workflow and domain code must not import config, adapters, the database layer, the API or the platform.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'db/migrations/**', '*.config.*'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'bench/baseline-workflow.ts', 'bench/workflows.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinPaths,
          patterns: [
            ...ioPatterns,
            {
              group: ['**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only (import type …) and call them through proxyActivities.',
            },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
              message: 'Workflow code may use @temporalio/workflow and @temporalio/common only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinPaths,
          patterns: [
            ...ioPatterns,
            { group: ['@temporalio/*', '**/workflows', '**/workflows/*', '**/activities', '**/activities/*'], message: 'The domain is pure: no Temporal, no workflows, no activities.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked, languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly' } }, rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' } },
);
