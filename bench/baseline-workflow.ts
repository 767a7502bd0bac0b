/**
 * The benchmark's baseline: a workflow with as many timers and activities as a dossier's
 * full collection track, that does nothing else. Its activity is a no-op, its timers are
 * plain sleeps; what it costs is what Temporal itself costs for that shape, so a dossier's
 * figures divided by its figures show what the dossier's own logic adds.
 * Deterministic workflow code: it imports @temporalio/workflow only.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';

/** The one activity of the baseline; the bench worker registers a no-op under this name. */
export interface BaselineActivities {
  baselineStep(): Promise<void>;
}

export interface BaselineInput {
  /** Timers started per run, as in the dossier's history. */
  timers: number;
  /** Activities scheduled per run, as in the dossier's history. */
  activities: number;
  /** How long each timer waits. */
  timerMs: number;
}

// The same options as the dossier's activities.
const { baselineStep } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Activities done in slot `slot` of `slots`: spread as evenly as whole numbers allow. */
function activitiesInSlot(activities: number, slots: number, slot: number): number {
  return Math.floor(((slot + 1) * activities) / slots) - Math.floor((slot * activities) / slots);
}

/**
 * Like a dossier: some activities, a timer, some activities, … , some activities. The
 * activities are spread over the timers + 1 slots between them and run one after another.
 */
export async function baselineWorkflow(input: BaselineInput): Promise<void> {
  const slots = input.timers + 1;
  for (let slot = 0; slot < slots; slot += 1) {
    for (let i = 0; i < activitiesInSlot(input.activities, slots, slot); i += 1) await baselineStep();
    if (slot < input.timers) await sleep(input.timerMs);
  }
}
