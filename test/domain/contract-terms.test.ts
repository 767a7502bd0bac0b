import { calendarDate as d } from '../../domain/calendar';
import type { CreditCondition, CreditDecision } from '../../domain/credit/acceptance-policy';
import { ContractRejected, contractTerms, PAYMENT_TERM_LIMITS, paymentTermLimitsOn, type ContractRequest } from '../../domain/sales/contract-terms';

type Decision = Pick<CreditDecision, 'outcome' | 'conditions' | 'reasons'>;

const startsOn = d('2026-04-01');
const LAW = 'Law of 2 August 2002';
const accepted: Decision = { outcome: 'accept', conditions: [], reasons: [{ rule: 'within-policy', detail: 'score 70' }] };
const withConditions = (...conditions: CreditCondition[]): Decision => ({ outcome: 'conditions', conditions, reasons: [] });
const request = (overrides: Partial<ContractRequest> = {}): ContractRequest => ({ startsOn, ...overrides });

/** The field and reason a contract is refused with; fails the test when it is not refused. */
function refusal(run: () => unknown): { field: string; reason: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractRejected) {
      expect(error.message).toBe(`${error.field}: ${error.reason}`);
      return { field: error.field, reason: error.reason };
    }
    throw error;
  }
  throw new Error('expected the contract to be refused');
}

describe('payment terms against the Law of 2 August 2002', () => {
  it('applies the 30-day default when the contract names no term', () => {
    expect(contractTerms('B2B', request(), accepted)).toEqual({
      paymentTermDays: 30,
      invoicing: 'on-delivery',
      advancePaymentPercent: 0,
      guarantee: null,
      cashDiscount: null,
      creditInsuranceRequired: false,
      clauses: [],
      startsOn,
      endsOn: null,
    });
  });

  it('accepts a B2B term of 60 days', () => {
    expect(contractTerms('B2B', request({ paymentTermDays: 60 }), accepted).paymentTermDays).toBe(60);
  });

  it.each([61, 90])('refuses a B2B term of %i days naming the 60-day maximum and the law', (days) => {
    const { field, reason } = refusal(() => contractTerms('B2B', request({ paymentTermDays: days }), accepted));
    expect(field).toBe('paymentTermDays');
    expect(reason).toContain(`${days} days is longer than the 60-day maximum for B2B contracts`);
    expect(reason).toContain(LAW);
    expect(reason).toContain('falls back to 30 days');
  });

  it.each([-1, 30.5, Number.NaN])('refuses a term of %p days', (days) => {
    expect(refusal(() => contractTerms('B2B', request({ paymentTermDays: days }), accepted)).field).toBe('paymentTermDays');
  });

  it('accepts a public buyer paying in 30 days', () => {
    expect(contractTerms('B2G', request({ paymentTermDays: 30 }), accepted).paymentTermDays).toBe(30);
  });

  it('refuses a public buyer term of 45 days without a justification in the contract', () => {
    const { field, reason } = refusal(() => contractTerms('B2G', request({ paymentTermDays: 45 }), accepted));
    expect(field).toBe('termJustification');
    expect(reason).toContain('a public buyer pays within 30 days; 45 days needs the justification written in the contract');
    expect(reason).toContain(LAW);
    expect(refusal(() => contractTerms('B2G', request({ paymentTermDays: 45, termJustification: '   ' }), accepted)).field).toBe('termJustification');
  });

  it('accepts a public buyer term of 45 days with a justification, and keeps it', () => {
    const terms = contractTerms('B2G', request({ paymentTermDays: 45, termJustification: 'goods inspected on receipt for 30 days' }), accepted);
    expect(terms.paymentTermDays).toBe(45);
    expect(terms.termJustification).toBe('goods inspected on receipt for 30 days');
  });

  it('refuses a public buyer term of 61 days even with a justification', () => {
    const { field, reason } = refusal(() => contractTerms('B2G', request({ paymentTermDays: 61, termJustification: 'complex acceptance' }), accepted));
    expect(field).toBe('paymentTermDays');
    expect(reason).toContain('61 days is longer than the 60 days a public buyer may ever agree');
  });

  it('accepts a consumer term of 90 days: the law sets no maximum in B2C', () => {
    expect(contractTerms('B2C', request({ paymentTermDays: 90 }), accepted).paymentTermDays).toBe(90);
  });

  it('refuses an end before the start', () => {
    const { field, reason } = refusal(() => contractTerms('B2B', request({ endsOn: d('2026-03-31') }), accepted));
    expect(field).toBe('endsOn');
    expect(reason).toBe('2026-03-31 is before the start 2026-04-01');
    expect(contractTerms('B2B', request({ endsOn: startsOn }), accepted).endsOn).toBe(startsOn);
  });

  it('refuses an advance payment share outside 0 to 100', () => {
    expect(refusal(() => contractTerms('B2B', request({ advancePaymentPercent: 101 }), accepted)).field).toBe('advancePaymentPercent');
  });
});

describe('the payment-term limits in force', () => {
  it('holds the limits in force since 1 February 2022', () => {
    expect(paymentTermLimitsOn(d('2022-02-01'))).toBe(PAYMENT_TERM_LIMITS[0]);
    expect(paymentTermLimitsOn(d('2026-04-01'))).toMatchObject({ defaultDays: 30, b2bMaxDays: 60, publicBuyerDays: 30, publicBuyerJustifiedMaxDays: 60 });
  });

  it('refuses a day before 1 February 2022, telling where to add a row', () => {
    expect(() => paymentTermLimitsOn(d('2022-01-31'))).toThrow('No payment-term limits recorded for 2022-01-31; add a row to PAYMENT_TERM_LIMITS');
  });

  it('refuses a contract starting before the first recorded limits, naming startsOn', () => {
    expect(refusal(() => contractTerms('B2B', request({ startsOn: d('2021-06-01') }), accepted)).field).toBe('startsOn');
  });
});

describe('the credit decision behind the contract', () => {
  it('refuses a contract on a refused opportunity, naming opportunityId and the reasons', () => {
    const refused: Decision = { outcome: 'refuse', conditions: [], reasons: [{ rule: 'score', detail: 'score 10 is below 15' }] };
    expect(refusal(() => contractTerms('B2B', request(), refused))).toEqual({
      field: 'opportunityId',
      reason: 'the credit check refused this opportunity (score 10 is below 15)',
    });
  });

  it('refuses a contract while the credit check is with credit staff', () => {
    const referred: Decision = { outcome: 'refer', conditions: [{ kind: 'advance-payment', percent: 100, detail: 'full advance' }], reasons: [] };
    const { field, reason } = refusal(() => contractTerms('B2B', request(), referred));
    expect(field).toBe('opportunityId');
    expect(reason).toContain('still with credit staff');
  });
});

describe("carrying the credit decision's conditions into the contract", () => {
  const advance = (percent: number): CreditCondition => ({ kind: 'advance-payment', percent, detail: `${percent} % advance payment` });
  const guarantee: CreditCondition = { kind: 'guarantee', amountCents: 5_000_00, detail: 'bank guarantee or parent surety for EUR 5000.00' };

  it('raises the advance payment to the share the decision asks', () => {
    expect(contractTerms('B2B', request(), withConditions(advance(50))).advancePaymentPercent).toBe(50);
    expect(contractTerms('B2B', request({ advancePaymentPercent: 50 }), withConditions(advance(50))).advancePaymentPercent).toBe(50);
    expect(contractTerms('B2B', request({ advancePaymentPercent: 80 }), withConditions(advance(50))).advancePaymentPercent).toBe(80);
  });

  it('refuses a lower advance payment than the decision asks, naming advancePaymentPercent', () => {
    expect(refusal(() => contractTerms('B2B', request({ advancePaymentPercent: 30 }), withConditions(advance(50))))).toEqual({
      field: 'advancePaymentPercent',
      reason: 'the credit decision requires 50 % advance payment (at least 50 %)',
    });
  });

  it('invoices upfront when the decision asks it, and refuses invoicing on delivery', () => {
    const upfront: CreditCondition = { kind: 'invoice-upfront', detail: 'invoicing upfront' };
    expect(contractTerms('B2B', request(), withConditions(upfront)).invoicing).toBe('upfront');
    expect(contractTerms('B2B', request({ invoicing: 'upfront' }), withConditions(upfront)).invoicing).toBe('upfront');
    expect(refusal(() => contractTerms('B2B', request({ invoicing: 'on-delivery' }), withConditions(upfront)))).toEqual({
      field: 'invoicing',
      reason: 'the credit decision requires invoicing upfront: invoice upfront',
    });
  });

  it("takes the guarantee from the decision when the request names none", () => {
    expect(contractTerms('B2B', request(), withConditions(guarantee)).guarantee).toEqual({ amountCents: 5_000_00, detail: 'bank guarantee or parent surety for EUR 5000.00' });
  });

  it('keeps a requested guarantee at least as large as the decision asks', () => {
    const parent = { amountCents: 6_000_00, detail: 'surety of the parent company' };
    expect(contractTerms('B2B', request({ guarantee: parent }), withConditions(guarantee)).guarantee).toEqual(parent);
  });

  it('refuses a smaller guarantee than the decision asks, naming guarantee.amountCents', () => {
    const { field, reason } = refusal(() => contractTerms('B2B', request({ guarantee: { amountCents: 4_999_99, detail: 'bank' } }), withConditions(guarantee)));
    expect(field).toBe('guarantee.amountCents');
    expect(reason).toBe('the credit decision requires bank guarantee or parent surety for EUR 5000.00 (at least 500000 cents)');
  });

  it("carries the decision's cash discount, or the one the request names", () => {
    const discount: CreditCondition = { kind: 'cash-discount', percent: 2, days: 10, detail: '2 % discount when paid within 10 days' };
    expect(contractTerms('B2B', request(), withConditions(discount)).cashDiscount).toEqual({ percent: 2, days: 10 });
    expect(contractTerms('B2B', request(), withConditions({ kind: 'cash-discount', detail: 'a discount' })).cashDiscount).toEqual({ percent: 2, days: 10 });
    expect(contractTerms('B2B', request({ cashDiscount: { percent: 3, days: 8 } }), withConditions(discount)).cashDiscount).toEqual({ percent: 3, days: 8 });
  });

  it('requires credit insurance when the decision asks it, and refuses a contract that waives it', () => {
    const insurance: CreditCondition = { kind: 'credit-insurance', detail: 'credit-insurance cover' };
    expect(contractTerms('B2B', request(), withConditions(insurance)).creditInsuranceRequired).toBe(true);
    expect(refusal(() => contractTerms('B2B', request({ creditInsuranceRequired: false }), withConditions(insurance))).field).toBe('creditInsuranceRequired');
  });

  it('carries several conditions at once', () => {
    const terms = contractTerms('B2B', request({ paymentTermDays: 45, clauses: ['retention of title'] }), withConditions(advance(30), guarantee, { kind: 'credit-insurance', detail: 'cover' }));
    expect(terms).toMatchObject({ paymentTermDays: 45, advancePaymentPercent: 30, guarantee: { amountCents: 5_000_00 }, creditInsuranceRequired: true, clauses: ['retention of title'] });
  });
});

describe('the payment term the credit decision grants', () => {
  const shortened = withConditions({ kind: 'payment-term', days: 30, detail: 'payment within 30 days at most' });

  it('refuses a longer term than the decision grants, naming paymentTermDays and the granted days', () => {
    expect(refusal(() => contractTerms('B2B', request({ paymentTermDays: 45 }), shortened))).toEqual({
      field: 'paymentTermDays',
      reason: '45 days is longer than the 30 days the credit decision grants this customer',
    });
  });

  it('takes the granted term, or a shorter one, and shortens the default to it', () => {
    expect(contractTerms('B2B', request({ paymentTermDays: 30 }), shortened).paymentTermDays).toBe(30);
    expect(contractTerms('B2B', request({ paymentTermDays: 14 }), shortened).paymentTermDays).toBe(14);
    const fifteen = withConditions({ kind: 'payment-term', days: 15, detail: 'payment within 15 days at most' });
    expect(contractTerms('B2B', request(), fifteen).paymentTermDays).toBe(15);
  });
});
