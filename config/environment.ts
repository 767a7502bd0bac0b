/**
 * Every environment variable the product reads, with its type, default and meaning.
 * This table is the single source for the parser (config/index.ts), the README's
 * configuration table and the docker-compose check in test/config.
 */
import { Type, type Static } from '@sinclair/typebox';

const Port = (description: string, defaultPort: number) =>
  Type.Integer({ minimum: 1, maximum: 65535, default: defaultPort, description });
const Flag = (description: string, defaultValue: boolean) =>
  Type.Boolean({ default: defaultValue, description });

export const environmentSchema = Type.Object({
  O2C_DATA_DIR: Type.String({
    minLength: 1,
    default: 'data',
    description:
      'Folder for everything the embedded defaults keep on disk: the SQLite database, the Temporal dev server database, downloaded tools.',
  }),
  O2C_TIME_ZONE: Type.String({
    minLength: 1,
    default: 'Europe/Brussels',
    description: 'Default IANA time zone of customers; calendar dates (due dates, reminder days) are taken in it.',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', description: 'Log level of the API, the worker and the launcher.' },
  ),
  LOG_FORMAT: Type.Union([Type.Literal('pretty'), Type.Literal('json')], {
    default: 'pretty',
    description: '`pretty` for people reading a terminal, `json` for a log collector.',
  }),
  API_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address the HTTP API listens on.' }),
  API_PORT: Port('Port of the HTTP API.', 3000),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(postgres|postgresql|sqlite)://?',
      description:
        'Application database. Unset: an SQLite file in O2C_DATA_DIR. `postgres://user:pass@host:5432/db` for PostgreSQL; `sqlite:/path/file.sqlite` for another SQLite file.',
    }),
  ),
  DATABASE_MIGRATE: Flag('Run pending database migrations at start (otherwise run `o2c migrate`).', true),
  TEMPORAL_ADDRESS: Type.Optional(
    Type.String({
      pattern: '^[^\\s:]+:[0-9]{1,5}$',
      description:
        'host:port of an existing Temporal cluster (self-hosted or Temporal Cloud). Unset: start the embedded dev server.',
    }),
  ),
  TEMPORAL_NAMESPACE: Type.String({ minLength: 1, default: 'default', description: 'Temporal namespace.' }),
  TEMPORAL_TASK_QUEUE: Type.String({ minLength: 1, default: 'o2c-engine', description: 'Task queue of the worker.' }),
  TEMPORAL_TLS: Flag('Use TLS to reach TEMPORAL_ADDRESS (implied by an API key or a client certificate).', false),
  TEMPORAL_TLS_CERT_PATH: Type.Optional(
    Type.String({ minLength: 1, description: 'Client certificate (PEM) for mTLS, with TEMPORAL_TLS_KEY_PATH.' }),
  ),
  TEMPORAL_TLS_KEY_PATH: Type.Optional(
    Type.String({ minLength: 1, description: 'Client private key (PEM) for mTLS, with TEMPORAL_TLS_CERT_PATH.' }),
  ),
  TEMPORAL_TLS_SERVER_NAME: Type.Optional(
    Type.String({ minLength: 1, description: 'Server name to verify, when it differs from the host of TEMPORAL_ADDRESS.' }),
  ),
  TEMPORAL_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'API key for Temporal Cloud.' })),
  TEMPORAL_REGISTER_SEARCH_ATTRIBUTES: Flag(
    'Register the custom search attributes at start. Turn off where the operator API is closed (Temporal Cloud): register them once by hand.',
    true,
  ),
  TEMPORAL_DEV_PORT: Port('Port of the embedded Temporal dev server (frontend gRPC).', 7233),
  TEMPORAL_UI_PORT: Port('Port of the embedded Temporal UI.', 8233),
  TEMPORAL_UI: Flag('Start the Temporal UI with the embedded dev server.', true),
  TEMPORAL_CLI_PATH: Type.Optional(
    Type.String({ minLength: 1, description: 'Absolute path of the `temporal` CLI (dev server). Unset: found or installed.' }),
  ),
  TEMPORAL_TEST_SERVER_PATH: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Absolute path of `temporal-test-server` (time-skipping, tests and bench). Unset: found or installed.',
    }),
  ),
  O2C_CREDITOR_NAME: Type.String({ minLength: 1, default: 'Demo Company NV', description: 'Your company name, as it signs reminders (consumer reminders must state it).' }),
  O2C_CREDITOR_ENTERPRISE_NUMBER: Type.String({
    pattern: '^[01][0-9]{3}\\.[0-9]{3}\\.[0-9]{3}$',
    default: '0000.000.097',
    description: 'Your enterprise number (KBO/BCE), e.g. 0123.456.749; consumer reminders must state it.',
  }),
  O2C_CREDITOR_IBAN: Type.String({ minLength: 15, default: 'BE71 0961 2345 6769', description: 'Account the customers pay to, as printed on messages.' }),
  O2C_CREDITOR_EMAIL: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', default: 'credit@example.com', description: 'Address customers reply to with questions or complaints.' }),
  CREDIT_DATA_BASE_URL: Type.String({
    default: '',
    description: 'The credit-data provider\'s API (trade reports for credit checks and reviews). Empty: a local demo bureau with made-up reports starts with the worker.',
  }),
  O2C_ACCEPTANCE_POLICIES: Type.String({
    default: '',
    description: 'A JSON file with acceptance policy versions beyond the built-in v1 (checked at start; `o2c credit-policy check FILE`). Empty: v1 only.',
  }),
  CREDIT_DATA_API_KEY: Type.String({ default: '', description: 'API key for the credit-data provider (sent as a bearer token).' }),
  COLLECTOR_POOL_CAPACITY: Type.String({
    pattern: '^[a-z0-9-]+=[0-9]+(,[a-z0-9-]+=[0-9]+)*$',
    default: 'collectors=40,key-accounts=20',
    description: 'Open phone tasks each collectors\' pool can carry (pool=count,…); optional calls are skipped above it. Other pools: the first figure.',
  }),
  PATH: Type.String({ default: '', description: 'Searched for the Temporal binaries and Python.' }),
});

export type Environment = Static<typeof environmentSchema>;
export type EnvironmentVariable = keyof Environment;


export const environmentVariableNames = Object.keys(environmentSchema.properties) as EnvironmentVariable[];
