/**
 * A customer's credit position, as the customer account workflow keeps it: the limit
 * granted at the last credit decision, the insurer's limit, the risk score and its
 * history, our own payment experience, open exposure (orders not yet invoiced plus open
 * invoices) and when to look again. Plain data carried across continue-as-new; the
 * transitions below are pure, with the day passed in.
 */
import { compareDates, type CalendarDate } from '../calendar';
import { euroText, type Cents } from '../money';
import type { CustomerKind } from '../procedures/definition';
import type { CreditCondition, CreditDecision, InternalBehaviour } from './acceptance-policy';

export interface ScorePoint {
  on: CalendarDate;
  score: number;
  source: string;
}

export interface AccountJournalEntry {
  on: CalendarDate;
  actor: string;
  action: string;
  detail: string;
}

export interface ReviewTask {
  id: string;
  reasons: string[];
  /** Epoch ms of the deadline. */
  dueAt: number;
  escalated?: boolean;
}

export interface CreditAccountState {
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  enterpriseNumber: string | null;
  /** Null until a credit decision granted one: nothing is delivered on credit before. */
  creditLimitCents: Cents | null;
  conditions: CreditCondition[];
  lastDecision: { opportunityId: string; outcome: CreditDecision['outcome']; on: CalendarDate; by: string } | null;
  insurance: { limitCents: Cents | null; withdrawn: boolean; since: CalendarDate | null };
  scores: ScorePoint[];
  behaviour: (InternalBehaviour & { asOf: CalendarDate }) | null;
  exposure: { orders: Record<string, Cents>; openInvoicesCents: Cents; asOf: CalendarDate | null };
  review: { lastOn: CalendarDate | null; nextOn: CalendarDate; intervalMonths: number };
  reviewTask: ReviewTask | null;
  journal: AccountJournalEntry[];
  /** Bumped by every change; lets a reader tell a fresh view from a stale one. */
  revision: number;
}

/** How often a customer is looked at, by risk score: data with a version like the other policies. */
export interface ReviewPolicy {
  id: string;
  version: number;
  /** First matching band wins; scores at or above `minScore`. */
  bands: ReadonlyArray<{ minScore: number; intervalMonths: number }>;
  /** Without a score (consumers, unknown companies): yearly. */
  defaultIntervalMonths: number;
  /** A score move of at least this many points raises a review task. */
  scoreChangePoints: number;
  /** Days credit staff have to look at a review task before it is escalated. */
  taskDays: number;
}

export const REVIEW_POLICY_V1: ReviewPolicy = {
  id: 'review',
  version: 1,
  bands: [
    { minScore: 60, intervalMonths: 12 },
    { minScore: 40, intervalMonths: 6 },
    { minScore: 0, intervalMonths: 3 },
  ],
  defaultIntervalMonths: 12,
  scoreChangePoints: 10,
  taskDays: 5,
};

const JOURNAL_LIMIT = 100;
const SCORE_HISTORY_LIMIT = 40;

export function latestScore(state: CreditAccountState): number | null {
  return state.scores.at(-1)?.score ?? null;
}

export function reviewIntervalMonths(score: number | null, policy: ReviewPolicy = REVIEW_POLICY_V1): number {
  if (score === null) return policy.defaultIntervalMonths;
  return policy.bands.find((band) => score >= band.minScore)?.intervalMonths ?? policy.defaultIntervalMonths;
}

/** Same day n months later (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}` as CalendarDate;
}

export function newAccount(input: { customerId: string; customerKind: CustomerKind; timeZone: string; enterpriseNumber: string | null; today: CalendarDate }): CreditAccountState {
  const intervalMonths = reviewIntervalMonths(null);
  return {
    customerId: input.customerId,
    customerKind: input.customerKind,
    timeZone: input.timeZone,
    enterpriseNumber: input.enterpriseNumber,
    creditLimitCents: null,
    conditions: [],
    lastDecision: null,
    insurance: { limitCents: null, withdrawn: false, since: null },
    scores: [],
    behaviour: null,
    exposure: { orders: {}, openInvoicesCents: 0, asOf: null },
    review: { lastOn: null, nextOn: addMonths(input.today, intervalMonths), intervalMonths },
    reviewTask: null,
    journal: [],
    revision: 0,
  };
}

export function journal(state: CreditAccountState, entry: AccountJournalEntry): CreditAccountState {
  return { ...state, journal: [...state.journal, entry].slice(-JOURNAL_LIMIT), revision: state.revision + 1 };
}

export function totalExposure(state: CreditAccountState): Cents {
  return Object.values(state.exposure.orders).reduce((sum, cents) => sum + cents, 0) + state.exposure.openInvoicesCents;
}

export interface Clearance {
  cleared: boolean;
  reasons: string[];
  exposureAfterCents: Cents;
}

/** May an order of this amount be delivered? Never a silent no: every block says why. */
export function deliveryClearance(state: CreditAccountState, orderCents: Cents, insuranceRequired: boolean): Clearance {
  const exposureAfterCents = totalExposure(state) + orderCents;
  const reasons: string[] = [];
  if (state.creditLimitCents === null) {
    reasons.push('no credit limit granted: run a credit check on an opportunity first');
  } else if (exposureAfterCents > state.creditLimitCents) {
    reasons.push(`exposure ${euroText(exposureAfterCents)} exceeds the credit limit ${euroText(state.creditLimitCents)} by ${euroText(exposureAfterCents - state.creditLimitCents)}`);
  }
  if (state.insurance.withdrawn) {
    reasons.push(`the credit insurer withdrew cover on ${state.insurance.since ?? 'an unknown date'}`);
  } else if (state.insurance.limitCents !== null && exposureAfterCents > state.insurance.limitCents) {
    reasons.push(`exposure ${euroText(exposureAfterCents)} exceeds the insured limit ${euroText(state.insurance.limitCents)} by ${euroText(exposureAfterCents - state.insurance.limitCents)}`);
  } else if (insuranceRequired && state.insurance.limitCents === null) {
    reasons.push('the contract requires credit-insurance cover and the insurer has set no limit');
  }
  return { cleared: reasons.length === 0, reasons, exposureAfterCents };
}

/** A credit decision (automatic or by a person) sets the limit and the conditions. */
export function applyCreditDecision(
  state: CreditAccountState,
  decision: { opportunityId: string; outcome: CreditDecision['outcome']; creditLimitCents: Cents | null; conditions: CreditCondition[]; score: number | null; by: string },
  on: CalendarDate,
): CreditAccountState {
  let next: CreditAccountState = {
    ...state,
    lastDecision: { opportunityId: decision.opportunityId, outcome: decision.outcome, on, by: decision.by },
  };
  if (decision.outcome === 'accept' || decision.outcome === 'conditions') {
    next = { ...next, creditLimitCents: decision.creditLimitCents, conditions: decision.conditions };
  }
  if (decision.score !== null) next = recordScore(next, { on, score: decision.score, source: `credit check ${decision.opportunityId}` });
  return journal(next, { on, actor: decision.by, action: 'credit-decision', detail: `${decision.outcome} on opportunity ${decision.opportunityId}${decision.creditLimitCents !== null ? `, limit ${euroText(decision.creditLimitCents)}` : ''}` });
}

function recordScore(state: CreditAccountState, point: ScorePoint): CreditAccountState {
  const intervalMonths = reviewIntervalMonths(point.score);
  return {
    ...state,
    scores: [...state.scores, point].slice(-SCORE_HISTORY_LIMIT),
    review: { ...state.review, intervalMonths, nextOn: minDate(state.review.nextOn, addMonths(point.on, intervalMonths)) },
  };
}

const minDate = (a: CalendarDate, b: CalendarDate) => (compareDates(a, b) <= 0 ? a : b);

export interface ReviewFindings {
  on: CalendarDate;
  score: number | null;
  source: string;
  behaviour: InternalBehaviour;
  openInvoicesCents: Cents;
  /** Why this review ran: the timer, a new order, a contract renewal, an insurer change. */
  occasion: string;
}

/** Takes in what a review found; returns why a person should look (empty: nothing changed that matters). */
export function applyReview(state: CreditAccountState, findings: ReviewFindings, policy: ReviewPolicy = REVIEW_POLICY_V1): { state: CreditAccountState; attention: string[] } {
  const attention: string[] = [];
  const previous = latestScore(state);
  let next: CreditAccountState = {
    ...state,
    behaviour: { ...findings.behaviour, asOf: findings.on },
    exposure: { ...state.exposure, openInvoicesCents: findings.openInvoicesCents, asOf: findings.on },
  };
  if (findings.score !== null) {
    if (previous !== null && Math.abs(findings.score - previous) >= policy.scoreChangePoints) {
      attention.push(`risk score moved from ${previous} to ${findings.score}`);
    }
    next = { ...next, scores: [...next.scores, { on: findings.on, score: findings.score, source: findings.source }].slice(-SCORE_HISTORY_LIMIT) };
  }
  const intervalMonths = reviewIntervalMonths(latestScore(next), policy);
  const scheduled = findings.occasion === 'scheduled';
  next = {
    ...next,
    review: {
      lastOn: findings.on,
      intervalMonths,
      // The periodic review restarts its clock; an order or renewal only brings it closer when the risk rose.
      nextOn: scheduled ? addMonths(findings.on, intervalMonths) : minDate(state.review.nextOn, addMonths(findings.on, intervalMonths)),
    },
  };
  if (state.creditLimitCents !== null && totalExposure(next) > state.creditLimitCents) {
    attention.push(`exposure ${euroText(totalExposure(next))} is above the credit limit ${euroText(state.creditLimitCents)}`);
  }
  next = journal(next, {
    on: findings.on,
    actor: 'system',
    action: 'review',
    detail: `${findings.occasion}: score ${findings.score ?? 'n/a'}, average days late ${findings.behaviour.averageDaysLate ?? 'n/a'}, open invoices ${euroText(findings.openInvoicesCents)}`,
  });
  return { state: next, attention };
}

/** A review that could not be done (the provider refused us): said in the journal, and a periodic one tried again tomorrow. */
export function reviewFailed(state: CreditAccountState, occasion: string, problem: string, on: CalendarDate, tomorrow: CalendarDate): CreditAccountState {
  const postponed = occasion === 'scheduled' && compareDates(state.review.nextOn, on) <= 0 ? { ...state, review: { ...state.review, nextOn: tomorrow } } : state;
  return journal(postponed, { on, actor: 'system', action: 'review-failed', detail: `${occasion}: ${problem}` });
}

export interface InsurerLimitChange {
  limitCents: Cents | null;
  withdrawn: boolean;
  actor: string;
  reason: string;
}

export function applyInsurerLimit(state: CreditAccountState, change: InsurerLimitChange, on: CalendarDate): { state: CreditAccountState; attention: string[] } {
  const before = state.insurance;
  const attention: string[] = [];
  if (change.withdrawn && !before.withdrawn) attention.push('the credit insurer withdrew cover');
  else if (!change.withdrawn && before.withdrawn) attention.push(`the credit insurer restored cover${change.limitCents === null ? ' without a limit' : ` with a limit of ${euroText(change.limitCents)}`}`);
  else if (!change.withdrawn && change.limitCents !== before.limitCents) {
    attention.push(`insured limit changed from ${before.limitCents === null ? 'none' : euroText(before.limitCents)} to ${change.limitCents === null ? 'none' : euroText(change.limitCents)}`);
  }
  const next = journal(
    {
      ...state,
      // `since` is when the cover last changed, not when it was last confirmed.
      insurance: { limitCents: change.withdrawn ? null : change.limitCents, withdrawn: change.withdrawn, since: attention.length > 0 ? on : (before.since ?? on) },
    },
    { on, actor: change.actor, action: 'insurer-limit', detail: `${attention[0] ?? 'insured limit confirmed'} (${change.reason})` },
  );
  return { state: next, attention };
}

export function reviewTaskDeadline(taskOpenedAt: number, policy: ReviewPolicy = REVIEW_POLICY_V1): number {
  return taskOpenedAt + policy.taskDays * 86_400_000;
}
