/**
 * Belgian structured communication (OGM/VCS, "+++ddd/dddd/ddddd+++") and the EPC QR
 * payload for a SEPA credit transfer (EPC069-12, version 002). BELGIUM.md sections 6 and 8.
 */
import type { Cents } from './money';

export class PaymentReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentReferenceError';
  }
}

/** The two check digits of ten digits: their value mod 97, with 0 written as 97. */
export function ogmCheckDigits(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits)) throw new PaymentReferenceError(`base: "${tenDigits}" must be exactly 10 digits`);
  const rest = Number(BigInt(tenDigits) % 97n);
  return String(rest === 0 ? 97 : rest).padStart(2, '0');
}

/** The 12 digits of a structured communication for a 10-digit base (an invoice number, say). */
export function ogmDigits(base: string): string {
  return `${base}${ogmCheckDigits(base)}`;
}

/** As printed: +++010/8068/17183+++. */
export function formatOgm(digits: string): string {
  if (!/^\d{12}$/.test(digits)) throw new PaymentReferenceError(`ogm: "${digits}" must be 12 digits`);
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

/** Reads a structured communication as people type it (+++, ***, spaces, slashes) and checks it. */
export function parseOgm(text: string): string {
  const digits = text.replace(/[+*/\s]/g, '');
  if (!/^\d{12}$/.test(digits)) throw new PaymentReferenceError(`ogm: "${text}" does not hold 12 digits`);
  if (ogmCheckDigits(digits.slice(0, 10)) !== digits.slice(10)) {
    throw new PaymentReferenceError(`ogm: "${text}" has wrong check digits (expected ${ogmCheckDigits(digits.slice(0, 10))})`);
  }
  return digits;
}

export interface EpcTransfer {
  beneficiaryName: string;
  iban: string;
  bic?: string;
  amountCents: Cents;
  /** The OGM's 12 digits; put in the unstructured line unless `structuredReference` is set. */
  ogm?: string;
  remittance?: string;
  /** Whether banking apps read the OGM in the structured line is UNCONFIRMED: off by default. */
  structuredReference?: boolean;
  information?: string;
}

const EPC_MAX_BYTES = 331;

/** The text to encode in the QR code (error correction M), one field per line. */
export function epcQrPayload(transfer: EpcTransfer): string {
  const iban = transfer.iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) throw new PaymentReferenceError(`iban: "${transfer.iban}" is not an IBAN`);
  if (!transfer.beneficiaryName.trim() || transfer.beneficiaryName.length > 70) throw new PaymentReferenceError('beneficiaryName: 1 to 70 characters');
  if (!Number.isSafeInteger(transfer.amountCents) || transfer.amountCents < 1 || transfer.amountCents > 99_999_999_999) {
    throw new PaymentReferenceError('amountCents: from 1 cent to EUR 999,999,999.99');
  }
  const reference = transfer.ogm ? parseOgm(transfer.ogm) : undefined;
  const structured = reference && transfer.structuredReference ? reference : '';
  const unstructured = reference && !transfer.structuredReference ? formatOgm(reference) : (transfer.remittance ?? '');
  if (unstructured.length > 140) throw new PaymentReferenceError('remittance: at most 140 characters');
  const amount = `EUR${Math.floor(transfer.amountCents / 100)}.${String(transfer.amountCents % 100).padStart(2, '0')}`;
  const lines = ['BCD', '002', '1', 'SCT', transfer.bic ?? '', transfer.beneficiaryName.trim(), iban, amount, '', structured, unstructured, transfer.information ?? ''];
  const payload = lines.join('\n').replace(/\n+$/, '');
  if (new TextEncoder().encode(payload).length > EPC_MAX_BYTES) throw new PaymentReferenceError(`the payload has more than ${EPC_MAX_BYTES} bytes`);
  return payload;
}
