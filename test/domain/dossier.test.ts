import { calendarDate } from '../../domain/calendar';
import {
  applyPayment,
  dossierStatus,
  markReminded,
  newDossier,
  nextReminder,
  registerInvoice,
  type DossierState,
} from '../../domain/dossier';

const invoice = (number: string, dueDate: string, amountCents = 10_000) => ({
  number,
  issueDate: calendarDate('2026-01-01'),
  dueDate: calendarDate(dueDate),
  amountCents,
  currency: 'EUR',
});

function dossierWith(...invoices: ReturnType<typeof invoice>[]): DossierState {
  return invoices.reduce(registerInvoice, newDossier('C1', 'Europe/Brussels'));
}

describe('collection dossier state', () => {
  it('schedules the first reminder the day after the due date at 09:00 in the customer\'s zone', () => {
    const due = nextReminder(dossierWith(invoice('F1', '2026-03-31')));
    expect(due).toMatchObject({ code: 'R1', date: '2026-04-01', invoiceNumbers: ['F1'] });
    expect(new Date(due!.at).toISOString()).toBe('2026-04-01T07:00:00.000Z');
  });

  it('lists in one reminder every invoice overdue by then, and leaves later ones for later', () => {
    const state = dossierWith(invoice('F1', '2026-03-31'), invoice('F2', '2026-03-20'), invoice('F3', '2026-05-31'));
    const first = nextReminder(state)!;
    expect(first.invoiceNumbers).toEqual(['F2']);
    const afterFirst = markReminded(state, first);
    expect(nextReminder(afterFirst)!.invoiceNumbers).toEqual(['F1']);
    const afterSecond = markReminded(afterFirst, nextReminder(afterFirst)!);
    expect(nextReminder(afterSecond)).toMatchObject({ date: '2026-06-01', invoiceNumbers: ['F3'] });
  });

  it('ignores an invoice registered twice (a retried API call)', () => {
    const state = dossierWith(invoice('F1', '2026-03-31'));
    expect(registerInvoice(state, invoice('F1', '2026-03-31'))).toBe(state);
  });

  it('closes when every invoice is paid, partial payments first', () => {
    let state = dossierWith(invoice('F1', '2026-03-31', 10_000));
    state = applyPayment(state, 'F1', 4_000);
    expect(state.invoices[0]!.openCents).toBe(6_000);
    expect(dossierStatus(state)).toBe('waiting');
    state = applyPayment(state, 'F1', 6_000);
    expect(dossierStatus(state)).toBe('closed');
    expect(nextReminder(state)).toBeUndefined();
  });

  it('rejects a payment larger than what is open, naming the field', () => {
    const state = dossierWith(invoice('F1', '2026-03-31', 10_000));
    expect(() => applyPayment(state, 'F1', 10_001)).toThrow(/^amountCents: 10001 is more than the 10000 still open on F1$/);
    expect(() => applyPayment(state, 'F9', 1)).toThrow(/^invoiceNumber: no invoice F9/);
    expect(() => applyPayment(state, 'F1', 0.5)).toThrow(/^amountCents: must be a positive whole number/);
  });
});
