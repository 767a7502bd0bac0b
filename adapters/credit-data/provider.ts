/**
 * The credit-data adapter: fetches a trade-information report on a Belgian company and
 * hands it over in the engine's own shape (domain/credit/report.ts). The real
 * implementation speaks HTTP to a commercial provider (http-client.ts); the demo and the
 * tests point it at a local fake bureau (fakes/credit-bureau/server.ts).
 *
 * Every failure is a `CreditReportUnavailable` with a `reason` and `retryable`, so an
 * activity can turn it into a retryable or non-retryable Temporal failure in one place
 * without knowing HTTP. Messages say what the operator should do.
 */
import type { CalendarDate } from '../../domain/calendar';
import type { CreditReport } from '../../domain/credit/report';

export interface FetchReportOptions {
  /** The workflow's date; becomes the report's `retrievedOn`, so the mapping is deterministic. */
  today: CalendarDate;
  /** Language of the provider's free texts (event descriptions): nl, fr or en. */
  language?: string;
}

export interface CreditDataProvider {
  fetchReport(enterpriseNumber: string, options: FetchReportOptions): Promise<CreditReport>;
}

export type CreditReportUnavailableReason =
  | 'company-not-found'
  | 'invalid-enterprise-number'
  | 'unauthorised'
  | 'rate-limited'
  | 'provider-error'
  | 'timeout'
  | 'malformed-response';

export class CreditReportUnavailable extends Error {
  constructor(
    readonly reason: CreditReportUnavailableReason,
    /** True when the same request may succeed later: Temporal should retry it. */
    readonly retryable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CreditReportUnavailable';
  }
}

/** Shows `0456789133` the way people read it on invoices: 0456.789.133. */
function dotted(enterpriseNumber: string): string {
  return /^\d{10}$/.test(enterpriseNumber)
    ? `${enterpriseNumber.slice(0, 4)}.${enterpriseNumber.slice(4, 7)}.${enterpriseNumber.slice(7)}`
    : enterpriseNumber;
}

export class CompanyNotFound extends CreditReportUnavailable {
  constructor(readonly enterpriseNumber: string) {
    super(
      'company-not-found',
      false,
      `The credit-data provider has no company with enterprise number ${dotted(enterpriseNumber)}: ` +
        'check the number in the Crossroads Bank for Enterprises (KBO/BCE); a company founded days ago may not be known yet, so decide on internal information or ask for advance payment.',
    );
    this.name = 'CompanyNotFound';
  }
}

export class InvalidEnterpriseNumber extends CreditReportUnavailable {
  constructor(readonly enterpriseNumber: string) {
    super(
      'invalid-enterprise-number',
      false,
      `"${enterpriseNumber}" is not a valid Belgian enterprise number (10 digits whose last two are 97 minus the first eight modulo 97, e.g. 0456.789.133): ` +
        "correct the customer's enterprise number before asking for a credit report.",
    );
    this.name = 'InvalidEnterpriseNumber';
  }
}

export class CreditDataUnauthorised extends CreditReportUnavailable {
  constructor(readonly status: number) {
    super(
      'unauthorised',
      false,
      `The credit-data provider refused the API key (HTTP ${status}): check CREDIT_DATA_API_KEY, and that the subscription covers Belgian company reports.`,
    );
    this.name = 'CreditDataUnauthorised';
  }
}

export class CreditDataRateLimited extends CreditReportUnavailable {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rate-limited',
      true,
      `The credit-data provider is rate limiting us: retry after ${retryAfterSeconds} s; if this happens daily, spread the portfolio screening or raise the plan's request quota.`,
    );
    this.name = 'CreditDataRateLimited';
  }
}

export class CreditDataProviderError extends CreditReportUnavailable {
  constructor(
    /** HTTP status, or null when the provider could not be reached at all. */
    readonly status: number | null,
    retryable: boolean,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'provider-error',
      retryable,
      retryable
        ? `The credit-data provider failed (${detail}): retry later; if it persists, check CREDIT_DATA_BASE_URL and the provider's status page.`
        : `The credit-data provider rejected the request (${detail}): this adapter and the provider disagree on the protocol; check CREDIT_DATA_BASE_URL and the provider's API version.`,
      options,
    );
    this.name = 'CreditDataProviderError';
  }
}

export class CreditDataTimeout extends CreditReportUnavailable {
  constructor(
    readonly timeoutMs: number,
    host: string,
  ) {
    super(
      'timeout',
      true,
      `The credit-data provider at ${host} did not answer within ${timeoutMs} ms: retry later; if it persists, check the network route to CREDIT_DATA_BASE_URL.`,
    );
    this.name = 'CreditDataTimeout';
  }
}

export class MalformedCreditReport extends CreditReportUnavailable {
  constructor(
    /** JSON path of the offending field, e.g. `rating.score` or `negative_information[2].date`. */
    readonly path: string,
    problem: string,
  ) {
    super(
      'malformed-response',
      false,
      `The credit-data provider sent a report we cannot read: ${path} ${problem}. ` +
        'The provider may have changed its format: report it to them and update adapters/credit-data/http-client.ts.',
    );
    this.name = 'MalformedCreditReport';
  }
}
