import { advanceBase, advanceLines, finalDeductionLines } from '../../domain/invoicing/advance';
import { vatOn, type InvoiceDocument, type InvoiceLineInput } from '../../domain/invoicing/invoice';
import type { ExemptionNote, VatCategory } from '../../domain/invoicing/vat';
import { d, invoice, line, rejection } from './invoicing-fixtures';

const exempt: ExemptionNote = { code: 'VATEX-EU-132', nl: 'Vrijgesteld, art. 44 Btw-Wetboek', fr: 'Exempté, art. 44 Code TVA', en: 'Exempt, Art. 44 Belgian VAT Code' };

/** The order, its advance invoice and its final invoice, as the order process issues them. */
function invoiceInStages(orderLines: InvoiceLineInput[], percent: number): { order: InvoiceDocument; advance: InvoiceDocument; final: InvoiceDocument } {
  const order = invoice({ lines: orderLines, number: 'order' });
  const advance = invoice({ lines: advanceLines(orderLines, percent, 'SO-42'), number: '2026-000100', advance: true, performanceDate: d('2026-05-01') });
  const final = invoice({ lines: [...orderLines, ...finalDeductionLines(advance, '2026-000100')], number: '2026-000180', issueDate: d('2026-05-05'), performanceDate: d('2026-05-01') });
  return { order, advance, final };
}

describe('advance invoices', () => {
  const order = [line(12_500, { quantity: 2 }), line(1999, { quantity: 1.5, vatRateBasisPoints: 600 }), line(300, { vatRateBasisPoints: 600 })];

  it('asks one line per VAT group for the share of its base', () => {
    expect(advanceLines(order, 30, 'SO-42')).toEqual([
      // 30 % of 250.00 = 75.00; 30 % of 32.99 = 9.897 → 9.90.
      { description: 'Advance payment of 30 % on order SO-42', quantity: 1, unit: 'C62', unitPriceCents: 7500, vatCategory: 'S', vatRateBasisPoints: 2100 },
      { description: 'Advance payment of 30 % on order SO-42', quantity: 1, unit: 'C62', unitPriceCents: 990, vatCategory: 'S', vatRateBasisPoints: 600 },
    ]);
  });

  it('deducts each group of the advance on the final invoice, by the advance invoice’s number', () => {
    const { advance, final } = invoiceInStages(order, 30);
    expect(finalDeductionLines(advance, '2026-000100')).toEqual([
      { description: 'Less advance invoiced in 2026-000100', quantity: 1, unit: 'C62', unitPriceCents: -7500, vatCategory: 'S', vatRateBasisPoints: 2100, deduction: true },
      { description: 'Less advance invoiced in 2026-000100', quantity: 1, unit: 'C62', unitPriceCents: -990, vatCategory: 'S', vatRateBasisPoints: 600, deduction: true },
    ]);
    expect(final.vatBreakdown.map((group) => group.taxableCents)).toEqual([17_500, 2309]);
  });

  it('moves the advance by a cent when the two invoices’ VAT would otherwise add up to a cent more than the order’s', () => {
    // 50 % of EUR 1.00 at 21 %: 0.50 + 0.50 would give 0.11 + 0.11 VAT against the order's 0.21.
    const { order: whole, advance, final } = invoiceInStages([line(100)], 50);
    expect(advance.netCents).toBe(49);
    expect([whole.totalCents, advance.totalCents, final.totalCents]).toEqual([121, 59, 62]);
  });

  it('makes advance and final invoice add up to the order’s total to the cent, for awkward amounts and percentages', () => {
    let seed = 20_260_310;
    const next = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    const groups: [VatCategory, number][] = [['S', 2100], ['S', 1200], ['S', 600], ['AE', 0], ['Z', 0]];
    let largestShift = 0;
    for (let sample = 0; sample < 400; sample += 1) {
      const orderLines = Array.from({ length: 1 + next(5) }, () => {
        const [vatCategory, vatRateBasisPoints] = groups[next(groups.length)] ?? ['S', 2100];
        return line(1 + next(250_000), { quantity: (1 + next(9999)) / 1000, vatCategory, vatRateBasisPoints });
      });
      const percent = [1, 12.5, 30, 33.33, 50, 66.67, 99][next(7)] ?? 30;
      const { order: whole, advance, final } = invoiceInStages(orderLines, percent);
      expect(advance.totalCents + final.totalCents).toBe(whole.totalCents);
      expect(advance.vatCents + final.vatCents).toBe(whole.vatCents);
      for (const group of advance.vatBreakdown) {
        const base = whole.vatBreakdown.find((candidate) => candidate.category === group.category && candidate.rateBasisPoints === group.rateBasisPoints)?.taxableCents ?? 0;
        largestShift = Math.max(largestShift, Math.abs(group.taxableCents - (base * percent) / 100));
      }
    }
    expect(largestShift).toBeLessThan(10);
  });

  it('keeps an exemption ground on the advance and on its deduction', () => {
    const { advance, final } = invoiceInStages([line(10_000, { vatCategory: 'E', vatRateBasisPoints: 0, vatExemptionReason: exempt })], 25);
    expect(advance.vatBreakdown[0]?.exemption).toEqual(exempt);
    expect(final.lines[1]?.vatExemptionReason).toEqual(exempt);
    expect(final.totalCents).toBe(7500);
  });

  it('splits only a base that allows it, otherwise takes the nearest cent that does', () => {
    for (const rate of [2100, 1200, 600]) {
      for (let base = 1; base <= 2000; base += 1) {
        const part = advanceBase(base, 3333, rate);
        expect(vatOn(part, rate) + vatOn(base - part, rate)).toBe(vatOn(base, rate));
      }
    }
  });

  it('refuses a share that is not an advance, and order lines that are not an order', () => {
    expect(rejection(() => advanceLines(order, 0, 'SO-42')).field).toBe('percent');
    expect(rejection(() => advanceLines(order, 100, 'SO-42')).reason).toMatch(/the invoice itself/);
    expect(rejection(() => advanceLines(order, 33.333, 'SO-42')).reason).toMatch(/more than 2 decimals/);
    expect(rejection(() => advanceLines([line(1)], 1, 'SO-42')).reason).toMatch(/rounds to nothing/);
    expect(rejection(() => advanceLines(order, 30, ' ')).field).toBe('orderId');
    expect(rejection(() => advanceLines([line(-100, { deduction: true })], 30, 'SO-42')).field).toBe('lines[0].deduction');
    expect(rejection(() => advanceLines([line(100, { quantity: 0 })], 30, 'SO-42')).field).toBe('lines[0].quantity');
  });

  it('deducts only an advance invoice, under its own number', () => {
    const { order: whole, advance } = invoiceInStages(order, 30);
    expect(rejection(() => finalDeductionLines(whole, 'order')).field).toBe('advanceDocument');
    expect(rejection(() => finalDeductionLines(advance, '2026-000101')).field).toBe('advanceNumber');
  });
});
