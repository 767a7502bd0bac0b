import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CalendarDate } from '../../domain/calendar';

/**
 * The stored view of a customer account for the portfolio list (who is near or over the
 * limit, whose review is due). Written by an activity from the account workflow's state;
 * `revision` only grows, so a late retry never overwrites newer figures. The live account
 * is the workflow's query.
 */
export class AccountProjection {
  [OptionalProps]?: 'updatedAt';
  customerId!: string;
  creditLimitCents!: number | null;
  exposureCents!: number;
  openOrders!: number;
  insuredLimitCents!: number | null;
  insuranceWithdrawn!: boolean;
  score!: number | null;
  nextReviewOn!: CalendarDate;
  reviewTaskOpen!: boolean;
  lastDecision!: string | null;
  revision!: number;
  updatedAt: Date = new Date();
}

export const AccountProjectionSchema = new EntitySchema<AccountProjection>({
  class: AccountProjection,
  tableName: 'account_projection',
  properties: {
    customerId: { type: 'string', length: 64, primary: true },
    creditLimitCents: { type: new BigIntType('number'), nullable: true },
    exposureCents: { type: new BigIntType('number') },
    openOrders: { type: 'integer' },
    insuredLimitCents: { type: new BigIntType('number'), nullable: true },
    insuranceWithdrawn: { type: 'boolean' },
    score: { type: 'integer', nullable: true },
    nextReviewOn: { type: 'date', index: true },
    reviewTaskOpen: { type: 'boolean' },
    lastDecision: { type: 'string', length: 16, nullable: true },
    revision: { type: 'integer' },
    updatedAt: { type: 'datetime' },
  },
});
