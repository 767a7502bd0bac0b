/** Every entity of the application database; entities import only @mikro-orm/core. */
import { CustomerSchema } from './customer';
import { DossierProjectionSchema } from './dossier-projection';
import { HumanTaskSchema } from './human-task';
import { InvoiceSchema } from './invoice';
import { LegalHandoffSchema } from './legal-handoff';
import { OutboxMessageSchema } from './outbox-message';

export * from './customer';
export * from './dossier-projection';
export * from './human-task';
export * from './invoice';
export * from './legal-handoff';
export * from './outbox-message';

export const entities = [CustomerSchema, InvoiceSchema, OutboxMessageSchema, DossierProjectionSchema, HumanTaskSchema, LegalHandoffSchema];
