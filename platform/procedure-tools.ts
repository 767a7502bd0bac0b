/**
 * Tools for operations: the timeline a procedure produces for one invoice (dates, steps,
 * channels, fees), a check of every published procedure, and the differences between two
 * versions. Used by `o2c procedures …`.
 */
import { dunningFees } from '../activities/dunning-message';
import type { CalendarDate } from '../domain/calendar';
import type { CollectionInvoice } from '../domain/collection/state';
import { formatMoney } from '../domain/money';
import { procedureKey, type CustomerKind, type Procedure, type StepDefinition } from '../domain/procedures/definition';
import { timeline } from '../domain/procedures/schedule';
import { procedureProblems } from '../domain/procedures/validation';
import { changedPublishedVersions } from './procedure-lock';

export interface TimelineRow {
  date: CalendarDate;
  day: number;
  code: string;
  title: string;
  channels: string;
  approval: boolean;
  optional: boolean;
  feesCents: number;
  claimCents: number;
}

/** What happens to one unpaid invoice of `amountCents`, due on `dueDate`, step by step. */
export function simulate(procedure: Procedure, dueDate: CalendarDate, amountCents: number, kind: CustomerKind): TimelineRow[] {
  let firstReminderDate: CalendarDate | undefined;
  return timeline(procedure, dueDate).map(({ step, date }) => {
    const invoice: CollectionInvoice = {
      number: 'SIMULATED', issueDate: dueDate, dueDate, amountCents, openCents: amountCents, currency: 'EUR', status: 'open',
      nextStep: 0, level: step.code, ...(firstReminderDate ? { firstReminderDate } : {}),
    };
    const written = step.kind === 'written-reminder' || step.kind === 'formal-notice';
    const fees = written ? dunningFees(kind, step, [invoice], date).totalFeesCents : 0;
    if (step.code === 'R1') firstReminderDate = date;
    return {
      date, day: step.offset.days, code: step.code, title: step.title, channels: step.channels.join('+'),
      approval: Boolean(step.requiresApproval), optional: Boolean(step.onlyWhenCollectorsHaveCapacity), feesCents: fees, claimCents: amountCents + fees,
    };
  });
}

export function formatTimeline(procedure: Procedure, rows: TimelineRow[]): string {
  const header = `${procedure.title} (${procedureKey(procedure)})`;
  const lines = rows.map((r) => {
    const notes = [r.approval ? 'needs approval' : '', r.optional ? 'only if collectors have capacity' : ''].filter(Boolean).join(', ');
    const fees = r.feesCents > 0 ? `fees ${formatMoney(r.feesCents, 'EUR', 'en')}, claim ${formatMoney(r.claimCents, 'EUR', 'en')}` : '';
    return `${r.date}  day ${String(r.day).padStart(3)}  ${r.code.padEnd(5)} ${r.title.padEnd(48)} ${r.channels.padEnd(24)} ${[fees, notes].filter(Boolean).join('; ')}`;
  });
  return [header, ...lines].join('\n');
}

/** Every problem of every published procedure, and every published version that changed. */
export function checkProcedures(procedures: readonly Procedure[], templates: ReadonlySet<string>): string[] {
  return [
    ...procedures.flatMap((p) => procedureProblems(p, templates).map((problem) => `${procedureKey(p)}: ${problem}`)),
    ...changedPublishedVersions(procedures),
  ];
}

function describeStep(step: StepDefinition): string {
  const flags = [step.requiresApproval ? 'approval' : '', step.onlyWhenCollectorsHaveCapacity ? 'optional' : ''].filter(Boolean);
  return `day ${step.offset.days}${step.offset.unit === 'business' ? ' (business)' : ''}, ${step.channels.join('+')}${step.template ? `, template ${step.template}` : ''}${step.fees?.length ? `, fees ${step.fees.join('+')}` : ''}${flags.length ? `, ${flags.join('+')}` : ''}`;
}

/** The differences from `a` to `b`, one line each: steps added, removed and changed. */
export function diffProcedures(a: Procedure, b: Procedure): string[] {
  const lines: string[] = [];
  if (a.title !== b.title) lines.push(`title: "${a.title}" → "${b.title}"`);
  if (a.segments.join() !== b.segments.join()) lines.push(`segments: ${a.segments.join(', ')} → ${b.segments.join(', ')}`);
  if (a.customerKinds.join() !== b.customerKinds.join()) lines.push(`customer kinds: ${a.customerKinds.join(', ')} → ${b.customerKinds.join(', ')}`);
  const codes = [...new Set([...a.steps.map((s) => s.code), ...b.steps.map((s) => s.code)])];
  for (const code of codes) {
    const before = a.steps.find((s) => s.code === code);
    const after = b.steps.find((s) => s.code === code);
    if (!after) lines.push(`- ${code}: removed (was ${describeStep(before!)})`);
    else if (!before) lines.push(`+ ${code}: added (${describeStep(after)})`);
    else if (describeStep(before) !== describeStep(after)) lines.push(`~ ${code}: ${describeStep(before)} → ${describeStep(after)}`);
  }
  const order = (p: Procedure) => p.steps.map((s) => s.code).filter((c) => a.steps.some((s) => s.code === c) && b.steps.some((s) => s.code === c));
  if (order(a).join() !== order(b).join()) lines.push(`order: ${order(a).join(' – ')} → ${order(b).join(' – ')}`);
  return lines;
}
