import { invoiceNumber, parseInvoiceNumber, parseStructuredReference, structuredReferenceBase, type InvoiceSeries } from '../../domain/invoicing/numbering';
import { formatOgm, ogmDigits } from '../../domain/payment-reference';
import { rejection } from './invoicing-fixtures';

describe('invoice numbers', () => {
  it('writes 2026-000123 for an invoice and CN-2026-000007 for a credit note', () => {
    expect(invoiceNumber('invoice', 2026, 123)).toBe('2026-000123');
    expect(invoiceNumber('credit-note', 2026, 7)).toBe('CN-2026-000007');
    expect(invoiceNumber('invoice', 2026, 9_999_999)).toBe('2026-9999999');
  });

  it('reads back what it wrote, and only that', () => {
    const samples: [InvoiceSeries, number, number][] = [['invoice', 2026, 123], ['credit-note', 2026, 7], ['invoice', 2000, 1], ['credit-note', 2099, 9_999_999]];
    for (const [series, year, sequence] of samples) {
      expect(parseInvoiceNumber(invoiceNumber(series, year, sequence))).toEqual({ series, year, sequence });
    }
    expect(rejection(() => parseInvoiceNumber('2026-0000123')).field).toBe('number');
    expect(rejection(() => parseInvoiceNumber('2026-123')).reason).toMatch(/like 2026-000123/);
  });
});

describe('structured reference of a document', () => {
  it('is two digits of the year, the series digit and 7 digits of sequence', () => {
    expect(structuredReferenceBase('invoice', 2026, 123)).toBe('2610000123');
    expect(structuredReferenceBase('credit-note', 2026, 7)).toBe('2620000007');
  });

  it('gives OGMs whose check digits are the base mod 97', () => {
    // 2610000123 mod 97 = 74; 2620000007 mod 97 = 34.
    expect(formatOgm(ogmDigits(structuredReferenceBase('invoice', 2026, 123)))).toBe('+++261/0000/12374+++');
    expect(formatOgm(ogmDigits(structuredReferenceBase('credit-note', 2026, 7)))).toBe('+++262/0000/00734+++');
  });

  it('leads a payment’s reference back to its document', () => {
    const samples: [InvoiceSeries, number, number][] = [['invoice', 2026, 123], ['credit-note', 2026, 7], ['invoice', 2000, 1], ['credit-note', 2099, 9_999_999]];
    for (const [series, year, sequence] of samples) {
      const digits = ogmDigits(structuredReferenceBase(series, year, sequence));
      expect(parseStructuredReference(digits)).toEqual({ series, year, sequence });
      expect(parseStructuredReference(formatOgm(digits))).toEqual({ series, year, sequence });
    }
  });

  it('refuses a sequence that does not fit its 7 digits, naming the limit', () => {
    const refused = rejection(() => structuredReferenceBase('invoice', 2026, 10_000_000));
    expect(refused).toEqual({ field: 'sequence', reason: '10000000 does not fit the 7 digits the structured reference has for it (at most 9,999,999 per series and year)' });
    expect(rejection(() => invoiceNumber('invoice', 2026, 0)).field).toBe('sequence');
    expect(rejection(() => invoiceNumber('invoice', 1999, 1)).field).toBe('year');
  });

  it('refuses a reference it did not make, or one with wrong check digits', () => {
    expect(rejection(() => parseStructuredReference(ogmDigits('2630000001'))).reason).toMatch(/neither 1 \(invoice\) nor 2/);
    expect(rejection(() => parseStructuredReference('+++261/0000/12375+++'))).toEqual({ field: 'structuredReference', reason: '"+++261/0000/12375+++" has wrong check digits (expected 74)' });
  });
});
