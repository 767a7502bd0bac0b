/**
 * Billable Temporal Cloud actions, counted from event histories.
 *
 * Temporal Cloud bills "actions" (docs.temporal.io/cloud/actions). Those that leave an
 * event in the history are counted here, one rule per event type:
 *
 * | event                                         | actions | Cloud's wording |
 * |-----------------------------------------------|---------|-----------------|
 * | WorkflowExecutionStarted                      | 1       | workflow started: client start, continue-as-new (the new run's start), child start |
 * | WorkflowExecutionSignaled                     | 1       | signal sent; but a signal-with-start counts once in all, so the signal it records with the start is 0 (see below) |
 * | SignalExternalWorkflowExecutionInitiated      | 1       | signal sent from a workflow |
 * | WorkflowExecutionUpdateAccepted / …Rejected   | 1       | update received by the worker (accepted or rejected) |
 * | ActivityTaskScheduled                         | 1       | activity started … |
 * | ActivityTaskStarted with attempt n            | n - 1   | … or retried: each retry is one more (the history keeps only the last attempt's started event) |
 * | TimerStarted                                  | 1       | timer started, including the implicit timer of `condition(fn, timeout)` |
 * | UpsertWorkflowSearchAttributes                | 1       | one per upsert command, whatever it sets; 0 when it sets only TemporalChangeVersion. Attributes given at start are free |
 * | MarkerRecorded (local activity)               | 1 per workflow task | all local activities of one workflow task count once; patch markers are free |
 * | WorkflowTaskCompleted                         | its metered local-activity retries (at most 100) | local activities retried across workflow-task heartbeats |
 * | StartChildWorkflowExecutionInitiated          | 2       | start of the child and its execution |
 * | NexusOperationScheduled / …CancelRequested    | 1       | Nexus operation scheduled / canceled |
 * | WorkflowExecutionOptionsUpdated               | 1       | workflow execution options updated |
 *
 * The signal of a signal-with-start is event 2 on a Temporal server (1 started, 2 signaled,
 * 3 workflow task scheduled), which is what the Temporal UI's estimate looks for; the
 * time-skipping test server writes it as event 3, after the first workflow task is
 * scheduled, where a history cannot tell it from a separate signal sent right after a
 * start. So event 2 is always free, and with `startedBySignalWithStart` (the caller knows
 * how it started the workflow) so is the first signal before the first workflow task starts.
 *
 * Free: workflow tasks, activity completions and failures, timers fired or canceled, the
 * close of the workflow, and the WorkflowExecutionContinuedAsNew event itself (the new run's
 * start is the action). Not in a history, so not counted here: queries (the bench sends
 * none), activity heartbeats (the dossier has none), updates rejected by a validator
 * (they never reach the history), exports and schedules.
 */
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

export const ACTION_KINDS = [
  'workflow started',
  'signal',
  'update',
  'activity',
  'activity retry',
  'timer',
  'search attributes',
  'local activities',
  'child workflow',
  'nexus',
  'options updated',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface HistoryCount {
  /** Billable actions in all. */
  actions: number;
  byKind: Record<ActionKind, number>;
  /** History events, all runs together. */
  events: number;
  timersStarted: number;
  activitiesScheduled: number;
}

const FREE_MARKERS = new Set(['core_patch', 'Version']);

function emptyCount(): HistoryCount {
  return { actions: 0, byKind: Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>, events: 0, timersStarted: 0, activitiesScheduled: 0 };
}

export interface CountOptions {
  /** The workflow was started by signal-with-start (as the API starts dossiers). */
  startedBySignalWithStart?: boolean;
}

/** Counts one workflow: the histories of its runs (one, or more after continue-as-new). */
export function countHistory(runs: History[], options: CountOptions = {}): HistoryCount {
  const count = emptyCount();
  const add = (kind: ActionKind, actions = 1) => {
    count.byKind[kind] += actions;
    count.actions += actions;
  };
  runs.forEach((history, run) => {
    const events = history.events ?? [];
    count.events += events.length;
    const tasksWithLocalActivities = new Set<string>();
    // Only the first run can have been started by signal-with-start.
    let startSignalPending = run === 0 && options.startedBySignalWithStart === true;
    for (const event of events) {
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) startSignalPending = false;
      switch (event.eventType) {
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
          add('workflow started');
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
          if (run === 0 && (Number(event.eventId) === 2 || startSignalPending)) startSignalPending = false;
          else add('signal');
          break;
        case EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
          add('signal');
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED:
          add('update');
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
          count.activitiesScheduled += 1;
          add('activity');
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
          const retries = (event.activityTaskStartedEventAttributes?.attempt ?? 1) - 1;
          if (retries > 0) add('activity retry', retries);
          break;
        }
        case EventType.EVENT_TYPE_TIMER_STARTED:
          count.timersStarted += 1;
          add('timer');
          break;
        case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
          const fields = Object.keys(event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {});
          if (!(fields.length === 1 && fields[0] === 'TemporalChangeVersion')) add('search attributes');
          break;
        }
        case EventType.EVENT_TYPE_MARKER_RECORDED: {
          const marker = event.markerRecordedEventAttributes;
          if (!marker || FREE_MARKERS.has(marker.markerName ?? '')) break;
          const task = String(marker.workflowTaskCompletedEventId ?? event.eventId);
          if (!tasksWithLocalActivities.has(task)) {
            tasksWithLocalActivities.add(task);
            add('local activities');
          }
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED: {
          const retried = event.workflowTaskCompletedEventAttributes?.meteringMetadata?.nonfirstLocalActivityExecutionAttempts ?? 0;
          if (retried > 0) add('local activities', Math.min(retried, 100));
          break;
        }
        case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
          add('child workflow', 2);
          break;
        case EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED:
        case EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED:
          add('nexus');
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED:
          add('options updated');
          break;
        default:
          break;
      }
    }
  });
  return count;
}

/** The histories of every run of a workflow, from `firstRunId` along its continue-as-new chain. */
export async function fetchRunHistories(client: Client, workflowId: string, firstRunId: string): Promise<History[]> {
  const runs: History[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push(history);
    const last = history.events?.[history.events.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Mean, minimum and maximum of each figure over a sample of workflows. */
export interface SampleSummary {
  workflows: number;
  mean: HistoryCount;
  min: { actions: number; events: number };
  max: { actions: number; events: number };
}

export function summarise(counts: HistoryCount[]): SampleSummary {
  if (counts.length === 0) throw new Error('no history to summarise');
  const mean = emptyCount();
  const n = counts.length;
  for (const c of counts) {
    mean.actions += c.actions / n;
    mean.events += c.events / n;
    mean.timersStarted += c.timersStarted / n;
    mean.activitiesScheduled += c.activitiesScheduled / n;
    for (const kind of ACTION_KINDS) mean.byKind[kind] += c.byKind[kind] / n;
  }
  const pick = (f: (c: HistoryCount) => number, g: (...values: number[]) => number) => g(...counts.map(f));
  return {
    workflows: n,
    mean,
    min: { actions: pick((c) => c.actions, Math.min), events: pick((c) => c.events, Math.min) },
    max: { actions: pick((c) => c.actions, Math.max), events: pick((c) => c.events, Math.max) },
  };
}
