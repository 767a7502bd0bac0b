import { addDays, calendarDate, instantAt } from '../../domain/calendar';
import { escalate } from '../../domain/collection/commands';
import { joiningStep, nextStepDate, planNext, STEP_HOUR, type PlannedAction } from '../../domain/collection/planner';
import { newDossierState, type CollectionInvoice, type DossierState, type HumanTask } from '../../domain/collection/state';
import { stepDone } from '../../domain/collection/steps';
import type { Procedure } from '../../domain/procedures/definition';
import { OTHER_V1, TOP_400_V1 } from '../../domain/procedures/tracks-v1';

const date = calendarDate;
const BRUSSELS = 'Europe/Brussels';

function invoice(number: string, dueDate: string, changes: Partial<CollectionInvoice> = {}): CollectionInvoice {
  return {
    number, issueDate: addDays(date(dueDate), -30), dueDate: date(dueDate), amountCents: 10_000, openCents: 10_000, currency: 'EUR',
    status: 'open', nextStep: 0, level: '', ...changes,
  };
}

function dossier(invoices: CollectionInvoice[], changes: Partial<DossierState> = {}, procedure: Procedure = OTHER_V1): DossierState {
  const state = newDossierState({ customerId: 'C-1', customerKind: 'B2B', timeZone: BRUSSELS, procedure: { id: procedure.id, version: procedure.version } });
  return { ...state, invoices, ...changes };
}

const utc = (at: number | undefined) => (at === undefined ? undefined : new Date(at).toISOString());

function stepPlan(plan: PlannedAction | undefined) {
  if (plan?.kind !== 'step') throw new Error(`expected a step, planned ${plan?.kind ?? 'nothing'}`);
  return { code: plan.step.code, stepIndex: plan.stepIndex, invoiceNumbers: plan.invoiceNumbers, date: plan.date, at: utc(plan.at) };
}

/** Does the planned step on its own date, as the workflow would. */
function doPlannedStep(state: DossierState, procedure: Procedure, on?: string): DossierState {
  const plan = planNext(state, procedure);
  if (plan?.kind !== 'step') throw new Error(`expected a step, planned ${plan?.kind ?? 'nothing'}`);
  return stepDone(state, { stepIndex: plan.stepIndex, step: plan.step, invoiceNumbers: plan.invoiceNumbers }, on ? date(on) : plan.date, 'sent');
}

describe('the next step of a single invoice', () => {
  it('falls on its procedure day at 09:00 Brussels time, 08:00 UTC in winter', () => {
    const state = dossier([invoice('INV-1', '2026-01-05')]);
    expect(STEP_HOUR).toBe(9);
    expect(stepPlan(planNext(state, OTHER_V1))).toEqual({
      code: 'R1', stepIndex: 0, invoiceNumbers: ['INV-1'], date: '2026-01-12', at: '2026-01-12T08:00:00.000Z',
    });
  });

  it('falls at 09:00 Brussels time, 07:00 UTC, in summer and on the night the clocks go forward', () => {
    expect(stepPlan(planNext(dossier([invoice('INV-1', '2026-07-01')]), OTHER_V1))).toMatchObject({ date: '2026-07-08', at: '2026-07-08T07:00:00.000Z' });
    expect(stepPlan(planNext(dossier([invoice('INV-1', '2026-03-22')]), OTHER_V1))).toMatchObject({ date: '2026-03-29', at: '2026-03-29T07:00:00.000Z' });
  });

  it('sends the courtesy reminder of the top-400 track five days before the due date', () => {
    const state = dossier([invoice('INV-1', '2026-02-10')], {}, TOP_400_V1);
    expect(stepPlan(planNext(state, TOP_400_V1))).toMatchObject({ code: 'RU', stepIndex: 0, date: '2026-02-05' });
  });

  it('moves on to the next step of the procedure once a step is done', () => {
    const afterR1 = doPlannedStep(dossier([invoice('INV-1', '2026-01-05')]), OTHER_V1);
    expect(afterR1.invoices[0]).toMatchObject({ level: 'R1', nextStep: 1, lastStepDate: '2026-01-12' });
    expect(stepPlan(planNext(afterR1, OTHER_V1))).toMatchObject({ code: 'R2', date: '2026-01-26' });
  });

  it('plans nothing once the invoice has done every step', () => {
    expect(planNext(dossier([invoice('INV-1', '2026-01-05', { nextStep: OTHER_V1.steps.length })]), OTHER_V1)).toBeUndefined();
  });
});

describe('several invoices in one dossier', () => {
  it('groups two invoices whose step falls on the same day into one action', () => {
    const state = dossier([invoice('INV-1', '2026-01-05'), invoice('INV-2', '2026-01-05', { issueDate: date('2025-11-20') })]);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R1', invoiceNumbers: ['INV-1', 'INV-2'], date: '2026-01-12' });
  });

  it('groups invoices with different due dates once their rhythm brings the same step to the same day', () => {
    // INV-1 got R1 late (on 20 January): its R2 keeps 14 days from it, 3 February, which is INV-2's own R2 day.
    const state = dossier([
      invoice('INV-1', '2026-01-01', { nextStep: 1, level: 'R1', lastStepDate: date('2026-01-20') }),
      invoice('INV-2', '2026-01-13', { nextStep: 1, level: 'R1', lastStepDate: date('2026-01-20') }),
    ]);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R2', invoiceNumbers: ['INV-1', 'INV-2'], date: '2026-02-03' });
  });

  it('lets a later invoice wait for its own day', () => {
    let state = dossier([invoice('INV-1', '2026-01-05'), invoice('INV-2', '2026-01-20')]);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R1', invoiceNumbers: ['INV-1'], date: '2026-01-12' });
    state = doPlannedStep(state, OTHER_V1);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R2', invoiceNumbers: ['INV-1'], date: '2026-01-26' });
    state = doPlannedStep(state, OTHER_V1);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R1', invoiceNumbers: ['INV-2'], date: '2026-01-27' });
  });

  it('does the most advanced step of a day first, and the other one straight after', () => {
    // INV-1's R2 (day 21) and INV-2's R1 (day 7) both fall on 26 January.
    let state = dossier([invoice('INV-1', '2026-01-05', { nextStep: 1, level: 'R1' }), invoice('INV-2', '2026-01-19')]);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R2', invoiceNumbers: ['INV-1'], date: '2026-01-26' });
    state = doPlannedStep(state, OTHER_V1);
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R1', invoiceNumbers: ['INV-2'], date: '2026-01-26' });
  });
});

describe('invoices that are not chased', () => {
  const complaint = { id: 'CMP-1', type: 'OP_01', invoiceNumbers: ['INV-1'], openedBy: 'agent', reason: 'wrong quantity', openedOn: date('2026-01-06') };
  const promise = { date: date('2026-01-20'), graceDays: 3, invoiceNumbers: ['INV-2'], madeBy: 'agent' };

  it('leaves out an invoice with an open complaint and a promised invoice', () => {
    const state = dossier([invoice('INV-1', '2026-01-05'), invoice('INV-2', '2026-01-05'), invoice('INV-3', '2026-01-05')], { complaints: [complaint], promise });
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R1', invoiceNumbers: ['INV-3'], date: '2026-01-12' });
  });

  it('waits for the promise check, at 09:00 the day after the grace days, when only disputed and promised invoices are left', () => {
    const state = dossier([invoice('INV-1', '2026-01-05'), invoice('INV-2', '2026-01-05')], { complaints: [complaint], promise });
    expect(planNext(state, OTHER_V1)).toEqual({ kind: 'promise-check', at: instantAt(date('2026-01-24'), 9, BRUSSELS) });
    expect(utc(planNext(state, OTHER_V1)?.at)).toBe('2026-01-24T08:00:00.000Z');
  });

  it('checks a promise that falls before the next step of the other invoices first', () => {
    const state = dossier([invoice('INV-2', '2026-01-05'), invoice('INV-3', '2026-02-01')], { promise });
    expect(planNext(state, OTHER_V1)?.kind).toBe('promise-check');
  });

  it('waits for a message only when every open invoice is disputed', () => {
    const state = dossier([invoice('INV-1', '2026-01-05')], { complaints: [complaint] });
    expect(planNext(state, OTHER_V1)).toBeUndefined();
  });

  it('no longer chases paid invoices or invoices with legal', () => {
    const state = dossier([invoice('INV-1', '2026-01-05', { status: 'paid', openCents: 0 }), invoice('INV-2', '2026-01-05', { status: 'with-legal' })]);
    expect(planNext(state, OTHER_V1)).toBeUndefined();
  });
});

describe('pauses and human tasks', () => {
  const task: HumanTask = {
    id: 'call-1', kind: 'phone-call', stepCode: 'T1', stepIndex: 3, invoiceNumbers: ['INV-1'], pool: 'collectors', dueAt: Date.parse('2026-02-13T17:00:00Z'),
  };

  it('waits for the end of a pause, at midnight of its last day in the customer\'s zone', () => {
    const state = dossier([invoice('INV-1', '2026-01-05')], { pause: { until: date('2026-02-01'), by: 'manager', reason: 'negotiation' } });
    expect(planNext(state, OTHER_V1)).toEqual({ kind: 'pause-ends', at: Date.parse('2026-01-31T23:00:00Z') });
  });

  it('waits for the deadline of an open task', () => {
    const state = dossier([invoice('INV-1', '2026-01-05', { nextStep: 3 })], { task });
    expect(planNext(state, OTHER_V1)).toEqual({ kind: 'task-deadline', at: task.dueAt });
  });

  it('waits for a message only once the task has been escalated', () => {
    const state = dossier([invoice('INV-1', '2026-01-05', { nextStep: 3 })], { task: { ...task, escalated: true } });
    expect(planNext(state, OTHER_V1)).toBeUndefined();
  });

  it('puts an open task before a pause', () => {
    const state = dossier([invoice('INV-1', '2026-01-05', { nextStep: 3 })], { task, pause: { until: date('2026-03-01'), by: 'manager', reason: 'holiday' } });
    expect(planNext(state, OTHER_V1)?.kind).toBe('task-deadline');
  });
});

describe('the rhythm of late steps', () => {
  const dueJan5 = () => dossier([invoice('INV-1', '2026-01-05')]);

  it('keeps the next step on its own day when the last one was on time', () => {
    const state = doPlannedStep(dueJan5(), OTHER_V1, '2026-01-12');
    expect(nextStepDate(state.invoices[0]!, OTHER_V1)).toBe('2026-01-26');
  });

  it('keeps the distance between two steps from the day the late one was done', () => {
    // R1 (day 7) was due on 12 January but went out on 2 February, after a pause: R2 (day 21) follows 14 days later.
    const state = doPlannedStep(dueJan5(), OTHER_V1, '2026-02-02');
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R2', date: '2026-02-16', at: '2026-02-16T08:00:00.000Z' });
  });

  it('never brings a step before its own day', () => {
    // Done two days late: R2 keeps 14 days from it (28 January) rather than its own 26 January.
    const state = doPlannedStep(dueJan5(), OTHER_V1, '2026-01-14');
    expect(nextStepDate(state.invoices[0]!, OTHER_V1)).toBe('2026-01-28');
  });
});

describe('escalation', () => {
  const actor = { actor: 'credit.manager', reason: 'no reaction at all' };

  it('brings the next step to the escalation day', () => {
    const state = escalate(dossier([invoice('INV-1', '2026-01-05', { nextStep: 1, level: 'R1' })]), OTHER_V1, { to: 'next-step', ...actor }, date('2026-01-15'));
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R2', date: '2026-01-15', at: '2026-01-15T08:00:00.000Z' });
  });

  it('overrides the rhythm of a late step', () => {
    const late = doPlannedStep(dossier([invoice('INV-1', '2026-01-05')]), OTHER_V1, '2026-02-02');
    const state = escalate(late, OTHER_V1, { to: 'next-step', ...actor }, date('2026-02-05'));
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'R2', date: '2026-02-05' });
  });

  it('is spent once the step is done: the step after keeps its own day', () => {
    const escalated = escalate(dossier([invoice('INV-1', '2026-01-05', { nextStep: 1, level: 'R1', lastStepDate: date('2026-01-12') })]), OTHER_V1, { to: 'next-step', ...actor }, date('2026-01-15'));
    const state = doPlannedStep(escalated, OTHER_V1);
    expect(state.invoices[0]?.escalatedOn).toBeUndefined();
    // IGS (day 30) is 9 days after R2 (day 21): 24 January by the rhythm, but never before its own 4 February.
    expect(nextStepDate(state.invoices[0]!, OTHER_V1)).toBe('2026-02-04');
  });

  it('sends the dossier to the legal handoff on the escalation day', () => {
    const state = escalate(dossier([invoice('INV-1', '2026-01-05', { nextStep: 1, level: 'R1' })]), OTHER_V1, { to: 'legal', ...actor }, date('2026-01-15'));
    expect(stepPlan(planNext(state, OTHER_V1))).toMatchObject({ code: 'LEGAL', stepIndex: 4, date: '2026-01-15' });
  });
});

describe('where a new invoice joins the procedure', () => {
  const dueDate = date('2026-02-10');

  it('puts a backlog invoice at the first reminder after its due date, not at a harsher step', () => {
    expect(TOP_400_V1.steps[2]?.code).toBe('R1');
    // Every step has passed.
    expect(joiningStep(TOP_400_V1, dueDate, date('2026-06-01'))).toBe(2);
    // R1 and T1 have passed, R2 has not: it still starts with R1.
    expect(joiningStep(TOP_400_V1, dueDate, date('2026-02-25'))).toBe(2);
    expect(joiningStep(OTHER_V1, dueDate, date('2026-06-01'))).toBe(0);
  });

  it('does not send a backlog invoice the courtesy reminder or the due-date notice', () => {
    expect(joiningStep(TOP_400_V1, dueDate, date('2026-02-11'))).toBe(2);
  });

  it('puts a future invoice at its first step not yet passed', () => {
    expect(joiningStep(TOP_400_V1, dueDate, date('2026-02-01'))).toBe(0);
    // The courtesy reminder (5 February) has passed; the due-date notice has not.
    expect(joiningStep(TOP_400_V1, dueDate, date('2026-02-07'))).toBe(1);
    expect(joiningStep(OTHER_V1, dueDate, date('2026-02-01'))).toBe(0);
  });

  it('counts a step that falls today as not passed', () => {
    expect(joiningStep(TOP_400_V1, dueDate, date('2026-02-05'))).toBe(0);
    expect(joiningStep(TOP_400_V1, dueDate, dueDate)).toBe(1);
  });

  it('joins past the end when every step has passed and none follows the due date', () => {
    const beforeDueOnly: Procedure = { ...TOP_400_V1, id: 'courtesy-only', steps: TOP_400_V1.steps.slice(0, 2) };
    expect(joiningStep(beforeDueOnly, dueDate, date('2026-03-01'))).toBe(2);
  });
});

describe('the rhythm after a skipped step', () => {
  it('measures the distance from the last step done, not from a skipped one', () => {
    // other: IGS day 30, T1 day 37 (skipped), LEGAL day 45. The notice went out late, on
    // 2026-03-01; LEGAL keeps its 15 days from it: 2026-03-16, not 8 days after a skipped call.
    const late = invoice('INV-1', '2026-01-05', { level: 'IGS', nextStep: 4, lastStepDate: date('2026-03-01') });
    expect(nextStepDate(late, OTHER_V1)).toBe('2026-03-16');
  });
});
