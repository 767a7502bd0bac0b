/**
 * Advance invoices and the final invoice that deducts them. The advance has one line per
 * VAT group of the order; the final invoice repeats the order's lines and subtracts each
 * advance group with a deduction line, so the VAT already invoiced is not charged twice.
 *
 * Each document rounds VAT once per group (BR-CO-17). Rounded separately, the advance's
 * and the final invoice's VAT could add up to a cent more or less than the order's VAT
 * (EUR 0.50 + EUR 0.50 at 21 %: 0.11 + 0.11 against 0.21). The customer must pay the
 * order's total, no more and no less, so an advance base that would split the VAT
 * unevenly is moved to the nearest cent that splits it exactly: the advance is then the
 * percentage of the base to within a few cents (at most 8 at 6 %), and every document
 * still passes BR-CO-17 without a tolerance.
 */
import type { Cents } from '../money';
import { lineNetCents, reject, roundedQuotient, vatGroupKey, vatOn, type InvoiceDocument, type InvoiceLineInput } from './invoice';

interface OrderGroup {
  line: InvoiceLineInput;
  baseCents: Cents;
}

function orderGroups(lines: InvoiceLineInput[]): OrderGroup[] {
  if (!Array.isArray(lines) || lines.length === 0) reject('lines', 'an advance is a share of an order: give the order lines');
  const groups = new Map<string, OrderGroup>();
  lines.forEach((line, index) => {
    if (line.deduction) reject(`lines[${index}].deduction`, 'the order lines are what is ordered; deductions belong on the final invoice');
    const net = lineNetCents(line, `lines[${index}]`);
    const key = vatGroupKey(line.vatCategory, line.vatRateBasisPoints);
    const group = groups.get(key);
    if (group) group.baseCents += net;
    else groups.set(key, { line, baseCents: net });
  });
  return [...groups.values()];
}

/** The advance base nearest to round(base × share) whose VAT and the remainder's VAT add up to the base's VAT. */
export function advanceBase(baseCents: Cents, shareBasisPoints: number, vatBasisPoints: number): Cents {
  const ideal = roundedQuotient(BigInt(baseCents) * BigInt(shareBasisPoints), 10_000n);
  const whole = vatOn(baseCents, vatBasisPoints);
  const splitsExactly = (part: Cents): boolean => part >= 0 && part <= baseCents && vatOn(part, vatBasisPoints) + vatOn(baseCents - part, vatBasisPoints) === whole;
  // 0 and the whole base always split exactly, so the search ends.
  for (let distance = 0; ; distance += 1) {
    if (splitsExactly(ideal - distance)) return ideal - distance;
    if (splitsExactly(ideal + distance)) return ideal + distance;
  }
}

/** One line per VAT group of the order: "Advance payment of 30 % on order <id>", for that share of the group's base. */
export function advanceLines(lines: InvoiceLineInput[], percent: number, orderId: string): InvoiceLineInput[] {
  const shareBasisPoints = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100) {
    reject('percent', `${percent} must be above 0 and below 100; a 100 % advance is the invoice itself`);
  }
  if (Math.abs(percent * 100 - shareBasisPoints) > 1e-6) reject('percent', `${percent} has more than 2 decimals; round it to at most 2`);
  if (typeof orderId !== 'string' || !orderId.trim()) reject('orderId', 'name the order the advance is paid on');
  const advance = orderGroups(lines).flatMap(({ line, baseCents }): InvoiceLineInput[] => {
    const cents = baseCents > 0 ? advanceBase(baseCents, shareBasisPoints, line.vatRateBasisPoints) : 0;
    if (cents === 0) return [];
    return [
      {
        description: `Advance payment of ${percent} % on order ${orderId.trim()}`,
        quantity: 1,
        unit: 'C62',
        unitPriceCents: cents,
        vatCategory: line.vatCategory,
        vatRateBasisPoints: line.vatRateBasisPoints,
        ...(line.vatExemptionReason ? { vatExemptionReason: line.vatExemptionReason } : {}),
      },
    ];
  });
  if (advance.length === 0) reject('percent', `${percent} % of these lines rounds to nothing; invoice the order without an advance`);
  return advance;
}

/**
 * The lines a final invoice adds to the order's lines: per VAT group of the advance,
 * "Less advance invoiced in <number>" for minus the advance's base. With the order's lines
 * unchanged, the final invoice's total is the order's total minus the advance's, to the cent.
 */
export function finalDeductionLines(advanceDocument: InvoiceDocument, advanceNumber: string): InvoiceLineInput[] {
  if (advanceDocument.kind !== 'invoice' || !advanceDocument.advance) reject('advanceDocument', `${advanceDocument.number} is not an advance invoice`);
  if (advanceNumber.trim() !== advanceDocument.number) reject('advanceNumber', `${advanceNumber} is not the number of the advance invoice given (${advanceDocument.number})`);
  return advanceDocument.vatBreakdown
    .filter((group) => group.taxableCents !== 0)
    .map((group) => ({
      description: `Less advance invoiced in ${advanceDocument.number}`,
      quantity: 1,
      unit: 'C62',
      unitPriceCents: -group.taxableCents,
      vatCategory: group.category,
      vatRateBasisPoints: group.rateBasisPoints,
      ...(group.category === 'E' && group.exemption ? { vatExemptionReason: group.exemption } : {}),
      deduction: true,
    }));
}

