/**
 * The Belgian legal figures for late payment, as data with validity periods: the B2B
 * late-payment interest rate (Law of 2 August 2002), the ordinary legal interest rate,
 * the B2B flat recovery compensation and the B2C rules of Book XIX of the Code of
 * Economic Law. A new semester or a change in the law is a new row here, never a code
 * change in late-payment.ts. Rates are in basis points (1050 = 10.50%), money in cents.
 */
import { addDays, calendarDate, compareDates, type CalendarDate } from './calendar';
import type { Cents } from './money';

/** How far a figure can be trusted: published, derived by us from the ECB rate, or announced but not final. */
export type FigureStatus = 'published' | 'inferred' | 'provisional' | 'carried-forward';

/** When a figure applies. Both ends are included. */
export interface ValidityPeriod {
  validFrom: CalendarDate;
  validTo: CalendarDate;
}

/** `validTo` of a figure still in force with no end announced. */
export const UNTIL_AMENDED = calendarDate('9999-12-31');

export interface RatePeriod extends ValidityPeriod {
  basisPoints: number;
  status: FigureStatus;
}

export interface RateTable {
  /** Used in error messages. */
  name: string;
  /** Where a missing row has to be added. */
  location: string;
  /** The law sets the rate per semester (B2B) or per calendar year (legal rate); every row covers one. */
  periodUnit: 'semester' | 'calendar year';
  /** Interest = principal × rate × days / dayCountBasis (actual days / 365, also in leap years). */
  dayCountBasis: number;
  rows: readonly RatePeriod[];
}

function rate(validFrom: string, validTo: string, basisPoints: number, status: FigureStatus = 'published'): RatePeriod {
  return { validFrom: calendarDate(validFrom), validTo: calendarDate(validTo), basisPoints, status };
}

/**
 * ECB reference rate + 8 points, rounded up to the next half point, fixed per semester.
 * 2026 H2 is deliberately absent: its rate is not in our sources, and guessing one would
 * put a wrong figure into formal notices. Interest reaching it fails until a row is added.
 */
export const B2B_LATE_PAYMENT_RATES: RateTable = {
  name: 'B2B late-payment interest rate',
  location: 'B2B_LATE_PAYMENT_RATES in domain/legal-rates.ts',
  periodUnit: 'semester',
  dayCountBasis: 365,
  rows: [
    rate('2019-01-01', '2019-06-30', 800),
    rate('2019-07-01', '2019-12-31', 800),
    rate('2020-01-01', '2020-06-30', 800),
    rate('2020-07-01', '2020-12-31', 800),
    rate('2021-01-01', '2021-06-30', 800),
    rate('2021-07-01', '2021-12-31', 800),
    rate('2022-01-01', '2022-06-30', 800),
    rate('2022-07-01', '2022-12-31', 800),
    rate('2023-01-01', '2023-06-30', 1050),
    rate('2023-07-01', '2023-12-31', 1200),
    rate('2024-01-01', '2024-06-30', 1250),
    rate('2024-07-01', '2024-12-31', 1250),
    rate('2025-01-01', '2025-06-30', 1150),
    // Derived from the ECB rate; the published notice was not in our sources.
    rate('2025-07-01', '2025-12-31', 1050, 'inferred'),
    rate('2026-01-01', '2026-06-30', 1050, 'provisional'),
  ],
};

/** Ordinary legal interest rate in civil matters, fixed per calendar year. */
export const LEGAL_INTEREST_RATES: RateTable = {
  name: 'ordinary legal interest rate',
  location: 'LEGAL_INTEREST_RATES in domain/legal-rates.ts',
  periodUnit: 'calendar year',
  dayCountBasis: 365,
  rows: [
    rate('2019-01-01', '2019-12-31', 200),
    rate('2020-01-01', '2020-12-31', 175),
    rate('2021-01-01', '2021-12-31', 175),
    rate('2022-01-01', '2022-12-31', 150),
    rate('2023-01-01', '2023-12-31', 525),
    rate('2024-01-01', '2024-12-31', 575),
    rate('2025-01-01', '2025-12-31', 450),
    rate('2026-01-01', '2026-12-31', 450),
  ],
};

export interface AmountPeriod extends ValidityPeriod {
  cents: Cents;
}

/**
 * EUR 40 per late invoice (Directive 2011/7/EU art. 6; per invoice, not per claim: CJEU
 * C-370/21). The figure is older than 2019, but we start it where the rate table starts:
 * a claim on an invoice that fell late before 2019 needs a person to look at it anyway.
 * Looked up on the day the invoice fell late (the day after its due date).
 */
export const B2B_RECOVERY_COMPENSATION: readonly AmountPeriod[] = [
  { validFrom: calendarDate('2019-01-01'), validTo: UNTIL_AMENDED, cents: 4000 },
];

/** One tier of the B2C fixed damages: base + percentage of the balance above a threshold. */
export interface DamagesTier {
  /** The tier applies to balances strictly above this amount (and up to the next tier's). */
  balanceAboveCents: Cents;
  baseCents: Cents;
  /** Percentage of (balance - balanceAboveCents), in basis points. */
  overBasisPoints: number;
}

export interface B2cRules extends ValidityPeriod {
  firstReminderFeeCents: Cents;
  /** Calendar days the consumer has to pay after the first reminder; no cost before they end. */
  waitingPeriodDays: number;
  /** By post the waiting period starts on this working day after sending. */
  postalStartWorkingDay: number;
  /** Later reminders: at most this, plus postage. */
  laterReminderMaxFeeCents: Cents;
  damagesTiers: readonly DamagesTier[];
  damagesMaxCents: Cents;
  /** B2C interest may not exceed this table's rate ("not legal rate + 8"). */
  interestRateCap: RateTable;
}

/** Code of Economic Law, Book XIX, in force 1 September 2023. */
export const B2C_RULES: readonly B2cRules[] = [
  {
    validFrom: calendarDate('2023-09-01'),
    validTo: UNTIL_AMENDED,
    firstReminderFeeCents: 0,
    waitingPeriodDays: 14,
    postalStartWorkingDay: 3,
    laterReminderMaxFeeCents: 750,
    damagesTiers: [
      { balanceAboveCents: 0, baseCents: 2000, overBasisPoints: 0 },
      { balanceAboveCents: 15_000, baseCents: 3000, overBasisPoints: 1000 },
      { balanceAboveCents: 50_000, baseCents: 6500, overBasisPoints: 500 },
    ],
    damagesMaxCents: 200_000,
    interestRateCap: B2B_LATE_PAYMENT_RATES,
  },
];

/** From when B2C interest runs: the day after the due date, or only once the waiting period is over. */
export type B2cInterestStart = 'dayAfterDueDate' | 'dayAfterWaitingPeriod';

export interface B2cSettings {
  /**
   * UNCONFIRMED: Book XIX says no costs before the waiting period ends, but our sources
   * do not say whether interest then counts from the due date or from the end of that
   * period. The default claims the smaller amount: under-claiming from a consumer is
   * lawful, over-claiming is not. Switch to 'dayAfterDueDate' only on legal advice.
   */
  interestStart: B2cInterestStart;
}

export const DEFAULT_B2C_SETTINGS: B2cSettings = { interestStart: 'dayAfterWaitingPeriod' };

/** A legal figure the tables do not hold for the date asked: the table must be extended. */
export class MissingLegalFigureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingLegalFigureError';
  }
}

function covers(period: ValidityPeriod, date: CalendarDate): boolean {
  return compareDates(period.validFrom, date) <= 0 && compareDates(date, period.validTo) <= 0;
}

/** The semester or calendar year that `date` falls in, e.g. "2026 H2 (2026-07-01 to 2026-12-31)". */
export function lawPeriodOf(unit: RateTable['periodUnit'], date: CalendarDate): string {
  const year = date.slice(0, 4);
  if (unit === 'calendar year') return `${year} (${year}-01-01 to ${year}-12-31)`;
  return Number(date.slice(5, 7)) <= 6 ? `${year} H1 (${year}-01-01 to ${year}-06-30)` : `${year} H2 (${year}-07-01 to ${year}-12-31)`;
}

/**
 * The table, extended up to `untilDate` with the last known semester's rate, each added
 * row marked 'carried-forward'. For a dossier that must not stall while the new rate is
 * not yet entered: the claim shows which lines rest on a carried-forward rate, and a
 * person checks them before the notice is served. Semester tables only.
 */
export function carriedForward(table: RateTable, untilDate: CalendarDate): RateTable {
  const rows = [...table.rows];
  let last = rows[rows.length - 1];
  while (table.periodUnit === 'semester' && last && compareDates(last.validTo, untilDate) < 0) {
    const validFrom = addDays(last.validTo, 1);
    const validTo = calendarDate(`${validFrom.slice(0, 4)}-${validFrom.slice(5, 7) === '01' ? '06-30' : '12-31'}`);
    last = { validFrom, validTo, basisPoints: last.basisPoints, status: 'carried-forward' };
    rows.push(last);
  }
  return { ...table, rows };
}

export function rateOn(table: RateTable, date: CalendarDate): RatePeriod {
  const row = table.rows.find((candidate) => covers(candidate, date));
  if (row) return row;
  throw new MissingLegalFigureError(
    `No ${table.name} for ${lawPeriodOf(table.periodUnit, date)}: the rate table ${table.location} must be extended with that period's rate before interest can be computed for days from ${date}`,
  );
}

/** The row of `rows` in force on `date`; `what` names the figure in the error. */
export function figureOn<T extends ValidityPeriod>(rows: readonly T[], date: CalendarDate, what: string): T {
  const row = rows.find((candidate) => covers(candidate, date));
  if (row) return row;
  const known = rows
    .map((candidate) => (candidate.validTo === UNTIL_AMENDED ? `from ${candidate.validFrom}` : `${candidate.validFrom} to ${candidate.validTo}`))
    .join(', ');
  throw new MissingLegalFigureError(`No ${what} in force on ${date}: the table only covers ${known || 'nothing'}`);
}

function expectedEnd(unit: RateTable['periodUnit'], validFrom: CalendarDate): string {
  const year = validFrom.slice(0, 4);
  if (unit === 'calendar year') return validFrom.endsWith('-01-01') ? `${year}-12-31` : 'not a calendar year';
  if (validFrom.endsWith('-01-01')) return `${year}-06-30`;
  return validFrom.endsWith('-07-01') ? `${year}-12-31` : 'not a semester';
}

/** What is wrong with a rate table (empty when nothing): rows in order, one period each, no gaps or overlaps. */
export function rateTableProblems(table: RateTable): string[] {
  const problems: string[] = [];
  table.rows.forEach((row, index) => {
    const where = `${table.location} row ${index} (${row.validFrom})`;
    if (row.validTo !== expectedEnd(table.periodUnit, row.validFrom)) problems.push(`${where}: must cover exactly one ${table.periodUnit}`);
    if (!Number.isSafeInteger(row.basisPoints) || row.basisPoints < 0) problems.push(`${where}: basisPoints must be a whole number of 0 or more`);
    const previous = table.rows[index - 1];
    if (previous && addDays(previous.validTo, 1) !== row.validFrom) {
      problems.push(`${where}: must start the day after the previous row ends (${previous.validTo})`);
    }
  });
  return problems;
}
