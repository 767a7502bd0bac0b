/**
 * What a credit note may credit. It corrects one invoice, only in the VAT groups that
 * invoice charged, and per group never more than the invoice's taxable base minus what
 * earlier credit notes on it already credited: crediting more would turn the customer's
 * debt into a refund nobody agreed to, and would reduce VAT that was never charged.
 *
 * The limit is on each group's taxable base. Each credit
 * note rounds its own VAT (BR-CO-17), so after several partial credits the VAT credited
 * can differ from the invoice's by a cent; a credit of the whole invoice (fullCreditLines)
 * repeats its lines and so credits its VAT exactly.
 */
import type { Cents } from '../money';
import { eur, lineNetCents, reject, vatGroupKey, type InvoiceDocument, type InvoiceLineInput, type VatBreakdown } from './invoice';
import { vatGroupLabel, type VatCategory } from './vat';

export interface CreditableGroup {
  category: VatCategory;
  rateBasisPoints: number;
  invoicedCents: Cents;
  creditedBeforeCents: Cents;
  creditedNowCents: Cents;
  /** What a later credit note may still credit in this group. */
  remainingCents: Cents;
}

const label = (group: VatBreakdown): string => vatGroupLabel(group.category, group.rateBasisPoints);

function creditedBefore(original: InvoiceDocument, earlier: InvoiceDocument[]): Map<string, Cents> {
  const credited = new Map<string, Cents>();
  earlier.forEach((note, index) => {
    if (note.kind !== 'credit-note' || note.creditedInvoiceNumber !== original.number) {
      reject(`earlierCreditNotes[${index}]`, `${note.number} is not a credit note on invoice ${original.number}`);
    }
    for (const group of note.vatBreakdown) {
      const key = vatGroupKey(group.category, group.rateBasisPoints);
      credited.set(key, (credited.get(key) ?? 0) + group.taxableCents);
    }
  });
  return credited;
}

/**
 * Checks the lines of a new credit note on `original` against the invoice and the credit
 * notes already issued on it; returns, per VAT group of the invoice, what stays creditable.
 */
export function checkCreditNote(original: InvoiceDocument, earlierCreditNotes: InvoiceDocument[], lines: InvoiceLineInput[]): CreditableGroup[] {
  if (original.kind !== 'invoice') reject('original', `${original.number} is a credit note; a credit note corrects an invoice`);
  const before = creditedBefore(original, earlierCreditNotes);
  if (!Array.isArray(lines) || lines.length === 0) reject('lines', 'a credit note needs at least one line');
  const invoiced = new Map(original.vatBreakdown.map((group) => [vatGroupKey(group.category, group.rateBasisPoints), group]));
  const onInvoice = original.vatBreakdown.map(label).join(', ');
  const nets = lines.map((line, index) => {
    const net = lineNetCents(line, `lines[${index}]`);
    const key = vatGroupKey(line.vatCategory, line.vatRateBasisPoints);
    if (!invoiced.has(key)) {
      const field = original.vatBreakdown.some((group) => group.category === line.vatCategory) ? 'vatRateBasisPoints' : 'vatCategory';
      reject(`lines[${index}].${field}`, `${vatGroupLabel(line.vatCategory, line.vatRateBasisPoints)} is not on invoice ${original.number}, which charged ${onInvoice}: credit only what the invoice charged`);
    }
    return { key, net };
  });
  return original.vatBreakdown.map((group) => {
    const key = vatGroupKey(group.category, group.rateBasisPoints);
    const creditedBeforeCents = before.get(key) ?? 0;
    const creditable = group.taxableCents - creditedBeforeCents;
    const mine = nets.map((entry, index) => ({ ...entry, index })).filter((entry) => entry.key === key);
    const creditedNowCents = mine.reduce((total, entry) => total + entry.net, 0);
    if (mine.length > 0 && creditedNowCents < 0) {
      reject(`lines[${mine[0]?.index}]`, `the lines in ${label(group)} add up to ${eur(creditedNowCents)}; a credit note lowers what is owed, to charge more issue an invoice`);
    }
    if (creditedNowCents > creditable) {
      let running = 0;
      const over = mine.find((entry) => (running += entry.net) > creditable) ?? mine[mine.length - 1];
      reject(
        `lines[${over?.index}]`,
        `credits ${eur(creditedNowCents)} in ${label(group)}, but only ${eur(creditable)} is still creditable there on invoice ${original.number} ` +
          `(base ${eur(group.taxableCents)}, ${eur(creditedBeforeCents)} credited before)`,
      );
    }
    return {
      category: group.category,
      rateBasisPoints: group.rateBasisPoints,
      invoicedCents: group.taxableCents,
      creditedBeforeCents,
      creditedNowCents,
      remainingCents: creditable - creditedNowCents,
    };
  });
}

/** The lines that credit `original` in full: its own lines, deductions included, so every VAT group comes back exactly. */
export function fullCreditLines(original: InvoiceDocument): InvoiceLineInput[] {
  if (original.kind !== 'invoice') reject('original', `${original.number} is a credit note; only an invoice is credited`);
  return original.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPriceCents: line.unitPriceCents,
    vatCategory: line.vatCategory,
    vatRateBasisPoints: line.vatRateBasisPoints,
    ...(line.vatExemptionReason ? { vatExemptionReason: line.vatExemptionReason } : {}),
    ...(line.deduction ? { deduction: true } : {}),
  }));
}
