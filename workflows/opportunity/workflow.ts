/**
 * The credit check at the opportunity: gather the facts (trade report) and figures (our
 * own experience, exposure), let the pinned acceptance policy decide, and when it refers,
 * wait for a person's decision with a deadline, escalate once, and fall back on the
 * policy's mitigation when nobody decides. The decision is recorded with its facts,
 * figures and feeling, and handed to the customer's account.
 */
import { ActivityFailure, allHandlersFinished, condition, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CreditActivities } from '../../activities/credit';
import { dateInZone } from '../../domain/calendar';
import { decideCredit, referWithoutFacts, type CreditDecision } from '../../domain/credit/acceptance-policy';
import { findAcceptancePolicy } from '../../domain/credit/policies';
import { checkReferralDecision, type ReferralDecision } from '../../domain/credit/referral';
import { accountWorkflowId, CREDIT_POOL, creditDecidedSignal } from '../account/contract';
import * as contract from './contract';

const activities = proxyActivities<CreditActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['CustomerNotFound'] },
});

const DAY_MS = 86_400_000;

export async function creditCheckWorkflow(input: contract.OpportunityInput): Promise<contract.OpportunityView> {
  const { workflowId } = workflowInfo();
  const today = () => dateInZone(Date.now(), input.timeZone);
  // Pinned by value when the check was opened; checks opened before that carry only the version.
  const policy = input.policy ?? findAcceptancePolicy(input.policyVersion);
  const view: contract.OpportunityView = {
    opportunityId: input.opportunityId,
    customerId: input.customerId,
    stage: 'checking',
    requestedExposureCents: input.requestedExposureCents,
    proposal: null,
    report: null,
    reportProblem: null,
    decision: null,
    referral: null,
    salesInformation: [],
  };

  setHandler(contract.opportunityStatusQuery, () => view);
  setHandler(contract.checkOutcomeUpdate, async () => {
    await condition(() => view.stage !== 'checking');
    return view;
  });
  setHandler(
    contract.addSalesInformationUpdate,
    (info) => {
      view.salesInformation.push({ ...info, on: today() });
      return view;
    },
    {
      validator: (info: contract.SalesInformation) => {
        if (view.stage === 'decided') throw new Error('stage: the opportunity is decided; open a new one to reconsider');
        if (!info.actor?.trim()) throw new Error('actor: say who adds the information');
        if (!info.information?.trim()) throw new Error('information: write what sales knows (investments, takeovers, staff turnover)');
      },
    },
  );
  setHandler(
    contract.decideReferralUpdate,
    (decision) => {
      view.decision = {
        outcome: decision.outcome,
        conditions: decision.conditions ?? [],
        creditLimitCents: decision.outcome === 'refuse' ? null : (decision.creditLimitCents ?? view.proposal!.figures.exposureAfterCents),
        referred: true,
        expired: false,
        decidedBy: decision.actor,
        feeling: decision.feeling,
        reason: decision.reason,
        on: today(),
      };
      return view;
    },
    {
      validator: (decision: ReferralDecision) => {
        if (view.stage !== 'referred' || view.decision) throw new Error(`stage: the opportunity is ${view.decision ? 'already decided' : view.stage}, not waiting for a person`);
        checkReferralDecision(decision);
      },
    },
  );

  const request = { customerId: input.customerId, customerKind: input.customerKind, enterpriseNumber: input.enterpriseNumber, today: today() };
  // Transient trouble is retried by the activity; what is left (a refused key, say) goes to a person, not into a failed check.
  const facts = await activities.gatherCreditFacts(request).catch((error: unknown) => {
    if (error instanceof ActivityFailure) return { problem: error.cause?.message ?? error.message };
    throw error;
  });
  let proposal: CreditDecision;
  if ('problem' in facts) {
    view.reportProblem = facts.problem;
    proposal = referWithoutFacts(policy, input, `the facts could not be gathered: ${facts.problem}`);
  } else {
    view.report = facts.report;
    view.reportProblem = facts.reportProblem;
    proposal = decideCredit(policy, {
      customerKind: input.customerKind,
      report: facts.report,
      internal: facts.internal,
      requestedExposureCents: input.requestedExposureCents,
      ...(input.requestedPaymentTermDays === undefined ? {} : { requestedPaymentTermDays: input.requestedPaymentTermDays }),
      currentExposureCents: facts.currentExposureCents,
      today: today(),
    });
  }
  view.proposal = proposal;
  const report = 'problem' in facts ? null : facts.report;

  if (proposal.outcome !== 'refer') {
    view.decision = {
      outcome: proposal.outcome,
      conditions: proposal.conditions,
      creditLimitCents: proposal.creditLimitCents,
      referred: false,
      expired: false,
      decidedBy: `policy ${policy.id}@v${policy.version}`,
      feeling: null,
      reason: proposal.reasons.map((reason) => reason.detail).join('; '),
      on: today(),
    };
  } else {
    view.stage = 'referred';
    const taskId = `${workflowId}/referral`;
    view.referral = { taskId, dueAt: Date.now() + policy.referral.decideWithinDays * DAY_MS, escalated: false };
    await activities.openCreditTask({
      taskId, workflowId, customerId: input.customerId, kind: 'credit-referral', pool: CREDIT_POOL, dueAt: view.referral.dueAt,
      summary: `Credit check of ${input.description}: ${proposal.reasons.map((reason) => reason.detail).join('; ')}`,
    });
    await activities.markOpportunityReferred({ opportunityId: input.opportunityId });
    if (!(await condition(() => view.decision !== null, view.referral.dueAt - Date.now()))) {
      await activities.escalateHumanTask({ taskId });
      view.referral = { ...view.referral, escalated: true, dueAt: Date.now() + policy.referral.escalatedDecideWithinDays * DAY_MS };
      if (!(await condition(() => view.decision !== null, view.referral.dueAt - Date.now()))) {
        view.decision = {
          outcome: policy.expiredReferral.outcome,
          conditions: policy.expiredReferral.conditions,
          creditLimitCents: policy.expiredReferral.outcome === 'refuse' ? null : proposal.figures.exposureAfterCents,
          referred: true,
          expired: true,
          decidedBy: `policy ${policy.id}@v${policy.version}`,
          feeling: null,
          reason: `nobody decided within ${policy.referral.decideWithinDays + policy.referral.escalatedDecideWithinDays} days: the policy's fallback applies`,
          on: today(),
        };
      }
    }
    await activities.closeHumanTask({ taskId, outcome: view.decision!.expired ? 'expired' : view.decision!.outcome, actor: view.decision!.decidedBy });
  }

  const decision = view.decision!;
  await activities.recordCreditDecision({ opportunityId: input.opportunityId, customerId: input.customerId, proposal, decision, report });
  await getExternalWorkflowHandle(accountWorkflowId(input.customerId)).signal(creditDecidedSignal, {
    opportunityId: input.opportunityId,
    outcome: decision.outcome,
    creditLimitCents: decision.creditLimitCents,
    conditions: decision.conditions,
    score: report?.score ?? null,
    by: decision.decidedBy,
  });
  // Only now "decided": whoever was told so can sign a contract or place an order at once.
  view.stage = 'decided';
  await condition(allHandlersFinished);
  return view;
}
