/**
 * Our own experience of how a customer pays: the evolution of payment behaviour is one
 * of the acceptance policy's inputs (DOMAIN.md section 6). Paid invoices of the last 12
 * months, each counted once, days late never below zero (early payment is not credit).
 */
import { addDays, compareDates, daysBetween, type CalendarDate } from '../calendar';

export interface PaidInvoice {
  dueDate: CalendarDate;
  paidOn: CalendarDate;
}

export function paymentBehaviour(paid: readonly PaidInvoice[], today: CalendarDate): { averageDaysLate: number | null; invoicesPaidLast12Months: number } {
  const since = addDays(today, -365);
  const recent = paid.filter((invoice) => compareDates(invoice.paidOn, since) > 0 && compareDates(invoice.paidOn, today) <= 0);
  if (recent.length === 0) return { averageDaysLate: null, invoicesPaidLast12Months: 0 };
  const late = recent.reduce((sum, invoice) => sum + Math.max(0, daysBetween(invoice.dueDate, invoice.paidOn)), 0);
  return { averageDaysLate: Math.round((late / recent.length) * 10) / 10, invoicesPaidLast12Months: recent.length };
}
