/**
 * One Jest run for the whole suite: static checks (lint, types, bundle), pure domain,
 * database (SQLite and PostgreSQL), workflows on the time-skipping server, replay of
 * recorded histories, the API, and the product end to end on the dev server.
 * The last line printed is "N passed, N failed[, N skipped]".
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 120_000,
  maxWorkers: 2,
  // The end-to-end and workflow suites are the slowest: start them first.
  testSequencer: '<rootDir>/test/support/sequencer.js',
};
