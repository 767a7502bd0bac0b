/**
 * The API's side of the collection dossier workflow: hand it an invoice (signal-with-start,
 * so the first invoice starts the dossier on the customer's procedure), read its live state
 * (a query) and send it updates. A rejected update becomes a 422 naming the field.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/common';
import type { Customer, Invoice } from '../db/entities';
import { procedureFor } from '../domain/procedures/catalogue';
import type { Segment } from '../domain/procedures/definition';
import {
  DOSSIER_WORKFLOW_TYPE,
  dossierStatusQuery,
  dossierWorkflowId,
  invoiceRegisteredSignal,
  type DossierInput,
  type DossierView,
} from '../workflows/dossier/contract';
import type { collectionDossierWorkflow } from '../workflows/dossier/workflow';
import { customerIdAttribute } from '../workflows/search-attributes';
import type { ApiDependencies } from './dependencies';
import { ApiError } from './errors';

export async function handInvoiceToDossier(deps: ApiDependencies, customer: Customer, invoice: Invoice): Promise<string> {
  const workflowId = dossierWorkflowId(customer.id);
  const kind = customer.kind;
  const procedure = procedureFor(customer.segment as Segment, kind);
  const input: DossierInput = { customerId: customer.id, customerKind: kind, timeZone: customer.timeZone, procedure: { id: procedure.id, version: procedure.version } };
  const send = () => deps.temporal.workflow.signalWithStart(DOSSIER_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: deps.taskQueue,
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

const handle = (deps: ApiDependencies, customerId: string): WorkflowHandle<typeof collectionDossierWorkflow> =>
  deps.temporal.workflow.getHandle(dossierWorkflowId(customerId));

/** The running (or last) dossier's state, or null when the customer never had one. */
export async function liveDossier(deps: ApiDependencies, customerId: string): Promise<DossierView | null> {
  try {
    return await handle(deps, customerId).query(dossierStatusQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

/** Sends an update; the workflow's validator answers "field: why" when it refuses. */
export async function updateDossier<A>(deps: ApiDependencies, customerId: string, update: UpdateDefinition<DossierView, [A]>, arg: A): Promise<DossierView> {
  try {
    return await handle(deps, customerId).executeUpdate(update, { args: [arg] });
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
