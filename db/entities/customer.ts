import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const CUSTOMER_KINDS = ['B2B', 'B2G', 'B2C'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** A customer as master data: who they are and how to reach them. */
export class Customer {
  [OptionalProps]?: 'segment' | 'segmentExplanation' | 'createdAt';
  id!: string;
  name!: string;
  email!: string;
  language!: Language;
  kind!: CustomerKind;
  timeZone!: string;
  /** Collection segment and why (domain/segmentation.ts). */
  segment = 'other';
  segmentExplanation = '';
  createdAt: Date = new Date();
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
  },
});
