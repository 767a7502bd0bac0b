/**
 * How doing (or not doing) a step changes the dossier: the invoices it concerned move to
 * the next step with the new level; a phone call becomes an open task until its outcome or
 * its deadline; a step that needs approval waits for it.
 */
import type { CalendarDate } from '../calendar';
import type { StepDefinition } from '../procedures/definition';
import type { TaskCompletion } from './commands';
import { DEFAULT_PROMISE_GRACE_DAYS, revise, type DossierState, type HumanTask } from './state';

export interface StepAction {
  stepIndex: number;
  step: StepDefinition;
  invoiceNumbers: string[];
}

export function nextId(state: DossierState, prefix: string): { id: string; state: DossierState } {
  const sequence = state.sequence + 1;
  return { id: `${prefix}-${sequence}`, state: { ...state, sequence } };
}

export function withTask(state: DossierState, task: HumanTask, today: CalendarDate): DossierState {
  return revise(state, { task }, { on: today, actor: 'system', action: `${task.kind} task ${task.id} opened`, detail: `${task.stepCode} for ${task.invoiceNumbers.join(', ')} (${task.pool})` });
}

export function stepDone(state: DossierState, action: StepAction, today: CalendarDate, detail: string): DossierState {
  const legal = action.step.kind === 'legal-handoff';
  const invoices = state.invoices.map((invoice) =>
    action.invoiceNumbers.includes(invoice.number) && invoice.status === 'open'
      ? {
          ...invoice,
          level: action.step.code,
          nextStep: action.stepIndex + 1,
          lastStepDate: today,
          escalatedOn: undefined,
          status: legal ? ('with-legal' as const) : invoice.status,
          ...(action.step.code === 'R1' ? { firstReminderDate: today } : {}),
        }
      : invoice,
  );
  const written = action.step.kind === 'written-reminder' || action.step.kind === 'formal-notice';
  return revise(
    state,
    { invoices, task: undefined, messagesSent: state.messagesSent + (written ? 1 : 0) },
    { on: today, actor: 'system', action: `${action.step.code} done`, detail },
  );
}

export function stepSkipped(state: DossierState, action: StepAction, today: CalendarDate, why: string): DossierState {
  const invoices = state.invoices.map((invoice) =>
    action.invoiceNumbers.includes(invoice.number) ? { ...invoice, nextStep: action.stepIndex + 1, escalatedOn: undefined } : invoice,
  );
  return revise(state, { invoices, task: undefined }, { on: today, actor: 'system', action: `${action.step.code} skipped`, detail: why });
}

/** The outcome of a phone call: it counts as done; a promise or a dispute changes the chase. */
export function phoneCallCompleted(state: DossierState, action: StepAction, completion: TaskCompletion, today: CalendarDate): DossierState {
  let next = stepDone(state, action, today, `${completion.outcome} (${completion.actor}${completion.reason ? `: ${completion.reason}` : ''})`);
  if (completion.outcome === 'reached-promise' && completion.promiseDate) {
    next = revise(next, { promise: { date: completion.promiseDate, graceDays: DEFAULT_PROMISE_GRACE_DAYS, invoiceNumbers: action.invoiceNumbers, madeBy: completion.actor } }, {
      on: today, actor: completion.actor, action: 'promise to pay', detail: `by ${completion.promiseDate}, on the phone`,
    });
  }
  if (completion.outcome === 'disputed') {
    const complaint = { id: `call-${action.step.code}-${today}`, type: 'ZZ_99', invoiceNumbers: action.invoiceNumbers, openedBy: completion.actor, reason: completion.reason || 'disputed on the phone', openedOn: today };
    next = revise(next, { complaints: [...next.complaints, complaint] }, { on: today, actor: completion.actor, action: 'complaint ZZ_99 opened', detail: `${complaint.id}: disputed on the phone` });
  }
  return next;
}

export function stepApproved(state: DossierState, action: StepAction, completion: TaskCompletion, today: CalendarDate): DossierState {
  const invoices = state.invoices.map((invoice) => (action.invoiceNumbers.includes(invoice.number) ? { ...invoice, approvedStep: action.stepIndex } : invoice));
  return revise(state, { invoices, task: undefined }, { on: today, actor: completion.actor, action: `${action.step.code} approved`, detail: completion.reason ?? '' });
}

export const needsApproval = (state: DossierState, action: StepAction) =>
  Boolean(action.step.requiresApproval) &&
  state.invoices.some((invoice) => action.invoiceNumbers.includes(invoice.number) && invoice.approvedStep !== action.stepIndex);

export function taskDeadlineMissed(state: DossierState, today: CalendarDate): DossierState {
  const task = state.task;
  if (!task) return state;
  return revise(state, { task: { ...task, escalated: true } }, { on: today, actor: 'system', action: `${task.kind} task ${task.id} overdue`, detail: `escalated to the ${task.pool} supervisor` });
}
