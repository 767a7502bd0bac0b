/**
 * Request and response schemas of the front half: the customer's account, opportunities
 * and their credit check, contracts, orders, issued invoices and credit notes. Shapes
 * only: the rules (60-day B2B term, VAT rates, what a credit note may credit) are the
 * domain's, so that a refusal names the rule and its legal source in a 422.
 */
import { Type } from '@sinclair/typebox';
import { INVOICE_KINDS, INVOICE_PURPOSES } from '../db/entities/invoice';
import { CONDITION_KINDS } from '../domain/credit/acceptance-policy';
import { VAT_CATEGORIES } from '../domain/invoicing/vat';
import { INVOICING_MOMENTS } from '../domain/sales/contract-terms';
import { Actor, IsoDate, Loose, Nullable, Timestamp } from './schemas';

const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(values.map((value) => Type.Literal(value)), description ? { description } : {});
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', description });
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const Amount = (minimum: number, description: string) => Type.Integer({ minimum, maximum: Number.MAX_SAFE_INTEGER, description });
const Deadline = Type.Object({ taskId: Type.String(), dueAt: Type.Integer({ description: 'Epoch milliseconds' }), escalated: Type.Boolean() });
const JournalEntry = Type.Object({ on: Type.String(), actor: Type.String(), action: Type.String(), detail: Type.String() });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
export const NumberParams = Type.Object({ number: Type.String({ minLength: 1 }) });
export const ActorBody = Type.Object({ ...Actor }, { additionalProperties: false });

// The customer's account ---------------------------------------------------------------

const Condition = Type.Object(
  {
    kind: Literals(CONDITION_KINDS),
    percent: Type.Optional(Type.Integer({ description: 'advance-payment: share paid before delivery; cash-discount: the discount' })),
    amountCents: Type.Optional(Amount(1, 'guarantee: the amount to be guaranteed, in cents')),
    days: Type.Optional(Type.Integer({ minimum: 0, description: 'cash-discount: paid within this many days' })),
    detail: Text(500, 'The condition in words, as the contract will carry it'),
  },
  { additionalProperties: false },
);

export const AccountResponse = Type.Object({
  customerId: Type.String(),
  customerKind: Type.String(),
  timeZone: Type.String(),
  enterpriseNumber: Nullable(Type.String()),
  creditLimitCents: Nullable(Type.Integer({ description: 'Null until a credit decision granted one: nothing is delivered on credit before' })),
  conditions: Type.Array(Condition),
  lastDecision: Nullable(Type.Object({ opportunityId: Type.String(), outcome: Type.String(), on: Type.String(), by: Type.String() })),
  insurance: Type.Object({ limitCents: Nullable(Type.Integer()), withdrawn: Type.Boolean(), since: Nullable(Type.String()) }),
  scores: Type.Array(Type.Object({ on: Type.String(), score: Type.Number(), source: Type.String() })),
  behaviour: Nullable(Loose('Our own payment experience with the customer, as of the last review')),
  exposure: Type.Object({ orders: Type.Record(Type.String(), Type.Integer(), { description: 'Orders not yet invoiced, by order id' }), openInvoicesCents: Type.Integer(), asOf: Nullable(Type.String()) }),
  exposureCents: Type.Integer({ description: 'Open orders plus open invoices' }),
  openOrders: Type.Integer(),
  review: Type.Object({ lastOn: Nullable(Type.String()), nextOn: Type.String(), intervalMonths: Type.Integer() }),
  reviewTask: Nullable(Type.Object({ id: Type.String(), reasons: Type.Array(Type.String()), dueAt: Type.Integer(), escalated: Type.Optional(Type.Boolean()) })),
  journal: Type.Array(JournalEntry),
  revision: Type.Integer(),
});

export const InsurerLimitBody = Type.Object(
  {
    limitCents: Type.Union([Amount(0, 'The insured limit in cents'), Type.Null()], { description: 'The insured limit; null when the insurer sets none (or withdrew cover)' }),
    withdrawn: Type.Boolean({ description: 'The insurer withdrew cover' }),
    ...Actor,
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  { ...Actor, creditLimitCents: Type.Optional(Amount(0, 'A new credit limit, when the review changes it')) },
  { additionalProperties: false },
);

// Opportunities and their credit check -------------------------------------------------

export const OpportunityBody = Type.Object(
  {
    id: Id('Opportunity number from the CRM'),
    customerId: Type.String({ minLength: 1, maxLength: 64 }),
    description: Text(255, 'What is being sold'),
    requestedExposureCents: Amount(1, 'The exposure sales asks credit to accept, in cents (VAT included)'),
    requestedPaymentTermDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, description: 'The payment term sales wants to offer; the decision may grant less (a payment-term condition)' })),
    requestedBy: Name('Who asks (kept for the audit)'),
  },
  { additionalProperties: false },
);

const FinalDecision = Type.Object({
  outcome: Type.String({ description: 'accept, refuse or conditions' }),
  conditions: Type.Array(Condition),
  creditLimitCents: Nullable(Type.Integer()),
  referred: Type.Boolean(),
  expired: Type.Boolean({ description: 'Nobody decided the referral in time: the policy\'s fallback applied' }),
  decidedBy: Type.String(),
  feeling: Nullable(Type.String()),
  reason: Type.String(),
  on: Type.String(),
});

export const OpportunityResponse = Type.Object({
  opportunityId: Type.String(),
  customerId: Type.String(),
  stage: Type.String({ description: 'checking, referred (a person decides) or decided' }),
  requestedExposureCents: Type.Integer(),
  proposal: Nullable(
    Type.Object({
      outcome: Type.String({ description: 'What the policy made of it: accept, refuse, conditions or refer' }),
      conditions: Type.Array(Condition),
      creditLimitCents: Nullable(Type.Integer()),
      reasons: Type.Array(Type.Object({ rule: Type.String(), detail: Type.String() })),
      figures: Loose('Score, filing age, payment index, days late, exposure, advised limit'),
      policy: Type.Object({ id: Type.String(), version: Type.Integer() }),
    }),
  ),
  report: Nullable(Loose('The trade report the check read (the facts)')),
  reportProblem: Nullable(Type.String({ description: 'Why there is no report' })),
  decision: Nullable(FinalDecision),
  referral: Nullable(Deadline),
  salesInformation: Type.Array(Type.Object({ actor: Type.String(), information: Type.String(), on: Type.String() })),
});

export const ReferralDecisionBody = Type.Object(
  {
    outcome: Literals(['accept', 'refuse', 'conditions'] as const),
    conditions: Type.Optional(Type.Array(Condition, { description: 'Only with outcome "conditions"' })),
    creditLimitCents: Type.Optional(Amount(0, 'The limit granted; the requested exposure when absent')),
    feeling: Text(2000, 'Your judgement: facts and figures are in the check, the feeling is yours'),
    ...Actor,
  },
  { additionalProperties: false },
);

export const SalesInformationBody = Type.Object(
  { actor: Actor.actor, information: Text(2000, 'What sales knows: investments, takeovers, staff turnover') },
  { additionalProperties: false },
);

// Contracts ----------------------------------------------------------------------------

export const ContractBody = Type.Object(
  {
    id: Id('Contract number'),
    customerId: Type.String({ minLength: 1, maxLength: 64 }),
    opportunityId: Type.String({ minLength: 1, maxLength: 64, description: 'The opportunity whose credit decision this contract carries' }),
    renewsContractId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    // No maximum here on purpose: the legal ceiling depends on the customer and the date,
    // and the domain answers it with its source (Law of 2 August 2002).
    paymentTermDays: Type.Optional(Type.Integer({ minimum: 0, description: 'Days from invoice to due date; 30 when absent' })),
    termJustification: Type.Optional(Text(2000, 'Why a public buyer pays later than 30 days (required then)')),
    invoicing: Type.Optional(Literals(INVOICING_MOMENTS, 'When orders are invoiced')),
    advancePaymentPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Share of each order paid before delivery' })),
    guarantee: Type.Optional(Type.Object({ amountCents: Amount(1, 'Guaranteed amount in cents'), detail: Text(500, 'Bank guarantee or parent surety, from whom') }, { additionalProperties: false })),
    cashDiscount: Type.Optional(Type.Object({ percent: Type.Number({ exclusiveMinimum: 0, maximum: 100 }), days: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
    creditInsuranceRequired: Type.Optional(Type.Boolean()),
    clauses: Type.Optional(Type.Array(Text(2000))),
    startsOn: IsoDate,
    endsOn: Type.Optional(IsoDate),
    signedBy: Name('Who signed for us'),
  },
  { additionalProperties: false },
);

export const ContractResponse = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  opportunityId: Nullable(Type.String()),
  renewsContractId: Nullable(Type.String()),
  paymentTermDays: Type.Integer(),
  invoicing: Type.String(),
  advancePaymentPercent: Type.Integer(),
  guarantee: Nullable(Type.Object({ amountCents: Type.Integer(), detail: Type.String() })),
  cashDiscount: Nullable(Type.Object({ percent: Type.Number(), days: Type.Integer() })),
  creditInsuranceRequired: Type.Boolean(),
  clauses: Type.Array(Type.String()),
  startsOn: Type.String(),
  endsOn: Nullable(Type.String()),
  signedBy: Type.String(),
  createdAt: Timestamp,
});

// Orders -------------------------------------------------------------------------------

const ExemptionNote = Type.Object(
  { code: Nullable(Type.String({ maxLength: 32, description: 'VATEX code, e.g. VATEX-EU-132' })), nl: Type.String(), fr: Type.String(), en: Type.String() },
  { additionalProperties: false },
);

const LineBody = Type.Object(
  {
    description: Text(500),
    quantity: Type.Number({ exclusiveMinimum: 0, description: 'Up to 3 decimals' }),
    unit: Type.Optional(Type.String({ description: 'UN/ECE Recommendation 20 code; C62 (one) when absent', examples: ['C62', 'HUR'] })),
    unitPriceCents: Type.Integer({ description: 'Excluding VAT, in cents' }),
    vatCategory: Literals(VAT_CATEGORIES, 'UNCL5305: S standard, Z zero, E exempt, AE reverse charge, K intra-community, G export'),
    vatRateBasisPoints: Type.Integer({ description: '2100 = 21 %; checked against the Belgian rates in force' }),
    vatExemptionReason: Type.Optional(ExemptionNote),
  },
  { additionalProperties: false },
);
const Lines = Type.Array(LineBody, { minItems: 1 });

export const OrderBody = Type.Object(
  {
    id: Id('Order number'),
    customerId: Type.String({ minLength: 1, maxLength: 64 }),
    contractId: Type.String({ minLength: 1, maxLength: 64 }),
    orderedOn: Type.Optional(IsoDate),
    lines: Lines,
    placedBy: Name('Who places the order'),
  },
  { additionalProperties: false },
);

export const OrderResponse = Type.Object({
  orderId: Type.String(),
  customerId: Type.String(),
  contractId: Type.String(),
  stage: Type.String({ description: 'blocked, awaiting-delivery, delivered, invoiced or cancelled' }),
  totalCents: Type.Integer(),
  orderedOn: Type.String(),
  clearance: Type.Object(
    { orderId: Type.String(), cleared: Type.Boolean(), reasons: Type.Array(Type.String()), exposureAfterCents: Type.Integer() },
    { description: 'The account\'s answer: a blocked order is a task for credit staff, with the reasons' },
  ),
  blockTask: Nullable(Deadline),
  release: Nullable(Type.Object({ actor: Type.String(), reason: Type.String(), on: Type.String() })),
  performanceDate: Nullable(Type.String()),
  deliveryReference: Nullable(Type.String()),
  invoices: Type.Array(
    Type.Object({
      number: Type.String(),
      purpose: Type.String(),
      issueDate: Type.String(),
      dueDate: Type.String(),
      totalCents: Type.Integer(),
      structuredReference: Type.String(),
      channel: Type.String(),
      performanceGapDays: Nullable(Type.Integer()),
    }),
  ),
  invoicingProblem: Nullable(Type.Object({ taskId: Type.String(), problem: Type.String({ description: 'Why the rules refused the invoice; correct it, then POST /orders/{id}/retry-invoicing' }) })),
  journal: Type.Array(JournalEntry),
});

export const DeliveryBody = Type.Object(
  {
    performanceDate: IsoDate,
    actor: Actor.actor,
    reference: Type.Optional(Text(100, 'Delivery note or timesheet reference')),
    advanceWaiver: Type.Optional(
      Type.Object(Actor, { additionalProperties: false, description: 'Credit staff let the goods go before the advance (or upfront) invoice is paid: who and why' }),
    ),
  },
  { additionalProperties: false },
);

// Issued invoices and credit notes -----------------------------------------------------

export const InvoiceDocumentResponse = Type.Object({
  number: Type.String(),
  kind: Literals(INVOICE_KINDS),
  purpose: Literals(INVOICE_PURPOSES),
  customerId: Type.String(),
  orderId: Nullable(Type.String()),
  creditedInvoiceNumber: Nullable(Type.String()),
  issueDate: Type.String(),
  dueDate: Type.String(),
  performanceDate: Nullable(Type.String()),
  currency: Type.String(),
  lines: Nullable(Type.Array(Loose('A line as invoiced, with its net amount'), { description: 'Null for an invoice registered from outside' })),
  vatBreakdown: Nullable(Type.Array(Type.Object({ category: Type.String(), rateBasisPoints: Type.Integer(), taxableCents: Type.Integer(), vatCents: Type.Integer(), exemption: Nullable(Loose('Exemption or reverse-charge wording')) }))),
  netCents: Nullable(Type.Integer()),
  vatCents: Nullable(Type.Integer()),
  totalCents: Type.Integer({ description: 'VAT included' }),
  structuredReference: Nullable(Type.String({ description: 'As printed: +++ddd/dddd/ddddd+++' })),
  epcPayload: Nullable(Type.String({ description: 'The EPC QR code payload (null for a credit note)' })),
  channel: Nullable(Type.String({ description: 'peppol, email or letter' })),
  paidOn: Nullable(Type.String()),
});

export const CreditNoteBody = Type.Object(
  {
    reference: Id('Your reference for this correction (complaint id, return note): a retry with it issues nothing new'),
    ...Actor,
    lines: Type.Optional(Type.Array(LineBody, { minItems: 1, description: 'What to credit; the whole invoice when absent' })),
  },
  { additionalProperties: false },
);

export const CreditNoteResponse = Type.Object({
  creditNote: InvoiceDocumentResponse,
  settledCents: Type.Integer({ description: 'What the credit note took off the invoice in the collection dossier' }),
});
