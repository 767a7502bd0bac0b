import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays } from '../../domain/calendar';
import { OTHER_CONSUMER_V1, OTHER_V1, RISK_V1, TOP_2500_V1, TOP_400_V1 } from '../../domain/procedures/tracks-v1';
import { timeline } from '../../domain/procedures/schedule';
import type { Procedure } from '../../domain/procedures/definition';
import { dossierWorkflowId } from '../../workflows/dossier/contract';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { createHarness, routineAnswers, stepsTaken, type Harness } from '../support/dossier-harness';
import { recordHistory, startTestWorker, timeSkippingEnvironment } from '../support/temporal';

const TASK_QUEUE = 'tracks-test';

describe('each collection track, day by day, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let harness: Harness;
  let worker: { stop(): Promise<void> };

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    db = await openTestDatabase('sqlite');
    harness = await createHarness(env, db, TASK_QUEUE);
    worker = await startTestWorker(env, db.orm, TASK_QUEUE);
  });
  afterAll(async () => {
    await worker?.stop();
    await harness?.close();
    await db?.close();
    await env?.teardown();
  });

  const tracks: Array<[string, Procedure, Record<string, unknown>]> = [
    ['Top 400', TOP_400_V1, { revenueRank: 12 }],
    ['Top 2,500', TOP_2500_V1, { revenueRank: 1_200 }],
    ['Other customers', OTHER_V1, { revenueRank: 9_000 }],
    ['Risk customers', RISK_V1, { revenueRank: 9_000, riskClass: 'high' }],
    ['Other customers, consumers', OTHER_CONSUMER_V1, { kind: 'B2C', language: 'fr' }],
  ];

  it.each(tracks)('%s: every step on its day, from the courtesy reminder to the legal handoff', async (name, procedure, fields) => {
    const customerId = `TRACK-${procedure.id}`;
    {
      await harness.registerCustomer(customerId, fields);
      const dueDate = addDays(await harness.today(), 10);
      await harness.registerInvoice(customerId, `${customerId}-F1`, dueDate);
      const end = await harness.run(customerId, routineAnswers);

      const expected = timeline(procedure, dueDate).map(({ step, date }) => `${step.code} ${date}`);
      expect(stepsTaken(end)).toEqual(expected);
      expect(end.status).toBe('finished');
      expect(end.invoices[0]).toMatchObject({ status: 'with-legal', level: 'LEGAL' });
      const written = procedure.steps.filter((s) => s.kind === 'written-reminder' || s.kind === 'formal-notice').length;
      expect(end.messagesSent).toBe(written);
      if (name) await recordHistory(`track-${procedure.id}`, env.client.workflow.getHandle(dossierWorkflowId(customerId)));
    }
  });
});
