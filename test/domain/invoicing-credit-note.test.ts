import { advanceLines, finalDeductionLines } from '../../domain/invoicing/advance';
import { checkCreditNote, fullCreditLines } from '../../domain/invoicing/credit-note';
import type { InvoiceDocument, InvoiceLineInput } from '../../domain/invoicing/invoice';
import { d, invoice, line, rejection } from './invoicing-fixtures';

// Invoice 2026-000123: base 1,000.00 at 21 % and 200.00 at 6 %.
const original = invoice({ lines: [line(50_000, { quantity: 2 }), line(20_000, { vatRateBasisPoints: 600, description: 'Books' })] });

function creditNote(number: string, lines: InvoiceLineInput[], credited = original): InvoiceDocument {
  return invoice({ kind: 'credit-note', number, lines, creditedInvoiceNumber: credited.number, issueDate: d('2026-04-01'), structuredReferenceBase: '2620000001' });
}

describe('credit notes', () => {
  it('credits part of an invoice and says what stays creditable per VAT group', () => {
    expect(checkCreditNote(original, [], [line(60_000)])).toEqual([
      { category: 'S', rateBasisPoints: 2100, invoicedCents: 100_000, creditedBeforeCents: 0, creditedNowCents: 60_000, remainingCents: 40_000 },
      { category: 'S', rateBasisPoints: 600, invoicedCents: 20_000, creditedBeforeCents: 0, creditedNowCents: 0, remainingCents: 20_000 },
    ]);
  });

  it('refuses a second credit note that would credit more than the invoice, naming the group and what is left', () => {
    const first = creditNote('CN-2026-000001', [line(60_000)]);
    const refused = rejection(() => checkCreditNote(original, [first], [line(30_000), line(15_000)]));
    expect(refused).toEqual({
      field: 'lines[1]',
      reason: 'credits €450.00 in S 21 %, but only €400.00 is still creditable there on invoice 2026-000123 (base €1,000.00, €600.00 credited before)',
    });
    expect(checkCreditNote(original, [first], [line(40_000)])[0]?.remainingCents).toBe(0);
  });

  it('refuses a VAT group the invoice did not charge', () => {
    expect(rejection(() => checkCreditNote(original, [], [line(100, { vatRateBasisPoints: 1200 })]))).toEqual({
      field: 'lines[0].vatRateBasisPoints',
      reason: 'S 12 % is not on invoice 2026-000123, which charged S 21 %, S 6 %: credit only what the invoice charged',
    });
    expect(rejection(() => checkCreditNote(original, [], [line(100, { vatCategory: 'AE', vatRateBasisPoints: 0 })])).field).toBe('lines[0].vatCategory');
  });

  it('belongs to one invoice: earlier credit notes on another invoice, or a credit note as original, are refused', () => {
    const other = invoice({ number: '2026-000124' });
    expect(rejection(() => checkCreditNote(original, [creditNote('CN-2026-000002', [line(100)], other)], [line(100)])).field).toBe('earlierCreditNotes[0]');
    expect(rejection(() => checkCreditNote(creditNote('CN-2026-000003', [line(100)]), [], [line(100)])).field).toBe('original');
    expect(rejection(() => checkCreditNote(original, [], [])).field).toBe('lines');
  });

  it('refuses lines that charge more instead of crediting', () => {
    expect(rejection(() => checkCreditNote(original, [], [line(-100, { deduction: true })])).reason).toMatch(/to charge more issue an invoice/);
  });

  it('credits an invoice in full with its own lines, VAT and total exactly', () => {
    const full = creditNote('CN-2026-000004', fullCreditLines(original));
    expect(checkCreditNote(original, [], fullCreditLines(original)).map((group) => group.remainingCents)).toEqual([0, 0]);
    expect(full.vatBreakdown).toEqual(original.vatBreakdown);
    expect(full.totalCents).toBe(original.totalCents);
    expect(full.epcQrPayload).toBeNull();
  });

  it('credits a final invoice in full, its advance deduction included', () => {
    const orderLines = [line(33_333, { quantity: 3 }), line(777, { vatRateBasisPoints: 600 })];
    const advance = invoice({ lines: advanceLines(orderLines, 33.33, 'SO-7'), number: '2026-000200', advance: true });
    const final = invoice({ lines: [...orderLines, ...finalDeductionLines(advance, '2026-000200')], number: '2026-000201' });
    const full = creditNote('CN-2026-000005', fullCreditLines(final), final);
    expect(full.totalCents).toBe(final.totalCents);
    expect(checkCreditNote(final, [], fullCreditLines(final)).every((group) => group.remainingCents === 0)).toBe(true);
  });

  it('refuses a full credit after a partial one', () => {
    const first = creditNote('CN-2026-000001', [line(100)]);
    expect(rejection(() => checkCreditNote(original, [first], fullCreditLines(original))).reason).toMatch(/only €999.00 is still creditable/);
  });
});
