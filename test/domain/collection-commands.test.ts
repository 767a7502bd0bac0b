import { calendarDate, type CalendarDate } from '../../domain/calendar';
import {
  changeProcedure,
  checkTaskCompletion,
  closeComplaint,
  COMPLAINT_TYPES,
  CommandRejected,
  escalate,
  openComplaint,
  pauseDossier,
  promiseToPay,
  checkPromiseKept,
  registerInvoice,
  registerPayment,
  resumeDossier,
  type TaskCompletion,
} from '../../domain/collection/commands';
import { isBlocked, isFinished, JOURNAL_KEPT, newDossierState, type CollectionInvoice, type DossierState, type HumanTask } from '../../domain/collection/state';
import type { Procedure } from '../../domain/procedures/definition';
import { joiningStep, planNext } from '../../domain/collection/planner';
import { OTHER_V1, TOP_2500_V1, TOP_400_V1 } from '../../domain/procedures/tracks-v1';

const date = calendarDate;
const TODAY = date('2026-03-02');
const who = { actor: 'anna.credit', reason: 'customer called' };

/** A B2B dossier on the other track with two invoices that joined at R1. */
function dossier(procedure: Procedure = OTHER_V1): DossierState {
  let state = newDossierState({ customerId: 'C-42', customerKind: 'B2B', timeZone: 'Europe/Brussels', procedure: { id: procedure.id, version: procedure.version } });
  state = registerInvoice(state, procedure, { number: 'INV-1', issueDate: date('2026-01-01'), dueDate: date('2026-01-31'), amountCents: 15_000, currency: 'EUR' }, TODAY, 0);
  state = registerInvoice(state, procedure, { number: 'INV-2', issueDate: date('2026-01-15'), dueDate: date('2026-02-14'), amountCents: 8_000, currency: 'EUR' }, TODAY, 0);
  return state;
}

function withInvoices(state: DossierState, changes: Record<string, Partial<CollectionInvoice>>): DossierState {
  return { ...state, invoices: state.invoices.map((invoice) => ({ ...invoice, ...changes[invoice.number] })) };
}

/** The rejection a command throws; fails the test when it is accepted or throws something else. */
function rejection(command: () => unknown): CommandRejected {
  try {
    command();
  } catch (error) {
    if (error instanceof CommandRejected) return error;
    throw error;
  }
  throw new Error('expected the command to be rejected');
}

const lastEntry = (state: DossierState) => state.journal[state.journal.length - 1];
const invoiceOf = (state: DossierState, number: string) => state.invoices.find((invoice) => invoice.number === number)!;

describe('payments', () => {
  it('lowers the open amount of a partially paid invoice, which stays open', () => {
    const before = dossier();
    const state = registerPayment(before, { invoiceNumber: 'INV-1', amountCents: 5_000, actor: 'bank-import' }, TODAY);
    expect(invoiceOf(state, 'INV-1')).toMatchObject({ openCents: 10_000, amountCents: 15_000, status: 'open' });
    expect(lastEntry(state)).toEqual({ on: TODAY, actor: 'bank-import', action: 'partial payment', detail: '5000 cents on INV-1' });
    expect(state.revision).toBe(before.revision + 1);
  });

  it('marks a fully paid invoice as paid, and finishes the dossier with the last one', () => {
    let state = registerPayment(dossier(), { invoiceNumber: 'INV-1', amountCents: 15_000, actor: 'bank-import' }, TODAY);
    expect(invoiceOf(state, 'INV-1')).toMatchObject({ openCents: 0, status: 'paid' });
    expect(lastEntry(state)?.action).toBe('payment (invoice paid)');
    expect(isFinished(state)).toBe(false);
    state = registerPayment(state, { invoiceNumber: 'INV-2', amountCents: 3_000, actor: 'bank-import' }, TODAY);
    state = registerPayment(state, { invoiceNumber: 'INV-2', amountCents: 5_000, actor: 'bank-import' }, TODAY);
    expect(invoiceOf(state, 'INV-2').status).toBe('paid');
    expect(isFinished(state)).toBe(true);
  });

  it('rejects more than the open amount, naming amountCents, and changes nothing', () => {
    const state = dossier();
    const error = rejection(() => registerPayment(state, { invoiceNumber: 'INV-1', amountCents: 15_001, actor: 'bank-import' }, TODAY));
    expect(error.field).toBe('amountCents');
    expect(error.message).toBe('amountCents: 15001 is more than the 15000 still open on INV-1');
    expect(error.name).toBe('CommandRejected');
    expect(state).toEqual(dossier());
  });

  it('rejects a second payment of an invoice already paid', () => {
    const paid = registerPayment(dossier(), { invoiceNumber: 'INV-2', amountCents: 8_000, actor: 'bank-import' }, TODAY);
    expect(rejection(() => registerPayment(paid, { invoiceNumber: 'INV-2', amountCents: 1, actor: 'bank-import' }, TODAY)).message).toBe(
      'amountCents: 1 is more than the 0 still open on INV-2',
    );
  });

  it('rejects a payment of an invoice the dossier does not hold', () => {
    const error = rejection(() => registerPayment(dossier(), { invoiceNumber: 'INV-9', amountCents: 100, actor: 'bank-import' }, TODAY));
    expect(error.field).toBe('invoiceNumber');
    expect(error.message).toBe('invoiceNumber: no invoice INV-9 in this dossier');
  });

  it.each([12.5, 0, -100, Number.NaN, 2 ** 53])('rejects %p cents: a payment is a positive whole number of cents', (amountCents) => {
    const error = rejection(() => registerPayment(dossier(), { invoiceNumber: 'INV-1', amountCents, actor: 'bank-import' }, TODAY));
    expect(error.field).toBe('amountCents');
    expect(error.reason).toBe('must be a positive whole number of cents');
  });

  it('needs an actor but no reason', () => {
    expect(rejection(() => registerPayment(dossier(), { invoiceNumber: 'INV-1', amountCents: 100, actor: ' ' }, TODAY)).field).toBe('actor');
    expect(() => registerPayment(dossier(), { invoiceNumber: 'INV-1', amountCents: 100, actor: 'bank-import' }, TODAY)).not.toThrow();
  });
});

describe('every command names who does it and why', () => {
  const commands: Array<[string, (actor: { actor: string; reason: string }) => unknown]> = [
    ['pause', (a) => pauseDossier(dossier(), { ...a, until: date('2026-03-20') }, TODAY)],
    ['resume', (a) => resumeDossier(pauseDossier(dossier(), { ...who, until: date('2026-03-20') }, TODAY), a, TODAY)],
    ['escalation', (a) => escalate(dossier(), OTHER_V1, { ...a, to: 'next-step' }, TODAY)],
    ['promise', (a) => promiseToPay(dossier(), { ...a, date: date('2026-03-10') }, TODAY)],
    ['complaint opening', (a) => openComplaint(dossier(), { ...a, complaintId: 'CMP-1', type: 'OP_01', invoiceNumbers: ['INV-1'] }, TODAY)],
    ['complaint closing', (a) => closeComplaint(openComplaint(dossier(), { ...who, complaintId: 'CMP-1', type: 'OP_01', invoiceNumbers: ['INV-1'] }, TODAY), { ...a, complaintId: 'CMP-1', solution: 'SOL_03' }, TODAY)],
    ['procedure change', (a) => changeProcedure(dossier(), OTHER_V1, TOP_2500_V1, { ...a, procedureId: 'top-2500', version: 1 }, TODAY, joiningStep)],
  ];

  it.each(commands)('rejects a %s without an actor, naming the field', (_name, command) => {
    const error = rejection(() => command({ actor: '  ', reason: 'because' }));
    expect(error.field).toBe('actor');
    expect(error.message).toBe('actor: say who does this');
  });

  it.each(commands)('rejects a %s without a reason, naming the field', (_name, command) => {
    const error = rejection(() => command({ actor: 'anna.credit', reason: '' }));
    expect(error.field).toBe('reason');
    expect(error.message).toBe('reason: say why: it is kept for the audit');
  });

  it.each(commands)('accepts a %s with both', (_name, command) => {
    expect(() => command(who)).not.toThrow();
  });
});

describe('pause and resume', () => {
  const until = date('2026-03-20');

  it('pauses until a later day and says who and why in the journal', () => {
    const state = pauseDossier(dossier(), { actor: 'anna.credit', reason: 'customer in hospital', until }, TODAY);
    expect(state.pause).toEqual({ until, by: 'anna.credit', reason: 'customer in hospital' });
    expect(lastEntry(state)).toEqual({ on: TODAY, actor: 'anna.credit', action: 'pause', detail: 'until 2026-03-20: customer in hospital' });
  });

  it.each(['2026-03-02', '2026-02-20'])('rejects a pause until %s, which is not after today', (day) => {
    const error = rejection(() => pauseDossier(dossier(), { ...who, until: date(day) }, TODAY));
    expect(error.field).toBe('until');
    expect(error.message).toBe('until: must be after today (2026-03-02)');
  });

  it('rejects a second pause until the first is resumed', () => {
    const paused = pauseDossier(dossier(), { ...who, until }, TODAY);
    expect(rejection(() => pauseDossier(paused, { ...who, until: date('2026-04-01') }, TODAY)).message).toBe(
      'until: the dossier is already paused until 2026-03-20; resume it first',
    );
  });

  it('resumes a paused dossier, with the actor and reason in the journal', () => {
    const paused = pauseDossier(dossier(), { ...who, until }, TODAY);
    const state = resumeDossier(paused, { actor: 'bob.manager', reason: 'customer is back' }, date('2026-03-05'));
    expect(state.pause).toBeUndefined();
    expect(lastEntry(state)).toEqual({ on: '2026-03-05', actor: 'bob.manager', action: 'resume', detail: 'customer is back' });
  });

  it('rejects resuming a dossier that is not paused', () => {
    const error = rejection(() => resumeDossier(dossier(), who, TODAY));
    expect(error.field).toBe('dossier');
    expect(error.message).toBe('dossier: is not paused');
  });

  it('lets the system end a pause on its last day', () => {
    const paused = pauseDossier(dossier(), { ...who, until }, TODAY);
    const state = resumeDossier(paused, { actor: 'system', reason: 'the pause ended' }, until, 'system');
    expect(state.pause).toBeUndefined();
    expect(lastEntry(state)).toMatchObject({ actor: 'system', action: 'resume' });
  });
});

describe('promises to pay', () => {
  it('covers every open invoice by default, with three days of grace', () => {
    const state = promiseToPay(dossier(), { ...who, date: date('2026-03-10') }, TODAY);
    expect(state.promise).toEqual({ date: '2026-03-10', graceDays: 3, invoiceNumbers: ['INV-1', 'INV-2'], madeBy: 'anna.credit' });
    expect(lastEntry(state)).toEqual({ on: TODAY, actor: 'anna.credit', action: 'promise to pay', detail: 'INV-1, INV-2 by 2026-03-10 (+3 days grace): customer called' });
  });

  it('accepts a promise for today', () => {
    expect(promiseToPay(dossier(), { ...who, date: TODAY }, TODAY).promise?.date).toBe(TODAY);
  });

  it('rejects a promised date in the past', () => {
    const error = rejection(() => promiseToPay(dossier(), { ...who, date: date('2026-03-01') }, TODAY));
    expect(error.field).toBe('date');
    expect(error.message).toBe('date: is in the past (today is 2026-03-02)');
  });

  it.each([-1, 31, 1.5])('rejects %p grace days', (graceDays) => {
    const error = rejection(() => promiseToPay(dossier(), { ...who, date: date('2026-03-10'), graceDays }, TODAY));
    expect(error.field).toBe('graceDays');
    expect(error.reason).toBe('a whole number of days from 0 to 30');
  });

  it.each([0, 30])('accepts %p grace days', (graceDays) => {
    expect(promiseToPay(dossier(), { ...who, date: date('2026-03-10'), graceDays }, TODAY).promise?.graceDays).toBe(graceDays);
  });

  it('rejects a promise on an invoice that is not open', () => {
    const paid = registerPayment(dossier(), { invoiceNumber: 'INV-2', amountCents: 8_000, actor: 'bank-import' }, TODAY);
    const error = rejection(() => promiseToPay(paid, { ...who, date: date('2026-03-10'), invoiceNumbers: ['INV-2'] }, TODAY));
    expect(error.field).toBe('invoiceNumbers');
    expect(error.message).toBe('invoiceNumbers: INV-2 is not an open invoice of this dossier');
  });

  it('is kept as soon as every promised invoice is paid', () => {
    let state = promiseToPay(dossier(), { ...who, date: date('2026-03-10'), invoiceNumbers: ['INV-1'] }, TODAY);
    state = registerPayment(state, { invoiceNumber: 'INV-1', amountCents: 10_000, actor: 'bank-import' }, TODAY);
    expect(state.promise?.invoiceNumbers).toEqual(['INV-1']);
    state = registerPayment(state, { invoiceNumber: 'INV-2', amountCents: 8_000, actor: 'bank-import' }, TODAY);
    expect(state.promise).toBeDefined();
    state = registerPayment(state, { invoiceNumber: 'INV-1', amountCents: 5_000, actor: 'bank-import' }, TODAY);
    expect(state.promise).toBeUndefined();
    expect(state.brokenPromises).toBe(0);
  });

  it('counts a promise with invoices still unpaid after the grace as broken, and clears it', () => {
    let state = promiseToPay(dossier(), { ...who, date: date('2026-03-10') }, TODAY);
    state = registerPayment(state, { invoiceNumber: 'INV-2', amountCents: 8_000, actor: 'bank-import' }, TODAY);
    state = checkPromiseKept(state, date('2026-03-14'));
    expect(state.promise).toBeUndefined();
    expect(state.brokenPromises).toBe(1);
    expect(lastEntry(state)).toEqual({ on: '2026-03-14', actor: 'system', action: 'promise broken', detail: 'INV-1 unpaid after 2026-03-10: the chase resumes' });
    state = checkPromiseKept(promiseToPay(state, { ...who, date: date('2026-03-20') }, date('2026-03-14')), date('2026-03-24'));
    expect(state.brokenPromises).toBe(2);
  });

  it('records a promise whose invoices are no longer open as kept', () => {
    const promised = promiseToPay(dossier(), { ...who, date: date('2026-03-10'), invoiceNumbers: ['INV-1'] }, TODAY);
    const state = checkPromiseKept(withInvoices(promised, { 'INV-1': { status: 'with-legal' } }), date('2026-03-14'));
    expect(state.promise).toBeUndefined();
    expect(state.brokenPromises).toBe(0);
    expect(lastEntry(state)).toMatchObject({ actor: 'system', action: 'promise kept' });
  });

  it('changes nothing when there is no promise to check', () => {
    const state = dossier();
    expect(checkPromiseKept(state, TODAY)).toBe(state);
  });
});

describe('complaints', () => {
  const opening = { ...who, complaintId: 'CMP-1', type: 'OP_01', invoiceNumbers: ['INV-1'] };

  it('blocks the disputed invoice only, and records who opened it', () => {
    const state = openComplaint(dossier(), opening, TODAY);
    expect(state.complaints).toEqual([{ id: 'CMP-1', type: 'OP_01', invoiceNumbers: ['INV-1'], openedBy: 'anna.credit', reason: 'customer called', openedOn: TODAY }]);
    expect(isBlocked(state, 'INV-1')).toBe(true);
    expect(isBlocked(state, 'INV-2')).toBe(false);
    expect(lastEntry(state)).toEqual({ on: TODAY, actor: 'anna.credit', action: 'complaint OP_01 opened', detail: 'CMP-1 on INV-1: customer called' });
  });

  it('rejects a type outside the complaint catalogue', () => {
    const error = rejection(() => openComplaint(dossier(), { ...opening, type: 'XX_01' }, TODAY));
    expect(error.field).toBe('type');
    expect(error.message).toBe(`type: unknown complaint type XX_01 (known: ${COMPLAINT_TYPES.join(', ')})`);
  });

  it('rejects a second complaint with the id of an open one', () => {
    const state = openComplaint(dossier(), opening, TODAY);
    const error = rejection(() => openComplaint(state, { ...opening, invoiceNumbers: ['INV-2'] }, TODAY));
    expect(error.field).toBe('complaintId');
    expect(error.message).toBe('complaintId: CMP-1 is already open');
  });

  it('rejects a complaint without an id or without invoices', () => {
    expect(rejection(() => openComplaint(dossier(), { ...opening, complaintId: ' ' }, TODAY)).field).toBe('complaintId');
    expect(rejection(() => openComplaint(dossier(), { ...opening, invoiceNumbers: [] }, TODAY)).message).toBe('invoiceNumbers: name the disputed invoice(s)');
    expect(rejection(() => openComplaint(dossier(), { ...opening, invoiceNumbers: ['INV-9'] }, TODAY)).message).toBe(
      'invoiceNumbers: INV-9 is not an open invoice of this dossier',
    );
  });

  it.each(['SOL_3', 'SOL_003', 'sol_03', 'credit note', ''])('rejects closing with %p, which is not a SOL_nn code', (solution) => {
    const state = openComplaint(dossier(), opening, TODAY);
    const error = rejection(() => closeComplaint(state, { ...who, complaintId: 'CMP-1', solution }, TODAY));
    expect(error.field).toBe('solution');
  });

  it('closes with a solution code, which unblocks the invoice', () => {
    const opened = openComplaint(dossier(), opening, TODAY);
    const state = closeComplaint(opened, { actor: 'bob.manager', reason: 'credit note sent', complaintId: 'CMP-1', solution: 'SOL_03' }, date('2026-03-09'));
    expect(state.complaints).toEqual([]);
    expect(isBlocked(state, 'INV-1')).toBe(false);
    expect(lastEntry(state)).toEqual({ on: '2026-03-09', actor: 'bob.manager', action: 'complaint closed (SOL_03)', detail: 'CMP-1: credit note sent' });
  });

  it('rejects closing a complaint that is not open', () => {
    const error = rejection(() => closeComplaint(dossier(), { ...who, complaintId: 'CMP-9', solution: 'SOL_03' }, TODAY));
    expect(error.field).toBe('complaintId');
    expect(error.message).toBe('complaintId: no open complaint CMP-9');
  });
});

describe('escalation', () => {
  it('sends the chosen invoices to the legal handoff, which the escalation approves', () => {
    const state = escalate(withInvoices(dossier(), { 'INV-1': { nextStep: 1, level: 'R1' } }), OTHER_V1, { ...who, to: 'legal', invoiceNumbers: ['INV-1'] }, TODAY);
    const legalIndex = OTHER_V1.steps.findIndex((s) => s.kind === 'legal-handoff');
    expect(legalIndex).toBe(4);
    expect(invoiceOf(state, 'INV-1')).toMatchObject({ nextStep: legalIndex, approvedStep: legalIndex, escalatedOn: TODAY });
    expect(invoiceOf(state, 'INV-2')).toMatchObject({ nextStep: 0 });
    expect(invoiceOf(state, 'INV-2').escalatedOn).toBeUndefined();
    expect(lastEntry(state)).toEqual({ on: TODAY, actor: 'anna.credit', action: 'escalate to legal', detail: 'INV-1: customer called' });
  });

  it('brings the next step of every open invoice to today without approving anything', () => {
    const state = escalate(dossier(), OTHER_V1, { ...who, to: 'next-step' }, TODAY);
    for (const invoice of state.invoices) {
      expect(invoice).toMatchObject({ nextStep: 0, escalatedOn: TODAY });
      expect(invoice.approvedStep).toBeUndefined();
    }
    expect(lastEntry(state)?.detail).toBe('INV-1, INV-2: customer called');
  });

  it('rejects going to legal on a procedure without a legal handoff', () => {
    const noLegal: Procedure = { ...OTHER_V1, id: 'no-legal', steps: OTHER_V1.steps.filter((s) => s.kind !== 'legal-handoff') };
    const error = rejection(() => escalate(dossier(noLegal), noLegal, { ...who, to: 'legal' }, TODAY));
    expect(error.field).toBe('to');
    expect(error.message).toBe('to: procedure no-legal has no legal handoff');
  });

  it('rejects escalating invoices that have no step left', () => {
    const done = withInvoices(dossier(), { 'INV-1': { nextStep: 5 }, 'INV-2': { nextStep: 5 } });
    expect(rejection(() => escalate(done, OTHER_V1, { ...who, to: 'next-step' }, TODAY)).message).toBe('invoiceNumbers: these invoices have no step left to escalate to');
  });

  it('rejects escalating an invoice that is not open', () => {
    const paid = registerPayment(dossier(), { invoiceNumber: 'INV-2', amountCents: 8_000, actor: 'bank-import' }, TODAY);
    expect(rejection(() => escalate(paid, OTHER_V1, { ...who, to: 'legal', invoiceNumbers: ['INV-2'] }, TODAY)).field).toBe('invoiceNumbers');
  });
});

describe('procedure change', () => {
  const change = { ...who, procedureId: 'other', version: 1 };

  it('moves each invoice to the first step of the new procedure beyond the last one it had', () => {
    // top-400: RU -5, VVD 0, R1 7, T1 12, R2 19, T2 24, R3 31, T3 36, IGS 43, T4 50, LEGAL 60.
    // other:   R1 7, R2 21, IGS 30, T1 37, LEGAL 45.
    const base = newDossierState({ customerId: 'C-42', customerKind: 'B2B', timeZone: 'Europe/Brussels', procedure: { id: 'top-400', version: 1 } });
    const last: Array<[string, number]> = [['none', 0], ['R1', 3], ['R2', 5], ['R3', 7], ['IGS', 9], ['LEGAL', 11]];
    let state = base;
    for (const [level] of last) {
      state = registerInvoice(state, TOP_400_V1, { number: `INV-${level}`, issueDate: date('2026-01-01'), dueDate: date('2026-01-31'), amountCents: 100, currency: 'EUR' }, TODAY, 0);
    }
    state = {
      ...state,
      invoices: state.invoices.map((invoice, i) => ({ ...invoice, nextStep: last[i]![1], level: last[i]![0] === 'none' ? ('' as const) : (last[i]![0] as CollectionInvoice['level']) })),
    };

    const changed = changeProcedure(state, TOP_400_V1, OTHER_V1, change, TODAY, joiningStep);
    const codeOf = (n: number) => OTHER_V1.steps[n]?.code ?? 'end';
    expect(changed.invoices.map((invoice) => [invoice.number, codeOf(invoice.nextStep)])).toEqual([
      ['INV-none', 'R1'], ['INV-R1', 'R2'], ['INV-R2', 'R2'], ['INV-R3', 'T1'], ['INV-IGS', 'LEGAL'], ['INV-LEGAL', 'end'],
    ]);
    expect(changed.invoices.map((invoice) => invoice.nextStep)).toEqual([0, 1, 1, 3, 4, 5]);
    expect(changed.procedure).toEqual({ id: 'other', version: 1 });
    expect(lastEntry(changed)).toEqual({ on: TODAY, actor: 'anna.credit', action: 'procedure change', detail: 'top-400@v1 → other@v1: customer called' });
  });

  it('moves a reminded invoice to a harsher track at its first step after that reminder', () => {
    const state = withInvoices(dossier(), { 'INV-1': { nextStep: 1, level: 'R1' } });
    const changed = changeProcedure(state, OTHER_V1, TOP_400_V1, { ...who, procedureId: 'top-400', version: 1 }, TODAY, joiningStep);
    // R1 was day 7 on both tracks: the next one is T1 (day 12).
    expect(TOP_400_V1.steps[invoiceOf(changed, 'INV-1').nextStep]?.code).toBe('T1');
    expect(invoiceOf(changed, 'INV-1').level).toBe('R1');
  });

  it('does not carry an approval given under the old procedure over to a step of the new one', () => {
    const state = withInvoices(dossier(), { 'INV-1': { nextStep: 4, level: 'IGS', approvedStep: 4, escalatedOn: TODAY } });
    const changed = changeProcedure(state, OTHER_V1, TOP_2500_V1, { ...who, procedureId: 'top-2500', version: 1 }, TODAY, joiningStep);
    expect(invoiceOf(changed, 'INV-1')).toMatchObject({ approvedStep: undefined, escalatedOn: undefined });
  });

  it('lets an overdue invoice that was never reminded join the new track as a new invoice would, without a courtesy reminder', () => {
    const state = withInvoices(dossier(), { 'INV-1': { nextStep: 0, level: '' } });
    const changed = changeProcedure(state, OTHER_V1, TOP_400_V1, { ...who, procedureId: 'top-400', version: 1 }, TODAY, joiningStep);
    const plan = planNext(changed, TOP_400_V1);
    expect(plan?.kind === 'step' && plan.step.code).not.toBe('RU');
  });

  it('refuses to change the procedure while a task is open, or to the procedure it already follows', () => {
    const task: HumanTask = { id: 'call-1', kind: 'phone-call', stepCode: 'T1', stepIndex: 3, invoiceNumbers: ['INV-1'], pool: 'collectors', dueAt: 0 };
    expect(() => changeProcedure({ ...dossier(), task }, OTHER_V1, TOP_400_V1, { ...who, procedureId: 'top-400', version: 1 }, TODAY, joiningStep)).toThrow('procedureId: finish the open task call-1 first');
    expect(() => changeProcedure(dossier(), OTHER_V1, OTHER_V1, { ...who, procedureId: 'other', version: 1 }, TODAY, joiningStep)).toThrow('procedureId: the dossier already follows other@v1');
  });
});

describe('invoices joining the dossier', () => {
  const joining = { number: 'INV-7', issueDate: date('2026-02-01'), dueDate: date('2026-03-03'), amountCents: 4_200, currency: 'EUR' };

  it('joins open for its full amount at the step it is given, with no level yet', () => {
    const state = registerInvoice(dossier(), OTHER_V1, joining, TODAY, 0);
    expect(invoiceOf(state, 'INV-7')).toEqual({ ...joining, openCents: 4_200, status: 'open', nextStep: 0, level: '' });
    expect(lastEntry(state)).toEqual({ on: TODAY, actor: 'system', action: 'invoice joined', detail: 'INV-7, due 2026-03-03' });
  });

  it('never joins past the end of the procedure', () => {
    expect(invoiceOf(registerInvoice(dossier(), OTHER_V1, joining, TODAY, 99), 'INV-7').nextStep).toBe(OTHER_V1.steps.length);
  });

  it('ignores the same invoice registered twice, so retries are safe', () => {
    const once = registerInvoice(dossier(), OTHER_V1, joining, TODAY, 0);
    const twice = registerInvoice(once, OTHER_V1, { ...joining, amountCents: 9_999 }, date('2026-03-05'), 2);
    expect(twice).toBe(once);
    expect(twice.invoices.filter((invoice) => invoice.number === 'INV-7')).toHaveLength(1);
  });
});

describe('the journal', () => {
  it(`keeps the newest ${JOURNAL_KEPT} entries while the revision keeps counting`, () => {
    expect(JOURNAL_KEPT).toBe(100);
    let state = newDossierState({ customerId: 'C-42', customerKind: 'B2B', timeZone: 'Europe/Brussels', procedure: { id: 'other', version: 1 } });
    for (let i = 1; i <= JOURNAL_KEPT + 5; i++) {
      const number = `INV-${String(i).padStart(3, '0')}`;
      state = registerInvoice(state, OTHER_V1, { number, issueDate: date('2026-01-01'), dueDate: date('2026-01-31'), amountCents: 100, currency: 'EUR' }, TODAY, 0);
    }
    expect(state.journal).toHaveLength(JOURNAL_KEPT);
    expect(state.journal[0]?.detail).toBe('INV-006, due 2026-01-31');
    expect(lastEntry(state)?.detail).toBe('INV-105, due 2026-01-31');
    expect(state.revision).toBe(JOURNAL_KEPT + 5);
  });

  it('records the actor and the reason of each command', () => {
    let state = pauseDossier(dossier(), { actor: 'anna.credit', reason: 'customer in hospital', until: date('2026-03-20') }, TODAY);
    state = resumeDossier(state, { actor: 'bob.manager', reason: 'customer recovered' }, date('2026-03-10'));
    state = escalate(state, OTHER_V1, { actor: 'carl.legal', reason: 'third unkept promise', to: 'legal' }, date('2026-03-11'));
    expect(state.journal.slice(-3).map(({ actor, detail }) => ({ actor, detail }))).toEqual([
      { actor: 'anna.credit', detail: 'until 2026-03-20: customer in hospital' },
      { actor: 'bob.manager', detail: 'customer recovered' },
      { actor: 'carl.legal', detail: 'INV-1, INV-2: third unkept promise' },
    ]);
  });

  it('is left untouched, like the rest of the state, by a rejected command', () => {
    const state = dossier();
    const copy = structuredClone(state);
    rejection(() => pauseDossier(state, { ...who, until: TODAY }, TODAY));
    expect(state).toEqual(copy);
  });
});

describe('completing a human task', () => {
  const call: HumanTask = { id: 'call-3', kind: 'phone-call', stepCode: 'T1', stepIndex: 3, invoiceNumbers: ['INV-1'], pool: 'collectors', dueAt: 0 };
  const withCall = (task: HumanTask = call) => ({ ...dossier(), task });
  const complete = (state: DossierState, changes: Partial<TaskCompletion>, on: CalendarDate = TODAY) =>
    checkTaskCompletion(state, { actor: 'anna.credit', reason: '', taskId: 'call-3', outcome: 'reached', ...changes }, on);

  it('returns the open task it completes', () => {
    expect(complete(withCall(), {})).toBe(call);
  });

  it('rejects an id that is not the open task', () => {
    expect(rejection(() => complete(withCall(), { taskId: 'call-1' })).message).toBe('taskId: call-1 is not the open task of this dossier (that is call-3)');
    expect(rejection(() => complete(dossier(), {})).message).toBe('taskId: call-3 is not the open task of this dossier');
  });

  it('accepts only the outcomes of the kind of task', () => {
    expect(rejection(() => complete(withCall(), { outcome: 'approved' })).field).toBe('outcome');
    const approval: HumanTask = { ...call, kind: 'approval', stepCode: 'IGS', stepIndex: 2 };
    expect(rejection(() => complete(withCall(approval), { outcome: 'reached' })).message).toBe('outcome: one of approved, rejected for an approval task');
    expect(complete(withCall(approval), { outcome: 'approved' })).toBe(approval);
  });

  it('needs a promised date that has not passed for a promise on the phone', () => {
    expect(rejection(() => complete(withCall(), { outcome: 'reached-promise' })).field).toBe('promiseDate');
    expect(rejection(() => complete(withCall(), { outcome: 'reached-promise', promiseDate: date('2026-03-01') })).message).toBe(
      'promiseDate: is in the past (today is 2026-03-02)',
    );
    expect(complete(withCall(), { outcome: 'reached-promise', promiseDate: TODAY })).toBe(call);
  });
});
