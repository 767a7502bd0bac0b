/**
 * How long the business waits to invoice what it delivered: every day between the
 * performance date and the invoice date is a day of credit nobody decided to give
 * (DOMAIN.md section 3, "watch the gaps"). Belgian VAT also wants the invoice by the 15th
 * of the month after the chargeable event; invoices issued later are counted apart.
 */
import { compareDates, daysBetween, type CalendarDate } from '../calendar';

export interface InvoicedPerformance {
  performanceDate: CalendarDate;
  issueDate: CalendarDate;
}

const GAP_BUCKETS = [
  { label: 'same day', from: 0, to: 0 },
  { label: '1 day', from: 1, to: 1 },
  { label: '2–3 days', from: 2, to: 3 },
  { label: '4–7 days', from: 4, to: 7 },
  { label: '8–14 days', from: 8, to: 14 },
  { label: '15–30 days', from: 15, to: 30 },
  { label: 'over 30 days', from: 31, to: Number.POSITIVE_INFINITY },
] as const;

export interface InvoicingGapReport {
  invoices: number;
  averageDays: number | null;
  medianDays: number | null;
  p90Days: number | null;
  maxDays: number | null;
  /** Issued after the 15th of the month following the performance. */
  afterVatDeadline: number;
  buckets: Array<{ label: string; invoices: number }>;
}

/** The 15th of the month after the performance date: the VAT deadline for the invoice. */
export function vatInvoiceDeadline(performanceDate: CalendarDate): CalendarDate {
  const [year, month] = performanceDate.split('-').map(Number) as [number, number];
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return `${next.year}-${String(next.month).padStart(2, '0')}-15` as CalendarDate;
}

/** Invoices issued before their performance (advances) are not part of the gap. */
export function invoicingGapReport(rows: readonly InvoicedPerformance[]): InvoicingGapReport {
  const gaps = rows.map((row) => daysBetween(row.performanceDate, row.issueDate)).filter((days) => days >= 0).sort((a, b) => a - b);
  const at = (share: number) => (gaps.length === 0 ? null : gaps[Math.min(gaps.length - 1, Math.ceil(share * gaps.length) - 1)]!);
  return {
    invoices: gaps.length,
    averageDays: gaps.length === 0 ? null : Math.round((gaps.reduce((sum, days) => sum + days, 0) / gaps.length) * 10) / 10,
    medianDays: at(0.5),
    p90Days: at(0.9),
    maxDays: gaps.at(-1) ?? null,
    afterVatDeadline: rows.filter((row) => compareDates(row.issueDate, vatInvoiceDeadline(row.performanceDate)) > 0).length,
    buckets: GAP_BUCKETS.map((bucket) => ({ label: bucket.label, invoices: gaps.filter((days) => days >= bucket.from && days <= bucket.to).length })),
  };
}
