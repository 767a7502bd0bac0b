import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * The stored view of a dossier for lists and reports. Written by an activity from the
 * workflow's state; `revision` only grows, so a late retry never overwrites newer data.
 */
export class DossierProjection {
  [OptionalProps]?: 'updatedAt' | 'openTaskId' | 'nextStepCode' | 'nextStepDate';
  customerId!: string;
  workflowId!: string;
  procedure!: string;
  status!: string;
  openInvoices!: number;
  openCents!: number;
  messagesSent!: number;
  openComplaints!: number;
  brokenPromises!: number;
  openTaskId?: string | null;
  nextStepCode?: string | null;
  nextStepDate?: string | null;
  revision!: number;
  updatedAt: Date = new Date();
}

export const DossierProjectionSchema = new EntitySchema<DossierProjection>({
  class: DossierProjection,
  tableName: 'dossier_projection',
  properties: {
    customerId: { type: 'string', length: 64, primary: true },
    workflowId: { type: 'string', length: 128 },
    procedure: { type: 'string', length: 64 },
    status: { type: 'string', length: 16, index: true },
    openInvoices: { type: 'integer' },
    openCents: { type: new BigIntType('number') },
    messagesSent: { type: 'integer' },
    openComplaints: { type: 'integer' },
    brokenPromises: { type: 'integer' },
    openTaskId: { type: 'string', length: 160, nullable: true },
    nextStepCode: { type: 'string', length: 16, nullable: true },
    nextStepDate: { type: 'date', nullable: true, index: true },
    revision: { type: 'integer' },
    updatedAt: { type: 'datetime' },
  },
});
