/**
 * The API's side of the collection dossier workflow: start it or hand it an invoice
 * (signal-with-start, so the first invoice starts the dossier), read its live state
 * (a query) and send it updates.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Customer, Invoice } from '../db/entities';
import {
  DOSSIER_WORKFLOW_TYPE,
  dossierStatusQuery,
  dossierWorkflowId,
  invoiceRegisteredSignal,
  registerPaymentUpdate,
  type DossierInput,
  type DossierView,
  type PaymentRegistration,
} from '../workflows/dossier/contract';
import { customerIdAttribute } from '../workflows/search-attributes';
import type { ApiDependencies } from './dependencies';
import { ApiError } from './errors';

export async function handInvoiceToDossier(deps: ApiDependencies, customer: Customer, invoice: Invoice): Promise<string> {
  const workflowId = dossierWorkflowId(customer.id);
  const input: DossierInput = { customerId: customer.id, timeZone: customer.timeZone };
  await deps.temporal.workflow.signalWithStart(DOSSIER_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    signal: invoiceRegisteredSignal,
    signalArgs: [
      {
        number: invoice.number,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        amountCents: invoice.amountCents,
        currency: invoice.currency,
      },
    ],
    typedSearchAttributes: [{ key: customerIdAttribute, value: customer.id }],
  });
  return workflowId;
}

/** The running (or last) dossier's state, or null when the customer never had one. */
export async function liveDossier(deps: ApiDependencies, customerId: string): Promise<DossierView | null> {
  try {
    return await deps.temporal.workflow.getHandle(dossierWorkflowId(customerId)).query(dossierStatusQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

export async function registerPayment(deps: ApiDependencies, customerId: string, payment: PaymentRegistration): Promise<DossierView> {
  try {
    return await deps.temporal.workflow.getHandle(dossierWorkflowId(customerId)).executeUpdate(registerPaymentUpdate, {
      args: [payment],
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new ApiError(404, 'NotFound', `Customer ${customerId} has no running collection dossier`);
    }
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const [field, ...problem] = error.cause.message.split(': ');
      throw new ApiError(422, 'Rejected', error.cause.message, [{ field: field ?? '(body)', problem: problem.join(': ') }]);
    }
    throw error;
  }
}
