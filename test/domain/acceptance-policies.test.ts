import { ACCEPTANCE_POLICY_V1, InvalidAcceptancePolicy, loadAcceptancePolicy, withOperatorPolicies } from '../../domain/credit/policies';

/** Version 1 as data, as an operator would copy it into a file to start a version 2. */
const v2 = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({ ...JSON.parse(JSON.stringify(ACCEPTANCE_POLICY_V1)), version: 2, validFrom: '2027-01-01', ...changes });

function refusal(data: unknown): string {
  try {
    loadAcceptancePolicy(data);
  } catch (error) {
    if (error instanceof InvalidAcceptancePolicy) return error.message;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

describe('acceptance policies as data', () => {
  it('takes a policy written as JSON, equal to the one it was copied from but for its version', () => {
    expect(loadAcceptancePolicy(v2())).toEqual({ ...ACCEPTANCE_POLICY_V1, version: 2, validFrom: '2027-01-01' });
  });

  it.each([
    [{ refuseBelowScore: 40 }, 'acceptance policy v2: refuseBelowScore: the score thresholds must ascend: refuse 40 ≤ advance payment 30 ≤ refer 50'],
    [{ referBelowScore: 101 }, 'acceptance policy v2: referBelowScore: must be a whole number from 0 to 100, got 101'],
    [{ referingEvents: [] }, 'acceptance policy v2: referingEvents: unknown field (misspelt?)'],
    [{ referringEvents: ['bankruptcy'] }, 'acceptance policy v2: referringEvents: bankruptcy is also a refusing event'],
    [{ refusingEvents: ['fraud'] }, 'acceptance policy v2: refusingEvents[0]: "fraud" is not one of'],
    [{ validFrom: '2027-02-30' }, 'acceptance policy v2: validFrom: must be a date YYYY-MM-DD'],
    [{ cashDiscountAboveDaysLate: 40 }, 'acceptance policy v2: cashDiscountAboveDaysLate: 40 is above referAboveDaysLate (30)'],
    [{ paymentTermBands: [{ minScore: 40, maxDays: 30 }, { minScore: 60, maxDays: 60 }, { minScore: 0, maxDays: 15 }] }, 'paymentTermBands[1].minScore: bands must be listed from the highest score down'],
    [{ paymentTermBands: [{ minScore: 60, maxDays: 60 }] }, 'paymentTermBands[0].minScore: the last band must start at score 0'],
    [{ expiredReferral: { outcome: 'conditions', conditions: [] } }, 'expiredReferral.conditions: give conditions exactly when the outcome is "conditions"'],
    [{ expiredReferral: { outcome: 'conditions', conditions: [{ kind: 'prayer', detail: 'x' }] } }, 'expiredReferral.conditions[0].kind: must be one of'],
    [{ consumerLimitCents: 12.5 }, 'consumerLimitCents: must be a whole number from 0'],
  ])('refuses %j, naming the field and the rule', (changes, message) => {
    expect(refusal(v2(changes))).toContain(message);
  });

  it('adds an operator\'s versions to the built-in one, and refuses to redefine a published version', () => {
    expect(withOperatorPolicies([v2()]).map((policy) => policy.version)).toEqual([1, 2]);
    expect(() => withOperatorPolicies([v2({ version: 1 })])).toThrow('acceptance policy v1: version: v1 is already published; a change is a new version');
    expect(() => withOperatorPolicies({ policies: [] })).toThrow('the file must hold a JSON list of policies');
  });
});
