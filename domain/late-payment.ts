/**
 * Late-payment interest and fees under Belgian law, as pure functions: the dates come in
 * as arguments and the legal figures from legal-rates.ts. Nothing here reads a clock.
 *
 * Rounding: interest is computed per period of the rate table (semester or year) and each
 * period's part is rounded to the cent on its own; the total is the sum of those parts, so
 * the lines of a formal notice always add up to its total. Amounts the law fixes (B2B)
 * round half-up; amounts the law only caps (B2C interest and damages) round down, so a
 * consumer is never asked for a fraction of a cent more than the maximum.
 */
import { addDays, compareDates, daysBetween, isCalendarDate, type CalendarDate } from './calendar';
import {
  B2B_LATE_PAYMENT_RATES,
  B2B_RECOVERY_COMPENSATION,
  B2C_RULES,
  DEFAULT_B2C_SETTINGS,
  LEGAL_INTEREST_RATES,
  figureOn,
  rateOn,
  rateTableProblems,
  type B2cSettings,
  type FigureStatus,
  type RateTable,
} from './legal-rates';
import { sumCents, type Cents } from './money';

/** Invalid input; the message names the argument and the rule it breaks. */
export class LatePaymentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LatePaymentInputError';
  }
}

export type Rounding = 'halfUp' | 'down';
export type ReminderMedium = 'email' | 'post';

export interface InterestLine {
  /** First and last day of interest in this period (both included). */
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  basisPoints: number;
  /** A notice may want to say that an 'inferred' or 'provisional' rate was used. */
  status: FigureStatus;
  cents: Cents;
}

export interface InterestResult {
  cents: Cents;
  days: number;
  lines: InterestLine[];
}

function requireCents(name: string, value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new LatePaymentInputError(`${name}: ${value} must be a whole number of cents`);
  if (value < 0) throw new LatePaymentInputError(`${name}: ${value} must not be negative`);
  return value;
}

function requireDate(name: string, value: string): CalendarDate {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new LatePaymentInputError(`${name}: "${String(value)}" is not a calendar date; expected YYYY-MM-DD, for example 2026-03-31`);
}

function requireNotBefore(laterName: string, later: CalendarDate, earlierName: string, earlier: CalendarDate): void {
  if (compareDates(later, earlier) < 0) {
    throw new LatePaymentInputError(`${laterName}: ${later} is before ${earlierName} ${earlier}; it must be on or after it`);
  }
}

/** amount × multiplier / divisor in whole cents, exact (BigInt) so large claims cannot lose precision. */
function scaledCents(amount: number, multiplier: number, divisor: number, rounding: Rounding): Cents {
  const numerator = BigInt(amount) * BigInt(multiplier);
  const whole = BigInt(divisor);
  return Number(rounding === 'down' ? numerator / whole : (2n * numerator + whole) / (2n * whole));
}

const BASIS_POINTS_PER_UNIT = 10_000;

/**
 * Simple interest on `principalCents` for every day after `lastDayWithoutInterest` up to
 * and including `untilDate`, at the rate the table holds for each day's period.
 */
export function interestOver(
  principalCents: Cents,
  lastDayWithoutInterest: CalendarDate,
  untilDate: CalendarDate,
  table: RateTable,
  rounding: Rounding = 'halfUp',
): InterestResult {
  return interestAfter(principalCents, 'lastDayWithoutInterest', lastDayWithoutInterest, untilDate, table, rounding);
}

/** `startName` is the caller's argument name, so errors name what the caller passed. */
function interestAfter(
  principalCents: Cents,
  startName: string,
  startDate: CalendarDate,
  untilDate: CalendarDate,
  table: RateTable,
  rounding: Rounding,
): InterestResult {
  requireCents('principalCents', principalCents);
  const start = requireDate(startName, startDate);
  const until = requireDate('untilDate', untilDate);
  requireNotBefore('untilDate', until, startName, start);
  const problems = rateTableProblems(table);
  if (problems.length > 0) throw new LatePaymentInputError(`table: ${problems.join('; ')}`);

  const lines: InterestLine[] = [];
  for (let from = addDays(start, 1); compareDates(from, until) <= 0; ) {
    const row = rateOn(table, from);
    const to = compareDates(row.validTo, until) < 0 ? row.validTo : until;
    const days = daysBetween(from, to) + 1;
    const cents = scaledCents(principalCents, row.basisPoints * days, BASIS_POINTS_PER_UNIT * table.dayCountBasis, rounding);
    lines.push({ from, to, days, basisPoints: row.basisPoints, status: row.status, cents });
    from = addDays(to, 1);
  }
  return { cents: sumCents(lines.map((line) => line.cents)), days: daysBetween(start, until), lines };
}

/** B2B statutory interest: runs without notice from the day after the due date, up to and including `untilDate`. */
export function b2bInterest(principalCents: Cents, dueDate: CalendarDate, untilDate: CalendarDate, table = B2B_LATE_PAYMENT_RATES): InterestResult {
  return interestAfter(principalCents, 'dueDate', dueDate, untilDate, table, 'halfUp');
}

/** Ordinary legal interest (civil matters) from the day after `fromDate` up to and including `untilDate`. */
export function legalInterest(principalCents: Cents, fromDate: CalendarDate, untilDate: CalendarDate, table = LEGAL_INTEREST_RATES): InterestResult {
  return interestAfter(principalCents, 'fromDate', fromDate, untilDate, table, 'halfUp');
}

/** Flat recovery compensation for `lateInvoiceCount` late invoices that fell late on `onDate`. */
export function b2bCompensation(lateInvoiceCount: number, onDate: CalendarDate): Cents {
  if (!Number.isSafeInteger(lateInvoiceCount) || lateInvoiceCount < 0) {
    throw new LatePaymentInputError(`lateInvoiceCount: ${lateInvoiceCount} must be a whole number of 0 or more`);
  }
  const row = figureOn(B2B_RECOVERY_COMPENSATION, requireDate('onDate', onDate), 'B2B flat recovery compensation');
  return lateInvoiceCount * row.cents;
}

function b2cRulesOn(onDate: CalendarDate) {
  return figureOn(B2C_RULES, requireDate('onDate', onDate), 'B2C rules (Book XIX, in force from 2023-09-01)');
}

/** The most a consumer can be charged as fixed damages on an unpaid `balanceCents`. */
export function b2cFixedDamages(balanceCents: Cents, onDate: CalendarDate): Cents {
  requireCents('balanceCents', balanceCents);
  const rules = b2cRulesOn(onDate);
  const tier = rules.damagesTiers.filter((candidate) => balanceCents > candidate.balanceAboveCents).at(-1);
  if (!tier) return 0; // Nothing owed, nothing to compensate.
  const over = scaledCents(balanceCents - tier.balanceAboveCents, tier.overBasisPoints, BASIS_POINTS_PER_UNIT, 'down');
  return Math.min(tier.baseCents + over, rules.damagesMaxCents);
}

/** The most reminder number `reminderNumber` (1 = the first) may cost a consumer: the first is free. */
export function b2cMaxReminderFee(onDate: CalendarDate, reminderNumber = 2, postageCents: Cents = 0): Cents {
  if (!Number.isSafeInteger(reminderNumber) || reminderNumber < 1) {
    throw new LatePaymentInputError(`reminderNumber: ${reminderNumber} must be a whole number of 1 or more (1 = the first reminder)`);
  }
  requireCents('postageCents', postageCents);
  const rules = b2cRulesOn(onDate);
  return reminderNumber === 1 ? rules.firstReminderFeeCents : rules.laterReminderMaxFeeCents + postageCents;
}

/** Weekday of the date itself, read in UTC so the host's time zone cannot shift it. */
function isWeekend(date: CalendarDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The last day of the B2C waiting period after the first reminder: no cost may be charged
 * until the day after. By e-mail it starts the day after sending; by post on the 3rd
 * working day after sending. Working days skip weekends and the `nonWorkingDays` given:
 * Belgian public holidays are not built in, so pass them for an exact count.
 */
export function b2cWaitingPeriodEnd(sentDate: CalendarDate, medium: ReminderMedium, nonWorkingDays: readonly CalendarDate[] = []): CalendarDate {
  const sent = requireDate('sentDate', sentDate);
  const rules = b2cRulesOn(sent);
  let firstDay = addDays(sent, 1);
  if (medium === 'post') {
    let workingDays = 0;
    for (let day = addDays(sent, 1); ; day = addDays(day, 1)) {
      if (!isWeekend(day) && !nonWorkingDays.includes(day)) workingDays += 1;
      if (workingDays === rules.postalStartWorkingDay) {
        firstDay = day;
        break;
      }
    }
  } else if (medium !== 'email') {
    throw new LatePaymentInputError(`medium: "${String(medium)}" must be 'email' or 'post'`);
  }
  return addDays(firstDay, rules.waitingPeriodDays - 1);
}

export interface NoticeInvoice {
  number: string;
  dueDate: CalendarDate;
  openCents: Cents;
  /** B2C: the free first reminder; without it no cost may be claimed. */
  firstReminder?: { sentDate: CalendarDate; medium: ReminderMedium };
}

export interface FormalNotice {
  kind: 'b2b' | 'b2c';
  onDate: CalendarDate;
  invoices: readonly NoticeInvoice[];
  b2cSettings?: B2cSettings;
  nonWorkingDays?: readonly CalendarDate[];
  /** The B2B rate table (also the cap for consumers); default B2B_LATE_PAYMENT_RATES. */
  b2bRates?: RateTable;
}

export interface NoticeLine {
  number: string;
  principalCents: Cents;
  interest: InterestResult;
  compensationCents: Cents;
  /** B2C: the first day a cost may be claimed; absent when no first reminder was sent. */
  costsAllowedFrom?: CalendarDate;
}

export interface NoticeClaim {
  kind: FormalNotice['kind'];
  onDate: CalendarDate;
  lines: NoticeLine[];
  principalCents: Cents;
  interestCents: Cents;
  /** B2B: EUR 40 per late invoice. */
  compensationCents: Cents;
  /** B2C: fixed damages. */
  damagesCents: Cents;
  totalCents: Cents;
}

const NO_INTEREST: InterestResult = { cents: 0, days: 0, lines: [] };

function b2bLine(invoice: NoticeInvoice, onDate: CalendarDate, rates?: RateTable): NoticeLine {
  const interest = b2bInterest(invoice.openCents, invoice.dueDate, onDate, rates);
  return { number: invoice.number, principalCents: invoice.openCents, interest, compensationCents: b2bCompensation(1, addDays(invoice.dueDate, 1)) };
}

function b2cLine(invoice: NoticeInvoice, notice: FormalNotice, where: string): NoticeLine {
  const line: NoticeLine = { number: invoice.number, principalCents: invoice.openCents, interest: NO_INTEREST, compensationCents: 0 };
  if (!invoice.firstReminder) return line;
  const sent = requireDate(`${where}.firstReminder.sentDate`, invoice.firstReminder.sentDate);
  if (compareDates(sent, invoice.dueDate) <= 0) {
    throw new LatePaymentInputError(`${where}.firstReminder.sentDate: ${sent} must be after the due date ${invoice.dueDate}; a reminder follows a missed due date`);
  }
  const waitingEnd = b2cWaitingPeriodEnd(sent, invoice.firstReminder.medium, notice.nonWorkingDays);
  const costsAllowedFrom = addDays(waitingEnd, 1);
  if (compareDates(notice.onDate, costsAllowedFrom) < 0) return { ...line, costsAllowedFrom };
  const { interestStart } = notice.b2cSettings ?? DEFAULT_B2C_SETTINGS;
  const interestRunsAfter = interestStart === 'dayAfterDueDate' ? invoice.dueDate : waitingEnd;
  const rules = b2cRulesOn(notice.onDate);
  const interest = interestOver(invoice.openCents, interestRunsAfter, notice.onDate, notice.b2bRates ?? rules.interestRateCap, 'down');
  return { ...line, interest, costsAllowedFrom };
}

/**
 * What a formal notice sent on `onDate` may claim. B2B: principal, interest from the day
 * after each due date, and EUR 40 per invoice. B2C: principal for every invoice; interest
 * and damages only for invoices whose waiting period is over. Whether Book XIX damages
 * apply per debt or to the whole balance is not settled in our sources, so the notice
 * claims the lower of the two, which is within the cap under either reading. Interest is
 * on the amount open today; earlier part-payments are not modelled.
 */
export function formalNoticeClaim(notice: FormalNotice): NoticeClaim {
  const onDate = requireDate('onDate', notice.onDate);
  if (notice.kind !== 'b2b' && notice.kind !== 'b2c') throw new LatePaymentInputError(`kind: "${String(notice.kind)}" must be 'b2b' or 'b2c'`);
  if (notice.invoices.length === 0) throw new LatePaymentInputError('invoices: a formal notice needs at least one overdue invoice');
  const lines = notice.invoices.map((invoice, index) => {
    const where = `invoices[${index}]`;
    requireCents(`${where}.openCents`, invoice.openCents);
    const dueDate = requireDate(`${where}.dueDate`, invoice.dueDate);
    if (compareDates(dueDate, onDate) >= 0) {
      throw new LatePaymentInputError(`${where}.dueDate: ${dueDate} must be before onDate ${onDate}; only overdue invoices go into a formal notice`);
    }
    return notice.kind === 'b2b' ? b2bLine(invoice, onDate, notice.b2bRates) : b2cLine(invoice, { ...notice, onDate }, where);
  });

  const damagesCents = notice.kind === 'b2c' ? b2cNoticeDamages(lines, onDate) : 0;
  const principalCents = sumCents(lines.map((line) => line.principalCents));
  const interestCents = sumCents(lines.map((line) => line.interest.cents));
  const compensationCents = sumCents(lines.map((line) => line.compensationCents));
  const totalCents = principalCents + interestCents + compensationCents + damagesCents;
  return { kind: notice.kind, onDate, lines, principalCents, interestCents, compensationCents, damagesCents, totalCents };
}

function b2cNoticeDamages(lines: readonly NoticeLine[], onDate: CalendarDate): Cents {
  const balances = lines
    .filter((line) => line.costsAllowedFrom !== undefined && compareDates(line.costsAllowedFrom, onDate) <= 0)
    .map((line) => line.principalCents)
    .filter((balance) => balance > 0);
  if (balances.length === 0) return 0;
  const perDebt = sumCents(balances.map((balance) => b2cFixedDamages(balance, onDate)));
  return Math.min(perDebt, b2cFixedDamages(sumCents(balances), onDate));
}
