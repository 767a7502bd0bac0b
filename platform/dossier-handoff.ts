/**
 * Hands an invoice to its customer's collection dossier: signal-with-start, so the first
 * invoice starts the dossier on the customer's procedure and later ones join it. Used by
 * the API (invoices issued elsewhere) and by the invoicing activity (invoices we issue).
 * The dossier ignores an invoice it already holds, so a retry is harmless.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Customer, Invoice } from '../db/entities';
import { procedureFor } from '../domain/procedures/catalogue';
import type { Segment } from '../domain/procedures/definition';
import { DOSSIER_WORKFLOW_TYPE, dossierWorkflowId, invoiceRegisteredSignal, type DossierInput } from '../workflows/dossier/contract';
import { customerIdAttribute } from '../workflows/search-attributes';

export async function handInvoiceToDossier(temporal: Client, taskQueue: string, customer: Customer, invoice: Invoice): Promise<string> {
  const workflowId = dossierWorkflowId(customer.id);
  const procedure = procedureFor(customer.segment as Segment, customer.kind);
  const input: DossierInput = { customerId: customer.id, customerKind: customer.kind, timeZone: customer.timeZone, procedure: { id: procedure.id, version: procedure.version } };
  const send = () => temporal.workflow.signalWithStart(DOSSIER_WORKFLOW_TYPE, {
    workflowId,
    taskQueue,
    args: [input],
    signal: invoiceRegisteredSignal,
    signalArgs: [
      { number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate, amountCents: invoice.amountCents, currency: invoice.currency },
    ],
    typedSearchAttributes: [{ key: customerIdAttribute, value: customer.id }],
  });
  try {
    await send();
  } catch (error) {
    // Two invoices of a new customer at the same moment: the other request started the
    // dossier between our check and our start. Now it exists, so the signal lands.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    await send();
  }
  return workflowId;
}
