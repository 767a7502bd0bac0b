import { calendarDate as d } from '../../domain/calendar';
import { ACCEPTANCE_POLICY_V1, acceptancePolicyOn, findAcceptancePolicy } from '../../domain/credit/policies';
import {
  decideCredit,
  mergeConditions,
  type AcceptancePolicy,
  type CreditCheckInput,
  type CreditCondition,
  type InternalBehaviour,
} from '../../domain/credit/acceptance-policy';
import { checkReferralDecision, CreditCommandRejected, type ReferralDecision } from '../../domain/credit/referral';
import type { CreditReport, NegativeEvent } from '../../domain/credit/report';

const today = d('2026-03-10');
const policy = ACCEPTANCE_POLICY_V1;
const FULL_ADVANCE = { kind: 'advance-payment', percent: 100, detail: 'full advance payment before delivery' };

/** A healthy Belgian company: score 70, accounts of 2024-12-31 (14 months old), advised limit EUR 100,000. */
function report(overrides: Partial<CreditReport> = {}): CreditReport {
  return {
    provider: 'test-provider',
    reportId: 'R-1',
    enterpriseNumber: '0456789133',
    companyName: 'Voorbeeld NV',
    retrievedOn: today,
    score: 70,
    recommendedLimitCents: 100_000_00,
    paymentIndexDaysBeyondTerms: 5,
    group: { parentName: null, parentEnterpriseNumber: null, members: 1 },
    lastAccountsDate: d('2024-12-31'),
    negativeEvents: [],
    ...overrides,
  };
}

function event(kind: NegativeEvent['kind'], on: string): NegativeEvent {
  return { kind, on: d(on), amountCents: null, description: `${kind} reported by the provider` };
}

const noHistory: InternalBehaviour = { averageDaysLate: null, invoicesPaidLast12Months: 0, openOverdueCents: 0, brokenPromises: 0 };

/** EUR 5,000 already exposed plus EUR 20,000 requested: EUR 25,000 after the opportunity. */
function check(overrides: Partial<CreditCheckInput> = {}): CreditCheckInput {
  return {
    customerKind: 'B2B',
    report: report(),
    internal: noHistory,
    requestedExposureCents: 20_000_00,
    currentExposureCents: 5_000_00,
    today,
    ...overrides,
  };
}

const paysLate = (averageDaysLate: number): InternalBehaviour => ({ ...noHistory, averageDaysLate, invoicesPaidLast12Months: 12 });
const rules = (input: CreditCheckInput) => decideCredit(policy, input).reasons.map((reason) => reason.rule);

describe('decideCredit: facts that end the conversation', () => {
  it('refuses a company with a bankruptcy on record, saying when and what', () => {
    const decision = decideCredit(policy, check({ report: report({ negativeEvents: [event('bankruptcy', '2026-02-01')] }) }));
    expect(decision.outcome).toBe('refuse');
    expect(decision.creditLimitCents).toBeNull();
    expect(decision.conditions).toEqual([]);
    expect(decision.reasons).toEqual([{ rule: 'refusing-event', detail: 'bankruptcy on 2026-02-01: bankruptcy reported by the provider' }]);
  });

  it('refuses a company in liquidation however long ago it was recorded', () => {
    const decision = decideCredit(policy, check({ report: report({ negativeEvents: [event('liquidation', '2015-06-30')] }) }));
    expect(decision.outcome).toBe('refuse');
    expect(decision.reasons[0]?.rule).toBe('refusing-event');
  });

  it('refuses a score below 15 and stops there, whatever else is wrong', () => {
    const decision = decideCredit(policy, check({ report: report({ score: 14, lastAccountsDate: null }), internal: paysLate(45) }));
    expect(decision.outcome).toBe('refuse');
    expect(decision.creditLimitCents).toBeNull();
    expect(decision.reasons).toEqual([{ rule: 'score', detail: 'score 14 is below 15' }]);
  });
});

describe('decideCredit: the score bands', () => {
  it('accepts a score of 15 only with full advance payment, granting the exposure as limit', () => {
    const decision = decideCredit(policy, check({ report: report({ score: 15 }) }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.conditions).toEqual([FULL_ADVANCE]);
    expect(decision.creditLimitCents).toBe(25_000_00);
    expect(decision.reasons).toEqual([{ rule: 'score', detail: 'score 15 is below 30: only with full advance payment' }]);
  });

  it('still asks full advance payment at a score of 29', () => {
    expect(decideCredit(policy, check({ report: report({ score: 29 }) })).conditions).toEqual([FULL_ADVANCE]);
  });

  it.each([30, 42, 49])('refers a score of %i in the grey zone, naming the zone', (score) => {
    const decision = decideCredit(policy, check({ report: report({ score }) }));
    expect(decision.outcome).toBe('refer');
    expect(decision.creditLimitCents).toBeNull();
    expect(decision.reasons).toEqual([{ rule: 'score', detail: `score ${score} is in the grey zone (30–49)` }]);
  });

  it('accepts a score of 50 without conditions', () => {
    expect(decideCredit(policy, check({ report: report({ score: 50 }) })).outcome).toBe('accept');
  });
});

describe('decideCredit: negative events that make a person look', () => {
  it.each(policy.referringEvents)('refers a recent %s', (kind) => {
    const decision = decideCredit(policy, check({ report: report({ negativeEvents: [event(kind, '2025-12-01')] }) }));
    expect(decision.outcome).toBe('refer');
    expect(decision.reasons).toEqual([{ rule: 'negative-event', detail: `${kind} on 2025-12-01: ${kind} reported by the provider` }]);
  });

  it('still counts an event exactly 12 months old as recent', () => {
    expect(rules(check({ report: report({ negativeEvents: [event('summons', '2025-03-10')] }) }))).toEqual(['negative-event']);
  });

  it('does not refer for an event older than 12 months', () => {
    const decision = decideCredit(policy, check({ report: report({ negativeEvents: [event('tax-arrears', '2025-03-09'), event('summons', '2023-01-15')] }) }));
    expect(decision.outcome).toBe('accept');
    expect(decision.reasons.map((reason) => reason.rule)).toEqual(['within-policy']);
  });

  it('refers once per recent event, leaving a reason for each', () => {
    const events = [event('summons', '2026-01-05'), event('social-security-arrears', '2025-11-20'), event('protested-bill', '2024-01-01')];
    expect(rules(check({ report: report({ negativeEvents: events }) }))).toEqual(['negative-event', 'negative-event']);
  });

  it('neither refuses nor refers for a late filing on its own', () => {
    expect(decideCredit(policy, check({ report: report({ negativeEvents: [event('late-filing', '2026-01-10')] }) })).outcome).toBe('accept');
  });
});

describe('decideCredit: accounts too old to decide on alone', () => {
  it('refers a company that has filed no annual accounts yet', () => {
    const decision = decideCredit(policy, check({ report: report({ lastAccountsDate: null }) }));
    expect(decision.outcome).toBe('refer');
    expect(decision.reasons).toEqual([{ rule: 'stale-accounts', detail: 'no annual accounts filed yet' }]);
    expect(decision.figures.filingAgeMonths).toBeNull();
  });

  it('refers accounts of 19 months, saying how old they are', () => {
    // 2024-07-31 .. 2026-03-10 is 587 days: 19 months of 30.44 days.
    const decision = decideCredit(policy, check({ report: report({ lastAccountsDate: d('2024-07-31') }) }));
    expect(decision.outcome).toBe('refer');
    expect(decision.reasons).toEqual([{ rule: 'stale-accounts', detail: 'last accounts are 19 months old (more than 18)' }]);
  });

  it('accepts accounts of 18 months', () => {
    // 2024-08-10 .. 2026-03-10 is 577 days: 18.96, counted as 18 whole months.
    const decision = decideCredit(policy, check({ report: report({ lastAccountsDate: d('2024-08-10') }) }));
    expect(decision.figures.filingAgeMonths).toBe(18);
    expect(decision.outcome).toBe('accept');
  });
});

describe("decideCredit: exposure against the provider's advised limit", () => {
  it('asks a guarantee for exactly the excess above the advised limit', () => {
    const decision = decideCredit(policy, check({ report: report({ recommendedLimitCents: 20_000_00 }) }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.conditions).toEqual([{ kind: 'guarantee', amountCents: 5_000_00, detail: 'bank guarantee or parent surety for EUR 5000.00' }]);
    expect(decision.creditLimitCents).toBe(25_000_00);
    expect(decision.reasons).toEqual([
      { rule: 'above-advised-limit', detail: "exposure EUR 25000.00 is EUR 5000.00 above the provider's advised limit EUR 20000.00" },
    ]);
  });

  it('accepts an exposure exactly at the advised limit', () => {
    expect(decideCredit(policy, check({ report: report({ recommendedLimitCents: 25_000_00 }) })).outcome).toBe('accept');
  });

  it('asks no guarantee when the provider advises no limit', () => {
    const decision = decideCredit(policy, check({ report: report({ recommendedLimitCents: null }) }));
    expect(decision.outcome).toBe('accept');
    expect(decision.creditLimitCents).toBe(25_000_00);
  });

  it('asks a guarantee and full advance together for a weak score above the advised limit', () => {
    const decision = decideCredit(policy, check({ report: report({ score: 20, recommendedLimitCents: 10_000_00 }) }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.conditions.map((condition) => [condition.kind, condition.percent ?? condition.amountCents])).toEqual([
      ['advance-payment', 100],
      ['guarantee', 15_000_00],
    ]);
  });
});

describe('decideCredit: a large exposure', () => {
  it('refers an exposure above EUR 250,000 whatever the score', () => {
    const decision = decideCredit(policy, check({ report: report({ score: 95, recommendedLimitCents: 500_000_00 }), requestedExposureCents: 245_000_01 }));
    expect(decision.outcome).toBe('refer');
    expect(decision.reasons).toEqual([{ rule: 'large-exposure', detail: 'exposure EUR 250000.01 is above EUR 250000.00: a person decides' }]);
  });

  it('accepts an exposure of exactly EUR 250,000', () => {
    const decision = decideCredit(policy, check({ report: report({ recommendedLimitCents: 500_000_00 }), requestedExposureCents: 245_000_00 }));
    expect(decision.outcome).toBe('accept');
  });

  it('refers a large consumer order too, proposing full advance payment', () => {
    const decision = decideCredit(policy, check({ customerKind: 'B2C', report: null, requestedExposureCents: 300_000_00 }));
    expect(decision.outcome).toBe('refer');
    expect(decision.conditions).toEqual([FULL_ADVANCE]);
    expect(decision.reasons.map((reason) => reason.rule)).toEqual(['consumer-limit', 'large-exposure']);
  });
});

describe('decideCredit: our own payment experience', () => {
  it('refers a customer that pays us more than 30 days late on average', () => {
    const decision = decideCredit(policy, check({ internal: paysLate(30.1) }));
    expect(decision.outcome).toBe('refer');
    expect(decision.reasons).toEqual([{ rule: 'own-experience', detail: 'pays us on average 30.1 days late (more than 30)' }]);
  });

  it.each([15.1, 16, 30])('offers a cash discount to a customer paying %s days late', (days) => {
    const decision = decideCredit(policy, check({ internal: paysLate(days) }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.creditLimitCents).toBe(25_000_00);
    expect(decision.conditions).toEqual([{ kind: 'cash-discount', percent: 2, days: 10, detail: '2 % discount when paid within 10 days' }]);
    expect(decision.reasons).toEqual([{ rule: 'own-experience', detail: `pays us on average ${days} days late: a cash discount for early payment` }]);
  });

  it('refers a customer with more than EUR 5,000 overdue with us today, whatever its average', () => {
    const decision = decideCredit(policy, check({ internal: { ...noHistory, openOverdueCents: 5_000_01 } }));
    expect(decision.outcome).toBe('refer');
    expect(decision.reasons).toEqual([{ rule: 'own-experience', detail: 'EUR 5000.01 is overdue with us today (more than EUR 5000.00)' }]);
    expect(decideCredit(policy, check({ internal: { ...noHistory, openOverdueCents: 5_000_00 } })).outcome).toBe('accept');
  });

  it('refers a customer that broke two promises to pay', () => {
    expect(rules(check({ internal: { ...noHistory, brokenPromises: 2 } }))).toEqual(['own-experience']);
    expect(decideCredit(policy, check({ internal: { ...noHistory, brokenPromises: 1 } })).outcome).toBe('accept');
  });

  it('accepts a customer paying 15 days late on average without a discount', () => {
    expect(decideCredit(policy, check({ internal: paysLate(15) })).outcome).toBe('accept');
  });

  it('counts our experience with consumers as well', () => {
    expect(decideCredit(policy, check({ customerKind: 'B2C', report: null, requestedExposureCents: 1_000_00, currentExposureCents: 0, internal: paysLate(40) })).outcome).toBe('refer');
  });
});

describe('decideCredit: consumers and companies without a report', () => {
  it('accepts a consumer up to the EUR 5,000 consumer limit', () => {
    const decision = decideCredit(policy, check({ customerKind: 'B2C', report: null, requestedExposureCents: 4_000_00, currentExposureCents: 1_000_00 }));
    expect(decision.outcome).toBe('accept');
    expect(decision.creditLimitCents).toBe(5_000_00);
    expect(decision.reasons).toEqual([{ rule: 'within-policy', detail: 'exposure EUR 5000.00 within limits' }]);
  });

  it('asks full advance payment from a consumer above the consumer limit', () => {
    const decision = decideCredit(policy, check({ customerKind: 'B2C', report: null, requestedExposureCents: 4_000_01, currentExposureCents: 1_000_00 }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.conditions).toEqual([FULL_ADVANCE]);
    expect(decision.creditLimitCents).toBe(5_000_01);
    expect(decision.reasons).toEqual([{ rule: 'consumer-limit', detail: 'exposure EUR 5000.01 is above the consumer limit EUR 5000.00' }]);
  });

  it.each(['B2B', 'B2G'] as const)('asks advance payment from a %s customer the provider does not know', (customerKind) => {
    const decision = decideCredit(policy, check({ customerKind, report: null }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.conditions).toEqual([{ kind: 'advance-payment', percent: 100, detail: 'advance payment until a report or our own experience is available' }]);
    expect(decision.reasons.map((reason) => reason.rule)).toEqual(['unknown-company']);
  });

  it("takes the unknown company's advance share from the policy", () => {
    const decision = decideCredit({ ...policy, unknownCompanyAdvancePercent: 50 }, check({ report: null }));
    expect(decision.conditions[0]?.percent).toBe(50);
  });
});

describe('decideCredit: acceptance and what every decision records', () => {
  it('grants the advised limit when it is higher than the exposure', () => {
    const decision = decideCredit(policy, check());
    expect(decision.outcome).toBe('accept');
    expect(decision.creditLimitCents).toBe(100_000_00);
    expect(decision.conditions).toEqual([]);
    expect(decision.reasons).toEqual([{ rule: 'within-policy', detail: 'score 70, accounts 14 months old, exposure EUR 25000.00 within limits' }]);
  });

  it('fills the figures from the report, our experience and the exposure', () => {
    const decision = decideCredit(policy, check({ internal: paysLate(3.2) }));
    expect(decision.figures).toEqual({
      score: 70,
      filingAgeMonths: 14,
      paymentIndexDaysBeyondTerms: 5,
      averageDaysLate: 3.2,
      exposureAfterCents: 25_000_00,
      recommendedLimitCents: 100_000_00,
    });
  });

  it('leaves the report figures empty without a report', () => {
    expect(decideCredit(policy, check({ report: null })).figures).toEqual({
      score: null,
      filingAgeMonths: null,
      paymentIndexDaysBeyondTerms: null,
      averageDaysLate: null,
      exposureAfterCents: 25_000_00,
      recommendedLimitCents: null,
    });
  });

  it('records the id and version of the policy that decided', () => {
    expect(decideCredit(policy, check()).policy).toEqual({ id: 'acceptance', version: 1 });
    expect(decideCredit({ ...policy, version: 2 }, check()).policy).toEqual({ id: 'acceptance', version: 2 });
  });

  it('carries the proposed conditions on a referral, without a limit', () => {
    const decision = decideCredit(policy, check({ report: report({ score: 40, recommendedLimitCents: 20_000_00 }), internal: paysLate(20) }));
    expect(decision.outcome).toBe('refer');
    expect(decision.creditLimitCents).toBeNull();
    expect(decision.conditions.map((condition) => condition.kind)).toEqual(['guarantee', 'cash-discount']);
    expect(decision.reasons.map((reason) => reason.rule)).toEqual(['score', 'above-advised-limit', 'own-experience']);
  });

  it('leaves a reason for every rule that fires, in the order the rules are checked', () => {
    const input = check({
      report: report({ score: 35, lastAccountsDate: null, recommendedLimitCents: 1_000_00, negativeEvents: [event('summons', '2026-01-10')] }),
      requestedExposureCents: 300_000_00,
      internal: paysLate(31),
    });
    expect(rules(input)).toEqual(['score', 'negative-event', 'stale-accounts', 'above-advised-limit', 'large-exposure', 'own-experience']);
  });
});

describe('choosing the acceptance policy', () => {
  const v2: AcceptancePolicy = { ...policy, version: 2, validFrom: d('2026-07-01'), referBelowScore: 55 };

  it('has no policy in force before 1 January 2026', () => {
    expect(() => acceptancePolicyOn(d('2025-12-31'))).toThrow('No acceptance policy is in force on 2025-12-31');
  });

  it('applies version 1 from 1 January 2026', () => {
    expect(acceptancePolicyOn(d('2026-01-01'))).toBe(ACCEPTANCE_POLICY_V1);
  });

  it('picks the newest version in force on the day, whatever the order of the list', () => {
    expect(acceptancePolicyOn(d('2026-06-30'), [v2, policy]).version).toBe(1);
    expect(acceptancePolicyOn(d('2026-07-01'), [v2, policy]).version).toBe(2);
    expect(acceptancePolicyOn(d('2027-01-01'), [policy, v2]).version).toBe(2);
  });

  it('finds a published version by number and names the published ones when asked for another', () => {
    expect(findAcceptancePolicy(1)).toBe(ACCEPTANCE_POLICY_V1);
    expect(findAcceptancePolicy(2, [policy, v2])).toBe(v2);
    expect(() => findAcceptancePolicy(9, [policy, v2])).toThrow('No acceptance policy v9; published: v1, v2');
  });
});

describe("checking a person's decision on a referral", () => {
  const good: ReferralDecision = { outcome: 'accept', actor: 'credit.manager', reason: 'new management, strong order book', feeling: 'sales knows them well' };
  const advance = (percent?: number): CreditCondition => ({ kind: 'advance-payment', ...(percent === undefined ? {} : { percent }), detail: 'advance' });
  const guarantee = (amountCents?: number): CreditCondition => ({ kind: 'guarantee', ...(amountCents === undefined ? {} : { amountCents }), detail: 'bank guarantee' });

  function rejectedField(decision: ReferralDecision): string | undefined {
    try {
      checkReferralDecision(decision);
    } catch (error) {
      if (error instanceof CreditCommandRejected) {
        expect(error.message).toBe(`${error.field}: ${error.reason}`);
        return error.field;
      }
      throw error;
    }
    return undefined;
  }

  it.each<[string, ReferralDecision]>([
    ['an acceptance with a limit', { ...good, creditLimitCents: 40_000_00 }],
    ['an acceptance leaving the limit to the proposal', good],
    ['an acceptance with a limit of 0', { ...good, creditLimitCents: 0 }],
    ['a refusal', { ...good, outcome: 'refuse' }],
    ['conditions with an advance and a guarantee', { ...good, outcome: 'conditions', conditions: [advance(50), guarantee(10_000_00)], creditLimitCents: 30_000_00 }],
    ['a cash discount without a percentage', { ...good, outcome: 'conditions', conditions: [{ kind: 'cash-discount', detail: 'discount' }] }],
    ['credit insurance', { ...good, outcome: 'conditions', conditions: [{ kind: 'credit-insurance', detail: 'insured' }] }],
  ])('accepts %s', (_name, decision) => {
    expect(() => checkReferralDecision(decision)).not.toThrow();
  });

  it.each<[string, string, ReferralDecision]>([
    ['actor', 'no actor', { ...good, actor: '' }],
    ['actor', 'a blank actor', { ...good, actor: '   ' }],
    ['reason', 'no reason', { ...good, reason: '' }],
    ['feeling', 'a blank feeling', { ...good, feeling: ' \n ' }],
    ['outcome', 'another referral', { ...good, outcome: 'refer' as never }],
    ['conditions', 'conditions without any condition', { ...good, outcome: 'conditions' }],
    ['conditions', 'conditions with an empty list', { ...good, outcome: 'conditions', conditions: [] }],
    ['conditions', 'an acceptance with conditions', { ...good, conditions: [advance(50)] }],
    ['conditions[0].kind', 'an unknown kind of condition', { ...good, outcome: 'conditions', conditions: [{ kind: 'mortgage' as never, detail: 'house' }] }],
    ['conditions[0].percent', 'a percentage of 0', { ...good, outcome: 'conditions', conditions: [advance(0)] }],
    ['conditions[0].percent', 'a percentage above 100', { ...good, outcome: 'conditions', conditions: [advance(101)] }],
    ['conditions[0].percent', 'a fractional percentage', { ...good, outcome: 'conditions', conditions: [advance(2.5)] }],
    ['conditions[0].percent', 'an advance payment without a share', { ...good, outcome: 'conditions', conditions: [advance()] }],
    ['conditions[1].amountCents', 'a guarantee without an amount', { ...good, outcome: 'conditions', conditions: [advance(30), guarantee()] }],
    ['conditions[1].amountCents', 'a guarantee of 0', { ...good, outcome: 'conditions', conditions: [advance(30), guarantee(0)] }],
    ['conditions[1].amountCents', 'a guarantee in fractions of a cent', { ...good, outcome: 'conditions', conditions: [advance(30), guarantee(100.5)] }],
    ['creditLimitCents', 'a refusal with a limit', { ...good, outcome: 'refuse', creditLimitCents: 0 }],
    ['creditLimitCents', 'a negative limit', { ...good, creditLimitCents: -1 }],
    ['creditLimitCents', 'a limit in fractions of a cent', { ...good, creditLimitCents: 10.5 }],
  ])('rejects on %s: %s', (field, _name, decision) => {
    expect(rejectedField(decision)).toBe(field);
  });

  it('rejects a cash discount with a negative or fractional number of days', () => {
    const cashDiscount = (days: number): ReferralDecision => ({ ...good, outcome: 'conditions', conditions: [{ kind: 'cash-discount', percent: 2, days, detail: 'discount' }] });
    expect(rejectedField(cashDiscount(-5))).toBe('conditions[0].days');
    expect(rejectedField(cashDiscount(2.5))).toBe('conditions[0].days');
  });
});

describe('merging conditions', () => {
  it('keeps the highest advance payment of several', () => {
    expect(mergeConditions([advanceOf(50), advanceOf(100), advanceOf(30)])).toEqual([advanceOf(100)]);
  });

  it('keeps the largest guarantee of several', () => {
    const small = { kind: 'guarantee', amountCents: 1_000_00, detail: 'small' } as const;
    const large = { kind: 'guarantee', amountCents: 9_000_00, detail: 'large' } as const;
    expect(mergeConditions([small, large])).toEqual([large]);
    expect(mergeConditions([large, small])).toEqual([large]);
  });

  it('keeps one condition of each kind, in the order the kinds first appear', () => {
    const insurance = { kind: 'credit-insurance', detail: 'insured' } as const;
    expect(mergeConditions([insurance, advanceOf(30), advanceOf(60)]).map((condition) => condition.kind)).toEqual(['credit-insurance', 'advance-payment']);
  });

  it('keeps the first of two equally strong conditions', () => {
    const first = { ...advanceOf(50), detail: 'first' };
    expect(mergeConditions([first, { ...advanceOf(50), detail: 'second' }])).toEqual([first]);
  });

  it('merges nothing into nothing', () => {
    expect(mergeConditions([])).toEqual([]);
  });

  function advanceOf(percent: number): CreditCondition {
    return { kind: 'advance-payment', percent, detail: `${percent} % in advance` };
  }
});

describe('decideCredit: the payment term', () => {
  it('grants the term asked for when the score allows it', () => {
    expect(decideCredit(policy, check({ requestedPaymentTermDays: 60 })).outcome).toBe('accept');
  });

  it('shortens a term the score does not allow, as a condition', () => {
    const decision = decideCredit(policy, check({ report: report({ score: 55 }), requestedPaymentTermDays: 45 }));
    expect(decision.outcome).toBe('conditions');
    expect(decision.conditions).toEqual([{ kind: 'payment-term', days: 30, detail: 'payment within 30 days at most' }]);
    expect(decision.reasons).toEqual([{ rule: 'payment-term', detail: '45 days asked; at score 55 the longest term granted is 30 days' }]);
  });

  it('grants at most 30 days without a score, and asks nothing when no term is requested', () => {
    const consumer = decideCredit(policy, check({ customerKind: 'B2C', report: null, requestedExposureCents: 1_000_00, currentExposureCents: 0, requestedPaymentTermDays: 45 }));
    expect(consumer.conditions).toEqual([{ kind: 'payment-term', days: 30, detail: 'payment within 30 days at most' }]);
    expect(decideCredit(policy, check({ report: report({ score: 55 }) })).outcome).toBe('accept');
  });

  it('keeps the shorter of two payment terms when merging', () => {
    const term = (days: number) => ({ kind: 'payment-term' as const, days, detail: `${days} days` });
    expect(mergeConditions([term(30), term(15), term(60)])).toEqual([term(15)]);
  });
});
