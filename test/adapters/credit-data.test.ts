/**
 * The real HTTP credit-data client against the fake bureau (same protocol as the real
 * provider), and against tiny node:http servers for the failures the fake cannot stage.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, dateInZone, type CalendarDate } from '../../domain/calendar';
import { filingAgeMonths, normaliseEnterpriseNumber } from '../../domain/credit/report';
import { createHttpCreditDataProvider } from '../../adapters/credit-data/http-client';
import { CreditReportUnavailable, type CreditDataProvider } from '../../adapters/credit-data/provider';
import { FAKE_COMPANIES, startFakeCreditBureau, type CompanyProfile, type FakeCreditBureau } from '../../fakes/credit-bureau/server';

let bureau: FakeCreditBureau;
let client: CreditDataProvider;
// The fake dates its named reports from the real clock in Brussels; so does the test.
const today: CalendarDate = dateInZone(Date.now(), 'Europe/Brussels');

beforeAll(async () => {
  bureau = await startFakeCreditBureau({ apiKey: 'test-key' });
  client = createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: bureau.apiKey });
});
afterAll(() => bureau.close());

async function failureOf(promise: Promise<unknown>): Promise<CreditReportUnavailable> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof CreditReportUnavailable)) throw new Error(`expected CreditReportUnavailable, got ${String(error)}`);
  return error;
}

/** A one-route HTTP server; `respond` may also never answer. */
async function startStub(respond: (response: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => respond(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const quiet = { onUnknownEventType: () => undefined };

function healthyProfile(overrides: Partial<CompanyProfile> = {}): CompanyProfile {
  return {
    name: 'Testbedrijf BV', legalForm: 'BV', city: 'Gent', score: 75, creditLimit: '1234567.89', daysBeyondTerms: 3,
    group: null, lastAccountsDate: '2024-12-31', negativeInformation: [], ...overrides,
  };
}

describe('the HTTP credit-data client against the fake bureau', () => {
  test('maps a large construction company in a group: score, exact limit, parent, year-end accounts', async () => {
    const report = await client.fetchReport('0456.789.133', { today });
    expect(report).toMatchObject({
      provider: '127.0.0.1', enterpriseNumber: '0456789133', companyName: 'Bouwgroep Scheldeland NV', retrievedOn: today,
      score: 85, recommendedLimitCents: 50_000_000, paymentIndexDaysBeyondTerms: 2,
      group: { parentName: 'Scheldeland Holding NV', parentEnterpriseNumber: '0431123428', members: 6 }, negativeEvents: [],
    });
    expect(report.reportId).toMatch(/^BE-0456789133-/);
    expect(report.lastAccountsDate).toMatch(/^\d{4}-12-31$/);
    expect(filingAgeMonths(report, today)).toBeLessThan(20);
  });

  test('maps a healthy SME outside any group', async () => {
    const report = await client.fetchReport('BE0812345603', { today });
    expect(report).toMatchObject({ score: 70, recommendedLimitCents: 7_500_000, group: { parentName: null, parentEnterpriseNumber: null, members: 1 } });
  });

  test('keeps the cents of a grey-zone limit exact and its late payment', async () => {
    const report = await client.fetchReport('0634521738', { today });
    expect(report).toMatchObject({ score: 40, recommendedLimitCents: 1_250_050, paymentIndexDaysBeyondTerms: 24 });
  });

  test('shows accounts 26 months old with a late-filing event', async () => {
    const report = await client.fetchReport('0552983043', { today });
    expect(filingAgeMonths(report, today)).toBe(26);
    expect(report.negativeEvents.map((event) => event.kind)).toEqual(['late-filing']);
  });

  test('maps a recent summons and social-security arrears with their amounts and dates', async () => {
    const report = await client.fetchReport('0741826405', { today });
    expect(report.score).toBe(28);
    expect(report.negativeEvents).toEqual([
      { kind: 'summons', on: addDays(today, -20), amountCents: 845_027, description: 'Summons by a creditor before the enterprise court' },
      { kind: 'social-security-arrears', on: addDays(today, -75), amountCents: 1_231_055, description: 'Social-security contribution arrears (NSSO)' },
    ]);
  });

  test('maps judicial reorganisation with no advised limit', async () => {
    const report = await client.fetchReport('0476203979', { today });
    expect(report).toMatchObject({ score: 12, recommendedLimitCents: null });
    expect(report.negativeEvents[0]).toMatchObject({ kind: 'judicial-reorganisation', amountCents: null, on: addDays(today, -40) });
  });

  test('maps a bankrupt company: score 0, no limit, bankruptcy first', async () => {
    const report = await client.fetchReport('0883751261', { today });
    expect(report).toMatchObject({ score: 0, recommendedLimitCents: null });
    expect(report.negativeEvents.map((event) => event.kind)).toEqual(['bankruptcy', 'summons', 'social-security-arrears']);
  });

  test('maps a young company with no filed accounts to a null filing date', async () => {
    const report = await client.fetchReport('1012345745', { today });
    expect(report).toMatchObject({ companyName: 'Nova Solar BV', score: 50, recommendedLimitCents: 1_000_000, lastAccountsDate: null });
    expect(filingAgeMonths(report, today)).toBeNull();
  });

  test('asks for event texts in the customer language', async () => {
    const report = await client.fetchReport('0883751261', { today, language: 'fr' });
    expect(report.negativeEvents[0]?.description).toBe("Faillite prononcée par le tribunal de l'entreprise");
  });

  test('gives any other valid number the same generated report every time', async () => {
    const first = await client.fetchReport('0770.246.811', { today });
    const second = await client.fetchReport('0770246811', { today });
    expect({ ...second, reportId: first.reportId }).toEqual(first);
    expect(first.score).toBeGreaterThanOrEqual(0);
    expect(first.score).toBeLessThanOrEqual(100);
  });

  test('lists only valid enterprise numbers in its catalogue of named companies', () => {
    const numbers = Object.keys(FAKE_COMPANIES);
    expect(numbers).toHaveLength(9);
    expect(numbers.filter((number) => normaliseEnterpriseNumber(number) !== number)).toEqual([]);
  });

  test('serves a profile replaced at runtime as given, e.g. a score that dropped before the annual review', async () => {
    bureau.setCompany('0812345603', healthyProfile({ name: 'Drukkerij Van Hoeylandt BV', score: 31, creditLimit: '0.07' }));
    const report = await client.fetchReport('0812345603', { today });
    expect(report).toMatchObject({ score: 31, recommendedLimitCents: 7, lastAccountsDate: '2024-12-31' });
    bureau.setCompany('0812345603', healthyProfile());
    expect((await client.fetchReport('0812345603', { today })).recommendedLimitCents).toBe(123_456_789);
  });

  test('leaves out event types it does not know and reports them', async () => {
    const unknown: string[] = [];
    const reporting = createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: bureau.apiKey, onUnknownEventType: (type) => unknown.push(type) });
    bureau.setCompany('0200000043', healthyProfile({
      negativeInformation: [{ type: 'MEDIA_ALERT', date: '2026-01-05', text: 'Press report' }, { type: 'TAX_ARREARS', date: '2026-01-06', amount: '100' }],
    }));
    const report = await reporting.fetchReport('0200000043', { today });
    expect(report.negativeEvents).toEqual([{ kind: 'tax-arrears', on: '2026-01-06', amountCents: 10_000, description: 'Tax arrears (VAT or payroll withholding tax)' }]);
    expect(unknown).toEqual(['MEDIA_ALERT']);
  });

  test('refuses an amount with more than two decimals rather than rounding it', async () => {
    bureau.setCompany('0200000043', healthyProfile({ creditLimit: '12.345' }));
    const error = await failureOf(client.fetchReport('0200000043', { today }));
    expect(error).toMatchObject({ reason: 'malformed-response', retryable: false, path: 'credit_limit.value' });
  });
});

describe('failures of the credit-data provider', () => {
  test('an unknown company is company-not-found and not retried', async () => {
    const error = await failureOf(client.fetchReport('0999.999.922', { today }));
    expect(error).toMatchObject({ reason: 'company-not-found', retryable: false });
    expect(error.message).toContain('0999.999.922');
  });

  test('a wrong API key is unauthorised, not retried, and points at CREDIT_DATA_API_KEY', async () => {
    const wrongKey = createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: 'wrong' });
    const error = await failureOf(wrongKey.fetchReport('0456789133', { today }));
    expect(error).toMatchObject({ reason: 'unauthorised', retryable: false });
    expect(error.message).toContain('CREDIT_DATA_API_KEY');
  });

  test('rate limiting is retryable after the seconds the provider asks for', async () => {
    bureau.failNext(429);
    const error = await failureOf(client.fetchReport('0456789133', { today }));
    expect(error).toMatchObject({ reason: 'rate-limited', retryable: true, retryAfterSeconds: 1 });
    await expect(client.fetchReport('0456789133', { today })).resolves.toMatchObject({ score: 85 });
  });

  test('a provider outage is a retryable provider-error, for as many requests as it lasts', async () => {
    bureau.failNext(503, 2);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(await failureOf(client.fetchReport('0456789133', { today }))).toMatchObject({ reason: 'provider-error', retryable: true, status: 503 });
    }
    await expect(client.fetchReport('0456789133', { today })).resolves.toMatchObject({ score: 85 });
  });

  test('a provider that never answers is a retryable timeout', async () => {
    const silent = await startStub(() => undefined);
    try {
      const slow = createHttpCreditDataProvider({ baseUrl: silent.url, apiKey: 'k', timeoutMs: 200 });
      expect(await failureOf(slow.fetchReport('0456789133', { today }))).toMatchObject({ reason: 'timeout', retryable: true });
    } finally {
      await silent.close();
    }
  });

  test('a report with an ill-typed field is malformed-response naming the field', async () => {
    const stub = await startStub((response) => {
      const report = {
        report_id: 'R1', generated_at: '2026-01-01T00:00:00Z', company: { name: 'X BV', registration_number: '0456.789.133' },
        rating: { score: '85', class: 'A' }, credit_limit: null, payment_behaviour: { days_beyond_terms: 0 },
        group: { ultimate_parent: null, member_count: 1 }, financials: { last_accounts_date: null }, negative_information: [],
      };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(report));
    });
    try {
      const reader = createHttpCreditDataProvider({ baseUrl: stub.url, apiKey: 'k', ...quiet });
      const error = await failureOf(reader.fetchReport('0456789133', { today }));
      expect(error).toMatchObject({ reason: 'malformed-response', retryable: false, path: 'rating.score' });
      expect(error.message).toContain('rating.score');
    } finally {
      await stub.close();
    }
  });

  test('an invalid enterprise number fails without reaching the provider', async () => {
    const before = bureau.requests;
    const error = await failureOf(client.fetchReport('0456.789.134', { today }));
    expect(error).toMatchObject({ reason: 'invalid-enterprise-number', retryable: false });
    expect(bureau.requests).toBe(before);
  });

  test('an unreachable provider is a retryable provider-error', async () => {
    const stub = await startStub(() => undefined);
    await stub.close();
    const unreachable = createHttpCreditDataProvider({ baseUrl: stub.url, apiKey: 'k' });
    expect(await failureOf(unreachable.fetchReport('0456789133', { today }))).toMatchObject({ reason: 'provider-error', retryable: true, status: null });
  });
});
