import { addDays, calendarDate as d } from '../../domain/calendar';
import { paymentBehaviour, type PaidInvoice } from '../../domain/credit/payment-behaviour';

const today = d('2026-03-10');

/** An invoice due on `due`, paid `daysLate` days after it (negative: early). */
function paid(due: string, daysLate: number): PaidInvoice {
  return { dueDate: d(due), paidOn: addDays(d(due), daysLate) };
}

describe('our own experience of how a customer pays', () => {
  it('averages the days late of the invoices paid in the last 12 months', () => {
    expect(paymentBehaviour([paid('2026-01-01', 10), paid('2025-12-01', 5), paid('2025-06-15', 30)], today)).toEqual({
      averageDaysLate: 15,
      invoicesPaidLast12Months: 3,
    });
  });

  it('counts an early payment as 0 days late, not as credit against the late ones', () => {
    expect(paymentBehaviour([paid('2026-02-01', -7), paid('2026-01-01', 10)], today)).toEqual({ averageDaysLate: 5, invoicesPaidLast12Months: 2 });
  });

  it('counts a payment on the due date as on time', () => {
    expect(paymentBehaviour([paid('2026-02-01', 0)], today).averageDaysLate).toBe(0);
  });

  it('looks at the last 365 days only: a payment 365 days ago is out, 364 days ago is in', () => {
    const yearAgo = { dueDate: d('2025-02-10'), paidOn: d('2025-03-10') };
    const justInside = { dueDate: d('2025-02-11'), paidOn: d('2025-03-11') };
    expect(paymentBehaviour([yearAgo], today)).toEqual({ averageDaysLate: null, invoicesPaidLast12Months: 0 });
    expect(paymentBehaviour([yearAgo, justInside], today)).toEqual({ averageDaysLate: 28, invoicesPaidLast12Months: 1 });
  });

  it('counts a payment made today but not one dated after today', () => {
    const todayPaid = { dueDate: d('2026-03-01'), paidOn: today };
    const tomorrow = { dueDate: d('2026-03-01'), paidOn: d('2026-03-11') };
    expect(paymentBehaviour([todayPaid, tomorrow], today)).toEqual({ averageDaysLate: 9, invoicesPaidLast12Months: 1 });
  });

  it.each([
    [[1, 2, 2], 1.7],
    [[1, 0, 0], 0.3],
    [[1, 0, 0, 0], 0.3],
    [[3, 0, 0, 0, 0, 0, 0, 0], 0.4],
    [[23, ...Array<number>(19).fill(0)], 1.2],
    [[10, 11], 10.5],
  ])('rounds days late %j to one decimal: %d', (daysLate, average) => {
    const invoices = daysLate.map((late, index) => paid(`2026-01-${String(index + 1).padStart(2, '0')}`, late));
    expect(paymentBehaviour(invoices, today).averageDaysLate).toBe(average);
  });

  it('has no average without paid invoices', () => {
    expect(paymentBehaviour([], today)).toEqual({ averageDaysLate: null, invoicesPaidLast12Months: 0 });
    expect(paymentBehaviour([paid('2024-01-01', 60)], today)).toEqual({ averageDaysLate: null, invoicesPaidLast12Months: 0 });
  });
});
