/** For commands: the configuration, or its problems on stderr and exit code 2. */
import { ConfigError, configFromProcess, type AppConfig } from '../config';

export function configOrExit(): AppConfig {
  try {
    return configFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
