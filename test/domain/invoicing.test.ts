import { computeInvoice } from '../../domain/invoicing/invoice';
import { BELGIAN_VAT_RATES, REVERSE_CHARGE_NOTES, vatCombinationProblem, type ExemptionNote } from '../../domain/invoicing/vat';
import { creditor, d, invoice, invoiceInput, line, rejection } from './invoicing-fixtures';

const smallEnterprise: ExemptionNote = {
  code: 'VATEX-EU-132',
  nl: 'Vrijgesteld van btw, artikel 44 van het Btw-Wetboek',
  fr: 'Exempté de TVA, article 44 du Code de la TVA',
  en: 'Exempt from VAT, Article 44 of the Belgian VAT Code',
};

describe('Belgian VAT rates and EN 16931 categories', () => {
  const day = d('2026-03-10');

  it('holds 21, 12, 6 and 0 % in force today', () => {
    expect(BELGIAN_VAT_RATES.map((row) => row.basisPoints)).toEqual([2100, 1200, 600, 0]);
    for (const rate of [2100, 1200, 600]) expect(vatCombinationProblem('S', rate, day)).toBeNull();
    for (const category of ['Z', 'E', 'AE', 'K', 'G']) expect(vatCombinationProblem(category, 0, day)).toBeNull();
  });

  it('refuses a standard-rate line at a rate Belgium does not have, offering the ones it has', () => {
    expect(vatCombinationProblem('S', 2000, day)).toEqual({
      field: 'vatRateBasisPoints',
      reason: '2000 is not a Belgian standard rate in force on 2026-03-10; use 2100 (21 %), 1200 (12 %), 600 (6 %)',
    });
    expect(vatCombinationProblem('S', 0, day)?.reason).toMatch(/0 % is category Z/);
  });

  it('refuses VAT on a category that charges none, and a category UNCL5305 does not list', () => {
    expect(vatCombinationProblem('AE', 2100, day)).toEqual({ field: 'vatRateBasisPoints', reason: 'category AE (reverse charge) charges no Belgian VAT: the rate must be 0, not 2100' });
    expect(vatCombinationProblem('O', 0, day)?.field).toBe('vatCategory');
  });

  it('refuses a rate on a day the table does not cover, rather than guess', () => {
    expect(vatCombinationProblem('S', 2100, d('2018-12-31'))?.reason).toMatch(/the VAT rate table has no row for that day/);
  });
});

describe('computing an invoice', () => {
  it('rounds each line to the cent and VAT once per rate: 3 × 0.333 × EUR 10.01 at 21 %', () => {
    const lines = [1, 2, 3].map(() => line(1001, { quantity: 0.333 }));
    const document = invoice({ lines });
    // 0.333 × 10.01 = 3.33333 → 3.33 per line; base 9.99; VAT 9.99 × 21 % = 2.0979 → 2.10.
    expect(document.lines.map((item) => item.netCents)).toEqual([333, 333, 333]);
    expect(document.vatBreakdown).toEqual([{ category: 'S', rateBasisPoints: 2100, taxableCents: 999, vatCents: 210, exemption: null }]);
    expect([document.netCents, document.vatCents, document.totalCents]).toEqual([999, 210, 1209]);
  });

  it('takes VAT on the base per rate, not the sum of per-line VAT (BR-CO-17)', () => {
    // Per line 0.50 × 21 % = 0.105 → 0.11, three times 0.33; on the base 1.50 × 21 % = 0.315 → 0.32.
    const document = invoice({ lines: [line(50), line(50), line(50)] });
    expect(document.vatCents).toBe(32);
  });

  it('rounds a line half away from zero: 1.5 × EUR 19.99 = 29.985 → 29.99', () => {
    expect(invoice({ lines: [line(1999, { quantity: 1.5 })] }).lines[0]?.netCents).toBe(2999);
  });

  it('breaks down 21 % + 6 % + reverse charge, with the reverse-charge wording in nl, fr and en', () => {
    const document = invoice({
      lines: [
        line(12_500, { quantity: 2 }),
        line(1999, { quantity: 1.5, vatRateBasisPoints: 600, description: 'Books' }),
        line(100_000, { vatCategory: 'AE', vatRateBasisPoints: 0, description: 'Installation works' }),
      ],
    });
    expect(document.vatBreakdown).toEqual([
      { category: 'S', rateBasisPoints: 2100, taxableCents: 25_000, vatCents: 5250, exemption: null },
      { category: 'S', rateBasisPoints: 600, taxableCents: 2999, vatCents: 180, exemption: null },
      { category: 'AE', rateBasisPoints: 0, taxableCents: 100_000, vatCents: 0, exemption: { code: 'VATEX-EU-AE', nl: 'Verlegging van heffing', fr: 'Autoliquidation', en: 'Reverse charge' } },
    ]);
    expect([document.netCents, document.vatCents, document.totalCents]).toEqual([127_999, 5430, 133_429]);
  });

  it('carries the longer Belgian mention for reverse charge on works on immovable property when asked', () => {
    const document = invoice({ lines: [line(100_000, { vatCategory: 'AE', vatRateBasisPoints: 0 })], reverseChargeWording: 'immovable-works' });
    const note = document.vatBreakdown[0]?.exemption;
    expect(note).toBe(REVERSE_CHARGE_NOTES['immovable-works']);
    expect(note?.nl).toMatch(/^Verlegging van heffing\. Bij gebrek aan schriftelijke betwisting/);
    expect(note?.fr).toMatch(/^Autoliquidation\. En l'absence de contestation par écrit/);
    expect(note?.en).toMatch(/^Reverse charge\./);
  });

  it('names the intra-community supply, the export and the seller’s own exemption ground', () => {
    const document = invoice({
      lines: [
        line(1000, { vatCategory: 'K', vatRateBasisPoints: 0 }),
        line(1000, { vatCategory: 'G', vatRateBasisPoints: 0 }),
        line(1000, { vatCategory: 'E', vatRateBasisPoints: 0, vatExemptionReason: smallEnterprise }),
        line(500, { vatCategory: 'E', vatRateBasisPoints: 0, vatExemptionReason: { ...smallEnterprise } }),
        line(1000, { vatCategory: 'Z', vatRateBasisPoints: 0 }),
      ],
    });
    expect(document.vatBreakdown.map((group) => [group.category, group.taxableCents, group.exemption?.code ?? null])).toEqual([
      ['K', 1000, 'VATEX-EU-IC'],
      ['G', 1000, 'VATEX-EU-G'],
      ['E', 1500, 'VATEX-EU-132'],
      ['Z', 1000, null],
    ]);
    expect(document.vatBreakdown[0]?.exemption?.nl).toMatch(/intracommunautaire levering/);
    expect(document.vatBreakdown[1]?.exemption?.fr).toMatch(/Exportation exemptée/);
  });

  it('checks the rate on the day VAT became chargeable: the performance date when that is earlier', () => {
    const lateInvoice = { issueDate: d('2019-01-05'), performanceDate: d('2018-12-20') };
    expect(rejection(() => invoice(lateInvoice)).reason).toMatch(/in force on 2018-12-20/);
    expect(invoice({ ...lateInvoice, performanceDate: null }).vatCents).toBe(2100);
  });

  it('falls due 30 days after issue, across the end of February', () => {
    const document = invoice({ issueDate: d('2026-01-30'), performanceDate: d('2026-01-20') });
    expect(document.dueDate).toBe('2026-03-01');
    expect(document.performanceGapDays).toBe(10);
  });

  it('has no performance gap without a performance date, and a negative one for an advance invoice', () => {
    expect(invoice({ performanceDate: null }).performanceGapDays).toBeNull();
    expect(invoice({ advance: true, performanceDate: d('2026-04-09') }).performanceGapDays).toBe(-30);
  });

  it('prints the structured reference of BELGIUM.md’s example: 0108068171 → +++010/8068/17183+++', () => {
    const document = invoice();
    expect(document.structuredReference).toBe('010806817183');
    expect(document.structuredReferenceText).toBe('+++010/8068/17183+++');
  });

  describe('EPC QR payload', () => {
    // 116.46 + 6 % (6.9876 → 6.99) = 123.45.
    const payable = { lines: [line(11_646, { vatRateBasisPoints: 600 })] };

    it('holds the transfer line by line, with the OGM in the unstructured remittance line', () => {
      const payload = invoice(payable).epcQrPayload ?? '';
      expect(payload.split('\n')).toEqual(['BCD', '002', '1', 'SCT', 'GKCCBEBB', 'Demo Company NV', 'BE71096123456769', 'EUR123.45', '', '', '+++010/8068/17183+++']);
      expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(331);
    });

    it('puts the 12 digits in the structured line when configured so', () => {
      const lines = (invoice({ ...payable, epcReferenceLine: 'structured' }).epcQrPayload ?? '').split('\n');
      expect(lines.slice(7)).toEqual(['EUR123.45', '', '010806817183']);
    });

    it('stays within 331 bytes with the longest beneficiary name and no BIC', () => {
      const name = 'Brasserie Coöperatieve ČŠŽ '.padEnd(70, 'é');
      const payload = invoice({ ...payable, creditor: { name, iban: creditor.iban } }).epcQrPayload ?? '';
      expect(payload.split('\n')[4]).toBe('');
      expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(331);
    });

    it('is absent on a credit note, which the customer does not pay', () => {
      expect(invoice({ ...payable, kind: 'credit-note', number: 'CN-2026-000007', creditedInvoiceNumber: '2026-000123' }).epcQrPayload).toBeNull();
    });
  });

  describe('refusals name the field and what to do', () => {
    const cases: [string, Parameters<typeof invoiceInput>[0], string, RegExp][] = [
      ['no lines', { lines: [] }, 'lines', /at least one line/],
      ['a zero quantity', { lines: [line(100, { quantity: 0 })] }, 'lines[0].quantity', /above 0/],
      ['a quantity with 4 decimals', { lines: [line(100), line(100, { quantity: 1.2345 })] }, 'lines[1].quantity', /more than 3 decimals/],
      ['a negative price', { lines: [line(100), line(-100)] }, 'lines[1].unitPriceCents', /only a deduction line/],
      ['a positive deduction', { lines: [line(100, { deduction: true })] }, 'lines[0].unitPriceCents', /negative amount/],
      ['a fractional cent price', { lines: [line(10.5)] }, 'lines[0].unitPriceCents', /whole number of cents/],
      ['a rate Belgium does not have', { lines: [line(100, { vatRateBasisPoints: 2000 })] }, 'lines[0].vatRateBasisPoints', /use 2100/],
      ['an unknown category', { lines: [line(100, { vatCategory: 'O' as never, vatRateBasisPoints: 0 })] }, 'lines[0].vatCategory', /UNCL5305/],
      ['VAT on a reverse-charge line', { lines: [line(100, { vatCategory: 'AE' })] }, 'lines[0].vatRateBasisPoints', /must be 0/],
      ['an exemption without its ground', { lines: [line(100, { vatCategory: 'E', vatRateBasisPoints: 0 })] }, 'lines[0].vatExemptionReason', /legal ground/],
      [
        'two exemption grounds on one invoice',
        { lines: [line(100, { vatCategory: 'E', vatRateBasisPoints: 0, vatExemptionReason: smallEnterprise }), line(100, { vatCategory: 'E', vatRateBasisPoints: 0, vatExemptionReason: { ...smallEnterprise, code: 'VATEX-EU-132-1I' } })] },
        'lines[1].vatExemptionReason',
        /one exemption reason/,
      ],
      ['a reason on a taxed line', { lines: [line(100, { vatExemptionReason: smallEnterprise })] }, 'lines[0].vatExemptionReason', /only category E/],
      ['an empty description', { lines: [line(100, { description: '  ' })] }, 'lines[0].description', /say what was delivered/],
      ['a unit that is no UN/ECE code', { lines: [line(100, { unit: 'hours' })] }, 'lines[0].unit', /Recommendation 20/],
      ['a total of zero', { lines: [line(0)] }, 'lines', /total is €0.00.*credit note/],
      ['a negative payment term', { paymentTermDays: -1 }, 'paymentTermDays', /0 or more/],
      ['work invoiced before it is done', { performanceDate: d('2026-03-11') }, 'performanceDate', /after the issue date 2026-03-10.*advance invoice/],
      ['an impossible issue date', { issueDate: '2026-02-30' as never }, 'issueDate', /YYYY-MM-DD/],
      ['a structured reference base of 9 digits', { structuredReferenceBase: '010806817' }, 'structuredReferenceBase', /10 digits/],
      ['a creditor without an IBAN', { creditor: { ...creditor, iban: 'BE71' } }, 'creditor.iban', /not an IBAN/],
      ['a malformed BIC', { creditor: { ...creditor, bic: 'GKCC' } }, 'creditor.bic', /not a BIC/],
      ['a credit note without its invoice', { kind: 'credit-note' }, 'creditedInvoiceNumber', /corrects one invoice/],
      ['an invoice that claims to credit one', { creditedInvoiceNumber: '2026-000001' }, 'creditedInvoiceNumber', /only a credit note/],
      ['an advance credit note', { kind: 'credit-note', creditedInvoiceNumber: '2026-000001', advance: true }, 'advance', /never an advance/],
    ];

    it.each(cases)('refuses %s', (_name, overrides, field, reason) => {
      const refused = rejection(() => computeInvoice(invoiceInput(overrides)));
      expect(refused.field).toBe(field);
      expect(refused.reason).toMatch(reason);
    });

    it('says field and reason in the message too', () => {
      expect(() => invoice({ paymentTermDays: -1 })).toThrow('paymentTermDays: -1 must be a whole number of days, 0 or more (0 = payable on receipt)');
    });
  });
});
