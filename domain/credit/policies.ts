/**
 * The published acceptance policies: version 1 here, later versions from operations as
 * data (a JSON file, O2C_ACCEPTANCE_POLICIES), every one checked field by field before it
 * can decide anything. A check pins the policy in force on its day, by value, so a policy
 * added or changed later never changes a check already running or replayed.
 */
import { compareDates, isCalendarDate, type CalendarDate } from '../calendar';
import { CONDITION_KINDS, FULL_ADVANCE, type AcceptancePolicy, type CreditCondition, type FinalOutcome } from './acceptance-policy';
import { NEGATIVE_EVENT_KINDS, type NegativeEventKind } from './report';

export class InvalidAcceptancePolicy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAcceptancePolicy';
  }
}

const FIELDS: ReadonlyArray<keyof AcceptancePolicy> = [
  'id', 'version', 'validFrom', 'refuseBelowScore', 'advancePaymentBelowScore', 'referBelowScore', 'refusingEvents', 'referringEvents',
  'recentEventMonths', 'maxFilingAgeMonths', 'referAboveExposureCents', 'referAboveDaysLate', 'cashDiscountAboveDaysLate',
  'referAboveOpenOverdueCents', 'referFromBrokenPromises', 'cashDiscount', 'consumerLimitCents', 'paymentTermBands',
  'defaultMaxPaymentTermDays', 'unknownCompanyAdvancePercent', 'referral', 'expiredReferral',
];

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const whole = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** Checks a policy given as data; every refusal names the policy, the field and the rule. */
export function loadAcceptancePolicy(data: unknown): AcceptancePolicy {
  const raw: Raw = isRecord(data) ? data : {};
  const name = `acceptance policy ${whole(raw.version, 1) ? `v${raw.version}` : '(no version)'}`;
  const fail = (field: string, problem: string): never => {
    throw new InvalidAcceptancePolicy(`${name}: ${field}: ${problem}`);
  };
  if (!isRecord(data)) fail('(policy)', 'must be an object');
  const unknown = Object.keys(raw).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) fail(unknown.join(', '), 'unknown field (misspelt?); see domain/credit/acceptance-policy.ts for the fields');
  const count = (field: string, min: number, max?: number, value: unknown = raw[field]): number =>
    whole(value, min, max) ? value : fail(field, `must be a whole number${max === undefined ? ` from ${min}` : ` from ${min} to ${max}`}, got ${JSON.stringify(value)}`);
  const score = (field: string) => count(field, 0, 100);
  const events = (field: string): NegativeEventKind[] => {
    const list = Array.isArray(raw[field]) ? (raw[field] as unknown[]) : fail(field, `must be a list of ${NEGATIVE_EVENT_KINDS.join(', ')}`);
    return list.map((kind, index) => ((NEGATIVE_EVENT_KINDS as readonly unknown[]).includes(kind) ? (kind as NegativeEventKind) : fail(`${field}[${index}]`, `${JSON.stringify(kind)} is not one of ${NEGATIVE_EVENT_KINDS.join(', ')}`)));
  };

  if (typeof raw.id !== 'string' || raw.id.trim() === '') fail('id', 'must be a non-empty text');
  const version = count('version', 1);
  const validFrom = typeof raw.validFrom === 'string' && isCalendarDate(raw.validFrom) ? (raw.validFrom) : fail('validFrom', 'must be a date YYYY-MM-DD');
  const refuseBelowScore = score('refuseBelowScore');
  const advancePaymentBelowScore = score('advancePaymentBelowScore');
  const referBelowScore = score('referBelowScore');
  if (!(refuseBelowScore <= advancePaymentBelowScore && advancePaymentBelowScore <= referBelowScore)) {
    fail('refuseBelowScore', `the score thresholds must ascend: refuse ${refuseBelowScore} ≤ advance payment ${advancePaymentBelowScore} ≤ refer ${referBelowScore}`);
  }
  const refusingEvents = events('refusingEvents');
  const referringEvents = events('referringEvents');
  const both = refusingEvents.find((kind) => referringEvents.includes(kind));
  if (both) fail('referringEvents', `${both} is also a refusing event; an event either refuses or refers`);
  const referAboveDaysLate = count('referAboveDaysLate', 0);
  const cashDiscountAboveDaysLate = count('cashDiscountAboveDaysLate', 0);
  if (cashDiscountAboveDaysLate > referAboveDaysLate) fail('cashDiscountAboveDaysLate', `${cashDiscountAboveDaysLate} is above referAboveDaysLate (${referAboveDaysLate}): the discount band would never apply`);

  const cashDiscount = isRecord(raw.cashDiscount) ? raw.cashDiscount : fail('cashDiscount', 'must be { percent, days }');
  const bands = Array.isArray(raw.paymentTermBands) && raw.paymentTermBands.length > 0 ? (raw.paymentTermBands as unknown[]) : fail('paymentTermBands', 'must be a non-empty list of { minScore, maxDays }');
  const paymentTermBands = bands.map((band, index) => {
    const field = `paymentTermBands[${index}]`;
    if (!isRecord(band)) return fail(field, 'must be { minScore, maxDays }');
    return { minScore: count(`${field}.minScore`, 0, 100, band.minScore), maxDays: count(`${field}.maxDays`, 0, 365, band.maxDays) };
  });
  paymentTermBands.forEach((band, index) => {
    if (index > 0 && band.minScore >= paymentTermBands[index - 1]!.minScore) fail(`paymentTermBands[${index}].minScore`, 'bands must be listed from the highest score down');
  });
  if (paymentTermBands.at(-1)!.minScore !== 0) fail(`paymentTermBands[${paymentTermBands.length - 1}].minScore`, 'the last band must start at score 0, so every score has a term');

  const referral = isRecord(raw.referral) ? raw.referral : fail('referral', 'must be { decideWithinDays, escalatedDecideWithinDays }');
  const expired = isRecord(raw.expiredReferral) ? raw.expiredReferral : fail('expiredReferral', 'must be { outcome, conditions }');
  const outcomes: readonly FinalOutcome[] = ['accept', 'refuse', 'conditions'];
  const outcome = outcomes.includes(expired.outcome as FinalOutcome) ? (expired.outcome as FinalOutcome) : fail('expiredReferral.outcome', `must be one of ${outcomes.join(', ')}`);
  const conditions = Array.isArray(expired.conditions) ? (expired.conditions as unknown[]).map((condition, index) => checkCondition(condition, `expiredReferral.conditions[${index}]`, fail)) : fail('expiredReferral.conditions', 'must be a list');
  if ((outcome === 'conditions') !== (conditions.length > 0)) fail('expiredReferral.conditions', 'give conditions exactly when the outcome is "conditions"');

  return {
    id: raw.id as string,
    version,
    validFrom,
    refuseBelowScore,
    advancePaymentBelowScore,
    referBelowScore,
    refusingEvents,
    referringEvents,
    recentEventMonths: count('recentEventMonths', 1, 120),
    maxFilingAgeMonths: count('maxFilingAgeMonths', 1, 120),
    referAboveExposureCents: count('referAboveExposureCents', 0),
    referAboveDaysLate,
    cashDiscountAboveDaysLate,
    referAboveOpenOverdueCents: count('referAboveOpenOverdueCents', 0),
    referFromBrokenPromises: count('referFromBrokenPromises', 1),
    cashDiscount: { percent: count('cashDiscount.percent', 1, 100, cashDiscount.percent), days: count('cashDiscount.days', 1, 365, cashDiscount.days) },
    consumerLimitCents: count('consumerLimitCents', 0),
    paymentTermBands,
    defaultMaxPaymentTermDays: count('defaultMaxPaymentTermDays', 0, 365),
    unknownCompanyAdvancePercent: count('unknownCompanyAdvancePercent', 1, 100),
    referral: {
      decideWithinDays: count('referral.decideWithinDays', 1, 60, referral.decideWithinDays),
      escalatedDecideWithinDays: count('referral.escalatedDecideWithinDays', 1, 60, referral.escalatedDecideWithinDays),
    },
    expiredReferral: { outcome, conditions },
  };
}

function checkCondition(data: unknown, field: string, fail: (field: string, problem: string) => never): CreditCondition {
  if (!isRecord(data)) return fail(field, 'must be { kind, detail, … }');
  if (!(CONDITION_KINDS as readonly unknown[]).includes(data.kind)) fail(`${field}.kind`, `must be one of ${CONDITION_KINDS.join(', ')}`);
  if (typeof data.detail !== 'string' || data.detail.trim() === '') fail(`${field}.detail`, 'say in words what the condition asks');
  for (const key of ['percent', 'days', 'amountCents'] as const) {
    if (data[key] !== undefined && !whole(data[key], key === 'percent' ? 1 : 0, key === 'percent' ? 100 : undefined)) fail(`${field}.${key}`, 'must be a whole number');
  }
  return data as unknown as CreditCondition;
}

export const ACCEPTANCE_POLICY_V1: AcceptancePolicy = loadAcceptancePolicy({
  id: 'acceptance',
  version: 1,
  validFrom: '2026-01-01',
  refuseBelowScore: 15,
  advancePaymentBelowScore: 30,
  referBelowScore: 50,
  refusingEvents: ['bankruptcy', 'liquidation'],
  referringEvents: ['judicial-reorganisation', 'summons', 'social-security-arrears', 'tax-arrears', 'protested-bill'],
  recentEventMonths: 12,
  maxFilingAgeMonths: 18,
  referAboveExposureCents: 250_000_00,
  referAboveDaysLate: 30,
  cashDiscountAboveDaysLate: 15,
  referAboveOpenOverdueCents: 5_000_00,
  referFromBrokenPromises: 2,
  cashDiscount: { percent: 2, days: 10 },
  consumerLimitCents: 5_000_00,
  paymentTermBands: [
    { minScore: 60, maxDays: 60 },
    { minScore: 40, maxDays: 30 },
    { minScore: 0, maxDays: 15 },
  ],
  defaultMaxPaymentTermDays: 30,
  unknownCompanyAdvancePercent: 100,
  referral: { decideWithinDays: 2, escalatedDecideWithinDays: 3 },
  expiredReferral: { outcome: 'conditions', conditions: [{ ...FULL_ADVANCE }] },
});

export const ACCEPTANCE_POLICIES: readonly AcceptancePolicy[] = [ACCEPTANCE_POLICY_V1];

/** The built-in policies with those operations add; a version already published cannot be redefined. */
export function withOperatorPolicies(data: unknown, builtIn: readonly AcceptancePolicy[] = ACCEPTANCE_POLICIES): AcceptancePolicy[] {
  if (!Array.isArray(data)) throw new InvalidAcceptancePolicy('acceptance policies: the file must hold a JSON list of policies');
  const added = data.map(loadAcceptancePolicy);
  const all = [...builtIn];
  for (const policy of added) {
    if (all.some((known) => known.version === policy.version)) {
      throw new InvalidAcceptancePolicy(`acceptance policy v${policy.version}: version: v${policy.version} is already published; a change is a new version`);
    }
    all.push(policy);
  }
  return all.sort((a, b) => a.version - b.version);
}

/** The newest policy in force on the day. */
export function acceptancePolicyOn(today: CalendarDate, policies: readonly AcceptancePolicy[] = ACCEPTANCE_POLICIES): AcceptancePolicy {
  const inForce = policies.filter((policy) => compareDates(policy.validFrom, today) <= 0).sort((a, b) => b.version - a.version);
  if (!inForce[0]) throw new Error(`No acceptance policy is in force on ${today}`);
  return inForce[0];
}

export function findAcceptancePolicy(version: number, policies: readonly AcceptancePolicy[] = ACCEPTANCE_POLICIES): AcceptancePolicy {
  const found = policies.find((policy) => policy.version === version);
  if (!found) throw new Error(`No acceptance policy v${version}; published: ${policies.map((p) => `v${p.version}`).join(', ')}`);
  return found;
}
