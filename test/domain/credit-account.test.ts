import { calendarDate as d } from '../../domain/calendar';
import {
  addMonths,
  reviewFailed,
  applyCreditDecision,
  applyInsurerLimit,
  applyReview,
  deliveryClearance,
  newAccount,
  reviewIntervalMonths,
  reviewTaskDeadline,
  totalExposure,
  type CreditAccountState,
  type InsurerLimitChange,
  type ReviewFindings,
} from '../../domain/credit/account';
import type { CreditCondition } from '../../domain/credit/acceptance-policy';

const opened = d('2026-01-15');

/** A B2B account opened on 2026-01-15: no limit, no score, first review a year later. */
function account(overrides: Partial<CreditAccountState> = {}): CreditAccountState {
  return { ...newAccount({ customerId: 'C-1', customerKind: 'B2B', timeZone: 'Europe/Brussels', enterpriseNumber: '0456789133', today: opened }), ...overrides };
}

/** EUR 6,000 of orders not yet invoiced plus EUR 3,000 of open invoices, against a limit of EUR 10,000. */
function exposed(overrides: Partial<CreditAccountState> = {}): CreditAccountState {
  return account({ creditLimitCents: 10_000_00, exposure: { orders: { 'O-1': 4_000_00, 'O-2': 2_000_00 }, openInvoicesCents: 3_000_00, asOf: opened }, ...overrides });
}

const withScore = (score: number, on = opened): Partial<CreditAccountState> => ({ scores: [{ on, score, source: 'credit check OPP-0' }] });

describe('adding months to a date', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2026-12-15', 3, '2027-03-15'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-03-10', 0, '2026-03-10'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonths(d(from), months)).toBe(expected);
  });
});

describe('how often a customer is reviewed', () => {
  it.each([
    [100, 12],
    [60, 12],
    [59, 6],
    [40, 6],
    [39, 3],
    [0, 3],
    [null, 12],
  ])('a score of %p is looked at every %i months', (score, months) => {
    expect(reviewIntervalMonths(score)).toBe(months);
  });

  it('opens an account with no limit and the first review a year later', () => {
    expect(account()).toMatchObject({
      creditLimitCents: null,
      conditions: [],
      insurance: { limitCents: null, withdrawn: false, since: null },
      review: { lastOn: null, nextOn: '2027-01-15', intervalMonths: 12 },
      revision: 0,
    });
  });

  it('gives a review task five days before it is escalated', () => {
    const openedAt = Date.UTC(2026, 2, 10, 9);
    expect(reviewTaskDeadline(openedAt)).toBe(Date.UTC(2026, 2, 15, 9));
  });
});

describe('clearing an order for delivery', () => {
  it('adds the orders not yet invoiced and the open invoices into the exposure', () => {
    expect(totalExposure(exposed())).toBe(9_000_00);
    expect(totalExposure(account())).toBe(0);
  });

  it('blocks every delivery before a credit decision granted a limit', () => {
    expect(deliveryClearance(account(), 1_00, false)).toEqual({
      cleared: false,
      reasons: ['no credit limit granted: run a credit check on an opportunity first'],
      exposureAfterCents: 1_00,
    });
  });

  it('clears an order that brings the exposure up to the limit exactly', () => {
    expect(deliveryClearance(exposed(), 1_000_00, false)).toEqual({ cleared: true, reasons: [], exposureAfterCents: 10_000_00 });
  });

  it('blocks an order above the limit, naming the limit and the excess in euro', () => {
    expect(deliveryClearance(exposed(), 2_000_50, false)).toEqual({
      cleared: false,
      reasons: ['exposure EUR 11000.50 exceeds the credit limit EUR 10000.00 by EUR 1000.50'],
      exposureAfterCents: 11_000_50,
    });
  });

  it('blocks every delivery once the credit insurer withdrew cover, saying since when', () => {
    const withdrawn = exposed({ insurance: { limitCents: null, withdrawn: true, since: d('2026-02-01') } });
    expect(deliveryClearance(withdrawn, 1_00, false).reasons).toEqual(['the credit insurer withdrew cover on 2026-02-01']);
    const unknownDate = exposed({ insurance: { limitCents: null, withdrawn: true, since: null } });
    expect(deliveryClearance(unknownDate, 1_00, false).reasons).toEqual(['the credit insurer withdrew cover on an unknown date']);
  });

  it('blocks an order above the insured limit even within the credit limit', () => {
    const insured = exposed({ insurance: { limitCents: 8_000_00, withdrawn: false, since: opened } });
    expect(deliveryClearance(insured, 0, false)).toEqual({
      cleared: false,
      reasons: ['exposure EUR 9000.00 exceeds the insured limit EUR 8000.00 by EUR 1000.00'],
      exposureAfterCents: 9_000_00,
    });
  });

  it('blocks when the contract requires credit insurance and the insurer has set no limit', () => {
    expect(deliveryClearance(exposed(), 0, true).reasons).toEqual(['the contract requires credit-insurance cover and the insurer has set no limit']);
    expect(deliveryClearance(exposed(), 0, false).cleared).toBe(true);
  });

  it('clears an insured order within both limits', () => {
    const insured = exposed({ insurance: { limitCents: 9_500_00, withdrawn: false, since: opened } });
    expect(deliveryClearance(insured, 500_00, true).cleared).toBe(true);
  });

  it('gives every reason at once when several block the order', () => {
    const withdrawn = exposed({ insurance: { limitCents: null, withdrawn: true, since: d('2026-02-01') } });
    expect(deliveryClearance(withdrawn, 2_000_00, true).reasons).toEqual([
      'exposure EUR 11000.00 exceeds the credit limit EUR 10000.00 by EUR 1000.00',
      'the credit insurer withdrew cover on 2026-02-01',
    ]);
    expect(deliveryClearance(account(), 5_00, true).reasons).toEqual([
      'no credit limit granted: run a credit check on an opportunity first',
      'the contract requires credit-insurance cover and the insurer has set no limit',
    ]);
  });
});

describe('applying a credit decision to the account', () => {
  const decidedOn = d('2026-03-01');
  const advance: CreditCondition = { kind: 'advance-payment', percent: 100, detail: 'full advance payment before delivery' };
  const decision = (overrides: Partial<Parameters<typeof applyCreditDecision>[1]> = {}): Parameters<typeof applyCreditDecision>[1] => ({
    opportunityId: 'OPP-1',
    outcome: 'accept',
    creditLimitCents: 50_000_00,
    conditions: [],
    score: 70,
    by: 'policy',
    ...overrides,
  });

  it('sets the limit on an acceptance and writes it in the journal', () => {
    const next = applyCreditDecision(account(), decision(), decidedOn);
    expect(next.creditLimitCents).toBe(50_000_00);
    expect(next.lastDecision).toEqual({ opportunityId: 'OPP-1', outcome: 'accept', on: decidedOn, by: 'policy' });
    expect(next.journal).toEqual([{ on: decidedOn, actor: 'policy', action: 'credit-decision', detail: 'accept on opportunity OPP-1, limit EUR 50000.00' }]);
    expect(next.revision).toBe(1);
  });

  it('sets the limit and the conditions on an acceptance with conditions', () => {
    const next = applyCreditDecision(account(), decision({ outcome: 'conditions', creditLimitCents: 25_000_00, conditions: [advance] }), decidedOn);
    expect(next.creditLimitCents).toBe(25_000_00);
    expect(next.conditions).toEqual([advance]);
  });

  it.each(['refuse', 'refer'] as const)('keeps the earlier limit and conditions on a %s, recording only the decision', (outcome) => {
    const before = account({ creditLimitCents: 10_000_00, conditions: [advance] });
    const next = applyCreditDecision(before, decision({ opportunityId: 'OPP-2', outcome, creditLimitCents: null, by: 'credit.manager' }), decidedOn);
    expect(next.creditLimitCents).toBe(10_000_00);
    expect(next.conditions).toEqual([advance]);
    expect(next.lastDecision).toEqual({ opportunityId: 'OPP-2', outcome, on: decidedOn, by: 'credit.manager' });
    expect(next.journal.at(-1)?.detail).toBe(`${outcome} on opportunity OPP-2`);
  });

  it("records the check's score with its source", () => {
    expect(applyCreditDecision(account(), decision(), decidedOn).scores).toEqual([{ on: decidedOn, score: 70, source: 'credit check OPP-1' }]);
  });

  it('brings the next review closer for a low score', () => {
    const next = applyCreditDecision(account(), decision({ score: 35 }), decidedOn);
    expect(next.review).toEqual({ lastOn: null, nextOn: '2026-06-01', intervalMonths: 3 });
  });

  it('does not push the next review further away for a good score', () => {
    const next = applyCreditDecision(account(), decision({ score: 80 }), decidedOn);
    expect(next.review).toEqual({ lastOn: null, nextOn: '2027-01-15', intervalMonths: 12 });
  });

  it('leaves scores and review alone without a score', () => {
    const next = applyCreditDecision(account(), decision({ score: null }), decidedOn);
    expect(next.scores).toEqual([]);
    expect(next.review).toEqual(account().review);
  });
});

describe('applying a review', () => {
  const reviewedOn = d('2026-03-01');
  const findings = (overrides: Partial<ReviewFindings> = {}): ReviewFindings => ({
    on: reviewedOn,
    score: 70,
    source: 'monitoring',
    behaviour: { averageDaysLate: 3.5, invoicesPaidLast12Months: 8, openOverdueCents: 0, brokenPromises: 0 },
    openInvoicesCents: 2_500_00,
    occasion: 'scheduled',
    ...overrides,
  });

  it.each([
    [70, 60],
    [50, 60],
    [80, 20],
  ])('asks attention when the score moves from %i to %i', (before, after) => {
    const { attention } = applyReview(account(withScore(before)), findings({ score: after, occasion: 'order' }));
    expect(attention).toEqual([`risk score moved from ${before} to ${after}`]);
  });

  it.each([
    [70, 61],
    [50, 59],
    [70, 70],
  ])('asks no attention when the score moves from %i to %i', (before, after) => {
    expect(applyReview(account(withScore(before)), findings({ score: after, occasion: 'order' })).attention).toEqual([]);
  });

  it('asks no attention for the first score of an account', () => {
    const { state, attention } = applyReview(account(), findings({ score: 20 }));
    expect(attention).toEqual([]);
    expect(state.scores).toEqual([{ on: reviewedOn, score: 20, source: 'monitoring' }]);
  });

  it('keeps the score history as it was when the review found no score', () => {
    const before = account(withScore(45));
    const { state } = applyReview(before, findings({ score: null }));
    expect(state.scores).toEqual(before.scores);
    expect(state.review.intervalMonths).toBe(6);
  });

  it('restarts the clock on a scheduled review, also further away than planned', () => {
    const due = account({ ...withScore(45), review: { lastOn: null, nextOn: d('2026-03-01'), intervalMonths: 6 } });
    const { state } = applyReview(due, findings({ score: 52 }));
    expect(state.review).toEqual({ lastOn: reviewedOn, nextOn: '2026-09-01', intervalMonths: 6 });
    const { state: improved } = applyReview(due, findings({ score: 65 }));
    expect(improved.review).toEqual({ lastOn: reviewedOn, nextOn: '2027-03-01', intervalMonths: 12 });
  });

  it('only brings the next review closer on an order review', () => {
    const { state } = applyReview(account(withScore(70)), findings({ score: 72, occasion: 'order' }));
    expect(state.review).toEqual({ lastOn: reviewedOn, nextOn: '2027-01-15', intervalMonths: 12 });
    const { state: riskier } = applyReview(account(withScore(50)), findings({ score: 45, occasion: 'contract-renewal' }));
    expect(riskier.review).toEqual({ lastOn: reviewedOn, nextOn: '2026-09-01', intervalMonths: 6 });
  });

  it('asks attention when the exposure is above the credit limit', () => {
    const { attention } = applyReview(exposed(withScore(70)), findings({ openInvoicesCents: 6_000_00 }));
    expect(attention).toEqual(['exposure EUR 12000.00 is above the credit limit EUR 10000.00']);
  });

  it('asks no attention for an exposure at the limit, or without a limit', () => {
    expect(applyReview(exposed(withScore(70)), findings({ openInvoicesCents: 4_000_00 })).attention).toEqual([]);
    expect(applyReview(account(withScore(70)), findings({ openInvoicesCents: 900_000_00 })).attention).toEqual([]);
  });

  it('gives several reasons at once', () => {
    const { attention } = applyReview(exposed(withScore(70)), findings({ score: 40, openInvoicesCents: 6_000_00, occasion: 'order' }));
    expect(attention).toEqual(['risk score moved from 70 to 40', 'exposure EUR 12000.00 is above the credit limit EUR 10000.00']);
  });

  it('keeps what the review found about behaviour and open invoices', () => {
    const { state } = applyReview(exposed(), findings());
    expect(state.behaviour).toEqual({ averageDaysLate: 3.5, invoicesPaidLast12Months: 8, openOverdueCents: 0, brokenPromises: 0, asOf: reviewedOn });
    expect(state.exposure).toEqual({ orders: { 'O-1': 4_000_00, 'O-2': 2_000_00 }, openInvoicesCents: 2_500_00, asOf: reviewedOn });
  });

  it('writes the review in the journal', () => {
    const { state } = applyReview(account(), findings());
    expect(state.journal).toEqual([{ on: reviewedOn, actor: 'system', action: 'review', detail: 'scheduled: score 70, average days late 3.5, open invoices EUR 2500.00' }]);
    expect(state.revision).toBe(1);
    const { state: blank } = applyReview(account(), findings({ score: null, behaviour: { averageDaysLate: null, invoicesPaidLast12Months: 0, openOverdueCents: 0, brokenPromises: 0 }, openInvoicesCents: 0, occasion: 'order' }));
    expect(blank.journal.at(-1)?.detail).toBe('order: score n/a, average days late n/a, open invoices EUR 0.00');
  });
});

describe("applying the credit insurer's limit", () => {
  const on = d('2026-04-01');
  const change = (overrides: Partial<InsurerLimitChange> = {}): InsurerLimitChange => ({ limitCents: 50_000_00, withdrawn: false, actor: 'insurer', reason: 'annual review', ...overrides });
  const insured = (limitCents: number | null, withdrawn = false, since = d('2026-02-01')) => account({ insurance: { limitCents, withdrawn, since } });

  it('asks attention for the first limit and records it', () => {
    const { state, attention } = applyInsurerLimit(account(), change(), on);
    expect(attention).toEqual(['insured limit changed from none to EUR 50000.00']);
    expect(state.insurance).toEqual({ limitCents: 50_000_00, withdrawn: false, since: on });
    expect(state.journal).toEqual([{ on, actor: 'insurer', action: 'insurer-limit', detail: 'insured limit changed from none to EUR 50000.00 (annual review)' }]);
  });

  it('asks attention when the limit changes', () => {
    const { state, attention } = applyInsurerLimit(insured(50_000_00), change({ limitCents: 30_000_00 }), on);
    expect(attention).toEqual(['insured limit changed from EUR 50000.00 to EUR 30000.00']);
    expect(state.insurance.limitCents).toBe(30_000_00);
  });

  it('asks attention when the insurer withdraws cover, and keeps no limit', () => {
    const { state, attention } = applyInsurerLimit(insured(50_000_00), change({ limitCents: 50_000_00, withdrawn: true, reason: 'payment incidents' }), on);
    expect(attention).toEqual(['the credit insurer withdrew cover']);
    expect(state.insurance).toEqual({ limitCents: null, withdrawn: true, since: on });
    expect(state.journal.at(-1)?.detail).toBe('the credit insurer withdrew cover (payment incidents)');
  });

  it('asks no attention when the insurer confirms the same limit', () => {
    const { state, attention } = applyInsurerLimit(insured(50_000_00), change(), on);
    expect(attention).toEqual([]);
    expect(state.journal.at(-1)?.detail).toBe('insured limit confirmed (annual review)');
  });

  it('asks no attention when a withdrawal is repeated', () => {
    expect(applyInsurerLimit(insured(null, true), change({ limitCents: null, withdrawn: true }), on).attention).toEqual([]);
  });

  it('asks attention when cover comes back with a limit after a withdrawal', () => {
    const { state, attention } = applyInsurerLimit(insured(null, true), change({ limitCents: 20_000_00 }), on);
    expect(attention).toEqual(['the credit insurer restored cover with a limit of EUR 20000.00']);
    expect(state.insurance).toEqual({ limitCents: 20_000_00, withdrawn: false, since: on });
  });

  it('keeps the day cover changed when the insurer confirms, and asks attention when cover comes back without a limit', () => {
    const withdrawnOn = d('2026-05-01');
    const confirmed = applyInsurerLimit(insured(null, true, withdrawnOn), change({ limitCents: null, withdrawn: true }), on);
    expect(confirmed.attention).toEqual([]);
    expect(confirmed.state.insurance.since).toBe(withdrawnOn);
    expect(applyInsurerLimit(insured(null, true), change({ limitCents: null }), on).attention).toEqual(['the credit insurer restored cover without a limit']);
  });
});

describe('a review that could not be done', () => {
  it('says so in the journal and tries a periodic review again the next day', () => {
    const due = account({ review: { lastOn: null, nextOn: d('2026-03-01'), intervalMonths: 12 } });
    const failed = reviewFailed(due, 'scheduled', 'the provider refused our key', d('2026-03-01'), d('2026-03-02'));
    expect(failed.review.nextOn).toBe('2026-03-02');
    expect(failed.journal.at(-1)).toMatchObject({ action: 'review-failed', detail: 'scheduled: the provider refused our key' });
    expect(reviewFailed(due, 'order O-1', 'timeout', d('2026-02-01'), d('2026-02-02')).review.nextOn).toBe('2026-03-01');
  });
});
