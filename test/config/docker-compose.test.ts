import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../config';
import { environmentVariableNames } from '../../config/environment';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
}

const compose = parse(fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('describes the production shape: Temporal on PostgreSQL, its UI, PostgreSQL, the API and the worker apart', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
    expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(services['temporal-ui']!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(services.api!.command).toEqual(['api']);
    expect(services.worker!.command).toEqual(['worker']);
  });

  it.each(['api', 'worker'])('gives the %s only variables the configuration knows, and a valid configuration', (name) => {
    const environment = services[name]!.environment!;
    const unknown = Object.keys(environment).filter((key) => !(environmentVariableNames as string[]).includes(key));
    expect(unknown).toEqual([]);
    const config = loadConfig(environment, '/app');
    expect(config.database.kind).toBe('postgresql');
    expect(config.temporal.server).toMatchObject({ kind: 'external', address: 'temporal:7233' });
  });

  it('points the app at the services that exist, with the credentials PostgreSQL is given', () => {
    const pg = services.postgresql!.environment!;
    for (const name of ['api', 'worker']) {
      const url = new URL(services[name]!.environment!.DATABASE_URL!);
      expect(url.hostname).toBe('postgresql');
      expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${pg.POSTGRES_DB}`);
      expect(services[name]!.environment!.TEMPORAL_ADDRESS!.split(':')[0]).toBe('temporal');
    }
    expect(services.temporal!.environment).toMatchObject({ POSTGRES_USER: pg.POSTGRES_USER, POSTGRES_PWD: pg.POSTGRES_PASSWORD });
  });

  it('lets only the API run migrations, so the two never race', () => {
    expect(loadConfig(services.api!.environment!, '/app').database.migrate).toBe(true);
    expect(loadConfig(services.worker!.environment!, '/app').database.migrate).toBe(false);
  });
});
