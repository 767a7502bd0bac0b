import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACCEPTANCE_POLICY_V1 } from '../../domain/credit/policies';
import { loadAcceptancePolicies } from '../../platform/acceptance-policies';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-policies-'));
const file = (name: string, content: string) => {
  const where = path.join(dir, name);
  fs.writeFileSync(where, content);
  return where;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the operators\' acceptance policy file', () => {
  it('is optional: without it, version 1 alone', () => {
    expect(loadAcceptancePolicies(null)).toEqual([ACCEPTANCE_POLICY_V1]);
  });

  it('adds its versions to the built-in one', () => {
    const v2 = { ...JSON.parse(JSON.stringify(ACCEPTANCE_POLICY_V1)), version: 2, validFrom: '2027-01-01', referAboveExposureCents: 100_000_00 };
    expect(loadAcceptancePolicies(file('good.json', JSON.stringify([v2]))).map((policy) => [policy.version, policy.referAboveExposureCents])).toEqual([[1, 250_000_00], [2, 100_000_00]]);
  });

  it('names the file and what is wrong in it', () => {
    const broken = file('broken.json', '[{"version": 2,');
    expect(() => loadAcceptancePolicies(broken)).toThrow(new RegExp(`^${broken}: cannot be read as JSON .*; fix the file or unset O2C_ACCEPTANCE_POLICIES$`));
    const wrong = file('wrong.json', JSON.stringify([{ ...JSON.parse(JSON.stringify(ACCEPTANCE_POLICY_V1)), version: 2, referBelowScore: 10 }]));
    expect(() => loadAcceptancePolicies(wrong)).toThrow(`${wrong}: acceptance policy v2: refuseBelowScore: the score thresholds must ascend`);
  });
});
