import fs from 'node:fs';
import path from 'node:path';
import { environmentSchema, environmentVariableNames } from '../../config/environment';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('keeps the quick start to two commands: one starts the product, one runs the tests', () => {
    const quickStart = readme.split('## Quick start')[1]!.split('```sh')[1]!.split('```')[0]!;
    const commands = quickStart.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm install && npm start', 'npm install && npm test']);
    expect(fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8')).toContain('\nnpm install && npm test\n');
  });

  it('documents every configuration variable with its default', () => {
    for (const name of environmentVariableNames) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row).toBeDefined();
      const schema = environmentSchema.properties[name];
      if ('default' in schema && schema.default !== '') expect(row).toContain(`| \`${String(schema.default)}\` |`);
    }
  });
});
