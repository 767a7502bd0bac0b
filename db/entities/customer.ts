import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const CUSTOMER_KINDS = ['B2B', 'B2G', 'B2C'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
/** How invoices reach a customer: Peppol e-invoice, e-mail or paper. */
export const DELIVERY_CHANNELS = ['peppol', 'email', 'letter'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** A postal address; `country` is the ISO 3166-1 alpha-2 code ("BE"). */
export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

/** A customer as master data: who they are and how to reach them. */
export class Customer {
  [OptionalProps]?: 'segment' | 'segmentExplanation' | 'createdAt';
  id!: string;
  name!: string;
  email!: string;
  language!: Language;
  /** B2G is a public buyer: it receives invoices through Mercurius, via Peppol. */
  kind!: CustomerKind;
  timeZone!: string;
  /** Collection segment and why (domain/segmentation.ts). */
  segment = 'other';
  segmentExplanation = '';
  createdAt: Date = new Date();
  /** Belgian enterprise number, 10 digits without dots. */
  enterpriseNumber?: string | null;
  /** VAT number with its country prefix ("BE0123456789"). */
  vatNumber?: string | null;
  preferredChannel?: DeliveryChannel | null;
  /** Peppol participant id, "0208:<enterprise number>" for a Belgian company. */
  peppolId?: string | null;
  address?: PostalAddress | null;
}

export const CustomerSchema = new EntitySchema<Customer>({
  class: Customer,
  tableName: 'customer',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    name: { type: 'string', length: 200 },
    email: { type: 'string', length: 254 },
    language: { type: 'string', length: 2 },
    kind: { type: 'string', length: 3 },
    timeZone: { type: 'string', length: 64 },
    segment: { type: 'string', length: 16, default: 'other' },
    segmentExplanation: { type: 'string', length: 255, default: '' },
    createdAt: { type: 'datetime' },
    enterpriseNumber: { type: 'string', length: 10, nullable: true },
    vatNumber: { type: 'string', length: 14, nullable: true },
    preferredChannel: { type: 'string', length: 16, nullable: true },
    peppolId: { type: 'string', length: 64, nullable: true },
    address: { type: 'json', nullable: true },
  },
});
