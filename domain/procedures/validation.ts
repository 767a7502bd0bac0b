/**
 * Checks a procedure before it can be published or loaded. Each problem names the
 * procedure, the step and the rule, so that the author knows what to change.
 */
import { compareDates, calendarDate, daysBetween, type CalendarDate } from '../calendar';
import {
  B2B_FEES,
  B2C_FEES,
  CUSTOMER_KINDS,
  SEGMENTS,
  STEP_CODES,
  procedureKey,
  type Channel,
  type Procedure,
  type StepDefinition,
  type StepKind,
} from './definition';
import { stepDate } from './schedule';

export class InvalidProcedureError extends Error {
  constructor(readonly procedure: string, readonly problems: string[]) {
    super(`Procedure ${procedure} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidProcedureError';
  }
}

const CHANNELS_BY_KIND: Record<StepKind, Channel[]> = {
  'written-reminder': ['email', 'letter', 'sms'],
  'phone-call': ['phone'],
  'formal-notice': ['registered-letter', 'letter', 'email'],
  'legal-handoff': ['bailiff'],
};

/** Days of the Book XIX waiting period, and the worst case before a letter's period starts. */
const B2C_WAITING_DAYS = 14;
const POSTAL_START_WORST_CASE_DAYS = 5; // the 3rd working day after posting, over a weekend

/** Due dates on every weekday, so that business-day offsets are compared in every position. */
const REFERENCE_DUE_DATES: CalendarDate[] = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07'].map(
  calendarDate,
);

function stepProblems(step: StepDefinition, label: string, templates: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!(STEP_CODES as readonly string[]).includes(step.code)) problems.push(`${label}: unknown step code (known: ${STEP_CODES.join(', ')})`);
  if (!Number.isInteger(step.offset.days)) problems.push(`${label}: the day offset must be a whole number of days`);
  if (step.channels.length === 0) problems.push(`${label}: needs at least one channel`);
  const allowed = CHANNELS_BY_KIND[step.kind];
  for (const channel of step.channels) {
    if (!allowed.includes(channel)) problems.push(`${label}: channel ${channel} does not fit a ${step.kind} (use ${allowed.join(', ')})`);
  }
  const written = step.kind === 'written-reminder' || step.kind === 'formal-notice';
  if (written && !step.template) problems.push(`${label}: a ${step.kind} needs a template`);
  if (step.template && !templates.has(step.template)) problems.push(`${label}: unknown template "${step.template}"`);
  if (step.kind === 'phone-call' && !step.task) problems.push(`${label}: a phone call needs a task (pool and deadline)`);
  if (step.kind !== 'phone-call' && step.onlyWhenCollectorsHaveCapacity) {
    problems.push(`${label}: only phone calls can depend on the collectors' capacity`);
  }
  if (step.task && step.task.deadline.days < 1) problems.push(`${label}: the task deadline must be at least one day`);
  return problems;
}

function orderProblems(procedure: Procedure, label: (step: StepDefinition) => string): string[] {
  const problems: string[] = [];
  procedure.steps.forEach((step, index) => {
    const previous = procedure.steps[index - 1];
    if (!previous) return;
    const outOfOrder = REFERENCE_DUE_DATES.some((due) => compareDates(stepDate(due, step), stepDate(due, previous)) <= 0);
    if (outOfOrder) problems.push(`${label(step)}: offsets out of order: it must come after ${previous.code}`);
  });
  const codes = procedure.steps.map((s) => s.code);
  codes.forEach((code, index) => {
    if (codes.indexOf(code) !== index) problems.push(`${label(procedure.steps[index]!)}: the code ${code} is used twice`);
  });
  const legalIndex = procedure.steps.findIndex((s) => s.kind === 'legal-handoff');
  const noticeIndex = procedure.steps.findIndex((s) => s.kind === 'formal-notice');
  if (legalIndex >= 0) {
    if (noticeIndex < 0 || noticeIndex > legalIndex) {
      problems.push(`${label(procedure.steps[legalIndex]!)}: the legal handoff must come after the formal notice`);
    }
    if (legalIndex !== procedure.steps.length - 1) problems.push(`${label(procedure.steps[legalIndex]!)}: the legal handoff must be the last step`);
  }
  return problems;
}

function feeProblems(procedure: Procedure, label: (step: StepDefinition) => string): string[] {
  const problems: string[] = [];
  const consumers = procedure.customerKinds.includes('B2C');
  const business = procedure.customerKinds.some((kind) => kind !== 'B2C');
  if (consumers && business) problems.push('customerKinds: a procedure serves either consumers (B2C) or businesses (B2B, B2G), not both: their fees and periods differ');
  for (const step of procedure.steps) {
    for (const fee of step.fees ?? []) {
      if (consumers && !B2C_FEES.includes(fee)) problems.push(`${label(step)}: fee ${fee} cannot be charged to consumers (Book XIX)`);
      if (!consumers && !B2B_FEES.includes(fee)) problems.push(`${label(step)}: fee ${fee} is a consumer fee; businesses owe ${B2B_FEES.join(', ')}`);
    }
  }
  if (!consumers) return problems;

  const first = procedure.steps.find((s) => s.kind === 'written-reminder' && s.offset.days > 0);
  if (!first) return [...problems, 'steps: a consumer procedure needs a first written reminder after the due date (Book XIX)'];
  if ((first.fees ?? []).length > 0) problems.push(`${label(first)}: the first reminder to a consumer must be free of charge (Book XIX)`);
  if (!first.channels.every((c) => c === 'email' || c === 'letter')) problems.push(`${label(first)}: the first reminder to a consumer goes on a durable medium (e-mail or letter)`);
  const startsLate = first.channels.includes('letter') ? POSTAL_START_WORST_CASE_DAYS : 1;
  for (const step of procedure.steps) {
    if (step === first || step.offset.days <= first.offset.days) continue;
    const tooEarly = REFERENCE_DUE_DATES.some((due) => daysBetween(stepDate(due, first), stepDate(due, step)) < startsLate + B2C_WAITING_DAYS);
    if (tooEarly) {
      problems.push(
        `${label(step)}: escalates inside the 14-day period that the first reminder (${first.code}) opens; consumers must get ${B2C_WAITING_DAYS} full days (Book XIX)`,
      );
    }
  }
  return problems;
}

/** Returns the problems; empty when the procedure is valid. */
export function procedureProblems(procedure: Procedure, templates: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(procedure.id)) problems.push('id: lower-case words joined by hyphens, e.g. top-400');
  if (!Number.isInteger(procedure.version) || procedure.version < 1) problems.push('version: a whole number from 1');
  if (procedure.steps.length === 0) problems.push('steps: a procedure needs at least one step');
  if (procedure.segments.length === 0 || procedure.segments.some((s) => !(SEGMENTS as readonly string[]).includes(s))) {
    problems.push(`segments: one or more of ${SEGMENTS.join(', ')}`);
  }
  if (procedure.customerKinds.length === 0 || procedure.customerKinds.some((k) => !(CUSTOMER_KINDS as readonly string[]).includes(k))) {
    problems.push(`customerKinds: one or more of ${CUSTOMER_KINDS.join(', ')}`);
  }
  const label = (step: StepDefinition) => `step ${step.code} (day ${step.offset.days}${step.offset.unit === 'business' ? ' business' : ''})`;
  for (const step of procedure.steps) problems.push(...stepProblems(step, label(step), templates));
  problems.push(...orderProblems(procedure, label), ...feeProblems(procedure, label));
  return problems;
}

export function validateProcedure(procedure: Procedure, templates: ReadonlySet<string>): Procedure {
  const problems = procedureProblems(procedure, templates);
  if (problems.length > 0) throw new InvalidProcedureError(procedureKey(procedure), problems);
  return procedure;
}
