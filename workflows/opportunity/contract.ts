/**
 * What the API and the worker share about the credit check of an opportunity: its id,
 * its messages and its view. No I/O here.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate } from '../../domain/calendar';
import type { AcceptancePolicy, CreditCondition, CreditDecision, FinalOutcome } from '../../domain/credit/acceptance-policy';
import type { ReferralDecision } from '../../domain/credit/referral';
import type { CreditReport } from '../../domain/credit/report';
import type { Cents } from '../../domain/money';
import type { CustomerKind } from '../../domain/procedures/definition';

export const CREDIT_CHECK_WORKFLOW_TYPE = 'creditCheckWorkflow';

export function opportunityWorkflowId(opportunityId: string): string {
  return `opportunity:${opportunityId}`;
}

export interface OpportunityInput {
  opportunityId: string;
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  enterpriseNumber: string | null;
  description: string;
  requestedExposureCents: Cents;
  /** The payment term sales wants to offer; absent in checks opened before it was asked. */
  requestedPaymentTermDays?: number;
  requestedBy: string;
  /** The acceptance policy version in force when the opportunity was opened; the check pins it. */
  policyVersion: number;
  /** That policy itself, so a policy file changed later cannot change this check. */
  policy?: AcceptancePolicy;
}

export type OpportunityStage = 'checking' | 'referred' | 'decided';

export interface FinalCreditDecision {
  outcome: FinalOutcome;
  conditions: CreditCondition[];
  creditLimitCents: Cents | null;
  referred: boolean;
  /** The referral ran out of time and the policy's fallback decided. */
  expired: boolean;
  decidedBy: string;
  feeling: string | null;
  reason: string;
  on: CalendarDate;
}

export interface SalesInformation {
  actor: string;
  information: string;
}

export interface OpportunityView {
  opportunityId: string;
  customerId: string;
  stage: OpportunityStage;
  requestedExposureCents: Cents;
  /** What the policy made of the facts and figures. */
  proposal: CreditDecision | null;
  /** The facts: the trade report (null for consumers or when the provider had none). */
  report: CreditReport | null;
  reportProblem: string | null;
  decision: FinalCreditDecision | null;
  referral: { taskId: string; dueAt: number; escalated: boolean } | null;
  salesInformation: Array<SalesInformation & { on: CalendarDate }>;
}

export const decideReferralUpdate = defineUpdate<OpportunityView, [ReferralDecision]>('decideReferral');
export const addSalesInformationUpdate = defineUpdate<OpportunityView, [SalesInformation]>('addSalesInformation');
/** Answers once the automatic check is done: decided, or referred to a person. */
export const checkOutcomeUpdate = defineUpdate<OpportunityView, []>('checkOutcome');
export const opportunityStatusQuery = defineQuery<OpportunityView>('opportunityStatus');
