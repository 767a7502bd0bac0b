/**
 * The one validated configuration object. `loadConfig` turns an environment into a typed
 * `AppConfig` or throws a `ConfigError` that names every wrong variable at once.
 * `configFromProcess` is the only place in the product that reads `process.env`.
 */
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { environmentSchema, environmentVariableNames, type Environment } from './environment';

export type LogLevel = Environment['LOG_LEVEL'];

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; migrate: boolean }
  | { kind: 'postgresql'; url: string; migrate: boolean };

export interface TemporalTlsConfig {
  clientCertPath?: string;
  clientKeyPath?: string;
  serverName?: string;
}

export type TemporalServerConfig =
  | { kind: 'embedded'; port: number; uiPort: number; ui: boolean; databaseFile: string }
  | { kind: 'external'; address: string; tls?: TemporalTlsConfig; apiKey?: string };

export interface AppConfig {
  dataDir: string;
  timeZone: string;
  log: { level: LogLevel; format: 'pretty' | 'json' };
  api: { host: string; port: number };
  database: DatabaseConfig;
  temporal: {
    server: TemporalServerConfig;
    namespace: string;
    taskQueue: string;
    registerSearchAttributes: boolean;
  };
  creditor: { name: string; enterpriseNumber: string; iban: string; email: string };
  /** The credit-data provider; `demo` runs the local fake bureau (fakes/credit-bureau). */
  creditData: { kind: 'demo' } | { kind: 'provider'; baseUrl: string; apiKey: string };
  /** A file of operator-defined acceptance policies, or null for the built-in ones only. */
  acceptancePoliciesFile: string | null;
  /** Open phone tasks per collectors' pool before optional calls are skipped. */
  poolCapacity: Record<string, number>;
  tools: {
    temporalCliPath?: string;
    temporalTestServerPath?: string;
    /** The PATH to search for the Temporal binaries and Python. */
    searchPath: string;
    /** Where the project installs tools it downloads itself. */
    toolsDir: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Fix these environment variables (see the configuration table in README.md) and start again.',
    );
    this.name = 'ConfigError';
  }
}

function expected(schema: TSchema): string {
  if (schema.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`;
  if (schema.type === 'boolean') return 'true or false';
  if (Array.isArray(schema.anyOf)) return `one of ${(schema.anyOf as TSchema[]).map((option) => String(option.const)).join(', ')}`;
  if (schema.pattern) return `a value like this: ${schema.description}`;
  return 'a non-empty text';
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

/** Parses one environment into the typed config, or throws a ConfigError naming each wrong variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): AppConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of environmentVariableNames) {
    const schema = environmentSchema.properties[name] as TSchema;
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (schema.default !== undefined) values[name] = schema.default;
      continue;
    }
    let value: unknown = raw.trim();
    if (schema.type === 'boolean') value = BOOLEAN_WORDS[(value as string).toLowerCase()] ?? value;
    else if (schema.type === 'integer' && /^-?\d+$/.test(value as string)) value = Number(value);
    if (!Value.Check(schema, value)) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected ${expected(schema)}`);
      continue;
    }
    values[name] = value;
  }
  const e = values as Environment;
  if (problems.length === 0) problems.push(...crossChecks(e));
  if (problems.length > 0) throw new ConfigError(problems);
  return toAppConfig(e, cwd);
}

function crossChecks(e: Environment): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.O2C_TIME_ZONE });
  } catch {
    problems.push(`O2C_TIME_ZONE=${JSON.stringify(e.O2C_TIME_ZONE)}: expected an IANA time zone such as Europe/Brussels`);
  }
  if (Boolean(e.TEMPORAL_TLS_CERT_PATH) !== Boolean(e.TEMPORAL_TLS_KEY_PATH)) {
    problems.push('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH: set both for mTLS, or neither');
  }
  const externalOnly = ['TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS_SERVER_NAME'] as const;
  for (const name of externalOnly) {
    if (e[name] && !e.TEMPORAL_ADDRESS) problems.push(`${name}: only used with TEMPORAL_ADDRESS; set TEMPORAL_ADDRESS too`);
  }
  for (const name of ['TEMPORAL_CLI_PATH', 'TEMPORAL_TEST_SERVER_PATH'] as const) {
    const value = e[name];
    if (value && !path.isAbsolute(value)) problems.push(`${name}=${JSON.stringify(value)}: expected an absolute path`);
  }
  if (e.CREDIT_DATA_BASE_URL && !/^https?:\/\/[^\s]+$/.test(e.CREDIT_DATA_BASE_URL)) {
    problems.push(`CREDIT_DATA_BASE_URL=${JSON.stringify(e.CREDIT_DATA_BASE_URL)}: expected an http(s) URL such as https://api.provider.example`);
  }
  if (e.CREDIT_DATA_BASE_URL && !e.CREDIT_DATA_API_KEY) problems.push('CREDIT_DATA_API_KEY: required with CREDIT_DATA_BASE_URL (the provider refuses requests without it)');
  if (!e.TEMPORAL_ADDRESS && e.TEMPORAL_UI && e.TEMPORAL_UI_PORT === e.TEMPORAL_DEV_PORT) {
    problems.push('TEMPORAL_UI_PORT: must differ from TEMPORAL_DEV_PORT');
  }
  return problems;
}

function databaseConfig(e: Environment, dataDir: string, cwd: string): DatabaseConfig {
  const url = e.DATABASE_URL;
  if (url === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'o2c.sqlite'), migrate: e.DATABASE_MIGRATE };
  if (url.startsWith('sqlite:')) {
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file), migrate: e.DATABASE_MIGRATE };
  }
  return { kind: 'postgresql', url, migrate: e.DATABASE_MIGRATE };
}

function temporalServer(e: Environment, dataDir: string): TemporalServerConfig {
  if (!e.TEMPORAL_ADDRESS) {
    return {
      kind: 'embedded',
      port: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      ui: e.TEMPORAL_UI,
      databaseFile: path.join(dataDir, 'temporal', 'temporal.sqlite'),
    };
  }
  const mtls = e.TEMPORAL_TLS_CERT_PATH
    ? { clientCertPath: e.TEMPORAL_TLS_CERT_PATH, clientKeyPath: e.TEMPORAL_TLS_KEY_PATH }
    : {};
  const useTls = e.TEMPORAL_TLS || Boolean(e.TEMPORAL_API_KEY) || Boolean(e.TEMPORAL_TLS_CERT_PATH);
  return {
    kind: 'external',
    address: e.TEMPORAL_ADDRESS,
    tls: useTls ? { ...mtls, serverName: e.TEMPORAL_TLS_SERVER_NAME } : undefined,
    apiKey: e.TEMPORAL_API_KEY,
  };
}

function toAppConfig(e: Environment, cwd: string): AppConfig {
  const dataDir = path.resolve(cwd, e.O2C_DATA_DIR);
  return {
    dataDir,
    timeZone: e.O2C_TIME_ZONE,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    api: { host: e.API_HOST, port: e.API_PORT },
    database: databaseConfig(e, dataDir, cwd),
    temporal: {
      server: temporalServer(e, dataDir),
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      registerSearchAttributes: e.TEMPORAL_REGISTER_SEARCH_ATTRIBUTES,
    },
    creditor: {
      name: e.O2C_CREDITOR_NAME,
      enterpriseNumber: e.O2C_CREDITOR_ENTERPRISE_NUMBER,
      iban: e.O2C_CREDITOR_IBAN,
      email: e.O2C_CREDITOR_EMAIL,
    },
    acceptancePoliciesFile: e.O2C_ACCEPTANCE_POLICIES ? path.resolve(cwd, e.O2C_ACCEPTANCE_POLICIES) : null,
    creditData: e.CREDIT_DATA_BASE_URL ? { kind: 'provider', baseUrl: e.CREDIT_DATA_BASE_URL, apiKey: e.CREDIT_DATA_API_KEY } : { kind: 'demo' },
    poolCapacity: Object.fromEntries(e.COLLECTOR_POOL_CAPACITY.split(',').map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])])),
    tools: {
      temporalCliPath: e.TEMPORAL_CLI_PATH,
      temporalTestServerPath: e.TEMPORAL_TEST_SERVER_PATH,
      searchPath: e.PATH,
      toolsDir: path.join(dataDir, 'tools'),
    },
  };
}

/** The config for people to read: passwords in URLs and API keys hidden. */
export function redactedConfig(config: AppConfig): AppConfig {
  const hideUrlPassword = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  const database = config.database.kind === 'postgresql' ? { ...config.database, url: hideUrlPassword(config.database.url) } : config.database;
  const server = config.temporal.server;
  const temporalServer = server.kind === 'external' && server.apiKey ? { ...server, apiKey: '***' } : server;
  const creditData = config.creditData.kind === 'provider' ? { ...config.creditData, apiKey: '***' } : config.creditData;
  return { ...config, database, creditData, temporal: { ...config.temporal, server: temporalServer } };
}

/** The only read of process.env in the product: call once at start-up and pass the result down. */
export function configFromProcess(overrides: Readonly<Record<string, string>> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides }, process.cwd());
}
