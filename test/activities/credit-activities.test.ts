/**
 * The credit activities against the fake bureau and a real database: what a check sees
 * (report, our own payment experience), how provider failures reach Temporal (retry when
 * it makes sense, with the provider's own delay), and decisions and tasks written once.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCreditActivities } from '../../activities/credit';
import { createHttpCreditDataProvider } from '../../adapters/credit-data/http-client';
import { CreditReportUnavailable } from '../../adapters/credit-data/provider';
import { CreditDecisionRecord, Customer, HumanTaskRecord, Invoice, Opportunity } from '../../db/entities';
import { addDays, calendarDate } from '../../domain/calendar';
import { decideCredit } from '../../domain/credit/acceptance-policy';
import { ACCEPTANCE_POLICY_V1 } from '../../domain/credit/policies';
import { startFakeCreditBureau, type FakeCreditBureau } from '../../fakes/credit-bureau/server';
import type { FinalCreditDecision } from '../../workflows/opportunity/contract';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';
import { timeSkippingEnvironment } from '../support/temporal';

const today = calendarDate('2026-12-03');
let env: TestWorkflowEnvironment;
let bureau: FakeCreditBureau;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  bureau = await startFakeCreditBureau();
}, 60_000);
afterAll(async () => {
  await bureau?.close();
  await env?.teardown();
});

describe.each(dialects)('credit activities on %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let db: TestDatabase;
    let activities: ReturnType<typeof createCreditActivities>;
    beforeAll(async () => {
      db = await openTestDatabase(dialect);
      activities = createCreditActivities({ orm: db.orm, creditData: createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: bureau.apiKey }), temporal: env.client });
      const em = db.orm.em.fork();
      const customer = em.create(Customer, { id: 'B1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B', timeZone: 'Europe/Brussels', enterpriseNumber: '0456789133', createdAt: new Date() });
      const paid = (number: string, dueDate: string, paidOn: string) => em.create(Invoice, {
        number, customer, issueDate: addDays(calendarDate(dueDate), -30), dueDate: calendarDate(dueDate), amountCents: 1_000_00, currency: 'EUR', paidOn: calendarDate(paidOn), createdAt: new Date(),
      });
      paid('P-1', '2026-03-31', '2026-04-20'); // 20 days late
      paid('P-2', '2026-06-30', '2026-06-25'); // early: counts as 0
      paid('P-3', '2025-06-30', '2025-09-30'); // older than a year: not counted
      em.create(Opportunity, { id: 'OPP-1', customer, description: 'racking', requestedExposureCents: 10_000_00, requestedPaymentTermDays: 0, status: 'checking', createdBy: 'sales', createdAt: new Date() });
      await em.flush();
    });
    afterAll(() => db?.close());

    it('gathers the trade report and our own experience of the last twelve months; no dossier or account yet reads as none', async () => {
      const facts = await activities.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2B', enterpriseNumber: '0456789133', today });
      expect(facts.report).toMatchObject({ score: 85, recommendedLimitCents: 500_000_00, retrievedOn: today });
      expect(facts.internal).toEqual({ averageDaysLate: 10, invoicesPaidLast12Months: 2, openOverdueCents: 0, brokenPromises: 0 });
      expect(facts.currentExposureCents).toBe(0);
    });

    it('asks no provider about a consumer, and decides on a company the provider does not know without a report', async () => {
      const before = bureau.requests;
      expect(await activities.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2C', enterpriseNumber: null, today })).toMatchObject({ report: null, reportProblem: 'consumer: no trade report' });
      expect(bureau.requests).toBe(before);
      const unknown = await activities.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2B', enterpriseNumber: '0999999922', today });
      expect(unknown.report).toBeNull();
      expect(unknown.reportProblem).toMatch(/no company with enterprise number 0999\.999\.922/);
    });

    it('passes the provider\'s rate limit on as the delay before the next attempt, and retries its outages', async () => {
      bureau.failNext(429);
      const limited = await activities.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2B', enterpriseNumber: '0456789133', today }).catch((error: unknown) => error);
      expect(limited).toBeInstanceOf(ApplicationFailure);
      expect(limited).toMatchObject({ type: 'CreditDataRateLimited', nonRetryable: false, nextRetryDelay: '1 seconds' });
      bureau.failNext(503);
      const outage = await activities.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2B', enterpriseNumber: '0456789133', today }).catch((error: unknown) => error);
      expect(outage).toBeInstanceOf(CreditReportUnavailable);
      expect(outage).toMatchObject({ retryable: true });
    });

    it('stops at once, with the adapter\'s advice, when the provider refuses our key', async () => {
      const wrongKey = createCreditActivities({ orm: db.orm, creditData: createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: 'wrong' }), temporal: env.client });
      const failure = await wrongKey.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2B', enterpriseNumber: '0456789133', today }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ type: 'CreditReportUnavailable', nonRetryable: true });
      expect((failure as Error).message).toMatch(/CREDIT_DATA_API_KEY/);
    });

    it('records a decision once, with its facts, figures and feeling, and marks the opportunity decided', async () => {
      const facts = await activities.gatherCreditFacts({ customerId: 'B1', customerKind: 'B2B', enterpriseNumber: '0456789133', today });
      const proposal = decideCredit(ACCEPTANCE_POLICY_V1, { customerKind: 'B2B', report: facts.report, internal: facts.internal, requestedExposureCents: 10_000_00, currentExposureCents: 0, today });
      const decision: FinalCreditDecision = {
        outcome: proposal.outcome === 'refer' ? 'conditions' : proposal.outcome, conditions: [], creditLimitCents: proposal.creditLimitCents, referred: false,
        expired: false, decidedBy: 'credit:els', feeling: 'long-standing customer', reason: 'within policy', on: today,
      };
      const request = { opportunityId: 'OPP-1', customerId: 'B1', proposal, decision, report: facts.report };
      await Promise.all([activities.recordCreditDecision(request), activities.recordCreditDecision(request)]);
      const rows = await db.orm.em.fork().find(CreditDecisionRecord, { opportunityId: 'OPP-1' });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ outcome: 'accept', feeling: 'long-standing customer', decidedBy: 'credit:els', report: { score: 85 }, figures: { averageDaysLate: 10 } });
      expect((await db.orm.em.fork().findOneOrFail(Opportunity, { id: 'OPP-1' })).status).toBe('accepted');
    });

    it('opens a credit task once, however often the activity runs', async () => {
      const task = { taskId: 'opportunity:OPP-1/referral', workflowId: 'opportunity:OPP-1', customerId: 'B1', kind: 'credit-referral' as const, pool: 'credit', summary: 'grey zone', dueAt: Date.now() + 86_400_000 };
      await Promise.all([activities.openCreditTask(task), activities.openCreditTask(task)]);
      expect(await db.orm.em.fork().count(HumanTaskRecord, { id: task.taskId })).toBe(1);
    });
  });
});
