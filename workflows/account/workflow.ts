/**
 * One customer account per customer, for as long as the customer exists: the credit
 * limit, the insurer's limit, the risk score and its history, payment behaviour, open
 * exposure and the review schedule. It decides whether an order may be delivered (one
 * order at a time, so two orders never both fit under the same limit), reviews itself on
 * a timer and at every new order or contract renewal, and asks credit staff to look when
 * the score or the insurer's limit moves. Rules in domain/credit; this file sequences.
 */
import { ActivityFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CreditActivities } from '../../activities/credit';
import { addDays, dateInZone, instantAt } from '../../domain/calendar';
import * as account from '../../domain/credit/account';
import { euroText } from '../../domain/money';
import * as contract from './contract';

const activities = proxyActivities<CreditActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;
/** Periodic reviews run early in the working day, before the action list is read. */
const REVIEW_HOUR = 7;
/** A report younger than this is good enough for the review at a new order (reports cost money). */
const REPORT_MAX_AGE_DAYS = 90;
/** A review occasion that asks for a person whatever the review finds. */
const ATTENTION = 'attention: ';

export async function customerAccountWorkflow(input: contract.AccountInput): Promise<void> {
  const { workflowId } = workflowInfo();
  const today = () => dateInZone(Date.now(), input.timeZone);
  let state = input.state ?? account.newAccount({ ...input, today: today() });
  /** Why a review is due, oldest first: 'scheduled', 'order 42', 'contract renewal C-7'. */
  const pendingReviews: string[] = [...(input.pendingReviews ?? [])];
  /** Kept while the order is open, so placing it again answers the same. */
  const clearances = new Map((input.clearances ?? []).map((clearance) => [clearance.orderId, clearance]));
  const closedTasks: Array<{ taskId: string; outcome: string; actor: string }> = [];

  const view = (): contract.AccountView => ({
    ...state,
    exposureCents: account.totalExposure(state),
    openOrders: Object.keys(state.exposure.orders).length,
  });

  setHandler(contract.accountStatusQuery, view);

  setHandler(
    contract.placeOrderUpdate,
    // Synchronous on purpose: no await between reading the exposure and adding this order to
    // it, so two orders arriving together are decided one after the other.
    (placement) => {
      const known = clearances.get(placement.orderId);
      if (known) return known;
      const clearance: contract.OrderClearance = {
        orderId: placement.orderId,
        ...account.deliveryClearance(state, placement.totalCents, placement.insuranceRequired),
      };
      state = account.journal(
        { ...state, exposure: { ...state.exposure, orders: { ...state.exposure.orders, [placement.orderId]: placement.totalCents } } },
        {
          on: today(),
          actor: placement.actor,
          action: clearance.cleared ? 'order-cleared' : 'order-blocked',
          detail: `order ${placement.orderId}: ${clearance.cleared ? 'within limits' : clearance.reasons.join('; ')}`,
        },
      );
      clearances.set(placement.orderId, clearance);
      pendingReviews.push(`order ${placement.orderId}`);
      return clearance;
    },
    {
      validator: (placement: contract.OrderPlacement) => {
        if (!placement.orderId?.trim()) throw new Error('orderId: required');
        if (!Number.isSafeInteger(placement.totalCents) || placement.totalCents <= 0) throw new Error('totalCents: must be a positive whole number of cents');
        if (!placement.actor?.trim()) throw new Error('actor: say who places the order');
      },
    },
  );

  setHandler(
    contract.recordInsurerLimitUpdate,
    (change) => {
      const result = account.applyInsurerLimit(state, change, today());
      state = result.state;
      if (result.attention.length > 0) pendingReviews.push(`${ATTENTION}${result.attention.join('; ')}`);
      return view();
    },
    {
      validator: (change: account.InsurerLimitChange) => {
        if (!change.actor?.trim()) throw new Error('actor: say who records the insurer\'s decision');
        if (!change.reason?.trim()) throw new Error('reason: name the insurer\'s notice (date, reference)');
        if (change.withdrawn && change.limitCents !== null) throw new Error('limitCents: a withdrawn cover has no limit; send null');
        if (change.limitCents !== null && !(Number.isSafeInteger(change.limitCents) && change.limitCents >= 0)) {
          throw new Error('limitCents: must be a whole number of cents, 0 or more, or null');
        }
      },
    },
  );

  setHandler(
    contract.completeReviewUpdate,
    (completion) => {
      const task = state.reviewTask!;
      closedTasks.push({ taskId: `${workflowId}/${task.id}`, outcome: completion.creditLimitCents === undefined ? 'reviewed' : 'limit-changed', actor: completion.actor });
      const limit = completion.creditLimitCents ?? state.creditLimitCents;
      state = account.journal(
        { ...state, reviewTask: null, creditLimitCents: limit },
        { on: today(), actor: completion.actor, action: 'review-done', detail: `${completion.reason}${completion.creditLimitCents === undefined ? '' : `; credit limit now ${completion.creditLimitCents} cents`}` },
      );
      return view();
    },
    {
      validator: (completion: contract.ReviewCompletion) => {
        if (!state.reviewTask) throw new Error('taskId: the account has no open review task');
        if (!completion.actor?.trim()) throw new Error('actor: say who reviewed');
        if (!completion.reason?.trim()) throw new Error('reason: say what you found; it is kept for the audit');
        if (completion.creditLimitCents !== undefined && !(Number.isSafeInteger(completion.creditLimitCents) && completion.creditLimitCents >= 0)) {
          throw new Error('creditLimitCents: must be a whole number of cents, 0 or more');
        }
      },
    },
  );

  setHandler(contract.creditDecidedSignal, (decided) => {
    const limitBefore = state.creditLimitCents;
    state = account.applyCreditDecision(state, decided, today());
    // A refusal grants nothing new, and says something about the limit already granted: a person looks at it.
    if (decided.outcome === 'refuse' && limitBefore !== null) {
      pendingReviews.push(`${ATTENTION}opportunity ${decided.opportunityId} was refused (${decided.by}) while a credit limit of ${euroText(limitBefore)} still applies`);
    }
  });
  setHandler(contract.orderInvoicedSignal, (invoiced) => {
    const orders = { ...state.exposure.orders };
    const remaining = (orders[invoiced.orderId] ?? 0) - invoiced.invoicedCents;
    if (invoiced.orderFullyInvoiced || remaining <= 0) delete orders[invoiced.orderId];
    else orders[invoiced.orderId] = remaining;
    state = account.journal(
      { ...state, exposure: { ...state.exposure, orders, openInvoicesCents: state.exposure.openInvoicesCents + invoiced.invoicedCents } },
      { on: today(), actor: 'system', action: 'order-invoiced', detail: `order ${invoiced.orderId}: invoice ${invoiced.invoiceNumber}` },
    );
  });
  setHandler(contract.invoiceSettledSignal, (settled) => {
    // A delta, so signals and reviews in any order add up; the next review sets the figure from the dossier.
    const openInvoicesCents = Math.max(0, state.exposure.openInvoicesCents - settled.amountCents);
    state = account.journal(
      { ...state, exposure: { ...state.exposure, openInvoicesCents } },
      { on: today(), actor: settled.by, action: 'invoice-settled', detail: `${settled.amountCents} cents on ${settled.invoiceNumber}` },
    );
  });
  setHandler(contract.orderCancelledSignal, ({ orderId }) => {
    const orders = { ...state.exposure.orders };
    delete orders[orderId];
    state = account.journal({ ...state, exposure: { ...state.exposure, orders } }, { on: today(), actor: 'system', action: 'order-cancelled', detail: `order ${orderId}` });
  });
  setHandler(contract.contractSignedSignal, (signed) => {
    if (signed.renewsContractId) pendingReviews.push(`contract renewal ${signed.contractId}`);
  });

  const review = async (occasion: string) => {
    const lastScore = state.scores.at(-1);
    const reportIsOld = !lastScore || Date.now() - instantAt(lastScore.on, 0, input.timeZone) > REPORT_MAX_AGE_DAYS * 86_400_000;
    let found;
    try {
      found = await activities.reviewCreditPosition({
        customerId: input.customerId,
        customerKind: input.customerKind,
        enterpriseNumber: input.enterpriseNumber,
        today: today(),
        fetchReport: occasion === 'scheduled' || occasion.startsWith('contract renewal') || reportIsOld,
      });
    } catch (error) {
      // Transient trouble is retried inside the activity; what reaches us must not stop the account.
      if (!(error instanceof ActivityFailure)) throw error;
      state = account.reviewFailed(state, occasion, error.cause?.message ?? error.message, today(), addDays(today(), 1));
      return;
    }
    const reviewed = account.applyReview(state, { ...found, on: today(), occasion });
    state = reviewed.state;
    const attention = [...reviewed.attention, ...(occasion.startsWith(ATTENTION) ? [occasion.slice(ATTENTION.length)] : [])];
    if (attention.length > 0 && !state.reviewTask) {
      const task: account.ReviewTask = { id: `review-${state.revision}`, reasons: attention, dueAt: account.reviewTaskDeadline(Date.now()) };
      await activities.openCreditTask({
        taskId: `${workflowId}/${task.id}`, workflowId, customerId: input.customerId, kind: 'credit-review', pool: contract.CREDIT_POOL,
        summary: `Review credit position: ${attention.join('; ')}`, dueAt: task.dueAt,
      });
      state = account.journal({ ...state, reviewTask: task }, { on: today(), actor: 'system', action: 'review-task', detail: attention.join('; ') });
    } else if (attention.length > 0 && state.reviewTask) {
      // One open review at a time: what else came up joins it, for the same person to see.
      const reasons = [...state.reviewTask.reasons, ...attention.filter((reason) => !state.reviewTask!.reasons.includes(reason))];
      state = account.journal({ ...state, reviewTask: { ...state.reviewTask, reasons } }, { on: today(), actor: 'system', action: 'review-task', detail: `also: ${attention.join('; ')}` });
    }
  };

  /** The next review to run; orders waiting together are reviewed together (one report, one look). */
  const nextOccasion = (): string | undefined => {
    const first = pendingReviews.shift();
    if (!first?.startsWith('order ')) return first;
    const more = pendingReviews.filter((occasion) => occasion.startsWith('order '));
    if (more.length === 0) return first;
    pendingReviews.splice(0, pendingReviews.length, ...pendingReviews.filter((occasion) => !occasion.startsWith('order ')));
    return `orders ${[first, ...more].map((occasion) => occasion.slice('order '.length)).join(', ')}`;
  };

  /** The portfolio list reads a stored row; it is written when the account changed, not on every turn. */
  let projectedRevision = -1;
  const project = async () => {
    if (state.revision === projectedRevision) return;
    const current = view();
    await activities.recordAccountProjection({ view: current });
    projectedRevision = current.revision;
  };

  for (;;) {
    while (closedTasks.length > 0) await activities.closeHumanTask(closedTasks.shift()!);
    const occasion = nextOccasion();
    if (occasion) {
      await review(occasion);
      continue;
    }
    if (workflowInfo().historyLength > (input.continueAsNewAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (pendingReviews.length === 0 && closedTasks.length === 0) {
        const open = [...clearances.values()].filter((clearance) => clearance.orderId in state.exposure.orders);
        return continueAsNew<typeof customerAccountWorkflow>({ ...input, state, pendingReviews, clearances: open });
      }
      continue;
    }
    await project();
    const task = state.reviewTask;
    const reviewAt = instantAt(state.review.nextOn, REVIEW_HOUR, input.timeZone);
    const wakeAt = task && !task.escalated ? Math.min(reviewAt, task.dueAt) : reviewAt;
    const seen = state.revision;
    const moved = () => pendingReviews.length > 0 || closedTasks.length > 0 || state.revision !== seen;
    if (wakeAt > Date.now() && (await condition(moved, wakeAt - Date.now()))) continue;
    if (task && !task.escalated && task.dueAt <= Date.now()) {
      await activities.escalateHumanTask({ taskId: `${workflowId}/${task.id}` });
      state = account.journal({ ...state, reviewTask: { ...task, escalated: true } }, { on: today(), actor: 'system', action: 'review-task-escalated', detail: 'not looked at in time' });
      continue;
    }
    if (reviewAt <= Date.now()) pendingReviews.push('scheduled');
  }
}
