/** Request and response schemas of the API (TypeBox: JSON Schema with static types). */
import { Type, type Static } from '@sinclair/typebox';
import { CUSTOMER_KINDS, LANGUAGES } from '../db/entities/customer';

const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD', examples: ['2026-03-31'] });
/** A timestamp; Date objects are serialised as ISO 8601. */
const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
const Cents = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Amount in euro cents' });

export const ErrorResponse = Type.Object({
  error: Type.String({ description: 'Short machine-readable kind, e.g. ValidationFailed' }),
  message: Type.String({ description: 'What is wrong and what to do about it' }),
  fields: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), problem: Type.String() }), {
      description: 'Each wrong field with its problem',
    }),
  ),
});

export const CustomerBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', description: 'Customer number from the ERP' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    language: Type.Union(LANGUAGES.map((l) => Type.Literal(l))),
    kind: Type.Union(CUSTOMER_KINDS.map((k) => Type.Literal(k))),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone; default from O2C_TIME_ZONE' })),
  },
  { additionalProperties: false },
);
export type CustomerBody = Static<typeof CustomerBody>;

export const CustomerResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  language: Type.String(),
  kind: Type.String(),
  timeZone: Type.String(),
  createdAt: Timestamp,
});

export const InvoiceBody = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9./_-]+$' }),
    customerId: Type.String({ minLength: 1, maxLength: 64 }),
    issueDate: IsoDate,
    dueDate: IsoDate,
    amountCents: Cents,
    currency: Type.Optional(Type.Literal('EUR', { default: 'EUR' })),
  },
  { additionalProperties: false },
);
export type InvoiceBody = Static<typeof InvoiceBody>;

export const InvoiceResponse = Type.Object({
  number: Type.String(),
  customerId: Type.String(),
  issueDate: Type.String(),
  dueDate: Type.String(),
  amountCents: Type.Integer(),
  currency: Type.String(),
  dossierId: Type.String({ description: 'Workflow id of the customer\'s collection dossier' }),
});

export const PaymentBody = Type.Object(
  {
    invoiceNumber: Type.String({ minLength: 1 }),
    amountCents: Cents,
    actor: Type.String({ minLength: 1, maxLength: 100, description: 'Who registers it' }),
  },
  { additionalProperties: false },
);

const DossierInvoiceView = Type.Object({
  number: Type.String(),
  issueDate: Type.String(),
  dueDate: Type.String(),
  amountCents: Type.Integer(),
  openCents: Type.Integer(),
  currency: Type.String(),
  level: Type.Integer(),
});

export const DossierLive = Type.Object({
  customerId: Type.String(),
  status: Type.String(),
  invoices: Type.Array(DossierInvoiceView),
  remindersSent: Type.Integer(),
  nextReminder: Type.Optional(
    Type.Object({ code: Type.String(), date: Type.String(), invoiceNumbers: Type.Array(Type.String()) }),
  ),
  revision: Type.Integer(),
});

export const DossierResponse = Type.Object({
  dossierId: Type.String(),
  live: Type.Union([DossierLive, Type.Null()], { description: 'From the running workflow (a query); null when there is none' }),
  projection: Type.Union(
    [
      Type.Object({
        status: Type.String(),
        openInvoices: Type.Integer(),
        openCents: Type.Integer(),
        remindersSent: Type.Integer(),
        nextStepCode: Type.Union([Type.String(), Type.Null()]),
        nextStepDate: Type.Union([Type.String(), Type.Null()]),
        revision: Type.Integer(),
        updatedAt: Timestamp,
      }),
      Type.Null(),
    ],
    { description: 'As last stored in the database' },
  ),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      stepCode: Type.String(),
      channel: Type.String(),
      recipient: Type.String(),
      subject: Type.String(),
      body: Type.String(),
      invoiceNumbers: Type.Array(Type.String()),
      status: Type.String(),
      createdAt: Timestamp,
    }),
  ),
});
