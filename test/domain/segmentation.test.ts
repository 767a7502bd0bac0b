import {
  DEFAULT_SEGMENTATION_RULES,
  InvalidSegmentationRules,
  loadSegmentationRules,
  rankPortfolio,
  segmentCustomer,
  SegmentationInputRejected,
  type CustomerFacts,
} from '../../domain/segmentation';

const customer = (facts: Partial<CustomerFacts> = {}): CustomerFacts => ({
  customerId: 'C1',
  kind: 'B2B',
  revenue12mCents: 1_000_000,
  riskClass: 'low',
  ...facts,
});

const validRules = {
  id: 'default',
  version: 1,
  topRankLimits: { 'top-400': 400, 'top-2500': 2500 },
  riskClasses: ['high', 'very-high'],
  topTrackKinds: ['B2B', 'B2G'],
};

describe('customer segmentation by rank', () => {
  it('puts rank 312 on the Top 400 track and says why', () => {
    expect(segmentCustomer(customer({ revenueRank: 312 }))).toEqual({
      segment: 'top-400',
      rule: 'rank',
      rulesId: 'default',
      rulesVersion: 1,
      explanation: 'Top 400: rank 312 by 12-month revenue',
    });
  });

  it('keeps rank 400 on Top 400 and moves rank 401 to Top 2,500', () => {
    expect(segmentCustomer(customer({ revenueRank: 400 })).segment).toBe('top-400');
    expect(segmentCustomer(customer({ revenueRank: 401 }))).toMatchObject({
      segment: 'top-2500',
      rule: 'rank',
      explanation: 'Top 2,500: rank 401 by 12-month revenue',
    });
  });

  it('keeps rank 2,500 on Top 2,500 and moves rank 2,501 to other customers, saying it is outside the top 2,500', () => {
    expect(segmentCustomer(customer({ revenueRank: 2500 })).explanation).toBe('Top 2,500: rank 2,500 by 12-month revenue');
    expect(segmentCustomer(customer({ revenueRank: 2501 }))).toMatchObject({
      segment: 'other',
      rule: 'default',
      explanation: 'Other customers: rank 2,501 by 12-month revenue (outside the top 2,500)',
    });
  });

  it('puts rank 3,104 on other customers with the rank written for people', () => {
    expect(segmentCustomer(customer({ revenueRank: 3104 })).explanation).toBe(
      'Other customers: rank 3,104 by 12-month revenue (outside the top 2,500)',
    );
  });

  it('puts a new customer without a revenue rank on other customers', () => {
    expect(segmentCustomer(customer({ revenueRank: undefined }))).toMatchObject({
      segment: 'other',
      rule: 'default',
      explanation: 'Other customers: no revenue rank yet',
    });
  });

  it('ranks a government customer (B2G) like a business', () => {
    expect(segmentCustomer(customer({ kind: 'B2G', revenueRank: 12 }))).toMatchObject({ segment: 'top-400', rule: 'rank' });
    expect(segmentCustomer(customer({ kind: 'B2G', revenueRank: 1800 })).segment).toBe('top-2500');
  });

  it('records the id and version of the rules that decided, and uses their limits', () => {
    const tight = loadSegmentationRules({ ...validRules, id: 'tight', version: 3, topRankLimits: { 'top-400': 100, 'top-2500': 1000 } });
    expect(segmentCustomer(customer({ revenueRank: 150 }), tight)).toMatchObject({ segment: 'top-2500', rulesId: 'tight', rulesVersion: 3 });
    expect(segmentCustomer(customer({ revenueRank: 1001 }), tight).explanation).toBe(
      'Other customers: rank 1,001 by 12-month revenue (outside the top 1,000)',
    );
  });
});

describe('customer segmentation by risk class', () => {
  it('puts a high-risk customer on the risk track even when it is the largest customer', () => {
    expect(segmentCustomer(customer({ revenueRank: 1, riskClass: 'high' }))).toEqual({
      segment: 'risk',
      rule: 'risk-class',
      rulesId: 'default',
      rulesVersion: 1,
      explanation: 'Risk customers: risk class high',
    });
  });

  it('puts a very-high-risk customer without a rank on the risk track', () => {
    expect(segmentCustomer(customer({ riskClass: 'very-high' })).explanation).toBe('Risk customers: risk class very high');
  });

  it('leaves a medium-risk customer on its revenue track under the default rules', () => {
    expect(segmentCustomer(customer({ revenueRank: 5, riskClass: 'medium' })).segment).toBe('top-400');
  });

  it('follows the risk list of the rules', () => {
    const cautious = loadSegmentationRules({ ...validRules, id: 'cautious', riskClasses: ['medium', 'high', 'very-high'] });
    expect(segmentCustomer(customer({ revenueRank: 5, riskClass: 'medium' }), cautious).segment).toBe('risk');
  });
});

describe('manual override', () => {
  const override = { segment: 'top-400' as const, reason: 'strategic reference customer', actor: 'anna' };

  it('wins over rank and says who decided and why', () => {
    expect(segmentCustomer(customer({ revenueRank: 9000, override }))).toEqual({
      segment: 'top-400',
      rule: 'override',
      rulesId: 'default',
      rulesVersion: 1,
      explanation: 'Manual override by anna: strategic reference customer',
    });
  });

  it('wins over a risk class', () => {
    const decision = segmentCustomer(customer({ riskClass: 'very-high', revenueRank: 3, override: { ...override, segment: 'top-2500' } }));
    expect(decision).toMatchObject({ segment: 'top-2500', rule: 'override' });
  });

  it('can move a top customer to the risk track', () => {
    const decision = segmentCustomer(customer({ revenueRank: 1, override: { segment: 'risk', reason: 'disputes every invoice', actor: 'jan' } }));
    expect(decision).toMatchObject({ segment: 'risk', rule: 'override', explanation: 'Manual override by jan: disputes every invoice' });
  });

  it('is rejected without a reason, naming the field', () => {
    expect(() => segmentCustomer(customer({ override: { ...override, reason: '' } }))).toThrow(SegmentationInputRejected);
    expect(() => segmentCustomer(customer({ override: { ...override, reason: '   ' } }))).toThrow(/^override\.reason: a manual override needs a reason \(customer C1\)$/);
  });

  it('is rejected without the name of who made it', () => {
    expect(() => segmentCustomer(customer({ override: { ...override, actor: '' } }))).toThrow(/^override\.actor: /);
  });

  it('is rejected for a segment that does not exist', () => {
    const bogus = { ...override, segment: 'vip' } as unknown as CustomerFacts['override'];
    expect(() => segmentCustomer(customer({ override: bogus }))).toThrow(/^override\.segment: vip is not one of top-400, top-2500, other, risk/);
  });
});

describe('consumers (B2C)', () => {
  it('never puts a consumer on a top track by rank, and says so', () => {
    expect(segmentCustomer(customer({ kind: 'B2C', revenueRank: 12 }))).toMatchObject({
      segment: 'other',
      rule: 'default',
      explanation: 'Other customers: B2C customers are never on a top track',
    });
  });

  it('puts a risky consumer on the risk track', () => {
    expect(segmentCustomer(customer({ kind: 'B2C', riskClass: 'high' })).segment).toBe('risk');
  });

  it('rejects an override that would put a consumer on a top track, but allows the risk track', () => {
    const toTop = { segment: 'top-400' as const, reason: 'big spender', actor: 'anna' };
    expect(() => segmentCustomer(customer({ kind: 'B2C', override: toTop }))).toThrow(
      /^override\.segment: B2C customers are never on Top 400 under default v1/,
    );
    const toRisk = { segment: 'risk' as const, reason: 'known fraud pattern', actor: 'anna' };
    expect(segmentCustomer(customer({ kind: 'B2C', override: toRisk })).segment).toBe('risk');
  });

  it('ranks consumers onto top tracks when the rules allow it', () => {
    const allKinds = loadSegmentationRules({ ...validRules, id: 'all-kinds', topTrackKinds: ['B2B', 'B2G', 'B2C'] });
    expect(segmentCustomer(customer({ kind: 'B2C', revenueRank: 12 }), allKinds).segment).toBe('top-400');
  });
});

describe('customer facts', () => {
  it('rejects a rank that is not a whole number from 1', () => {
    expect(() => segmentCustomer(customer({ revenueRank: 0 }))).toThrow(/^revenueRank: must be a whole number from 1, got 0/);
    expect(() => segmentCustomer(customer({ revenueRank: 2.5 }))).toThrow(/^revenueRank: /);
  });

  it('rejects revenue that is not whole cents and an unknown risk class', () => {
    expect(() => segmentCustomer(customer({ revenue12mCents: 10.5 }))).toThrow(/^revenue12mCents: /);
    const unknownClass = customer({ riskClass: 'severe' as unknown as CustomerFacts['riskClass'] });
    expect(() => segmentCustomer(unknownClass)).toThrow(/^riskClass: severe is not one of low, medium, high, very-high/);
  });
});

describe('segmentation rules', () => {
  it('ships default rules with the limits of the talk', () => {
    expect(DEFAULT_SEGMENTATION_RULES).toEqual(validRules);
  });

  it('rejects limits that do not ascend, naming the rules and the field', () => {
    const load = () => loadSegmentationRules({ ...validRules, topRankLimits: { 'top-400': 2500, 'top-2500': 400 } });
    expect(load).toThrow(InvalidSegmentationRules);
    expect(load).toThrow("segmentation rules default v1: topRankLimits: must ascend: 'top-400' is 2500 but 'top-2500' is 400");
    expect(() => loadSegmentationRules({ ...validRules, topRankLimits: { 'top-400': 400, 'top-2500': 400 } })).toThrow(/must ascend/);
  });

  it('rejects a limit that is not a positive whole number', () => {
    expect(() => loadSegmentationRules({ ...validRules, topRankLimits: { 'top-400': 0, 'top-2500': 2500 } })).toThrow(
      /^segmentation rules default v1: topRankLimits\.top-400: must be a positive whole number, got 0$/,
    );
    expect(() => loadSegmentationRules({ ...validRules, topRankLimits: { 'top-400': 400 } })).toThrow(/topRankLimits\.top-2500: .*got undefined/);
  });

  it('rejects an unknown risk class or kind, and one listed twice', () => {
    expect(() => loadSegmentationRules({ ...validRules, riskClasses: ['high', 'severe'] })).toThrow(
      /^segmentation rules default v1: riskClasses\[1\]: "severe" is not one of low, medium, high, very-high$/,
    );
    expect(() => loadSegmentationRules({ ...validRules, riskClasses: ['high', 'high'] })).toThrow(/riskClasses\[1\]: high is listed twice/);
    expect(() => loadSegmentationRules({ ...validRules, topTrackKinds: ['B2B', 'SOHO'] })).toThrow(/topTrackKinds\[1\]: "SOHO"/);
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    expect(() => loadSegmentationRules({ ...validRules, riskClass: ['high'] })).toThrow(/^segmentation rules default v1: riskClass: unknown field/);
  });

  it('rejects rules without an id or with a version below 1', () => {
    expect(() => loadSegmentationRules({ ...validRules, id: '' })).toThrow(/^segmentation rules \(no id\) v1: id: must be a non-empty text$/);
    expect(() => loadSegmentationRules({ ...validRules, version: 0 })).toThrow(/^segmentation rules default: version: .*got 0$/);
    expect(() => loadSegmentationRules('default')).toThrow(/\(rules\): must be an object/);
  });

  it('returns a copy, so later changes to the loaded data do not change the rules', () => {
    const data = { ...validRules, riskClasses: ['high'] };
    const rules = loadSegmentationRules(data);
    data.riskClasses.push('medium');
    expect(rules.riskClasses).toEqual(['high']);
  });
});

describe('ranking a portfolio', () => {
  it('ranks by 12-month revenue, largest first', () => {
    const ranks = rankPortfolio([
      { customerId: 'A', revenue12mCents: 500 },
      { customerId: 'B', revenue12mCents: 9_000 },
      { customerId: 'C', revenue12mCents: 1_200 },
    ]);
    expect([...ranks]).toEqual([['B', 1], ['C', 2], ['A', 3]]);
  });

  it('gives tied customers consecutive ranks by customer id, whatever the input order', () => {
    const tied = [
      { customerId: 'C-20', revenue12mCents: 700 },
      { customerId: 'C-03', revenue12mCents: 700 },
      { customerId: 'C-10', revenue12mCents: 900 },
      { customerId: 'C-11', revenue12mCents: 700 },
    ];
    const expected = [['C-10', 1], ['C-03', 2], ['C-11', 3], ['C-20', 4]];
    expect([...rankPortfolio(tied)]).toEqual(expected);
    expect([...rankPortfolio([...tied].reverse())]).toEqual(expected);
  });

  it('gives no rank to customers without positive revenue', () => {
    const ranks = rankPortfolio([
      { customerId: 'A', revenue12mCents: 100 },
      { customerId: 'NEW', revenue12mCents: 0 },
      { customerId: 'CREDITED', revenue12mCents: -5_000 },
    ]);
    expect(ranks.get('A')).toBe(1);
    expect(ranks.has('NEW')).toBe(false);
    expect(ranks.has('CREDITED')).toBe(false);
  });

  it('rejects a customer listed twice and revenue that is not whole cents', () => {
    const twice = [{ customerId: 'A', revenue12mCents: 1 }, { customerId: 'A', revenue12mCents: 2 }];
    expect(() => rankPortfolio(twice)).toThrow(/^customerId: A is listed twice/);
    expect(() => rankPortfolio([{ customerId: 'A', revenue12mCents: 1.5 }])).toThrow(/^revenue12mCents: .*customer A/);
  });

  it('feeds segmentation: the ranks decide the tracks', () => {
    const small = loadSegmentationRules({ ...validRules, id: 'small', topRankLimits: { 'top-400': 1, 'top-2500': 2 } });
    const portfolio = [
      { customerId: 'A', revenue12mCents: 300 },
      { customerId: 'B', revenue12mCents: 200 },
      { customerId: 'C', revenue12mCents: 100 },
      { customerId: 'D', revenue12mCents: 0 },
    ];
    const ranks = rankPortfolio(portfolio);
    const segments = portfolio.map(({ customerId, revenue12mCents }) =>
      segmentCustomer(customer({ customerId, revenue12mCents, revenueRank: ranks.get(customerId) }), small).segment,
    );
    expect(segments).toEqual(['top-400', 'top-2500', 'other', 'other']);
  });
});
