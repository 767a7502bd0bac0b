/**
 * Which collection track (DOMAIN.md section 5) a customer follows, decided by rules that
 * are data with an id and a version, so every decision records which rules made it and
 * explains itself in a sentence a credit manager can check.
 *
 * Precedence, first match wins:
 *   1. a manual override: a credit manager's decision, with who made it and why;
 *   2. a risk class on the rules' risk list puts the customer on the risk track, whatever
 *      its revenue: a large customer that may not pay needs the closest follow-up;
 *   3. a revenue rank within topRankLimits['top-400'] puts it on Top 400;
 *   4. a rank within topRankLimits['top-2500'] puts it on Top 2,500;
 *   5. otherwise other customers (no rank yet, ranked beyond the limits, or a kind that
 *      is never on a top track).
 *
 * Customer kinds: B2G is ranked like B2B (public buyers are organisations whose payments
 * sales management follows up like any large account). B2C consumers are never on a top
 * track, neither by rank nor by override: the top tracks are personal account management,
 * and the consumer procedures exist only for other and risk (Book XIX rules). Which kinds
 * may be on a top track is the rules' `topTrackKinds`. Every kind can be on the risk track.
 */
import type { Cents } from './money';
import { CUSTOMER_KINDS, SEGMENTS, type CustomerKind, type Segment } from './procedures/definition';

export { CUSTOMER_KINDS, SEGMENTS, type CustomerKind, type Segment };
export type TopSegment = Extract<Segment, 'top-400' | 'top-2500'>;

/** Our own scale, low to very high; credit-data scores are mapped onto it where they are fetched. */
export const RISK_CLASSES = ['low', 'medium', 'high', 'very-high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export interface SegmentationRules {
  readonly id: string;
  readonly version: number;
  /** The last rank on each top track; the Top 400 limit must be below the Top 2,500 one. */
  readonly topRankLimits: Readonly<Record<TopSegment, number>>;
  /** Risk classes that put a customer on the risk track. */
  readonly riskClasses: readonly RiskClass[];
  /** Kinds that may be on a top track, by rank or by override. */
  readonly topTrackKinds: readonly CustomerKind[];
}

export interface ManualOverride {
  segment: Segment;
  /** Required: an override nobody can explain later is an override nobody can review. */
  reason: string;
  actor: string;
}

export interface CustomerFacts {
  customerId: string;
  kind: CustomerKind;
  revenue12mCents: Cents;
  /** 1 = largest 12-month revenue in the portfolio (see rankPortfolio); absent for a new customer. */
  revenueRank?: number;
  riskClass: RiskClass;
  override?: ManualOverride;
}

export type SegmentRule = 'override' | 'risk-class' | 'rank' | 'default';

export interface SegmentDecision {
  segment: Segment;
  rule: SegmentRule;
  rulesId: string;
  rulesVersion: number;
  explanation: string;
}

export class InvalidSegmentationRules extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSegmentationRules';
  }
}

export class SegmentationInputRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SegmentationInputRejected';
  }
}

const RULE_FIELDS = ['id', 'version', 'topRankLimits', 'riskClasses', 'topTrackKinds'];
const TOP_SEGMENTS: readonly TopSegment[] = ['top-400', 'top-2500'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isPositiveWhole = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/**
 * Checks rules read from configuration and returns a typed copy. Every message starts with
 * the rules' name and the field, e.g. "segmentation rules default v1: topRankLimits: …".
 * Unknown fields are rejected too: a misspelt field would otherwise silently keep a default.
 */
export function loadSegmentationRules(data: unknown): SegmentationRules {
  const raw = isRecord(data) ? data : {};
  const name = `segmentation rules ${typeof raw.id === 'string' && raw.id.trim() !== '' ? raw.id : '(no id)'}` +
    (isPositiveWhole(raw.version) ? ` v${raw.version}` : '');
  const fail = (field: string, problem: string): never => {
    throw new InvalidSegmentationRules(`${name}: ${field}: ${problem}`);
  };
  if (!isRecord(data)) fail('(rules)', 'must be an object');
  if (typeof raw.id !== 'string' || raw.id.trim() === '') fail('id', 'must be a non-empty text');
  if (!isPositiveWhole(raw.version)) fail('version', `must be a positive whole number, got ${String(raw.version)}`);
  const unknown = Object.keys(raw).filter((key) => !RULE_FIELDS.includes(key));
  if (unknown.length > 0) fail(unknown.join(', '), `unknown field; expected only ${RULE_FIELDS.join(', ')}`);

  const limits = isRecord(raw.topRankLimits) ? raw.topRankLimits : fail('topRankLimits', "must be an object with 'top-400' and 'top-2500'");
  const extraLimits = Object.keys(limits).filter((key) => !(TOP_SEGMENTS as readonly string[]).includes(key));
  if (extraLimits.length > 0) fail('topRankLimits', `unknown track ${extraLimits.join(', ')}; expected only 'top-400' and 'top-2500'`);
  for (const segment of TOP_SEGMENTS) {
    if (!isPositiveWhole(limits[segment])) fail(`topRankLimits.${segment}`, `must be a positive whole number, got ${String(limits[segment])}`);
  }
  const top400 = limits['top-400'] as number;
  const top2500 = limits['top-2500'] as number;
  if (top400 >= top2500) fail('topRankLimits', `must ascend: 'top-400' is ${top400} but 'top-2500' is ${top2500}`);

  return {
    id: raw.id as string,
    version: raw.version as number,
    topRankLimits: { 'top-400': top400, 'top-2500': top2500 },
    riskClasses: listOf(raw.riskClasses, RISK_CLASSES, 'riskClasses', fail),
    topTrackKinds: listOf(raw.topTrackKinds, CUSTOMER_KINDS, 'topTrackKinds', fail),
  };
}

/** A list of known values without repeats; empty is allowed (e.g. no risk track at all). */
function listOf<T extends string>(value: unknown, known: readonly T[], field: string, fail: (field: string, problem: string) => never): T[] {
  if (!Array.isArray(value)) return fail(field, `must be a list of ${known.join(', ')}`);
  const seen = new Set<T>();
  value.forEach((item: unknown, index) => {
    if (!known.includes(item as T)) fail(`${field}[${index}]`, `${JSON.stringify(item)} is not one of ${known.join(', ')}`);
    if (seen.has(item as T)) fail(`${field}[${index}]`, `${String(item)} is listed twice`);
    seen.add(item as T);
  });
  return [...seen];
}

/** The rules of the talk: 400 and 2,500 by revenue rank; high and very high risk to the risk track. */
export const DEFAULT_SEGMENTATION_RULES: SegmentationRules = loadSegmentationRules({
  id: 'default',
  version: 1,
  topRankLimits: { 'top-400': 400, 'top-2500': 2500 },
  riskClasses: ['high', 'very-high'],
  topTrackKinds: ['B2B', 'B2G'],
});

const TRACK_TITLES: Record<Segment, string> = {
  'top-400': 'Top 400',
  'top-2500': 'Top 2,500',
  other: 'Other customers',
  risk: 'Risk customers',
};

// Fixed locale, not the machine's: the sentence is part of the recorded decision.
const count = (n: number): string => new Intl.NumberFormat('en-US').format(n);

const isTopSegment = (segment: Segment): segment is TopSegment => segment === 'top-400' || segment === 'top-2500';

function checkFacts(facts: CustomerFacts, rules: SegmentationRules): void {
  const reject = (field: string, problem: string): never => {
    throw new SegmentationInputRejected(`${field}: ${problem} (customer ${facts.customerId})`);
  };
  if (!CUSTOMER_KINDS.includes(facts.kind)) reject('kind', `${String(facts.kind)} is not one of ${CUSTOMER_KINDS.join(', ')}`);
  if (!RISK_CLASSES.includes(facts.riskClass)) reject('riskClass', `${String(facts.riskClass)} is not one of ${RISK_CLASSES.join(', ')}`);
  if (!Number.isSafeInteger(facts.revenue12mCents)) reject('revenue12mCents', 'must be a whole number of cents');
  if (facts.revenueRank !== undefined && !isPositiveWhole(facts.revenueRank)) {
    reject('revenueRank', `must be a whole number from 1, got ${String(facts.revenueRank)}`);
  }
  const override = facts.override;
  if (!override) return;
  if (!SEGMENTS.includes(override.segment)) reject('override.segment', `${String(override.segment)} is not one of ${SEGMENTS.join(', ')}`);
  if (typeof override.reason !== 'string' || override.reason.trim() === '') reject('override.reason', 'a manual override needs a reason');
  if (typeof override.actor !== 'string' || override.actor.trim() === '') reject('override.actor', 'a manual override needs the name of who made it');
  if (isTopSegment(override.segment) && !rules.topTrackKinds.includes(facts.kind)) {
    reject('override.segment', `${facts.kind} customers are never on ${TRACK_TITLES[override.segment]} under ${rules.id} v${rules.version}`);
  }
}

/** The track for one customer, with the rule that decided it and why, in words. */
export function segmentCustomer(facts: CustomerFacts, rules: SegmentationRules = DEFAULT_SEGMENTATION_RULES): SegmentDecision {
  checkFacts(facts, rules);
  const decide = (segment: Segment, rule: SegmentRule, why: string): SegmentDecision => ({
    segment,
    rule,
    rulesId: rules.id,
    rulesVersion: rules.version,
    explanation: rule === 'override' ? why : `${TRACK_TITLES[segment]}: ${why}`,
  });
  const { override, riskClass, revenueRank: rank, kind } = facts;

  if (override) return decide(override.segment, 'override', `Manual override by ${override.actor.trim()}: ${override.reason.trim()}`);
  if (rules.riskClasses.includes(riskClass)) return decide('risk', 'risk-class', `risk class ${riskClass.replace('-', ' ')}`);
  if (!rules.topTrackKinds.includes(kind)) return decide('other', 'default', `${kind} customers are never on a top track`);
  if (rank === undefined) return decide('other', 'default', 'no revenue rank yet');

  const byRevenue = `rank ${count(rank)} by 12-month revenue`;
  if (rank <= rules.topRankLimits['top-400']) return decide('top-400', 'rank', byRevenue);
  if (rank <= rules.topRankLimits['top-2500']) return decide('top-2500', 'rank', byRevenue);
  return decide('other', 'default', `${byRevenue} (outside the top ${count(rules.topRankLimits['top-2500'])})`);
}

export interface CustomerRevenue {
  customerId: string;
  revenue12mCents: Cents;
}

/**
 * Revenue ranks for a whole portfolio: 1 = the largest 12-month revenue.
 * - Every ranked customer has its own rank (1, 2, 3, never 1, 1, 3), so a track holds
 *   exactly as many customers as its limit. Equal revenue is ordered by customer id in
 *   code-unit order (not the locale's), so the ranks do not depend on the input order or
 *   on the machine.
 * - Customers without positive revenue get no rank: they have no share of our revenue to
 *   rank by, and a net credit would otherwise rank below customers that buy nothing.
 * - Every kind is ranked, B2C included: the rank is the customer's place in our revenue;
 *   whether a kind may be on a top track is for the rules to say.
 */
export function rankPortfolio(customers: readonly CustomerRevenue[]): Map<string, number> {
  const ids = new Set<string>();
  for (const { customerId, revenue12mCents } of customers) {
    if (ids.has(customerId)) throw new SegmentationInputRejected(`customerId: ${customerId} is listed twice in the portfolio`);
    if (!Number.isSafeInteger(revenue12mCents)) {
      throw new SegmentationInputRejected(`revenue12mCents: must be a whole number of cents (customer ${customerId})`);
    }
    ids.add(customerId);
  }
  const ranked = customers
    .filter((customer) => customer.revenue12mCents > 0)
    .sort((a, b) => b.revenue12mCents - a.revenue12mCents || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return new Map(ranked.map((customer, index) => [customer.customerId, index + 1]));
}
