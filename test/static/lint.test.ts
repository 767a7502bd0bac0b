/**
 * Lint as part of the suite, and proof that the determinism fence stands: a workflow file
 * that imports a Node built-in, the ORM, config or an activity's value is refused.
 * ESLint runs as a child process: its ESM config cannot load inside Jest's module sandbox.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const eslintBin = path.join(root, 'node_modules', '.bin', 'eslint');

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string; line: number }>;
}

function eslint(args: string[], input?: string): LintResult[] {
  const run = spawnSync(eslintBin, ['--format', 'json', ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintResult[];
}

function lintWorkflowSource(source: string): string[] {
  const [result] = eslint(['--stdin', '--stdin-filename', 'workflows/dossier/workflow.ts'], source);
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('lint', () => {
  it('finds no problem in the repository', () => {
    const problems = eslint(['.']).flatMap((result) =>
      result.messages.map((m) => `${path.relative(root, result.filePath)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('refuses, in workflow code, Node built-ins, the ORM, config, activity values and the Temporal client', () => {
    const forbidden = [
      ["import fs from 'node:fs';", 'fs', 'no Node built-ins'],
      ["import { MikroORM } from '@mikro-orm/core';", 'MikroORM', 'must not reach the database'],
      ["import { configFromProcess } from '../../config';", 'configFromProcess', 'must not import config'],
      ["import { createDossierActivities } from '../../activities/dossier';", 'createDossierActivities', 'import activities as types only'],
      ["import { Client } from '@temporalio/client';", 'Client', '@temporalio/workflow and @temporalio/common only'],
    ];
    const source = `${forbidden.map(([line]) => line).join('\n')}\nexport const used = [${forbidden.map(([, name]) => name).join(', ')}];\n`;
    const messages = lintWorkflowSource(source);
    expect(messages).toHaveLength(forbidden.length);
    forbidden.forEach(([, , reason], index) => expect(messages[index]).toContain(reason));
  });

  it('lets workflow code import activity types', () => {
    expect(lintWorkflowSource("import type { DossierActivities } from '../../activities/dossier';\nexport type Used = DossierActivities;\n")).toEqual([]);
  });
});
