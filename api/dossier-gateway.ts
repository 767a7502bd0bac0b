/**
 * The API's side of the collection dossier workflow: read its live state (a query) and send
 * it updates. A rejected update becomes a 422 naming the field. Invoices reach it through
 * platform/dossier-handoff.ts.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/common';
import { dossierStatusQuery, dossierWorkflowId, type DossierView } from '../workflows/dossier/contract';
import type { collectionDossierWorkflow } from '../workflows/dossier/workflow';
import type { ApiDependencies } from './dependencies';
import { ApiError } from './errors';

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
