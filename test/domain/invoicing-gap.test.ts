import { calendarDate as d } from '../../domain/calendar';
import { invoicingGapReport, vatInvoiceDeadline } from '../../domain/invoicing/gap';

const row = (performanceDate: string, issueDate: string) => ({ performanceDate: d(performanceDate), issueDate: d(issueDate) });

describe('the gap between performance and invoice', () => {
  it('puts the VAT deadline on the 15th of the following month, across the year end', () => {
    expect(vatInvoiceDeadline(d('2026-03-31'))).toBe('2026-04-15');
    expect(vatInvoiceDeadline(d('2026-12-02'))).toBe('2027-01-15');
  });

  it('measures average, median, 90th percentile and maximum, and counts invoices issued after the VAT deadline', () => {
    const report = invoicingGapReport([
      row('2026-03-02', '2026-03-02'), row('2026-03-02', '2026-03-03'), row('2026-03-02', '2026-03-05'), row('2026-03-02', '2026-03-09'),
      row('2026-03-02', '2026-03-16'), row('2026-03-02', '2026-04-15'), row('2026-03-02', '2026-04-16'),
    ]);
    expect(report).toMatchObject({ invoices: 7, averageDays: 16.3, medianDays: 7, p90Days: 45, maxDays: 45, afterVatDeadline: 1 });
    expect(report.buckets.map((bucket) => bucket.invoices)).toEqual([1, 1, 1, 1, 1, 0, 2]);
  });

  it('leaves advance invoices (issued before the performance) out, and reports nothing for no invoices', () => {
    expect(invoicingGapReport([row('2026-03-10', '2026-03-01')]).invoices).toBe(0);
    expect(invoicingGapReport([])).toMatchObject({ invoices: 0, averageDays: null, medianDays: null, maxDays: null, afterVatDeadline: 0 });
  });
});
