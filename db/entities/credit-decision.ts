import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CreditCondition, DecisionReason, FinalOutcome } from '../../domain/credit/acceptance-policy';
import type { CreditReport } from '../../domain/credit/report';

/**
 * The credit decision on an opportunity, kept as evidence: Facts (the report as it was
 * read), Figures (what the policy computed) and Feeling (what the person added), with
 * the policy version that applied. One per opportunity; never updated.
 */
export class CreditDecisionRecord {
  [OptionalProps]?: 'creditLimitCents' | 'report' | 'feeling';
  /** A UUID. */
  id!: string;
  opportunityId!: string;
  customerId!: string;
  outcome!: FinalOutcome;
  /** True when the policy referred the case to a person rather than deciding alone. */
  referred!: boolean;
  /** Mitigations attached to an acceptance (advance payment, guarantee, …). */
  conditions!: CreditCondition[];
  creditLimitCents?: number | null;
  policyId!: string;
  policyVersion!: number;
  /** Why the policy came to its proposal: the rules that fired and what they saw. */
  reasons!: DecisionReason[];
  /** The figures: what the policy computed (score, filing age, exposure, …). */
  figures!: Record<string, unknown>;
  /** The facts: the credit report as it was when the decision was taken. */
  report?: CreditReport | null;
  /** The feeling: the judgement of the person who decided, in their words. */
  feeling?: string | null;
  decidedBy!: string;
  decidedAt!: Date;
}

export const CreditDecisionSchema = new EntitySchema<CreditDecisionRecord>({
  class: CreditDecisionRecord,
  tableName: 'credit_decision',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    opportunityId: { type: 'string', length: 64, unique: true },
    customerId: { type: 'string', length: 64, index: true },
    outcome: { type: 'string', length: 16 },
    referred: { type: 'boolean' },
    conditions: { type: 'json' },
    creditLimitCents: { type: new BigIntType('number'), nullable: true },
    policyId: { type: 'string', length: 32 },
    policyVersion: { type: 'integer' },
    reasons: { type: 'json' },
    figures: { type: 'json' },
    report: { type: 'json', nullable: true },
    feeling: { type: 'text', nullable: true },
    decidedBy: { type: 'string', length: 100 },
    decidedAt: { type: 'datetime' },
  },
});
