/**
 * One pino logger for the launcher, the API and the worker. `pretty` is for people at a
 * terminal (one line per event, local time); `json` for a log collector.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config';

export type { Logger };

export function createLogger(log: AppConfig['log'], name = 'o2c'): Logger {
  const options = { name, level: log.level };
  if (log.format === 'json') return pino(options);
  return pino(options, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true }));
}
