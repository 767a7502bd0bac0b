/** Every entity of the application database; entities import only @mikro-orm/core. */
import { AccountProjectionSchema } from './account-projection';
import { ContractSchema } from './contract';
import { CreditDecisionSchema } from './credit-decision';
import { CustomerSchema } from './customer';
import { DossierProjectionSchema } from './dossier-projection';
import { ErpEventSchema } from './erp-event';
import { HumanTaskSchema } from './human-task';
import { InvoiceSchema } from './invoice';
import { InvoiceSequenceSchema } from './invoice-sequence';
import { LegalHandoffSchema } from './legal-handoff';
import { OpportunitySchema } from './opportunity';
import { OutboxMessageSchema } from './outbox-message';
import { SalesOrderSchema } from './sales-order';

export * from './account-projection';
export * from './contract';
export * from './credit-decision';
export * from './customer';
export * from './dossier-projection';
export * from './erp-event';
export * from './human-task';
export * from './invoice';
export * from './invoice-sequence';
export * from './legal-handoff';
export * from './opportunity';
export * from './outbox-message';
export * from './sales-order';

export const entities = [
  AccountProjectionSchema,
  CustomerSchema,
  InvoiceSchema,
  OutboxMessageSchema,
  DossierProjectionSchema,
  HumanTaskSchema,
  LegalHandoffSchema,
  OpportunitySchema,
  CreditDecisionSchema,
  ContractSchema,
  SalesOrderSchema,
  InvoiceSequenceSchema,
  ErpEventSchema,
];
