/**
 * A contract's payment and invoicing clauses, checked against the law (Law of 2 August
 * 2002: a B2B term above 60 days is void, a public buyer pays in 30 days, 60 only with a
 * justification) and against the credit decision at the opportunity, whose conditions the
 * contract must carry: sales cannot sign away an advance payment credit staff asked for.
 */
import { compareDates, type CalendarDate } from '../calendar';
import type { CreditCondition, CreditDecision } from '../credit/acceptance-policy';
import type { Cents } from '../money';
import type { CustomerKind } from '../procedures/definition';

export class ContractRejected extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'ContractRejected';
  }
}

const reject = (field: string, reason: string): never => {
  throw new ContractRejected(field, reason);
};

/** The legal ceilings on a payment term, as data with a validity period. */
export interface PaymentTermLimits {
  validFrom: CalendarDate;
  /** Term that applies when the contract says nothing. */
  defaultDays: number;
  b2bMaxDays: number;
  publicBuyerDays: number;
  /** A public buyer may agree up to this with a justification written in the contract. */
  publicBuyerJustifiedMaxDays: number;
  source: string;
}

export const PAYMENT_TERM_LIMITS: readonly PaymentTermLimits[] = [
  {
    validFrom: '2022-02-01' as CalendarDate,
    defaultDays: 30,
    b2bMaxDays: 60,
    publicBuyerDays: 30,
    publicBuyerJustifiedMaxDays: 60,
    source: 'Law of 2 August 2002 on late payment in commercial transactions, art. 4, as amended by the Law of 14 August 2021 (in force 1 February 2022)',
  },
];

export function paymentTermLimitsOn(day: CalendarDate): PaymentTermLimits {
  const inForce = PAYMENT_TERM_LIMITS.filter((limits) => compareDates(limits.validFrom, day) <= 0).sort((a, b) => compareDates(b.validFrom, a.validFrom));
  if (!inForce[0]) throw new Error(`No payment-term limits recorded for ${day}; add a row to PAYMENT_TERM_LIMITS`);
  return inForce[0];
}

export const INVOICING_MOMENTS = ['on-delivery', 'upfront'] as const;
export type InvoicingMoment = (typeof INVOICING_MOMENTS)[number];

export interface ContractTerms {
  paymentTermDays: number;
  /** Required for a public buyer's term above 30 days. */
  termJustification?: string;
  invoicing: InvoicingMoment;
  /** Share of each order invoiced (and to be paid) before delivery. */
  advancePaymentPercent: number;
  guarantee: { amountCents: Cents; detail: string } | null;
  cashDiscount: { percent: number; days: number } | null;
  creditInsuranceRequired: boolean;
  clauses: string[];
  startsOn: CalendarDate;
  endsOn: CalendarDate | null;
}

export type ContractRequest = Partial<ContractTerms> & Pick<ContractTerms, 'startsOn'>;

/** Checks the requested clauses and returns the terms with the credit decision's conditions carried in. */
export function contractTerms(kind: CustomerKind, request: ContractRequest, decision: Pick<CreditDecision, 'outcome' | 'conditions' | 'reasons'>): ContractTerms {
  if (decision.outcome === 'refuse') reject('opportunityId', `the credit check refused this opportunity (${decision.reasons.map((r) => r.detail).join('; ')})`);
  if (decision.outcome === 'refer') reject('opportunityId', 'the credit check is still with credit staff; sign the contract once they have decided');
  const first = [...PAYMENT_TERM_LIMITS].sort((a, b) => compareDates(a.validFrom, b.validFrom))[0]!;
  if (compareDates(request.startsOn, first.validFrom) < 0) {
    reject('startsOn', `${request.startsOn} is before ${first.validFrom}, the first day whose payment-term rules are recorded; register older contracts with a start date from then`);
  }
  const limits = paymentTermLimitsOn(request.startsOn);
  // Without a term asked for, the legal default, shortened to what the credit decision grants.
  const granted = decision.conditions.find((condition) => condition.kind === 'payment-term')?.days;
  const term = request.paymentTermDays ?? Math.min(limits.defaultDays, granted ?? limits.defaultDays);
  if (!Number.isInteger(term) || term < 0) reject('paymentTermDays', 'must be a whole number of days, 0 or more');
  if (kind === 'B2B' && term > limits.b2bMaxDays) {
    reject('paymentTermDays', `${term} days is longer than the ${limits.b2bMaxDays}-day maximum for B2B contracts (${limits.source}); a longer clause is void and falls back to ${limits.defaultDays} days`);
  }
  if (kind === 'B2G') {
    if (term > limits.publicBuyerJustifiedMaxDays) {
      reject('paymentTermDays', `${term} days is longer than the ${limits.publicBuyerJustifiedMaxDays} days a public buyer may ever agree (${limits.source})`);
    }
    if (term > limits.publicBuyerDays && !request.termJustification?.trim()) {
      reject('termJustification', `a public buyer pays within ${limits.publicBuyerDays} days; ${term} days needs the justification written in the contract (${limits.source})`);
    }
  }
  if (request.endsOn && compareDates(request.endsOn, request.startsOn) < 0) reject('endsOn', `${request.endsOn} is before the start ${request.startsOn}`);

  const terms: ContractTerms = {
    paymentTermDays: term,
    ...(request.termJustification ? { termJustification: request.termJustification } : {}),
    invoicing: request.invoicing ?? 'on-delivery',
    advancePaymentPercent: request.advancePaymentPercent ?? 0,
    guarantee: request.guarantee ?? null,
    cashDiscount: request.cashDiscount ?? null,
    creditInsuranceRequired: request.creditInsuranceRequired ?? false,
    // The law wants the public buyer's justification written in the contract: it is one of its clauses.
    clauses: [...(request.clauses ?? []), ...(request.termJustification?.trim() ? [`Payment term of ${term} days agreed because: ${request.termJustification.trim()}`] : [])],
    startsOn: request.startsOn,
    endsOn: request.endsOn ?? null,
  };
  if (!INVOICING_MOMENTS.includes(terms.invoicing)) reject('invoicing', `must be one of ${INVOICING_MOMENTS.join(', ')}`);
  if (!Number.isInteger(terms.advancePaymentPercent) || terms.advancePaymentPercent < 0 || terms.advancePaymentPercent > 100) {
    reject('advancePaymentPercent', 'must be a whole percentage from 0 to 100');
  }
  for (const condition of decision.conditions) carryCondition(terms, condition, request);
  return terms;
}

/** A condition the request already meets or leaves open is taken in; one it weakens is refused. */
function carryCondition(terms: ContractTerms, condition: CreditCondition, request: ContractRequest): void {
  const required = `the credit decision requires ${condition.detail}`;
  switch (condition.kind) {
    case 'advance-payment': {
      const percent = condition.percent ?? 100;
      if (request.advancePaymentPercent !== undefined && request.advancePaymentPercent < percent) reject('advancePaymentPercent', `${required} (at least ${percent} %)`);
      terms.advancePaymentPercent = Math.max(terms.advancePaymentPercent, percent);
      return;
    }
    case 'invoice-upfront':
      if (request.invoicing === 'on-delivery') reject('invoicing', `${required}: invoice upfront`);
      terms.invoicing = 'upfront';
      return;
    case 'guarantee': {
      const amount = condition.amountCents ?? 0;
      if (request.guarantee && request.guarantee.amountCents < amount) reject('guarantee.amountCents', `${required} (at least ${amount} cents)`);
      terms.guarantee = request.guarantee ?? { amountCents: amount, detail: condition.detail };
      return;
    }
    case 'cash-discount': {
      const wanted = { percent: condition.percent ?? 2, days: condition.days ?? 10 };
      if (request.cashDiscount && (request.cashDiscount.percent < wanted.percent || request.cashDiscount.days > wanted.days)) {
        reject('cashDiscount', `${required} (at least ${wanted.percent} % when paid within at most ${wanted.days} days)`);
      }
      terms.cashDiscount = request.cashDiscount ?? wanted;
      return;
    }
    case 'payment-term': {
      const days = condition.days ?? 0;
      if (terms.paymentTermDays > days) reject('paymentTermDays', `${terms.paymentTermDays} days is longer than the ${days} days the credit decision grants this customer`);
      return;
    }
    case 'credit-insurance':
      if (request.creditInsuranceRequired === false) reject('creditInsuranceRequired', `${required}: insurance cover`);
      terms.creditInsuranceRequired = true;
      return;
  }
}
