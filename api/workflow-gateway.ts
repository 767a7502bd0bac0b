/**
 * Sending updates to any workflow and reading its state, with one translation of what
 * can go wrong: a refused update becomes a 422 naming the field, a missing workflow 404.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from './errors';

/** A validator's "field: why" as a 422 answer. */
export function rejection(message: string): ApiError {
  const [field, ...problem] = message.split(': ');
  return new ApiError(422, 'Rejected', message, [{ field: field ?? '(body)', problem: problem.join(': ') }]);
}

export async function updateWorkflow<R, A extends unknown[]>(handle: WorkflowHandle, what: string, update: UpdateDefinition<R, A>, ...args: A): Promise<R> {
  try {
    // The handle is untyped: the update definition carries the types.
    return (await handle.executeUpdate(update as unknown as UpdateDefinition<R, []>, { args: args as unknown as [] }));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ApiError(404, 'NotFound', `${what} is not running`);
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) throw rejection(error.cause.message);
    throw error;
  }
}

/** The workflow's live (or last) state, or null when it never ran. */
export async function queryWorkflow<R>(handle: WorkflowHandle, query: QueryDefinition<R>): Promise<R | null> {
  try {
    return await handle.query(query);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}
