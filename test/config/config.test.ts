import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig, redactedConfig } from '../../config';

const cwd = '/srv/o2c';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on embedded defaults with no settings at all', () => {
    const config = loadConfig({}, cwd);
    expect(config.dataDir).toBe('/srv/o2c/data');
    expect(config.database).toEqual({ kind: 'sqlite', file: '/srv/o2c/data/o2c.sqlite', migrate: true });
    expect(config.temporal.server).toEqual({
      kind: 'embedded',
      port: 7233,
      uiPort: 8233,
      ui: true,
      databaseFile: path.join('/srv/o2c/data', 'temporal', 'temporal.sqlite'),
    });
    expect(config.api).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.timeZone).toBe('Europe/Brussels');
  });

  it('connects to PostgreSQL and an external Temporal cluster when told so', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://o2c:secret@db:5432/o2c',
        TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233',
        TEMPORAL_NAMESPACE: 'my-ns.a1b2c',
        TEMPORAL_API_KEY: 'key-123456',
      },
      cwd,
    );
    expect(config.database).toEqual({ kind: 'postgresql', url: 'postgres://o2c:secret@db:5432/o2c', migrate: true });
    expect(config.temporal.server).toEqual({
      kind: 'external',
      address: 'my-ns.a1b2c.tmprl.cloud:7233',
      tls: { serverName: undefined },
      apiKey: 'key-123456',
    });
    const shown = redactedConfig(config);
    expect(JSON.stringify(shown)).not.toContain('secret');
    expect(JSON.stringify(shown)).not.toContain('key-123456');
  });

  it('names every wrong variable at once, with what it expected', () => {
    const problems = problemsOf({ API_PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', DATABASE_MIGRATE: 'maybe' });
    expect(problems).toEqual([
      'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent',
      'API_PORT="eighty": expected an integer from 1 to 65535',
      expect.stringMatching(/^DATABASE_URL="mysql:\/\/x": expected a value like this: Application database/),
      'DATABASE_MIGRATE="maybe": expected true or false',
    ]);
  });

  it('rejects settings that contradict each other', () => {
    expect(problemsOf({ O2C_TIME_ZONE: 'Europe/Gent' })).toEqual([
      'O2C_TIME_ZONE="Europe/Gent": expected an IANA time zone such as Europe/Brussels',
    ]);
    expect(problemsOf({ TEMPORAL_API_KEY: 'k' })).toEqual(['TEMPORAL_API_KEY: only used with TEMPORAL_ADDRESS; set TEMPORAL_ADDRESS too']);
    expect(problemsOf({ TEMPORAL_ADDRESS: 'x:7233', TEMPORAL_TLS_CERT_PATH: '/c.pem' })).toEqual([
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH: set both for mTLS, or neither',
    ]);
    expect(problemsOf({ TEMPORAL_CLI_PATH: 'bin/temporal' })).toEqual(['TEMPORAL_CLI_PATH="bin/temporal": expected an absolute path']);
  });

  it('says what to do in the error message', () => {
    expect(() => loadConfig({ API_PORT: '0' }, cwd)).toThrow(/Fix these environment variables \(see the configuration table in README.md\)/);
  });

  it('is the only code that reads process.env', () => {
    const root = path.resolve(__dirname, '..', '..');
    const grep = spawnSync('git', ['grep', '--untracked', '-l', 'process\\.env', '--', '*.ts', ':!test/**', ':!config/index.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(grep.status).toBe(1); // git grep: 1 = no match
    expect(grep.stdout).toBe('');
  });
});
