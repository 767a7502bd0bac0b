/**
 * A local fake of a commercial trade-information provider (in the style of Graydon or
 * Creditsafe), for tests and the demo. adapters/credit-data/http-client.ts speaks to it
 * exactly as it speaks to the real one.
 *
 * Protocol
 *   GET {baseUrl}/v1/companies/BE/{enterpriseNumber}/report[?language=nl|fr|en]
 *   Authorization: Bearer <apiKey>      Accept: application/json
 *
 *   200  {
 *          "report_id": "BE-0456789133-m1x2k3-7",
 *          "generated_at": "2026-03-12T09:14:03.120Z",
 *          "language": "en",
 *          "company": { "name": "Bouwgroep Scheldeland NV", "registration_number": "0456.789.133",
 *                       "country": "BE", "legal_form": "NV", "address": { "city": "Antwerpen", "country": "BE" } },
 *          "rating": { "score": 85, "class": "A", "description": "Very low risk" },
 *          "credit_limit": { "value": "500000.00", "currency": "EUR" },          // or null: no credit advised
 *          "payment_behaviour": { "days_beyond_terms": 2 },
 *          "group": { "ultimate_parent": { "name": "…", "registration_number": "0431.123.428", "country": "BE" } | null,
 *                     "member_count": 6 },
 *          "financials": { "last_accounts_date": "2024-12-31" },                  // or null: nothing filed yet
 *          "negative_information": [ { "type": "SUMMONS", "date": "2026-02-20",
 *                                      "amount": { "value": "8450.27", "currency": "EUR" }, "text": "…" } ]
 *        }
 *        Event types: SUMMONS, BANKRUPTCY, JUDICIAL_REORGANISATION, SOCIAL_SECURITY_ARREARS,
 *        TAX_ARREARS, PROTESTED_BILL, LATE_FILING, LIQUIDATION; `amount` is optional.
 *        Rating classes: A ≥ 80, B ≥ 60, C ≥ 40, D ≥ 20, E below.
 *   Errors carry { "error": { "code": "…", "message": "…", "request_id": "…" } }:
 *   400 INVALID_PARAMETER (unsupported language), 401 UNAUTHORIZED (missing or wrong key),
 *   404 COMPANY_NOT_FOUND (or COUNTRY_NOT_COVERED), 422 INVALID_REGISTRATION_NUMBER
 *   (fails the mod-97 check), 429 RATE_LIMITED with Retry-After in seconds, 5xx provider trouble.
 *
 * Run on its own for the demo: `npx tsx fakes/credit-bureau/server.ts [port]` (default 4010).
 */
import Fastify from 'fastify';
import { dateInZone, type CalendarDate } from '../../domain/calendar';
import { normaliseEnterpriseNumber } from '../../domain/credit/report';
import { profileFor, type CompanyProfile } from './companies';

export { FAKE_COMPANIES, type CompanyProfile } from './companies';

export interface FakeCreditBureauOptions {
  port?: number;
  host?: string;
  apiKey?: string;
}

export interface FakeCreditBureau {
  url: string;
  apiKey: string;
  /** Serves `profile` as given (dates are not moved) for this number; null makes it unknown (404). */
  setCompany(enterpriseNumber: string, profile: CompanyProfile | null): void;
  /** The next `times` report requests answer `status` (a 429 with Retry-After: 1). */
  failNext(status: number, times?: number): void;
  /** Report requests received, failed ones included. */
  readonly requests: number;
  close(): Promise<void>;
}

const LANGUAGES = ['nl', 'fr', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const EVENT_TEXTS: Record<Language, Record<string, string>> = {
  nl: {
    SUMMONS: 'Dagvaarding door een schuldeiser voor de ondernemingsrechtbank', BANKRUPTCY: 'Faillissement uitgesproken door de ondernemingsrechtbank',
    JUDICIAL_REORGANISATION: 'Procedure van gerechtelijke reorganisatie (WCO) geopend', SOCIAL_SECURITY_ARREARS: 'Achterstallige RSZ-bijdragen',
    TAX_ARREARS: 'Fiscale schulden (btw of bedrijfsvoorheffing)', PROTESTED_BILL: 'Geprotesteerde wisselbrief', LATE_FILING: 'Jaarrekening niet tijdig neergelegd', LIQUIDATION: 'Vereffening',
  },
  fr: {
    SUMMONS: "Citation par un créancier devant le tribunal de l'entreprise", BANKRUPTCY: "Faillite prononcée par le tribunal de l'entreprise",
    JUDICIAL_REORGANISATION: 'Procédure de réorganisation judiciaire (PRJ) ouverte', SOCIAL_SECURITY_ARREARS: "Arriérés de cotisations ONSS",
    TAX_ARREARS: 'Dettes fiscales (TVA ou précompte professionnel)', PROTESTED_BILL: 'Lettre de change protestée', LATE_FILING: 'Comptes annuels non déposés dans les délais', LIQUIDATION: 'Liquidation',
  },
  en: {
    SUMMONS: 'Summons by a creditor before the enterprise court', BANKRUPTCY: 'Bankruptcy declared by the enterprise court',
    JUDICIAL_REORGANISATION: 'Judicial reorganisation proceedings opened', SOCIAL_SECURITY_ARREARS: 'Social-security contribution arrears (NSSO)',
    TAX_ARREARS: 'Tax arrears (VAT or payroll withholding tax)', PROTESTED_BILL: 'Protested bill of exchange', LATE_FILING: 'Annual accounts not filed on time', LIQUIDATION: 'Liquidation',
  },
};

const CLASSES = [
  { min: 80, letter: 'A', description: 'Very low risk' },
  { min: 60, letter: 'B', description: 'Low risk' },
  { min: 40, letter: 'C', description: 'Moderate risk' },
  { min: 20, letter: 'D', description: 'High risk' },
  { min: 0, letter: 'E', description: 'Very high risk' },
];

const STATUS_CODES: Record<number, string> = { 400: 'INVALID_PARAMETER', 401: 'UNAUTHORIZED', 404: 'COMPANY_NOT_FOUND', 422: 'INVALID_REGISTRATION_NUMBER', 429: 'RATE_LIMITED' };

const dotted = (number: string) => `${number.slice(0, 4)}.${number.slice(4, 7)}.${number.slice(7)}`;
const euro = (value: string) => ({ value, currency: 'EUR' });

/** The provider's JSON for a profile: snake_case, amounts as decimal strings, dotted numbers. */
function renderReport(number: string, profile: CompanyProfile, language: Language, reportId: string) {
  const rating = CLASSES.find((candidate) => profile.score >= candidate.min) ?? CLASSES[CLASSES.length - 1]!;
  return {
    report_id: reportId,
    generated_at: new Date().toISOString(),
    language,
    company: { name: profile.name, registration_number: dotted(number), country: 'BE', legal_form: profile.legalForm, address: { city: profile.city, country: 'BE' } },
    rating: { score: profile.score, class: rating.letter, description: rating.description },
    credit_limit: profile.creditLimit === null ? null : euro(profile.creditLimit),
    payment_behaviour: { days_beyond_terms: profile.daysBeyondTerms },
    group: {
      ultimate_parent: profile.group
        ? { name: profile.group.parentName, registration_number: profile.group.parentNumber, country: profile.group.parentCountry ?? 'BE' }
        : null,
      member_count: profile.group?.members ?? 1,
    },
    financials: { last_accounts_date: profile.lastAccountsDate },
    negative_information: profile.negativeInformation.map((event) => ({
      type: event.type,
      date: event.date,
      ...(event.amount === undefined ? {} : { amount: euro(event.amount) }),
      text: event.text ?? EVENT_TEXTS[language][event.type] ?? event.type,
    })),
  };
}

export async function startFakeCreditBureau(options: FakeCreditBureauOptions = {}): Promise<FakeCreditBureau> {
  const { port = 0, host = '127.0.0.1', apiKey = 'demo-credit-data-key' } = options;
  const overrides = new Map<string, CompanyProfile | null>();
  const failure = { status: 0, remaining: 0 };
  let requests = 0;
  // Generated and named reports are dated from the real clock: fine for a demo bureau.
  const today = (): CalendarDate => dateInZone(Date.now(), 'Europe/Brussels');

  // No route schemas: a schema failure would answer Fastify's 400, and the protocol says 422.
  const app = Fastify({ logger: false });
  app.get<{ Params: { country: string; number: string }; Querystring: { language?: string } }>(
    '/v1/companies/:country/:number/report',
    async (request, reply) => {
      requests += 1;
      const requestId = `req-${requests}`;
      const fail = (status: number, message: string, code = STATUS_CODES[status] ?? 'PROVIDER_ERROR') =>
        reply.code(status).send({ error: { code, message, request_id: requestId } });

      // Rate limiting and outages come before authentication, as at a real API gateway.
      if (failure.remaining > 0) {
        failure.remaining -= 1;
        if (failure.status === 429) void reply.header('Retry-After', '1');
        return fail(failure.status, failure.status === 429 ? 'Too many requests' : 'Simulated provider failure');
      }
      if (request.headers.authorization !== `Bearer ${apiKey}`) {
        void reply.header('WWW-Authenticate', 'Bearer realm="credit-reports"');
        return fail(401, 'Invalid or missing API key');
      }
      const language = request.query.language ?? 'en';
      if (!(LANGUAGES as readonly string[]).includes(language)) return fail(400, `Unsupported language "${language}": use nl, fr or en`);
      if (request.params.country !== 'BE') return fail(404, `Country ${request.params.country} is not covered by this subscription`, 'COUNTRY_NOT_COVERED');
      const number = normaliseEnterpriseNumber(request.params.number);
      if (!number) return fail(422, `"${request.params.number}" is not a valid Belgian registration number`);
      const profile = overrides.has(number) ? overrides.get(number)! : profileFor(number, today());
      if (!profile) return fail(404, `No company with registration number ${dotted(number)}`);
      return reply.send(renderReport(number, profile, language as Language, `BE-${number}-${Date.now().toString(36)}-${requests}`));
    },
  );

  const url = await app.listen({ port, host });
  return {
    url,
    apiKey,
    setCompany(enterpriseNumber, profile) {
      const number = normaliseEnterpriseNumber(enterpriseNumber);
      if (!number) throw new Error(`setCompany: "${enterpriseNumber}" is not a valid Belgian enterprise number`);
      overrides.set(number, profile);
    },
    failNext(status, times = 1) {
      failure.status = status;
      failure.remaining = times;
    },
    get requests() {
      return requests;
    },
    close: () => app.close(),
  };
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? 4010);
  startFakeCreditBureau({ port }).then(
    (bureau) => process.stdout.write(`Fake credit bureau on ${bureau.url} (API key ${bureau.apiKey})\n`),
    (error: unknown) => {
      process.stderr.write(`Fake credit bureau did not start: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
