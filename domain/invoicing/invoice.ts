/**
 * An invoice or credit note computed from its lines: line amounts, the VAT breakdown per
 * rate, totals, due date, structured reference and EPC QR payload (BELGIUM.md sections 5,
 * 6 and 8). Pure: the issue date comes in, nothing reads a clock.
 *
 * Rounding, in integer cents, half away from zero:
 *   - a line's net amount is quantity × unit price, rounded once (quantity in thousandths);
 *   - VAT is computed per (category, rate) group on the group's taxable base and rounded
 *     once (EN 16931 BR-CO-17), never summed from per-line VAT, so the breakdown on the
 *     document is what a Peppol validator recomputes.
 *
 * Dates: an invoice comes after the goods or services (its performance date is on or
 * before the issue date). Only an advance invoice may come first: VAT on an advance
 * becomes chargeable when it is invoiced or paid, whereas invoicing ordinary work before
 * it is done would put a debt that does not exist yet into collection. The rate is
 * checked on the day VAT became chargeable: the performance date, or the issue date when
 * that is earlier.
 */
import { addDays, compareDates, daysBetween, isCalendarDate, type CalendarDate } from '../calendar';
import { formatMoney, sumCents, type Cents } from '../money';
import { epcQrPayload, formatOgm, ogmDigits, PaymentReferenceError } from '../payment-reference';
import { fixedExemptionNote, vatCombinationProblem, type ExemptionNote, type ReverseChargeWording, type VatCategory } from './vat';

export class InvoiceRejected extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvoiceRejected';
  }
}

export function reject(field: string, reason: string): never {
  throw new InvoiceRejected(field, reason);
}

export interface InvoiceLineInput {
  description: string;
  /** Up to 3 decimals, above 0. */
  quantity: number;
  /** UN/ECE Recommendation 20 unit code; C62 ("one") when absent. */
  unit?: string;
  /** Excluding VAT; below 0 only on a deduction line. */
  unitPriceCents: Cents;
  vatCategory: VatCategory;
  vatRateBasisPoints: number;
  /** Category E only, where the seller states why no VAT is due; the same on every E line. */
  vatExemptionReason?: ExemptionNote;
  /** A line that subtracts an amount invoiced earlier (an advance); the only kind of line with a negative price. */
  deduction?: boolean;
}

export type InvoiceKind = 'invoice' | 'credit-note';

export interface InvoiceInput {
  kind: InvoiceKind;
  number: string;
  issueDate: CalendarDate;
  paymentTermDays: number;
  /** When the goods were delivered or the service performed; null when not (yet) known. */
  performanceDate: CalendarDate | null;
  lines: InvoiceLineInput[];
  /** The 10 digits the structured reference is made from (see structuredReferenceBase). */
  structuredReferenceBase: string;
  creditor: { name: string; iban: string; bic?: string };
  currency: 'EUR';
  /** Credit notes only: the one invoice a credit note corrects. */
  creditedInvoiceNumber?: string;
  /** An invoice for a payment before the goods or services; it may precede them. */
  advance?: boolean;
  reverseChargeWording?: ReverseChargeWording;
  /** Where the EPC QR code puts the OGM; 'unstructured' until Belgian banking apps are known to read the other line (BELGIUM.md section 8). */
  epcReferenceLine?: 'unstructured' | 'structured';
}

export interface InvoiceLine extends InvoiceLineInput {
  unit: string;
  deduction: boolean;
  netCents: Cents;
}

export interface VatBreakdown {
  category: VatCategory;
  rateBasisPoints: number;
  taxableCents: Cents;
  vatCents: Cents;
  exemption: ExemptionNote | null;
}

export interface InvoiceDocument {
  kind: InvoiceKind;
  number: string;
  advance: boolean;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  performanceDate: CalendarDate | null;
  /** Days from the performance date to the issue date; negative for an advance invoice issued before it. */
  performanceGapDays: number | null;
  creditedInvoiceNumber: string | null;
  currency: 'EUR';
  creditor: { name: string; iban: string; bic?: string };
  lines: InvoiceLine[];
  vatBreakdown: VatBreakdown[];
  netCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
  /** The 12 digits, as banks and CODA files carry them. */
  structuredReference: string;
  /** +++ddd/dddd/ddddd+++, as printed. */
  structuredReferenceText: string;
  /** Null for a credit note: the customer does not pay it. */
  epcQrPayload: string | null;
}

/** numerator / denominator in whole units, half away from zero; exact for any safe inputs. */
export function roundedQuotient(numerator: bigint, denominator: bigint): number {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const quotient = (2n * magnitude + denominator) / (2n * denominator);
  return Number(numerator < 0n ? -quotient : quotient);
}

/** VAT on a group's taxable base (BR-CO-17). */
export function vatOn(taxableCents: Cents, basisPoints: number): Cents {
  return roundedQuotient(BigInt(taxableCents) * BigInt(basisPoints), 10_000n);
}

export const eur = (cents: Cents): string => formatMoney(cents, 'EUR', 'en');

export const vatGroupKey = (category: VatCategory, basisPoints: number): string => `${category} ${basisPoints}`;

/** The line's net amount; rejects what is wrong with its quantity or price, under `field` (e.g. "lines[2]"). */
export function lineNetCents(line: InvoiceLineInput, field: string): Cents {
  if (typeof line.description !== 'string' || !line.description.trim()) reject(`${field}.description`, 'say what was delivered or performed');
  const thousandths = Math.round(line.quantity * 1000);
  if (!Number.isFinite(line.quantity) || line.quantity <= 0) reject(`${field}.quantity`, `${line.quantity} must be above 0; credit with a credit note, not a negative quantity`);
  if (Math.abs(line.quantity * 1000 - thousandths) > 1e-6 || !Number.isSafeInteger(thousandths)) {
    reject(`${field}.quantity`, `${line.quantity} has more than 3 decimals; round it to at most 3`);
  }
  if (!Number.isSafeInteger(line.unitPriceCents)) reject(`${field}.unitPriceCents`, `${line.unitPriceCents} must be a whole number of cents`);
  if (line.deduction && line.unitPriceCents > 0) reject(`${field}.unitPriceCents`, 'a deduction line subtracts: give its price as a negative amount');
  if (!line.deduction && line.unitPriceCents < 0) {
    reject(`${field}.unitPriceCents`, `${line.unitPriceCents} is negative; only a deduction line (deduction: true) may subtract, and a refund is a credit note`);
  }
  const net = roundedQuotient(BigInt(thousandths) * BigInt(line.unitPriceCents), 1000n);
  if (!Number.isSafeInteger(net)) reject(`${field}.quantity`, 'quantity × unit price is beyond what can be invoiced');
  return net;
}

function checkLine(line: InvoiceLineInput, index: number, vatDate: CalendarDate): InvoiceLine {
  const field = `lines[${index}]`;
  const netCents = lineNetCents(line, field);
  const unit = line.unit ?? 'C62';
  if (!/^[A-Z0-9]{2,3}$/.test(unit)) reject(`${field}.unit`, `"${unit}" is not a UN/ECE Recommendation 20 code such as C62 (one), HUR (hour) or KGM (kilogram)`);
  const problem = vatCombinationProblem(line.vatCategory, line.vatRateBasisPoints, vatDate);
  if (problem) reject(`${field}.${problem.field}`, problem.reason);
  const reason = line.vatExemptionReason;
  if (line.vatCategory === 'E' && !(reason?.nl.trim() && reason.fr.trim() && reason.en.trim())) {
    reject(`${field}.vatExemptionReason`, 'an exempt line needs the legal ground for the exemption in nl, fr and en (for example the article of the VAT Code)');
  }
  if (line.vatCategory !== 'E' && reason) reject(`${field}.vatExemptionReason`, `only category E takes a reason of its own; ${line.vatCategory} ${['S', 'Z'].includes(line.vatCategory) ? 'needs none' : 'has a fixed wording'}`);
  return { ...line, unit, deduction: line.deduction ?? false, netCents };
}

const sameNote = (a: ExemptionNote | null | undefined, b: ExemptionNote | null | undefined): boolean =>
  a?.code === b?.code && a?.nl === b?.nl && a?.fr === b?.fr && a?.en === b?.en;

function breakdown(lines: InvoiceLine[], reverseCharge: ReverseChargeWording): VatBreakdown[] {
  const groups = new Map<string, VatBreakdown>();
  const firstExempt = lines.findIndex((line) => line.vatCategory === 'E');
  lines.forEach((line, index) => {
    const key = vatGroupKey(line.vatCategory, line.vatRateBasisPoints);
    const group = groups.get(key);
    if (group) {
      group.taxableCents += line.netCents;
      // EN 16931 BR-E-01: one E breakdown per invoice, hence one reason.
      if (line.vatCategory === 'E' && !sameNote(line.vatExemptionReason, group.exemption)) {
        reject(`lines[${index}].vatExemptionReason`, `differs from that of lines[${firstExempt}]; an invoice has one exemption reason, so invoice the other exemption separately`);
      }
      return;
    }
    const exemption = line.vatCategory === 'E' ? (line.vatExemptionReason ?? null) : fixedExemptionNote(line.vatCategory, reverseCharge);
    groups.set(key, { category: line.vatCategory, rateBasisPoints: line.vatRateBasisPoints, taxableCents: line.netCents, vatCents: 0, exemption });
  });
  return [...groups.values()].map((group) => ({ ...group, vatCents: vatOn(group.taxableCents, group.rateBasisPoints) }));
}

function requireDate(field: string, value: unknown): CalendarDate {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  return reject(field, `"${String(value)}" is not a calendar date; expected YYYY-MM-DD, for example 2026-03-31`);
}

function checkHeader(input: InvoiceInput): void {
  if (input.kind !== 'invoice' && input.kind !== 'credit-note') reject('kind', `"${String(input.kind)}" must be invoice or credit-note`);
  if (typeof input.number !== 'string' || !input.number.trim()) reject('number', 'give the sequential number from the series (see invoiceNumber)');
  if (input.currency !== 'EUR') reject('currency', `${String(input.currency)} is not supported; invoices are in EUR`);
  if (!Number.isSafeInteger(input.paymentTermDays) || input.paymentTermDays < 0) {
    reject('paymentTermDays', `${input.paymentTermDays} must be a whole number of days, 0 or more (0 = payable on receipt)`);
  }
  if (!/^\d{10}$/.test(input.structuredReferenceBase)) reject('structuredReferenceBase', `"${input.structuredReferenceBase}" must be 10 digits (see structuredReferenceBase)`);
  if (input.kind === 'credit-note') {
    if (!input.creditedInvoiceNumber?.trim()) reject('creditedInvoiceNumber', 'a credit note corrects one invoice: give its number');
    if (input.advance) reject('advance', 'a credit note is never an advance invoice');
  } else if (input.creditedInvoiceNumber !== undefined) {
    reject('creditedInvoiceNumber', 'only a credit note refers to a credited invoice');
  }
  if (input.creditor.bic !== undefined && !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(input.creditor.bic)) {
    reject('creditor.bic', `"${input.creditor.bic}" is not a BIC (8 or 11 letters and digits, for example GKCCBEBB); leave it out if unknown`);
  }
  if (!Array.isArray(input.lines) || input.lines.length === 0) reject('lines', 'an invoice needs at least one line');
}

function qrPayload(input: InvoiceInput, totalCents: Cents, structuredReference: string): string | null {
  if (input.kind === 'credit-note' || totalCents <= 0) return null;
  try {
    return epcQrPayload({
      beneficiaryName: input.creditor.name,
      iban: input.creditor.iban,
      bic: input.creditor.bic,
      amountCents: totalCents,
      ogm: structuredReference,
      structuredReference: input.epcReferenceLine === 'structured',
    });
  } catch (error) {
    if (!(error instanceof PaymentReferenceError)) throw error;
    const [field = '', ...rest] = error.message.split(': ');
    const fields: Record<string, string> = { iban: 'creditor.iban', beneficiaryName: 'creditor.name', amountCents: 'lines' };
    return reject(fields[field] ?? 'creditor', rest.join(': ') || error.message);
  }
}

export function computeInvoice(input: InvoiceInput): InvoiceDocument {
  checkHeader(input);
  const issueDate = requireDate('issueDate', input.issueDate);
  const performanceDate = input.performanceDate === null ? null : requireDate('performanceDate', input.performanceDate);
  const advance = input.advance ?? false;
  if (performanceDate && compareDates(performanceDate, issueDate) > 0 && !advance) {
    reject('performanceDate', `${performanceDate} is after the issue date ${issueDate}: invoice once the goods are delivered or the service performed, or issue an advance invoice (advance: true)`);
  }
  const vatDate = performanceDate && compareDates(performanceDate, issueDate) < 0 ? performanceDate : issueDate;
  const lines = input.lines.map((line, index) => checkLine(line, index, vatDate));
  const vatBreakdown = breakdown(lines, input.reverseChargeWording ?? 'general');
  const netCents = sumCents(vatBreakdown.map((group) => group.taxableCents));
  const vatCents = sumCents(vatBreakdown.map((group) => group.vatCents));
  const totalCents = netCents + vatCents;
  if (totalCents <= 0) {
    reject('lines', `the total is ${eur(totalCents)}; ${input.kind === 'invoice' ? 'an invoice must ask for an amount: what is owed back goes on a credit note' : 'a credit note must credit an amount'}`);
  }
  const structuredReference = ogmDigits(input.structuredReferenceBase);
  return {
    kind: input.kind,
    number: input.number.trim(),
    advance,
    issueDate,
    dueDate: addDays(issueDate, input.paymentTermDays),
    performanceDate,
    performanceGapDays: performanceDate ? daysBetween(performanceDate, issueDate) : null,
    creditedInvoiceNumber: input.creditedInvoiceNumber?.trim() ?? null,
    currency: 'EUR',
    creditor: input.creditor,
    lines,
    vatBreakdown,
    netCents,
    vatCents,
    totalCents,
    structuredReference,
    structuredReferenceText: formatOgm(structuredReference),
    epcQrPayload: qrPayload(input, totalCents, structuredReference),
  };
}
