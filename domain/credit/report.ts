/**
 * A trade-information report on a company, as the credit-data adapter hands it to the
 * rest of the engine: the provider's own format is mapped onto this shape once, in the
 * adapter. Reports are on average a year old (DOMAIN.md section 6), so the age of the
 * last filed accounts is part of the picture.
 */
import { daysBetween, type CalendarDate } from '../calendar';
import type { Cents } from '../money';

export const NEGATIVE_EVENT_KINDS = [
  'bankruptcy',
  'liquidation',
  'judicial-reorganisation',
  'summons',
  'social-security-arrears',
  'tax-arrears',
  'protested-bill',
  'late-filing',
] as const;
export type NegativeEventKind = (typeof NEGATIVE_EVENT_KINDS)[number];

export interface NegativeEvent {
  kind: NegativeEventKind;
  on: CalendarDate;
  /** Amount involved (a summons, arrears), when the provider knows it. */
  amountCents: Cents | null;
  description: string;
}

export interface GroupStructure {
  /** Ultimate parent, or null for a company that is not part of a group. */
  parentName: string | null;
  parentEnterpriseNumber: string | null;
  /** Companies in the group, this one included. */
  members: number;
}

export interface CreditReport {
  provider: string;
  reportId: string;
  /** Belgian enterprise number, 10 digits without dots. */
  enterpriseNumber: string;
  companyName: string;
  retrievedOn: CalendarDate;
  /** 0 (failure expected) to 100 (excellent). */
  score: number;
  /** The provider's advised credit limit, or null when it advises none. */
  recommendedLimitCents: Cents | null;
  /** Average days beyond terms the company pays its suppliers (external payment behaviour). */
  paymentIndexDaysBeyondTerms: number;
  group: GroupStructure;
  /** Balance-sheet date of the last filed annual accounts; null when none were filed. */
  lastAccountsDate: CalendarDate | null;
  negativeEvents: NegativeEvent[];
}

/** Months between the last filed accounts and `today`; null when nothing was filed. */
export function filingAgeMonths(report: CreditReport, today: CalendarDate): number | null {
  if (!report.lastAccountsDate) return null;
  return Math.floor(daysBetween(report.lastAccountsDate, today) / 30.44);
}

/** Enterprise number as 10 digits: accepts `0123.456.749`, `BE0123456749`, `123456749`. */
export function normaliseEnterpriseNumber(text: string): string | null {
  const digits = text.replace(/^BE/i, '').replace(/[\s.]/g, '');
  if (!/^\d{9,10}$/.test(digits)) return null;
  const ten = digits.padStart(10, '0');
  const check = 97 - (Number(ten.slice(0, 8)) % 97);
  return check === Number(ten.slice(8)) ? ten : null;
}
