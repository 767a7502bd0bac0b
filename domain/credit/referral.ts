/**
 * A person's decision on a referred credit check, and the checks it must pass before the
 * workflow takes it: facts and figures are in the check, the feeling is the person's and
 * is required, and conditions are well formed. Used as the update's validator, so a bad
 * decision is answered "field: why" and never reaches history.
 */
import type { Cents } from '../money';
import { CONDITION_KINDS, type CreditCondition, type FinalOutcome } from './acceptance-policy';

/** A person's decision on a referral: facts and figures are in the decision, the feeling is theirs. */
export interface ReferralDecision {
  outcome: FinalOutcome;
  conditions?: CreditCondition[];
  creditLimitCents?: Cents;
  /** The judgement behind it ("management changed, sales knows them well"). */
  feeling: string;
  actor: string;
  reason: string;
}

export class CreditCommandRejected extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'CreditCommandRejected';
  }
}

export function checkReferralDecision(decision: ReferralDecision): void {
  const reject = (field: string, reason: string): never => {
    throw new CreditCommandRejected(field, reason);
  };
  if (!decision.actor?.trim()) reject('actor', 'say who decides');
  if (!decision.reason?.trim()) reject('reason', 'say why: it is kept for the audit');
  if (!decision.feeling?.trim()) reject('feeling', 'write down your judgement: facts and figures are in the check, the feeling is yours');
  if (!(['accept', 'refuse', 'conditions'] as const).includes(decision.outcome)) reject('outcome', 'must be accept, refuse or conditions');
  const conditions = decision.conditions ?? [];
  if (decision.outcome === 'conditions' && conditions.length === 0) reject('conditions', 'name at least one condition, or accept without conditions');
  if (decision.outcome !== 'conditions' && conditions.length > 0) reject('conditions', `only a decision "conditions" carries conditions, not "${decision.outcome}"`);
  conditions.forEach((condition, index) => {
    const field = `conditions[${index}]`;
    if (!CONDITION_KINDS.includes(condition.kind)) reject(`${field}.kind`, `must be one of ${CONDITION_KINDS.join(', ')}`);
    if (condition.percent !== undefined && !(Number.isInteger(condition.percent) && condition.percent > 0 && condition.percent <= 100)) {
      reject(`${field}.percent`, 'must be a whole percentage from 1 to 100');
    }
    if (condition.kind === 'advance-payment' && condition.percent === undefined) reject(`${field}.percent`, 'say which share is paid in advance');
    if (condition.days !== undefined && !(Number.isInteger(condition.days) && condition.days > 0)) reject(`${field}.days`, 'must be a whole number of days, 1 or more');
    if (condition.kind === 'payment-term' && condition.days === undefined) reject(`${field}.days`, 'say the longest payment term granted, in days');
    if (condition.kind === 'guarantee' && !(Number.isSafeInteger(condition.amountCents) && condition.amountCents! > 0)) {
      reject(`${field}.amountCents`, 'a guarantee needs a positive amount in cents');
    }
  });
  if (decision.outcome === 'refuse' && decision.creditLimitCents !== undefined) reject('creditLimitCents', 'a refusal grants no credit limit');
  if (decision.creditLimitCents !== undefined && !(Number.isSafeInteger(decision.creditLimitCents) && decision.creditLimitCents >= 0)) {
    reject('creditLimitCents', 'must be a whole number of cents, 0 or more');
  }
}
