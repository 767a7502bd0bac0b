/**
 * The acceptance policy: how a credit check at the opportunity combines the trade
 * report (facts), our own payment experience and the requested exposure (figures) into
 * accept, refuse, accept with conditions, or refer to a person (who adds the feeling).
 * DOMAIN.md section 6: wrongly accepting is a heavy loss, wrongly refusing loses margin,
 * so the policy prefers a mitigation to a "no" and refers what it cannot judge.
 *
 * A policy is data with an id, a version and a validity period; a decision records which
 * version made it. Rules are checked in a fixed order and every rule that fires leaves a
 * reason, so a credit manager can read why.
 */
import { daysBetween, type CalendarDate } from '../calendar';
import { euroText, type Cents } from '../money';
import type { CustomerKind } from '../procedures/definition';
import { filingAgeMonths, type CreditReport, type NegativeEventKind } from './report';

export const CREDIT_OUTCOMES = ['accept', 'refuse', 'conditions', 'refer'] as const;
export type CreditOutcome = (typeof CREDIT_OUTCOMES)[number];
/** What a person can decide on a referral: anything but another referral. */
export type FinalOutcome = Exclude<CreditOutcome, 'refer'>;

export const CONDITION_KINDS = ['advance-payment', 'invoice-upfront', 'guarantee', 'cash-discount', 'credit-insurance', 'payment-term'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export interface CreditCondition {
  kind: ConditionKind;
  /** advance-payment: share of each order paid before delivery; cash-discount: discount. */
  percent?: number;
  /** guarantee: amount to be guaranteed (bank guarantee or parent's surety). */
  amountCents?: Cents;
  /** cash-discount: paid within this many days; payment-term: the longest term granted. */
  days?: number;
  detail: string;
}

/** Our own experience with the customer, from its collection dossier. */
export interface InternalBehaviour {
  /** Average days paid after the due date over the last 12 months; null without paid invoices. */
  averageDaysLate: number | null;
  invoicesPaidLast12Months: number;
  openOverdueCents: Cents;
  brokenPromises: number;
}

export interface CreditCheckInput {
  customerKind: CustomerKind;
  /** Null for consumers and for companies the provider does not know. */
  report: CreditReport | null;
  internal: InternalBehaviour;
  requestedExposureCents: Cents;
  /** The payment term sales wants to offer; absent: the contract's default. */
  requestedPaymentTermDays?: number;
  /** Orders not yet invoiced plus open invoices, before this opportunity. */
  currentExposureCents: Cents;
  today: CalendarDate;
}

export interface DecisionReason {
  rule: string;
  detail: string;
}

export interface CreditDecision {
  outcome: CreditOutcome;
  conditions: CreditCondition[];
  /** The limit the decision grants; null when refused or referred. */
  creditLimitCents: Cents | null;
  reasons: DecisionReason[];
  figures: {
    score: number | null;
    filingAgeMonths: number | null;
    paymentIndexDaysBeyondTerms: number | null;
    averageDaysLate: number | null;
    exposureAfterCents: Cents;
    recommendedLimitCents: Cents | null;
  };
  policy: { id: string; version: number };
}

export interface AcceptancePolicy {
  id: string;
  version: number;
  validFrom: CalendarDate;
  /** Below this score: refuse. */
  refuseBelowScore: number;
  /** From refuseBelowScore up to here: accept only with full advance payment. */
  advancePaymentBelowScore: number;
  /** From advancePaymentBelowScore up to here: a person decides. */
  referBelowScore: number;
  /** Events that refuse outright, and events that refer when younger than `recentEventMonths`. */
  refusingEvents: readonly NegativeEventKind[];
  referringEvents: readonly NegativeEventKind[];
  recentEventMonths: number;
  /** Accounts older than this are too stale to decide on alone. */
  maxFilingAgeMonths: number;
  /** Exposure above which a person always looks, whatever the score. */
  referAboveExposureCents: Cents;
  /** Our own experience: average days late above which a person looks; between the two, a cash discount. */
  referAboveDaysLate: number;
  cashDiscountAboveDaysLate: number;
  /** Our own experience now: overdue with us above this, or this many broken promises, and a person looks. */
  referAboveOpenOverdueCents: Cents;
  referFromBrokenPromises: number;
  cashDiscount: { percent: number; days: number };
  /** Consumers (no trade report): accepted up to this exposure, beyond it advance payment. */
  consumerLimitCents: Cents;
  /** Companies unknown to the provider: accepted with advance payment of this share. */
  unknownCompanyAdvancePercent: number;
  /** The longest payment term granted by score (first band at or below the score wins); without a score, `defaultMaxPaymentTermDays`. */
  paymentTermBands: ReadonlyArray<{ minScore: number; maxDays: number }>;
  defaultMaxPaymentTermDays: number;
  /** A referral escalates after this many days and expires after that many more. */
  referral: { decideWithinDays: number; escalatedDecideWithinDays: number };
  /** What an expired referral becomes: a mitigation rather than a silent "no". */
  expiredReferral: { outcome: FinalOutcome; conditions: CreditCondition[] };
}

/** The mitigation that always works: paid before the goods go. */
export const FULL_ADVANCE: CreditCondition = { kind: 'advance-payment', percent: 100, detail: 'full advance payment before delivery' };

/** When the facts cannot be had (the provider refuses us, say), a person decides: the policy never guesses. */
export function referWithoutFacts(policy: AcceptancePolicy, input: Pick<CreditCheckInput, 'requestedExposureCents'>, problem: string): CreditDecision {
  return {
    outcome: 'refer',
    conditions: [],
    creditLimitCents: null,
    reasons: [{ rule: 'facts-unavailable', detail: problem }],
    figures: {
      score: null, filingAgeMonths: null, paymentIndexDaysBeyondTerms: null, averageDaysLate: null,
      exposureAfterCents: input.requestedExposureCents, recommendedLimitCents: null,
    },
    policy: { id: policy.id, version: policy.version },
  };
}

/** Decides, or refers; pure, so the workflow can run it and a test can read it. */
export function decideCredit(policy: AcceptancePolicy, input: CreditCheckInput): CreditDecision {
  const { report, internal, today } = input;
  const exposureAfter = input.currentExposureCents + input.requestedExposureCents;
  const reasons: DecisionReason[] = [];
  const conditions: CreditCondition[] = [];
  const age = report ? filingAgeMonths(report, today) : null;
  const figures: CreditDecision['figures'] = {
    score: report?.score ?? null,
    filingAgeMonths: age,
    paymentIndexDaysBeyondTerms: report?.paymentIndexDaysBeyondTerms ?? null,
    averageDaysLate: internal.averageDaysLate,
    exposureAfterCents: exposureAfter,
    recommendedLimitCents: report?.recommendedLimitCents ?? null,
  };
  const decided = (outcome: CreditOutcome, limit: Cents | null): CreditDecision => ({
    outcome,
    // A referral carries the policy's proposed mitigations, for the person to take or leave.
    conditions: outcome === 'conditions' || outcome === 'refer' ? mergeConditions(conditions) : [],
    creditLimitCents: outcome === 'refuse' || outcome === 'refer' ? null : limit,
    reasons,
    figures,
    policy: { id: policy.id, version: policy.version },
  });
  const because = (rule: string, detail: string) => reasons.push({ rule, detail });

  // Facts that end the conversation.
  const refusing = report?.negativeEvents.find((event) => policy.refusingEvents.includes(event.kind));
  if (refusing) {
    because('refusing-event', `${refusing.kind} on ${refusing.on}: ${refusing.description}`);
    return decided('refuse', null);
  }
  if (report && report.score < policy.refuseBelowScore) {
    because('score', `score ${report.score} is below ${policy.refuseBelowScore}`);
    return decided('refuse', null);
  }

  let refer = false;
  if (input.customerKind === 'B2C') {
    if (exposureAfter > policy.consumerLimitCents) {
      because('consumer-limit', `exposure ${euroText(exposureAfter)} is above the consumer limit ${euroText(policy.consumerLimitCents)}`);
      conditions.push({ ...FULL_ADVANCE });
    }
  } else if (!report) {
    because('unknown-company', 'the credit-data provider has no report on this company');
    conditions.push({ kind: 'advance-payment', percent: policy.unknownCompanyAdvancePercent, detail: 'advance payment until a report or our own experience is available' });
  } else {
    if (report.score < policy.advancePaymentBelowScore) {
      because('score', `score ${report.score} is below ${policy.advancePaymentBelowScore}: only with full advance payment`);
      conditions.push({ ...FULL_ADVANCE });
    } else if (report.score < policy.referBelowScore) {
      because('score', `score ${report.score} is in the grey zone (${policy.advancePaymentBelowScore}–${policy.referBelowScore - 1})`);
      refer = true;
    }
    const recent = report.negativeEvents.filter(
      (event) => policy.referringEvents.includes(event.kind) && daysBetween(event.on, today) <= policy.recentEventMonths * 30.44,
    );
    for (const event of recent) {
      because('negative-event', `${event.kind} on ${event.on}: ${event.description}`);
      refer = true;
    }
    if (age === null || age > policy.maxFilingAgeMonths) {
      because('stale-accounts', age === null ? 'no annual accounts filed yet' : `last accounts are ${age} months old (more than ${policy.maxFilingAgeMonths})`);
      refer = true;
    }
    if (report.recommendedLimitCents !== null && exposureAfter > report.recommendedLimitCents) {
      const excess = exposureAfter - report.recommendedLimitCents;
      because('above-advised-limit', `exposure ${euroText(exposureAfter)} is ${euroText(excess)} above the provider's advised limit ${euroText(report.recommendedLimitCents)}`);
      conditions.push({ kind: 'guarantee', amountCents: excess, detail: `bank guarantee or parent surety for ${euroText(excess)}` });
    }
  }

  if (exposureAfter > policy.referAboveExposureCents) {
    because('large-exposure', `exposure ${euroText(exposureAfter)} is above ${euroText(policy.referAboveExposureCents)}: a person decides`);
    refer = true;
  }
  const late = internal.averageDaysLate;
  if (late !== null && late > policy.referAboveDaysLate) {
    because('own-experience', `pays us on average ${late} days late (more than ${policy.referAboveDaysLate})`);
    refer = true;
  } else if (late !== null && late > policy.cashDiscountAboveDaysLate) {
    because('own-experience', `pays us on average ${late} days late: a cash discount for early payment`);
    conditions.push({ kind: 'cash-discount', percent: policy.cashDiscount.percent, days: policy.cashDiscount.days, detail: `${policy.cashDiscount.percent} % discount when paid within ${policy.cashDiscount.days} days` });
  }

  if (internal.openOverdueCents > policy.referAboveOpenOverdueCents) {
    because('own-experience', `${euroText(internal.openOverdueCents)} is overdue with us today (more than ${euroText(policy.referAboveOpenOverdueCents)})`);
    refer = true;
  }
  if (internal.brokenPromises >= policy.referFromBrokenPromises) {
    because('own-experience', `broke ${internal.brokenPromises} promises to pay in the current collection dossier`);
    refer = true;
  }

  // Time is credit too: a longer term than the risk allows is granted only up to the band's maximum.
  const score = report?.score ?? null;
  const maxDays = score === null ? policy.defaultMaxPaymentTermDays : (policy.paymentTermBands.find((band) => score >= band.minScore)?.maxDays ?? policy.defaultMaxPaymentTermDays);
  if (input.requestedPaymentTermDays !== undefined && input.requestedPaymentTermDays > maxDays) {
    because('payment-term', `${input.requestedPaymentTermDays} days asked; ${score === null ? 'without a score' : `at score ${score}`} the longest term granted is ${maxDays} days`);
    conditions.push({ kind: 'payment-term', days: maxDays, detail: `payment within ${maxDays} days at most` });
  }

  if (refer) return decided('refer', null);
  if (conditions.length > 0) return decided('conditions', exposureAfter);
  because('within-policy', report ? `score ${report.score}, accounts ${age} months old, exposure ${euroText(exposureAfter)} within limits` : `exposure ${euroText(exposureAfter)} within limits`);
  return decided('accept', Math.max(exposureAfter, report?.recommendedLimitCents ?? 0));
}

/** Several conditions of one kind (a guarantee twice, say) merge into the strongest. */
export function mergeConditions(conditions: readonly CreditCondition[]): CreditCondition[] {
  const byKind = new Map<ConditionKind, CreditCondition>();
  for (const condition of conditions) {
    const known = byKind.get(condition.kind);
    const stronger = !known ||
      (condition.kind === 'payment-term' ? (condition.days ?? Infinity) < (known.days ?? Infinity) : (condition.percent ?? 0) > (known.percent ?? 0) || (condition.amountCents ?? 0) > (known.amountCents ?? 0));
    if (stronger) byKind.set(condition.kind, condition);
  }
  return [...byKind.values()];
}
