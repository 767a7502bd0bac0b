/**
 * Invoice numbers and the structured reference made from them. A series is numbered per
 * calendar year; that the numbers are gapless is the database's job (one counter row per
 * series and year, incremented in the transaction that stores the invoice), not this file's.
 *
 * The 10-digit base of the OGM (BELGIUM.md section 6) encodes series, year and sequence,
 * so a payment's structured reference leads back to its document without a lookup table:
 * two digits of the year, 1 for an invoice or 2 for a credit note, 7 digits of sequence.
 */
import { parseOgm, PaymentReferenceError } from '../payment-reference';
import { reject } from './invoice';

export type InvoiceSeries = 'invoice' | 'credit-note';

export interface InvoiceNumberParts {
  series: InvoiceSeries;
  year: number;
  sequence: number;
}

const SERIES_DIGIT: Readonly<Record<InvoiceSeries, string>> = { invoice: '1', 'credit-note': '2' };
const MAX_SEQUENCE = 9_999_999;

function checkParts(series: InvoiceSeries, year: number, sequence: number): void {
  if (series !== 'invoice' && series !== 'credit-note') reject('series', `"${String(series)}" must be invoice or credit-note`);
  // Two digits of the year go into the reference: 2000-2099 keeps it unambiguous.
  if (!Number.isSafeInteger(year) || year < 2000 || year > 2099) reject('year', `${year} must be a year from 2000 to 2099`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) reject('sequence', `${sequence} must be a whole number from 1`);
  if (sequence > MAX_SEQUENCE) {
    reject('sequence', `${sequence} does not fit the 7 digits the structured reference has for it (at most ${MAX_SEQUENCE.toLocaleString('en')} per series and year)`);
  }
}

/** 2026-000123 for an invoice, CN-2026-000007 for a credit note. */
export function invoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  checkParts(series, year, sequence);
  return `${series === 'credit-note' ? 'CN-' : ''}${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseInvoiceNumber(text: string): InvoiceNumberParts {
  const match = /^(CN-)?(\d{4})-(\d{6,7})$/.exec(text.trim());
  if (!match) return reject('number', `"${text}" is not an invoice number like 2026-000123 or CN-2026-000007`);
  const parts: InvoiceNumberParts = { series: match[1] ? 'credit-note' : 'invoice', year: Number(match[2]), sequence: Number(match[3]) };
  // Only the form invoiceNumber writes: 2026-0000123 would be a second spelling of 2026-000123.
  if (invoiceNumber(parts.series, parts.year, parts.sequence) !== text.trim()) reject('number', `"${text}" is not written as the series writes it`);
  return parts;
}

/** The 10 digits the OGM check digits are computed on (ogmDigits). */
export function structuredReferenceBase(series: InvoiceSeries, year: number, sequence: number): string {
  checkParts(series, year, sequence);
  return `${String(year % 100).padStart(2, '0')}${SERIES_DIGIT[series]}${String(sequence).padStart(7, '0')}`;
}

/** Which document a structured reference (+++…+++, or its 12 digits) was made for. */
export function parseStructuredReference(text: string): InvoiceNumberParts {
  let digits: string;
  try {
    digits = parseOgm(text);
  } catch (error) {
    if (error instanceof PaymentReferenceError) return reject('structuredReference', error.message.replace(/^ogm: /, ''));
    throw error;
  }
  const series = digits[2] === '1' ? 'invoice' : digits[2] === '2' ? 'credit-note' : null;
  if (!series) return reject('structuredReference', `"${text}" was not made by structuredReferenceBase: its third digit is neither 1 (invoice) nor 2 (credit note)`);
  const sequence = Number(digits.slice(3, 10));
  if (sequence < 1) reject('structuredReference', `"${text}" has sequence 0, which no document has`);
  return { series, year: 2000 + Number(digits.slice(0, 2)), sequence };
}
