/**
 * The API's side of the collection dossier workflow: read its live state (a query) and send
 * it updates, through the shared translation of workflow-gateway.ts (a refusal is a 422
 * naming the field). Invoices reach it through platform/dossier-handoff.ts.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { dossierStatusQuery, dossierWorkflowId, type DossierView } from '../workflows/dossier/contract';
import type { ApiDependencies } from './dependencies';
import { queryWorkflow, updateWorkflow } from './workflow-gateway';

const handle = (deps: ApiDependencies, customerId: string) => deps.temporal.workflow.getHandle(dossierWorkflowId(customerId));

/** The running (or last) dossier's state, or null when the customer never had one. */
export function liveDossier(deps: ApiDependencies, customerId: string): Promise<DossierView | null> {
  return queryWorkflow(handle(deps, customerId), dossierStatusQuery);
}

/** Sends an update; the workflow's validator answers "field: why" when it refuses. */
export function updateDossier<A>(deps: ApiDependencies, customerId: string, update: UpdateDefinition<DossierView, [A]>, arg: A): Promise<DossierView> {
  return updateWorkflow(handle(deps, customerId), `The collection dossier of customer ${customerId}`, update, arg);
}
