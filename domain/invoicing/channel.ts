/**
 * Which channel an invoice goes out by. Since 1 January 2026 an invoice between Belgian
 * VAT-registered businesses must be a structured e-invoice over Peppol (BELGIUM.md
 * section 5), and public buyers receive theirs through Mercurius, also via Peppol: for
 * them the customer's preference for e-mail or paper does not count. Everyone else gets
 * what they asked for, else e-mail when we have an address, else a letter.
 */
import { compareDates, type CalendarDate } from '../calendar';
import type { CustomerKind } from '../procedures/definition';

export type DeliveryChannel = 'peppol' | 'email' | 'letter';

export const PEPPOL_MANDATORY_FROM = '2026-01-01' as CalendarDate;

export interface ChannelFacts {
  kind: CustomerKind;
  vatNumber?: string | null;
  enterpriseNumber?: string | null;
  peppolId?: string | null;
  preferredChannel?: DeliveryChannel | null;
  email?: string | null;
}

export function mustUsePeppol(customer: ChannelFacts, issueDate: CalendarDate): boolean {
  if (compareDates(issueDate, PEPPOL_MANDATORY_FROM) < 0) return false;
  if (customer.kind === 'B2G') return true;
  // The mandate is for VAT-registered businesses: a Belgian VAT number, not just an enterprise number.
  return customer.kind === 'B2B' && Boolean(customer.vatNumber?.toUpperCase().startsWith('BE'));
}

export function deliveryChannel(customer: ChannelFacts, issueDate: CalendarDate): DeliveryChannel {
  if (mustUsePeppol(customer, issueDate) || (customer.preferredChannel === 'peppol' && customer.peppolId)) return 'peppol';
  if (customer.preferredChannel && customer.preferredChannel !== 'peppol') return customer.preferredChannel;
  return customer.email ? 'email' : 'letter';
}

/** A Belgian company's Peppol participant id: scheme 0208 (KBO/BCE) and its enterprise number. */
export function belgianPeppolId(enterpriseNumber: string): string {
  return `0208:${enterpriseNumber}`;
}
