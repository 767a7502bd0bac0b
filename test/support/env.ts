/** What global-setup found, as the test workers read it. */
export const TEST_ENV = {
  testServerPath: 'O2C_TEST_TEMPORAL_TEST_SERVER',
  cliPath: 'O2C_TEST_TEMPORAL_CLI',
  workflowBundle: 'O2C_TEST_WORKFLOW_BUNDLE',
  postgresUrl: 'O2C_TEST_POSTGRES_URL',
  recordHistories: 'O2C_RECORD_HISTORIES',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through \`npm test\` (jest's global setup sets it)`);
  return value;
}

export const testServerPath = () => required(TEST_ENV.testServerPath);
export const temporalCliPath = () => required(TEST_ENV.cliPath);
export const workflowBundlePath = () => required(TEST_ENV.workflowBundle);
/** Empty when PostgreSQL is not reachable outside CI. */
export const postgresUrl = () => process.env[TEST_ENV.postgresUrl] ?? '';
export const recordingHistories = () => process.env[TEST_ENV.recordHistories] === '1';
