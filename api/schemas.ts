/** Request and response schemas of the API (TypeBox: JSON Schema with static types). */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CUSTOMER_KINDS, DELIVERY_CHANNELS, LANGUAGES } from '../db/entities/customer';
import { APPROVAL_OUTCOMES, PHONE_OUTCOMES } from '../domain/collection/commands';
import { RISK_CLASSES, SEGMENTS } from '../domain/segmentation';

export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD', examples: ['2026-03-31'] });
/** A timestamp; Date objects are serialised as ISO 8601. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
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

const PostalAddress = Type.Object(
  {
    street: Type.String({ minLength: 1, maxLength: 200, description: 'Street and number' }),
    postalCode: Type.String({ minLength: 1, maxLength: 16 }),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code', examples: ['BE'] }),
  },
  { additionalProperties: false },
);

export const CustomerBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', description: 'Customer number from the ERP' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    language: Type.Union(LANGUAGES.map((l) => Type.Literal(l))),
    kind: Type.Union(CUSTOMER_KINDS.map((k) => Type.Literal(k))),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone; default from O2C_TIME_ZONE' })),
    revenue12mCents: Type.Optional(Type.Integer({ minimum: 0, description: 'Revenue of the last 12 months, in cents' })),
    revenueRank: Type.Optional(Type.Integer({ minimum: 1, description: 'Rank in the portfolio by 12-month revenue (1 = largest)' })),
    riskClass: Type.Optional(Type.Union(RISK_CLASSES.map((c) => Type.Literal(c)), { default: 'medium' })),
    segmentOverride: Type.Optional(
      Type.Object({ segment: Type.Union(SEGMENTS.map((c) => Type.Literal(c))), reason: Type.String({ minLength: 1 }), actor: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    ),
    enterpriseNumber: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, description: 'Belgian enterprise number (KBO/BCE): 0456.789.133, BE0456789133 or 10 digits; checked with its mod-97 check digits', examples: ['0456.789.133'] }),
    ),
    vatNumber: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9A-Z+*]{2,12}$', description: 'VAT number with its country prefix, no dots or spaces', examples: ['BE0456789133'] })),
    preferredChannel: Type.Optional(Type.Union(DELIVERY_CHANNELS.map((c) => Type.Literal(c)), { description: 'How the customer wants its invoices; the law may require Peppol regardless' })),
    peppolId: Type.Optional(Type.String({ pattern: '^[0-9]{4}:[A-Za-z0-9._:-]{1,59}$', description: 'Peppol participant id, scheme:identifier; 0208:<enterprise number> for a Belgian company', examples: ['0208:0456789133'] })),
    address: Type.Optional(PostalAddress),
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
  segment: Type.String({ description: 'Collection segment: top-400, top-2500, other or risk' }),
  segmentExplanation: Type.String({ description: 'Why, in words' }),
  enterpriseNumber: Nullable(Type.String({ description: '10 digits, without dots' })),
  vatNumber: Nullable(Type.String()),
  preferredChannel: Nullable(Type.String()),
  peppolId: Nullable(Type.String()),
  address: Nullable(PostalAddress),
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

export const Actor = {
  actor: Type.String({ minLength: 1, maxLength: 100, description: 'Who does it (kept for the audit)' }),
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why (kept for the audit)' }),
};
const InvoiceNumbers = Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Invoices concerned; all open ones when absent' });

export const PaymentBody = Type.Object(
  { invoiceNumber: Type.String({ minLength: 1 }), amountCents: Cents, actor: Actor.actor, reason: Type.Optional(Actor.reason) },
  { additionalProperties: false },
);
export const PauseBody = Type.Object({ until: IsoDate, ...Actor }, { additionalProperties: false });
export const ResumeBody = Type.Object({ ...Actor }, { additionalProperties: false });
export const EscalationBody = Type.Object(
  { to: Type.Union([Type.Literal('next-step'), Type.Literal('legal')]), invoiceNumbers: Type.Optional(InvoiceNumbers), ...Actor },
  { additionalProperties: false },
);
export const PromiseBody = Type.Object(
  { date: IsoDate, invoiceNumbers: Type.Optional(InvoiceNumbers), graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })), ...Actor },
  { additionalProperties: false },
);
export const ComplaintBody = Type.Object(
  { complaintId: Type.String({ minLength: 1, maxLength: 64 }), type: Type.String({ pattern: '^[A-Z]{2}_[0-9]{2}$', description: 'Complaint type, e.g. AD_01 wrong invoice' }), invoiceNumbers: InvoiceNumbers, ...Actor },
  { additionalProperties: false },
);
export const ComplaintClosingBody = Type.Object(
  { solution: Type.String({ pattern: '^SOL_[0-9]{2}$', description: 'Solution code, e.g. SOL_03 credit note' }), ...Actor },
  { additionalProperties: false },
);
export const ProcedureChangeBody = Type.Object({ procedureId: Type.String({ minLength: 1 }), version: Type.Integer({ minimum: 1 }), ...Actor }, { additionalProperties: false });
export const TaskCompletionBody = Type.Object(
  {
    outcome: Type.Union([...PHONE_OUTCOMES, ...APPROVAL_OUTCOMES].map((o) => Type.Literal(o))),
    promiseDate: Type.Optional(IsoDate),
    actor: Actor.actor,
    reason: Type.Optional(Actor.reason),
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
  status: Type.String({ description: 'open, paid or with-legal' }),
  level: Type.String({ description: 'Code of the last step done; empty before the first' }),
  nextStepCode: Nullable(Type.String()),
  nextStepDate: Nullable(Type.String()),
  blockedByComplaint: Type.Boolean(),
  underPromise: Type.Boolean(),
});

export const DossierLive = Type.Object({
  customerId: Type.String(),
  customerKind: Type.String(),
  procedure: Type.Object({ id: Type.String(), version: Type.Integer() }),
  status: Type.String({ description: 'active, paused or finished' }),
  invoices: Type.Array(DossierInvoiceView),
  complaints: Type.Array(Loose('An open complaint')),
  promise: Nullable(Loose('The running promise to pay')),
  pause: Nullable(Loose('The pause, until when and why')),
  task: Nullable(Loose('The open human task the dossier waits for')),
  brokenPromises: Type.Integer(),
  messagesSent: Type.Integer(),
  nextAction: Nullable(Loose('What the dossier does next, and when')),
  journal: Type.Array(Loose('Who did what, when and why')),
  revision: Type.Integer(),
});

export const DossierResponse = Type.Object({
  dossierId: Type.String(),
  live: Type.Union([DossierLive, Type.Null()], { description: 'From the running workflow (a query); null when there is none' }),
  projection: Nullable(Loose('As last stored in the database')),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      stepCode: Type.String(),
      stepDate: Nullable(Type.String()),
      channel: Type.String(),
      recipient: Type.String(),
      subject: Type.String(),
      body: Type.String(),
      invoiceNumbers: Type.Array(Type.String()),
      feesCents: Type.Integer(),
      status: Type.String(),
      createdAt: Timestamp,
    }),
  ),
});

export const HumanTaskView = Type.Object({
  id: Type.String(),
  dossierId: Type.String({ description: 'The workflow waiting for it: dossier:…, opportunity:…, order:… or account:…' }),
  customerId: Type.String(),
  kind: Type.String(),
  stepCode: Type.String(),
  pool: Type.String(),
  invoiceNumbers: Type.Array(Type.String()),
  summary: Type.String(),
  dueAt: Timestamp,
  status: Type.String(),
  outcome: Nullable(Type.String()),
  answer: Type.Object(
    { method: Type.Literal('POST'), path: Type.String() },
    { description: 'Where the outcome goes: the route that completes this task' },
  ),
});
