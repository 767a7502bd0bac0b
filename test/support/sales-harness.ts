/**
 * The front half under test: a time-skipping Temporal server, one worker for the file
 * (with the credit-data adapter pointed at the fake bureau), a SQLite database, and the
 * same gateway functions the API routes call, so a test walks the path a user does.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createHttpCreditDataProvider } from '../../adapters/credit-data/http-client';
import type { ApiDependencies } from '../../api/dependencies';
import { ensureAccount } from '../../api/sales-gateway';
import { Customer } from '../../db/entities';
import { dateInZone, type CalendarDate } from '../../domain/calendar';
import type { CustomerKind } from '../../domain/procedures/definition';
import { startFakeCreditBureau, type CompanyProfile, type FakeCreditBureau } from '../../fakes/credit-bureau/server';
import { openTestDatabase, type TestDatabase } from './databases';
import { startTestWorker, TEST_CREDITOR, timeSkippingEnvironment, type TestWorkerOptions } from './temporal';

export const ZONE = 'Europe/Brussels';

export interface SalesHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  bureau: FakeCreditBureau;
  deps: ApiDependencies;
  today(): Promise<CalendarDate>;
  customer(id: string, kind: CustomerKind, enterpriseNumber: string | null): Promise<Customer>;
  close(): Promise<void>;
}

export async function startSalesHarness(taskQueue: string, wrap?: TestWorkerOptions['wrap']): Promise<SalesHarness> {
  const env = await timeSkippingEnvironment();
  const db = await openTestDatabase('sqlite');
  const bureau = await startFakeCreditBureau();
  const worker = await startTestWorker(env, db.orm, taskQueue, {
    creditData: createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: bureau.apiKey }),
    ...(wrap ? { wrap } : {}),
  });
  const deps: ApiDependencies = { orm: db.orm, temporal: env.client, taskQueue, creditor: TEST_CREDITOR, defaultTimeZone: ZONE };
  return {
    env,
    db,
    bureau,
    deps,
    today: async () => dateInZone(await env.currentTimeMs(), ZONE),
    async customer(id, kind, enterpriseNumber) {
      const em = db.orm.em.fork();
      const customer = em.create(Customer, {
        id, name: `Customer ${id}`, email: `ap@${id.toLowerCase()}.example`, language: 'nl', kind, timeZone: ZONE,
        enterpriseNumber, vatNumber: enterpriseNumber ? `BE${enterpriseNumber}` : null, createdAt: new Date(),
      });
      await em.flush();
      await ensureAccount(deps, customer);
      return customer;
    },
    async close() {
      await worker.stop();
      await bureau.close();
      await env.teardown();
      await db.close();
    },
  };
}

/** A valid enterprise number from eight digits (the last two are 97 minus them modulo 97). */
export function enterpriseNumber(eightDigits: number): string {
  const base = String(eightDigits).padStart(8, '0');
  return `${base}${String(97 - (eightDigits % 97)).padStart(2, '0')}`;
}

/** A plain company profile for the fake bureau; tests change what matters to them. */
export function companyProfile(today: CalendarDate, changes: Partial<CompanyProfile> = {}): CompanyProfile {
  return {
    name: 'Testbedrijf BV', legalForm: 'BV', city: 'Leuven', score: 70, creditLimit: '100000.00', daysBeyondTerms: 3, group: null,
    lastAccountsDate: `${Number(today.slice(0, 4)) - 1}-12-31`, negativeInformation: [], ...changes,
  };
}
