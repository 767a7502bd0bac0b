/** Every entity of the application database; entities import only @mikro-orm/core. */
import { CustomerSchema } from './customer';
import { DossierProjectionSchema } from './dossier-projection';
import { InvoiceSchema } from './invoice';
import { OutboxMessageSchema } from './outbox-message';

export * from './customer';
export * from './dossier-projection';
export * from './invoice';
export * from './outbox-message';

export const entities = [CustomerSchema, InvoiceSchema, OutboxMessageSchema, DossierProjectionSchema];
