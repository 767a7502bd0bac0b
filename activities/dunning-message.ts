/**
 * What a dunning message claims and what its template receives. Fees are computed here,
 * in the activity, from the dated legal figures: the result is recorded in the workflow's
 * history, so a later change of a rate table never changes a replayed dossier.
 */
import type { AppConfig } from '../config';
import type { Customer } from '../db/entities';
import { addDays, daysBetween, type CalendarDate } from '../domain/calendar';
import type { CollectionInvoice } from '../domain/collection/state';
import { b2cFixedDamages, b2cMaxReminderFee, b2cWaitingPeriodEnd, formalNoticeClaim } from '../domain/late-payment';
import { B2B_LATE_PAYMENT_RATES, carriedForward } from '../domain/legal-rates';
import { sumCents } from '../domain/money';
import type { CustomerKind, StepDefinition } from '../domain/procedures/definition';

export interface DunningFees {
  interestCents: number;
  compensationCents: number;
  damagesCents: number;
  reminderFeeCents: number;
  /** Consumers' first reminder must announce the damages that will apply. */
  announcedDamagesCents: number;
  totalFeesCents: number;
  /** Interest periods computed on a rate not yet entered in the table (the last one, carried forward). */
  provisionalRates: boolean;
}

const overdueOn = (invoices: CollectionInvoice[], on: CalendarDate) => invoices.filter((invoice) => invoice.dueDate < on);

export function dunningFees(kind: CustomerKind, step: StepDefinition, invoices: CollectionInvoice[], on: CalendarDate): DunningFees {
  const fees = step.fees ?? [];
  const open = sumCents(invoices.map((invoice) => invoice.openCents));
  const result: DunningFees = {
    interestCents: 0, compensationCents: 0, damagesCents: 0, reminderFeeCents: 0, totalFeesCents: 0, provisionalRates: false,
    announcedDamagesCents: kind === 'B2C' && step.code === 'R1' ? b2cFixedDamages(open, on) : 0,
  };
  const overdue = overdueOn(invoices, on);
  const claimsNotice = fees.some((fee) => fee !== 'b2c-reminder-fee');
  if (claimsNotice && overdue.length > 0) {
    const claim = formalNoticeClaim({
      kind: kind === 'B2C' ? 'b2c' : 'b2b',
      onDate: on,
      b2bRates: carriedForward(B2B_LATE_PAYMENT_RATES, on),
      invoices: overdue.map((invoice) => ({
        number: invoice.number,
        dueDate: invoice.dueDate,
        openCents: invoice.openCents,
        ...(invoice.firstReminderDate ? { firstReminder: { sentDate: invoice.firstReminderDate, medium: 'email' as const } } : {}),
      })),
    });
    if (fees.includes('b2b-interest') || fees.includes('b2c-interest')) result.interestCents = claim.interestCents;
    if (fees.includes('b2b-compensation')) result.compensationCents = claim.compensationCents;
    if (fees.includes('b2c-fixed-damages')) result.damagesCents = claim.damagesCents;
    result.provisionalRates = claim.lines.some((line) => line.interest.lines.some((period) => period.status === 'carried-forward'));
  }
  if (fees.includes('b2c-reminder-fee')) {
    const periodOver = overdue.some((invoice) => invoice.firstReminderDate && b2cWaitingPeriodEnd(invoice.firstReminderDate, 'email') < on);
    if (periodOver) result.reminderFeeCents = b2cMaxReminderFee(on);
  }
  result.totalFeesCents = result.interestCents + result.compensationCents + result.damagesCents + result.reminderFeeCents;
  return result;
}

/** The date by which the message asks to pay. */
function payBy(kind: CustomerKind, step: StepDefinition, on: CalendarDate): CalendarDate {
  if (kind === 'B2C' && step.code === 'R1') return b2cWaitingPeriodEnd(on, 'email');
  return addDays(on, step.kind === 'formal-notice' ? 8 : 7);
}

export function messageData(
  customer: Customer,
  creditor: AppConfig['creditor'],
  request: { customerKind: CustomerKind; step: StepDefinition; stepDate: CalendarDate; invoices: CollectionInvoice[]; alsoOverdue?: CollectionInvoice[] },
  fees: DunningFees,
  /** The structured reference (OGM, as printed) of each invoice we issued, by number: paying is easier with it. */
  paymentReferences: ReadonlyMap<string, string> = new Map(),
): Record<string, unknown> {
  const totalCents = sumCents(request.invoices.map((invoice) => invoice.openCents));
  return {
    customer: { id: customer.id, name: customer.name },
    creditor,
    step: { code: request.step.code, title: request.step.title },
    invoices: request.invoices.map((invoice) => ({
      number: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      amountCents: invoice.amountCents,
      openCents: invoice.openCents,
      currency: invoice.currency,
      level: invoice.level,
      daysOverdue: daysBetween(invoice.dueDate, request.stepDate),
      paymentReference: paymentReferences.get(invoice.number) ?? null,
    })),
    /** The dossier's other overdue, undisputed invoices, each with its own level. */
    otherOverdue: (request.alsoOverdue ?? []).map((invoice) => ({
      number: invoice.number, dueDate: invoice.dueDate, openCents: invoice.openCents, currency: invoice.currency, level: invoice.level,
      paymentReference: paymentReferences.get(invoice.number) ?? null,
    })),
    totalCents,
    currency: request.invoices[0]?.currency ?? 'EUR',
    payBy: payBy(request.customerKind, request.step, request.stepDate),
    fees,
    claimTotalCents: totalCents + fees.totalFeesCents,
  };
}
