/**
 * What the API, the worker and the other workflows share about the customer account
 * workflow: its id, its messages and the shapes they carry. No I/O here.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { InsurerLimitChange, CreditAccountState, Clearance } from '../../domain/credit/account';
import type { CreditCondition, CreditOutcome } from '../../domain/credit/acceptance-policy';
import type { Cents } from '../../domain/money';
import type { CustomerKind } from '../../domain/procedures/definition';

export const ACCOUNT_WORKFLOW_TYPE = 'customerAccountWorkflow';
/** The pool of credit staff that referral, delivery-block and review tasks go to. */
export const CREDIT_POOL = 'credit';

export function accountWorkflowId(customerId: string): string {
  return `account:${customerId}`;
}

export interface AccountInput {
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  enterpriseNumber: string | null;
  /** Carried over by continue-as-new. */
  state?: CreditAccountState;
  /** Review occasions not yet handled when the run continued as new. */
  pendingReviews?: string[];
  /** Clearances of orders still open. */
  clearances?: OrderClearance[];
  /** History length at which the account continues as new; default 2,000 (tests lower it). */
  continueAsNewAfterEvents?: number;
}

export interface OrderPlacement {
  orderId: string;
  totalCents: Cents;
  /** The contract asks for credit-insurance cover. */
  insuranceRequired: boolean;
  actor: string;
}

export interface OrderClearance extends Clearance {
  orderId: string;
}

export interface CreditDecided {
  opportunityId: string;
  outcome: CreditOutcome;
  creditLimitCents: Cents | null;
  conditions: CreditCondition[];
  score: number | null;
  by: string;
}

export interface ReviewCompletion {
  actor: string;
  reason: string;
  /** A new credit limit, when the review changes it. */
  creditLimitCents?: Cents;
}

export interface AccountView extends Omit<CreditAccountState, 'journal'> {
  exposureCents: Cents;
  openOrders: number;
  journal: CreditAccountState['journal'];
}

export const placeOrderUpdate = defineUpdate<OrderClearance, [OrderPlacement]>('placeOrder');
export const recordInsurerLimitUpdate = defineUpdate<AccountView, [InsurerLimitChange]>('recordInsurerLimit');
export const completeReviewUpdate = defineUpdate<AccountView, [ReviewCompletion]>('completeReview');
export const creditDecidedSignal = defineSignal<[CreditDecided]>('creditDecided');
export const orderInvoicedSignal = defineSignal<[{ orderId: string; invoiceNumber: string; invoicedCents: Cents; orderFullyInvoiced: boolean }]>('orderInvoiced');
/** Part of an open invoice settled (payment, credit note): the exposure falls without waiting for a review. */
export const invoiceSettledSignal = defineSignal<[{ invoiceNumber: string; amountCents: Cents; by: string }]>('invoiceSettled');
export const orderCancelledSignal = defineSignal<[{ orderId: string }]>('orderCancelled');
export const contractSignedSignal = defineSignal<[{ contractId: string; renewsContractId: string | null }]>('contractSigned');
export const accountStatusQuery = defineQuery<AccountView>('accountStatus');
