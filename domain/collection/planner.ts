/**
 * What the dossier does next, and when. Each invoice follows the pinned procedure from its
 * own due date; steps that fall on the same day for several invoices go out together; a
 * late step (after a pause or a promise) keeps its distance from the previous one, so a
 * resumed dossier does not fire its whole backlog at once.
 */
import { compareDates, instantAt, type CalendarDate } from '../calendar';
import type { Procedure, StepDefinition } from '../procedures/definition';
import { shiftDate, stepDate } from '../procedures/schedule';
import { isBlocked, type CollectionInvoice, type DossierState } from './state';

/** Local hour at which steps of a day are done. */
export const STEP_HOUR = 9;

export type PlannedAction =
  | { kind: 'step'; stepIndex: number; step: StepDefinition; invoiceNumbers: string[]; date: CalendarDate; at: number }
  | { kind: 'task-deadline'; at: number }
  | { kind: 'promise-check'; at: number }
  | { kind: 'pause-ends'; at: number };

export function nextStepDate(invoice: CollectionInvoice, procedure: Procedure): CalendarDate | undefined {
  const step = procedure.steps[invoice.nextStep];
  if (!step) return undefined;
  let date = stepDate(invoice.dueDate, step);
  // The distance is kept from the last step actually done (a skipped one does not count).
  const previous = invoice.level ? procedure.steps.find((s) => s.code === invoice.level) : undefined;
  if (previous && invoice.lastStepDate) {
    const rhythm = shiftDate(invoice.lastStepDate, { days: Math.max(0, step.offset.days - previous.offset.days), unit: step.offset.unit });
    if (compareDates(rhythm, date) > 0) date = rhythm;
  }
  if (invoice.escalatedOn && compareDates(invoice.escalatedOn, date) < 0) date = invoice.escalatedOn;
  return date;
}

export function promiseCheckDate(state: DossierState): CalendarDate | undefined {
  return state.promise && shiftDate(state.promise.date, { days: state.promise.graceDays + 1, unit: 'calendar' });
}

const underPromise = (state: DossierState, invoice: CollectionInvoice) => Boolean(state.promise?.invoiceNumbers.includes(invoice.number));

/** Invoices the chase may act on now: open, not disputed, not promised, steps left. */
export function chasedInvoices(state: DossierState, procedure: Procedure): CollectionInvoice[] {
  return state.invoices.filter(
    (invoice) =>
      invoice.status === 'open' &&
      invoice.nextStep < procedure.steps.length &&
      !isBlocked(state, invoice.number) &&
      !underPromise(state, invoice),
  );
}

function nextStepAction(state: DossierState, procedure: Procedure): PlannedAction | undefined {
  const dated = chasedInvoices(state, procedure).map((invoice) => ({ invoice, date: nextStepDate(invoice, procedure)! }));
  if (dated.length === 0) return undefined;
  const date = dated.map((d) => d.date).sort(compareDates)[0]!;
  const dueThatDay = dated.filter((d) => compareDates(d.date, date) <= 0);
  // Several steps on one day: the most advanced first; the others follow straight after.
  const stepIndex = Math.max(...dueThatDay.map((d) => d.invoice.nextStep));
  const invoiceNumbers = dueThatDay.filter((d) => d.invoice.nextStep === stepIndex).map((d) => d.invoice.number);
  return { kind: 'step', stepIndex, step: procedure.steps[stepIndex]!, invoiceNumbers, date, at: instantAt(date, STEP_HOUR, state.timeZone) };
}

/** The next thing the dossier waits for; undefined when only a message can move it. */
export function planNext(state: DossierState, procedure: Procedure): PlannedAction | undefined {
  if (state.task) return state.task.escalated ? undefined : { kind: 'task-deadline', at: state.task.dueAt };
  if (state.pause) return { kind: 'pause-ends', at: instantAt(state.pause.until, 0, state.timeZone) };
  const candidates: PlannedAction[] = [];
  const check = promiseCheckDate(state);
  if (check) candidates.push({ kind: 'promise-check', at: instantAt(check, STEP_HOUR, state.timeZone) });
  const step = nextStepAction(state, procedure);
  if (step) candidates.push(step);
  return candidates.sort((a, b) => a.at - b.at)[0];
}

/**
 * Where an invoice joins: its first step whose day is today or later, but never past the
 * first step after the due date, so an overdue invoice is always reminded before anything
 * harsher happens to it.
 */
export function joiningStep(procedure: Procedure, dueDate: CalendarDate, today: CalendarDate): number {
  const firstAfterDue = procedure.steps.findIndex((step) => step.offset.days > 0);
  const firstNotPassed = procedure.steps.findIndex((step) => compareDates(stepDate(dueDate, step), today) >= 0);
  const candidates = [firstAfterDue, firstNotPassed].filter((index) => index >= 0);
  return candidates.length > 0 ? Math.min(...candidates) : procedure.steps.length;
}
