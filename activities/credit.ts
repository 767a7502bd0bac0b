/**
 * Activities of the credit side: gather the facts and figures for a credit check or a
 * review (trade report through the credit-data adapter, our own payment experience from
 * the invoices, exposure from the account), record decisions, and open tasks for credit
 * staff. Reads of live state go through Temporal queries; nothing here decides.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CreditDataRateLimited, CreditReportUnavailable, type CreditDataProvider } from '../adapters/credit-data/provider';
import { AccountProjection, CreditDecisionRecord, Invoice, Opportunity } from '../db/entities';
import type { CalendarDate } from '../domain/calendar';
import type { CreditDecision, InternalBehaviour } from '../domain/credit/acceptance-policy';
import { paymentBehaviour } from '../domain/credit/payment-behaviour';
import type { CreditReport } from '../domain/credit/report';
import { sumCents } from '../domain/money';
import type { CustomerKind } from '../domain/procedures/definition';
import { accountStatusQuery, accountWorkflowId, type AccountView } from '../workflows/account/contract';
import { dossierStatusQuery, dossierWorkflowId } from '../workflows/dossier/contract';
import type { FinalCreditDecision } from '../workflows/opportunity/contract';
import type { createCollectionActivities } from './collection';
import { openTaskOnce } from './human-tasks';
import { insertOnce } from './insert-once';

export interface CreditActivityDependencies {
  orm: MikroORM;
  creditData: CreditDataProvider;
  temporal: Client;
}

export type CreditTaskKind = 'credit-referral' | 'delivery-block' | 'credit-review' | 'invoicing';

export interface CreditTaskRequest {
  taskId: string;
  workflowId: string;
  customerId: string;
  kind: CreditTaskKind;
  pool: string;
  summary: string;
  dueAt: number;
}

export interface CreditFacts {
  report: CreditReport | null;
  /** Why there is no report (consumer, unknown company), for the person reading the decision. */
  reportProblem: string | null;
  internal: InternalBehaviour;
  currentExposureCents: number;
}

/** Missing workflows read as "nothing yet": a new customer has no dossier and no exposure. */
async function queryOrNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

export function createCreditActivities(deps: CreditActivityDependencies) {
  const { orm, temporal } = deps;

  async function fetchReport(kind: CustomerKind, enterpriseNumber: string | null, today: CalendarDate): Promise<{ report: CreditReport | null; problem: string | null }> {
    if (kind === 'B2C') return { report: null, problem: 'consumer: no trade report' };
    if (!enterpriseNumber) return { report: null, problem: 'no enterprise number on the customer: add it to get a trade report' };
    try {
      return { report: await deps.creditData.fetchReport(enterpriseNumber, { today }), problem: null };
    } catch (error) {
      if (!(error instanceof CreditReportUnavailable)) throw error;
      // Unknown to the provider: the policy decides without a report. Other failures are the
      // provider's or ours: retry the transient ones, stop on the rest with the adapter's advice.
      if (error.reason === 'company-not-found') return { report: null, problem: error.message };
      // The provider says when to come back: the next attempt waits that long, not our backoff.
      if (error instanceof CreditDataRateLimited) {
        throw ApplicationFailure.create({ message: error.message, type: 'CreditDataRateLimited', nextRetryDelay: `${error.retryAfterSeconds} seconds` });
      }
      if (error.retryable) throw error;
      throw ApplicationFailure.nonRetryable(error.message, 'CreditReportUnavailable');
    }
  }

  /** Our own experience, from the paid invoices and the customer's dossier as it stands (one query). */
  async function ownExperience(customerId: string, today: CalendarDate): Promise<{ behaviour: InternalBehaviour; openInvoicesCents: number }> {
    const paid = await orm.em.fork().find(Invoice, { customer: customerId, paidOn: { $ne: null } }, { fields: ['dueDate', 'paidOn'] });
    const dossier = await queryOrNull(() => temporal.workflow.getHandle(dossierWorkflowId(customerId)).query(dossierStatusQuery));
    const open = (dossier?.invoices ?? []).filter((invoice) => invoice.status !== 'paid');
    const overdue = (dossier?.invoices ?? []).filter((invoice) => invoice.status === 'open' && invoice.dueDate < today);
    return {
      behaviour: {
        ...paymentBehaviour(paid.map((invoice) => ({ dueDate: invoice.dueDate, paidOn: invoice.paidOn! })), today),
        openOverdueCents: sumCents(overdue.map((invoice) => invoice.openCents)),
        brokenPromises: dossier?.brokenPromises ?? 0,
      },
      openInvoicesCents: sumCents(open.map((invoice) => invoice.openCents)),
    };
  }

  return {
    async gatherCreditFacts(request: { customerId: string; customerKind: CustomerKind; enterpriseNumber: string | null; today: CalendarDate }): Promise<CreditFacts> {
      const { report, problem } = await fetchReport(request.customerKind, request.enterpriseNumber, request.today);
      const account = await queryOrNull(() => temporal.workflow.getHandle(accountWorkflowId(request.customerId)).query(accountStatusQuery));
      return {
        report,
        reportProblem: problem,
        internal: (await ownExperience(request.customerId, request.today)).behaviour,
        currentExposureCents: account?.exposureCents ?? 0,
      };
    },

    async reviewCreditPosition(request: { customerId: string; customerKind: CustomerKind; enterpriseNumber: string | null; today: CalendarDate; fetchReport: boolean }) {
      const { report, problem } = request.fetchReport ? await fetchReport(request.customerKind, request.enterpriseNumber, request.today) : { report: null, problem: 'recent report reused' };
      return {
        score: report?.score ?? null,
        source: report ? `${report.provider} report ${report.reportId}` : (problem ?? 'no report'),
        ...(await ownExperience(request.customerId, request.today)),
      };
    },

    async openCreditTask(request: CreditTaskRequest): Promise<void> {
      await openTaskOnce(orm, { ...request, stepCode: '', invoiceNumbers: [] });
    },

    async recordCreditDecision(request: { opportunityId: string; customerId: string; proposal: CreditDecision; decision: FinalCreditDecision; report: CreditReport | null }): Promise<void> {
      const { decision, proposal } = request;
      await insertOnce(
        orm,
        () => orm.em.fork().findOne(CreditDecisionRecord, { opportunityId: request.opportunityId }),
        async () => {
          const em = orm.em.fork();
          const record = em.create(CreditDecisionRecord, {
            id: randomUUID(), opportunityId: request.opportunityId, customerId: request.customerId, outcome: decision.outcome,
            referred: decision.referred, conditions: decision.conditions, creditLimitCents: decision.creditLimitCents,
            policyId: proposal.policy.id, policyVersion: proposal.policy.version, reasons: proposal.reasons,
            figures: { ...proposal.figures, proposedOutcome: proposal.outcome, expired: decision.expired }, report: request.report,
            feeling: decision.feeling, decidedBy: decision.decidedBy, decidedAt: new Date(),
          });
          await em.flush();
          return record;
        },
      );
      const status = decision.outcome === 'accept' ? 'accepted' : decision.outcome === 'refuse' ? 'refused' : 'conditions';
      await orm.em.fork().nativeUpdate(Opportunity, { id: request.opportunityId }, { status, decidedAt: new Date() });
    },

    /** The portfolio list's row; an older revision never overwrites a newer one. */
    async recordAccountProjection(request: { view: AccountView }): Promise<void> {
      const { view } = request;
      const em = orm.em.fork();
      const data = {
        creditLimitCents: view.creditLimitCents,
        exposureCents: view.exposureCents,
        openOrders: view.openOrders,
        insuredLimitCents: view.insurance.limitCents,
        insuranceWithdrawn: view.insurance.withdrawn,
        score: view.scores.at(-1)?.score ?? null,
        nextReviewOn: view.review.nextOn,
        reviewTaskOpen: view.reviewTask !== null,
        lastDecision: view.lastDecision?.outcome ?? null,
        revision: view.revision,
        updatedAt: new Date(),
      };
      const existing = await em.findOne(AccountProjection, { customerId: view.customerId });
      if (existing && existing.revision >= view.revision) return;
      if (existing) em.assign(existing, data);
      else em.create(AccountProjection, { customerId: view.customerId, ...data });
      await em.flush();
    },

    async markOpportunityReferred(request: { opportunityId: string }): Promise<void> {
      await orm.em.fork().nativeUpdate(Opportunity, { id: request.opportunityId, status: 'checking' }, { status: 'referred' });
    },
  };
}

type CollectionActivities = ReturnType<typeof createCollectionActivities>;
export type CreditActivities = ReturnType<typeof createCreditActivities> & Pick<CollectionActivities, 'closeHumanTask' | 'escalateHumanTask'>;
