/**
 * The real credit-data provider: an HTTP client for a commercial trade-information API
 * (the protocol is described at the top of fakes/credit-bureau/server.ts). It maps the
 * provider's JSON onto our CreditReport strictly: a missing or ill-typed field fails the
 * whole report with the field's JSON path, because a half-read report (a score read as 0,
 * a limit read as "none") would quietly turn into a wrong credit decision.
 */
import { calendarDate, isCalendarDate, type CalendarDate } from '../../domain/calendar';
import {
  normaliseEnterpriseNumber,
  type CreditReport,
  type GroupStructure,
  type NegativeEvent,
  type NegativeEventKind,
} from '../../domain/credit/report';
import type { Cents } from '../../domain/money';
import {
  CompanyNotFound,
  CreditDataProviderError,
  CreditDataRateLimited,
  CreditDataTimeout,
  CreditDataUnauthorised,
  InvalidEnterpriseNumber,
  MalformedCreditReport,
  type CreditDataProvider,
} from './provider';

export interface HttpCreditDataProviderOptions {
  /** e.g. https://api.provider.example/credit; `/v1/companies/...` is appended. */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Told about event types this adapter does not know (see `mapEvents`). */
  onUnknownEventType?: (type: string, enterpriseNumber: string) => void;
}

/** Languages the provider writes its free texts in; others get its default (English). */
const PROVIDER_LANGUAGES = new Set(['nl', 'fr', 'en']);

/** Used when a 429 comes without a readable Retry-After: long enough not to hammer the provider. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

const EVENT_KINDS: Record<string, NegativeEventKind> = {
  BANKRUPTCY: 'bankruptcy',
  LIQUIDATION: 'liquidation',
  JUDICIAL_REORGANISATION: 'judicial-reorganisation',
  SUMMONS: 'summons',
  SOCIAL_SECURITY_ARREARS: 'social-security-arrears',
  TAX_ARREARS: 'tax-arrears',
  PROTESTED_BILL: 'protested-bill',
  LATE_FILING: 'late-filing',
};

export function createHttpCreditDataProvider(options: HttpCreditDataProviderOptions): CreditDataProvider {
  const { apiKey, timeoutMs = 10_000, fetch = globalThis.fetch } = options;
  const onUnknownEventType =
    options.onUnknownEventType ??
    ((type: string, enterpriseNumber: string) =>
      process.emitWarning(`Credit report for ${enterpriseNumber} has a negative event of unknown type ${type}; it was left out: add it to EVENT_KINDS in adapters/credit-data/http-client.ts`, 'CreditDataWarning'));
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (error) {
    throw new Error(`"${options.baseUrl}" is not a URL: set CREDIT_DATA_BASE_URL to the provider's base URL, e.g. https://api.provider.example`, { cause: error });
  }
  const provider = base.hostname;
  const root = base.href.replace(/\/+$/, '');

  return {
    async fetchReport(enterpriseNumber, { today, language }) {
      // Checked here so a typo costs no paid request and fails without retries.
      const number = normaliseEnterpriseNumber(enterpriseNumber);
      if (!number) throw new InvalidEnterpriseNumber(enterpriseNumber);
      const url = new URL(`${root}/v1/companies/BE/${number}/report`);
      if (language && PROVIDER_LANGUAGES.has(language)) url.searchParams.set('language', language);

      let response: Response;
      let text: string;
      try {
        // The timeout covers the body too: a provider that sends headers and then stalls is also down.
        response = await fetch(url, {
          headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const name = (error as Error | undefined)?.name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new CreditDataTimeout(timeoutMs, provider);
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CreditDataProviderError(null, true, `could not reach ${provider}: ${cause?.code ?? cause?.message ?? String(error)}`, { cause: error });
      }
      if (response.status !== 200) throw failureFor(response, text, number);

      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new MalformedCreditReport('(body)', 'is not JSON');
      }
      return mapReport(body, { number, today, provider, onUnknownEventType });
    },
  };
}

function failureFor(response: Response, text: string, number: string): Error {
  const { status } = response;
  if (status === 401 || status === 403) return new CreditDataUnauthorised(status);
  if (status === 404) return new CompanyNotFound(number);
  if (status === 422) return new InvalidEnterpriseNumber(number);
  if (status === 429) return new CreditDataRateLimited(retryAfterSeconds(response.headers.get('retry-after')));
  const detail = `HTTP ${status}${providerMessage(text)}`;
  // 202: the provider is still compiling the report (an "investigation"); 408 and 5xx are its trouble.
  const retryable = status === 202 || status === 408 || status >= 500;
  return new CreditDataProviderError(status, retryable, detail);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
function retryAfterSeconds(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_SECONDS;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The provider's own words from its error body `{ error: { message, request_id } }`, for support tickets. */
function providerMessage(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: { message?: unknown; request_id?: unknown } }).error;
    if (typeof error?.message !== 'string') return '';
    const request = typeof error.request_id === 'string' ? `, request ${error.request_id}` : '';
    return `: ${error.message.slice(0, 200)}${request}`;
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------
// Reading the provider's JSON. Each reader takes the parent object, the key and the
// parent's path, so a failure names the exact field, e.g. `negative_information[1].date`.

type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${JSON.stringify(value)}`;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedCreditReport(path || '(body)', `should be an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

function objectAt(parent: JsonObject, key: string, path: string): JsonObject {
  return asObject(parent[key], join(path, key));
}

function stringAt(parent: JsonObject, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MalformedCreditReport(join(path, key), `should be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

function numberAt(parent: JsonObject, key: string, path: string, rule: { integer: boolean; min?: number; max?: number }): number {
  const value = parent[key];
  const where = join(path, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedCreditReport(where, `should be a number, got ${describe(value)}`);
  if (rule.integer && !Number.isInteger(value)) throw new MalformedCreditReport(where, `should be a whole number, got ${value}`);
  if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    throw new MalformedCreditReport(where, `should be between ${rule.min ?? '-∞'} and ${rule.max ?? '∞'}, got ${value}`);
  }
  return value;
}

function dateAt(parent: JsonObject, key: string, path: string): CalendarDate {
  const value = parent[key];
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new MalformedCreditReport(join(path, key), `should be a date YYYY-MM-DD, got ${describe(value)}`);
  }
  return calendarDate(value);
}

function nullableDateAt(parent: JsonObject, key: string, path: string): CalendarDate | null {
  return parent[key] === null ? null : dateAt(parent, key, path);
}

/**
 * `{ "value": "12500.00", "currency": "EUR" }` to 1250000 cents. The decimal string is
 * split at the point and both parts read as integers: a float (12500.07 * 100) may be a
 * cent off. Cents in the engine are euro cents, so another currency is refused.
 */
function moneyAt(parent: JsonObject, key: string, path: string): Cents {
  const money = objectAt(parent, key, path);
  const where = join(path, key);
  const currency = stringAt(money, 'currency', where);
  if (currency !== 'EUR') throw new MalformedCreditReport(join(where, 'currency'), `should be EUR, got ${describe(currency)}`);
  const value = money.value;
  const match = typeof value === 'string' ? /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value) : null;
  if (!match) throw new MalformedCreditReport(join(where, 'value'), `should be a decimal string with at most two decimals, like "12500.00", got ${describe(value)}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function nullableMoneyAt(parent: JsonObject, key: string, path: string): Cents | null {
  return parent[key] === null || parent[key] === undefined ? null : moneyAt(parent, key, path);
}

function enterpriseNumberAt(parent: JsonObject, key: string, path: string): string {
  const text = stringAt(parent, key, path);
  const number = normaliseEnterpriseNumber(text);
  if (!number) throw new MalformedCreditReport(join(path, key), `should be a valid Belgian enterprise number, got ${describe(text)}`);
  return number;
}

// ---------------------------------------------------------------------------------------

interface MappingContext {
  number: string;
  today: CalendarDate;
  provider: string;
  onUnknownEventType: (type: string, enterpriseNumber: string) => void;
}

function mapReport(body: unknown, context: MappingContext): CreditReport {
  const root = asObject(body, '');
  const company = objectAt(root, 'company', '');
  const enterpriseNumber = enterpriseNumberAt(company, 'registration_number', 'company');
  // A report on another company than the one asked for must never reach a credit decision.
  if (enterpriseNumber !== context.number) {
    throw new MalformedCreditReport('company.registration_number', `is ${enterpriseNumber}, but the report was asked for ${context.number}`);
  }
  const rating = objectAt(root, 'rating', '');
  // `generated_at` is not read: `retrievedOn` is the workflow's date, so replays agree.
  return {
    provider: context.provider,
    reportId: stringAt(root, 'report_id', ''),
    enterpriseNumber,
    companyName: stringAt(company, 'name', 'company'),
    retrievedOn: context.today,
    score: numberAt(rating, 'score', 'rating', { integer: true, min: 0, max: 100 }),
    recommendedLimitCents: nullableMoneyAt(root, 'credit_limit', ''),
    paymentIndexDaysBeyondTerms: numberAt(objectAt(root, 'payment_behaviour', ''), 'days_beyond_terms', 'payment_behaviour', { integer: false }),
    group: mapGroup(objectAt(root, 'group', '')),
    lastAccountsDate: nullableDateAt(objectAt(root, 'financials', ''), 'last_accounts_date', 'financials'),
    negativeEvents: mapEvents(root, context),
  };
}

function mapGroup(group: JsonObject): GroupStructure {
  const members = numberAt(group, 'member_count', 'group', { integer: true, min: 1 });
  if (group.ultimate_parent === null) return { parentName: null, parentEnterpriseNumber: null, members };
  const parent = objectAt(group, 'ultimate_parent', 'group');
  // A foreign parent has a foreign registration number: kept as the provider wrote it.
  const country = parent.country === undefined ? 'BE' : stringAt(parent, 'country', 'group.ultimate_parent');
  return {
    parentName: stringAt(parent, 'name', 'group.ultimate_parent'),
    parentEnterpriseNumber:
      country === 'BE' ? enterpriseNumberAt(parent, 'registration_number', 'group.ultimate_parent') : stringAt(parent, 'registration_number', 'group.ultimate_parent'),
    members,
  };
}

/**
 * Unknown event types are left out of `negativeEvents` and reported to
 * `onUnknownEventType`, rather than failing the report. Providers add categories over
 * time; refusing every report until the adapter catches up would stop all acceptance.
 * Leaving the event out loses little: the provider's score already weighs it, and the
 * callback (a warning by default) tells the operator to extend EVENT_KINDS.
 */
function mapEvents(root: JsonObject, context: MappingContext): NegativeEvent[] {
  const items = root.negative_information;
  if (!Array.isArray(items)) throw new MalformedCreditReport('negative_information', `should be an array, got ${describe(items)}`);
  const events: NegativeEvent[] = [];
  items.forEach((item, index) => {
    const path = join('negative_information', index);
    const event = asObject(item, path);
    const type = stringAt(event, 'type', path);
    const kind = Object.hasOwn(EVENT_KINDS, type) ? EVENT_KINDS[type] : undefined;
    if (!kind) {
      context.onUnknownEventType(type, context.number);
      return;
    }
    events.push({ kind, on: dateAt(event, 'date', path), amountCents: nullableMoneyAt(event, 'amount', path), description: stringAt(event, 'text', path) });
  });
  return events;
}
