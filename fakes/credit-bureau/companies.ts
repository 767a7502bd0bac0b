/**
 * The fake bureau's dataset: fictitious Belgian companies with valid enterprise numbers,
 * one for each situation the acceptance policy (DOMAIN.md section 6) has to handle, and a
 * deterministic generator for any other valid number so the demo works for any customer.
 * Names are invented; a number may belong to a real company, so nothing here says
 * anything about a real one.
 */
import { createHash } from 'node:crypto';
import { addDays, type CalendarDate } from '../../domain/calendar';

/** A company as the fake bureau knows it; server.ts renders it in the provider's JSON. */
export interface CompanyProfile {
  name: string;
  legalForm: string;
  city: string;
  /** 0–100; the letter class is derived from it. */
  score: number;
  /** Advised credit limit in euro as a decimal string ("500000.00"), or null: no credit advised. */
  creditLimit: string | null;
  daysBeyondTerms: number;
  group: { parentName: string; parentNumber: string; parentCountry?: string; members: number } | null;
  /** Balance-sheet date (YYYY-MM-DD) of the last filed accounts, or null: none filed yet. */
  lastAccountsDate: string | null;
  /** `type` is a plain string so tests can serve types the adapter does not know. */
  negativeInformation: { type: string; date: string; amount?: string; text?: string }[];
}

const daysAgo = (today: CalendarDate, days: number) => addDays(today, -days);

/**
 * Year-end of the last accounts a healthy company has filed: Belgian companies file
 * within seven months of year-end, so before August the year before last is the latest.
 */
function lastFiledYearEnd(today: CalendarDate): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= 8 ? year - 1 : year - 2}-12-31`;
}

/** The enterprise number answered with 404, as a company the bureau has never heard of. */
export const UNKNOWN_COMPANY = '0999999922';

const NAMED: Record<string, { description: string; profile: (today: CalendarDate) => CompanyProfile }> = {
  '0456789133': {
    description: 'Bouwgroep Scheldeland NV: large healthy construction company in a group, score 85, limit EUR 500,000',
    profile: (today) => ({
      name: 'Bouwgroep Scheldeland NV', legalForm: 'NV', city: 'Antwerpen', score: 85, creditLimit: '500000.00', daysBeyondTerms: 2,
      group: { parentName: 'Scheldeland Holding NV', parentNumber: '0431.123.428', members: 6 },
      lastAccountsDate: lastFiledYearEnd(today), negativeInformation: [],
    }),
  },
  '0812345603': {
    description: 'Drukkerij Van Hoeylandt BV: healthy SME printer, score 70, limit EUR 75,000',
    profile: (today) => ({
      name: 'Drukkerij Van Hoeylandt BV', legalForm: 'BV', city: 'Gent', score: 70, creditLimit: '75000.00', daysBeyondTerms: 5,
      group: null, lastAccountsDate: lastFiledYearEnd(today), negativeInformation: [],
    }),
  },
  '0634521738': {
    description: 'Transport Lemaire SRL: grey zone, score 40, limit EUR 12,500.50, pays 24 days late',
    profile: (today) => ({
      name: 'Transport Lemaire SRL', legalForm: 'SRL', city: 'Charleroi', score: 40, creditLimit: '12500.50', daysBeyondTerms: 24,
      group: null, lastAccountsDate: lastFiledYearEnd(today), negativeInformation: [],
    }),
  },
  '0552983043': {
    description: 'Horeca Groothandel De Kaai BV: last accounts 26 months old (late filing), score 45',
    profile: (today) => {
      // Exact day count rather than a month-end, so the age reads 26 months on any day.
      const lastAccountsDate = daysAgo(today, 800);
      return {
        name: 'Horeca Groothandel De Kaai BV', legalForm: 'BV', city: 'Oostende', score: 45, creditLimit: '20000.00', daysBeyondTerms: 12,
        group: null, lastAccountsDate,
        negativeInformation: [{ type: 'LATE_FILING', date: addDays(lastAccountsDate, 214) }],
      };
    },
  },
  '0741826405': {
    description: 'Schrijnwerkerij Peeters BV: recent summons (EUR 8,450.27) and social-security arrears (EUR 12,310.55), score 28',
    profile: (today) => ({
      name: 'Schrijnwerkerij Peeters BV', legalForm: 'BV', city: 'Hasselt', score: 28, creditLimit: '5000.00', daysBeyondTerms: 38,
      group: null, lastAccountsDate: lastFiledYearEnd(today),
      negativeInformation: [
        { type: 'SUMMONS', date: daysAgo(today, 20), amount: '8450.27' },
        { type: 'SOCIAL_SECURITY_ARREARS', date: daysAgo(today, 75), amount: '12310.55' },
      ],
    }),
  },
  '0476203979': {
    description: 'Menuiserie Dubois SA: in judicial reorganisation, score 12, no limit advised',
    profile: (today) => ({
      name: 'Menuiserie Dubois SA', legalForm: 'SA', city: 'Liège', score: 12, creditLimit: null, daysBeyondTerms: 55,
      group: null, lastAccountsDate: lastFiledYearEnd(today),
      negativeInformation: [
        { type: 'JUDICIAL_REORGANISATION', date: daysAgo(today, 40) },
        { type: 'TAX_ARREARS', date: daysAgo(today, 150), amount: '27640.00' },
      ],
    }),
  },
  '0883751261': {
    description: 'Garage Verbruggen BV: bankrupt, score 0, no limit',
    profile: (today) => ({
      name: 'Garage Verbruggen BV', legalForm: 'BV', city: 'Mechelen', score: 0, creditLimit: null, daysBeyondTerms: 90,
      group: null, lastAccountsDate: lastFiledYearEnd(today),
      negativeInformation: [
        { type: 'BANKRUPTCY', date: daysAgo(today, 30) },
        { type: 'SUMMONS', date: daysAgo(today, 120), amount: '15200.00' },
        { type: 'SOCIAL_SECURITY_ARREARS', date: daysAgo(today, 180), amount: '9875.12' },
      ],
    }),
  },
  '1012345745': {
    description: 'Nova Solar BV: founded seven months ago, no accounts filed yet, score 50, limit EUR 10,000',
    profile: () => ({
      name: 'Nova Solar BV', legalForm: 'BV', city: 'Leuven', score: 50, creditLimit: '10000.00', daysBeyondTerms: 0,
      group: null, lastAccountsDate: null, negativeInformation: [],
    }),
  },
};

/**
 * Enterprise number → what the fake bureau says about it; for tests and the README. Any
 * other valid number gets a generated report, the same one every time.
 */
export const FAKE_COMPANIES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(NAMED).map(([number, { description }]) => [number, description])),
  [UNKNOWN_COMPANY]: 'unknown to the bureau: 404',
};

/** The profile the bureau serves for a valid enterprise number, or null for an unknown company. */
export function profileFor(enterpriseNumber: string, today: CalendarDate): CompanyProfile | null {
  if (enterpriseNumber === UNKNOWN_COMPANY) return null;
  return NAMED[enterpriseNumber]?.profile(today) ?? generatedProfile(enterpriseNumber, today);
}

const SURNAMES = ['Janssens', 'Peeters', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Goossens', 'Wouters', 'De Smet'];
const TRADES = ['Bouw', 'Logistics', 'Elektro', 'Techniek', 'Consult', 'Metaal', 'Food', 'Interieur', 'Transport', 'Services'];
const FORMS = ['BV', 'BV', 'BV', 'NV', 'SRL', 'SA', 'CommV'];
const CITIES = ['Brussel', 'Antwerpen', 'Gent', 'Brugge', 'Namur', 'Kortrijk', 'Mons', 'Aalst', 'Genk', 'Wavre'];
/** Advised limit at score 100, by company size: micro, small, medium, large. */
const SIZE_LIMITS_EUR = [20_000, 60_000, 200_000, 600_000];

function validNumber(firstEight: number): string {
  const check = 97 - (firstEight % 97);
  return String(firstEight).padStart(8, '0') + String(check).padStart(2, '0');
}

/**
 * A stable report for any valid number, from a hash of it. Spreads follow a typical
 * portfolio: most companies are sound, a fifth are in doubt, a tenth are failing; the
 * limit grows with size and score; late payment and negative events go with low scores.
 */
function generatedProfile(enterpriseNumber: string, today: CalendarDate): CompanyProfile {
  const bytes = createHash('sha256').update(enterpriseNumber).digest();
  const byte = (index: number) => bytes[index] ?? 0;
  const pick = <T>(list: readonly T[], index: number): T => list[byte(index) % list.length]!;
  const band = byte(0) / 256;
  const score = band < 0.7 ? 55 + (byte(1) % 36) : band < 0.9 ? 30 + (byte(1) % 25) : 3 + (byte(1) % 27);
  const limitEuro = Math.round((pick(SIZE_LIMITS_EUR, 2) * score) / 100 / 500) * 500;
  const daysBeyondTerms = score >= 70 ? byte(3) % 8 : score >= 40 ? 5 + (byte(3) % 20) : 20 + (byte(3) % 60);
  const amount = (index: number) => `${1000 + byte(index) * 97}.${String(byte(index + 1) % 100).padStart(2, '0')}`;
  const negativeInformation: CompanyProfile['negativeInformation'] = [];
  if (score < 30) negativeInformation.push({ type: 'SUMMONS', date: daysAgo(today, 10 + (byte(6) % 150)), amount: amount(7) });
  if (score < 30 && byte(9) % 2 === 0) negativeInformation.push({ type: 'TAX_ARREARS', date: daysAgo(today, 30 + (byte(10) % 300)), amount: amount(11) });
  if (score >= 30 && score < 45 && byte(13) % 4 === 0) negativeInformation.push({ type: 'PROTESTED_BILL', date: daysAgo(today, 60 + (byte(14) % 300)), amount: amount(15) });
  const late = score < 30 && byte(17) % 5 < 2;
  if (late) negativeInformation.push({ type: 'LATE_FILING', date: daysAgo(today, 100 + (byte(18) % 60)) });
  const surname = pick(SURNAMES, 19);
  const legalForm = pick(FORMS, 21);
  return {
    name: `${surname} ${pick(TRADES, 20)} ${legalForm}`,
    legalForm,
    city: pick(CITIES, 22),
    score,
    creditLimit: score < 20 ? null : `${limitEuro}.00`,
    daysBeyondTerms,
    group:
      byte(23) % 4 === 0
        ? { parentName: `${surname} Group NV`, parentNumber: validNumber(4_000_000 + ((byte(24) << 8) | byte(25)) * 90), members: 2 + (byte(26) % 12) }
        : null,
    lastAccountsDate: late ? daysAgo(today, 760 + (byte(27) % 120)) : lastFiledYearEnd(today),
    negativeInformation,
  };
}
