/**
 * One collection dossier per customer. It holds every open invoice, follows the pinned
 * procedure for each of them from its own due date, waits for days between steps, opens
 * human tasks for calls and approvals, and ends when nothing is open. The rules are in
 * domain/collection; this file sequences them and talks to the activities.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CollectionActivities } from '../../activities/collection';
import { dateInZone, instantAt } from '../../domain/calendar';
import * as commands from '../../domain/collection/commands';
import { joiningStep, planNext, type PlannedAction } from '../../domain/collection/planner';
import { isBlocked, isFinished, newDossierState, type DossierState } from '../../domain/collection/state';
import * as steps from '../../domain/collection/steps';
import { findProcedure } from '../../domain/procedures/catalogue';
import { shiftDate } from '../../domain/procedures/schedule';
import { dossierStatusAttribute } from '../search-attributes';
import * as contract from './contract';
import { dossierView } from './view';

const activities = proxyActivities<CollectionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Well under Temporal's limits, and small enough that a replay stays quick. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;
/** End of the working day on which a task falls due. */
const TASK_DEADLINE_HOUR = 18;

export async function collectionDossierWorkflow(input: contract.DossierInput): Promise<contract.DossierView> {
  const { workflowId } = workflowInfo();
  let state: DossierState = input.state ?? newDossierState(input);
  const procedure = () => findProcedure(state.procedure.id, state.procedure.version);
  const today = () => dateInZone(Date.now(), state.timeZone);
  const view = () => dossierView(state, procedure());
  /** Task rows to close in the database; drained by the main loop. */
  const closedTasks: Array<{ taskId: string; outcome: string; actor: string }> = [];

  setHandler(contract.invoiceRegisteredSignal, (invoice) => {
    state = commands.registerInvoice(state, procedure(), invoice, today(), joiningStep(procedure(), invoice.dueDate, today()));
  });
  /** An update: the check is its validator (a refusal never reaches history), then the change. */
  const update = <A>(definition: UpdateDefinition<contract.DossierView, [A]>, check: (arg: A) => unknown, apply: (arg: A) => DossierState) =>
    setHandler(
      definition,
      (arg: A) => {
        state = apply(arg);
        return view();
      },
      { validator: (arg: A) => void check(arg) },
    );
  update<commands.Payment>(contract.registerPaymentUpdate, (p) => commands.checkPayment(state, p), (p) => commands.registerPayment(state, p, today()));
  update<commands.Pause>(contract.pauseUpdate, (p) => commands.checkPause(state, p, today()), (p) => commands.pauseDossier(state, p, today()));
  update<commands.Actor>(contract.resumeUpdate, (r) => commands.checkResume(state, r), (r) => commands.resumeDossier(state, r, today()));
  update<commands.Escalation>(contract.escalateUpdate, (e) => commands.checkEscalation(state, procedure(), e), (e) => commands.escalate(state, procedure(), e, today()));
  update<commands.PromiseCommand>(contract.promiseToPayUpdate, (p) => commands.checkPromise(state, p, today()), (p) => commands.promiseToPay(state, p, today()));
  update<commands.ComplaintOpening>(contract.openComplaintUpdate, (c) => commands.checkComplaintOpening(state, c), (c) => commands.openComplaint(state, c, today()));
  update<commands.ComplaintClosing>(contract.closeComplaintUpdate, (c) => commands.checkComplaintClosing(state, c), (c) => commands.closeComplaint(state, c, today()));
  update<commands.ProcedureChange>(
    contract.changeProcedureUpdate,
    (c) => commands.checkProcedureChange(state, procedure(), findProcedure(c.procedureId, c.version), c),
    (c) => commands.changeProcedure(state, procedure(), findProcedure(c.procedureId, c.version), c, today(), joiningStep),
  );
  update<commands.TaskCompletion>(
    contract.completeTaskUpdate,
    (c) => commands.checkTaskCompletion(state, c, today()),
    (c) => {
      const task = commands.checkTaskCompletion(state, c, today());
      const action = { stepIndex: task.stepIndex, step: procedure().steps[task.stepIndex]!, invoiceNumbers: task.invoiceNumbers };
      closedTasks.push({ taskId: `${workflowId}/${task.id}`, outcome: c.outcome, actor: c.actor });
      if (task.kind === 'phone-call') return steps.phoneCallCompleted(state, action, c, today());
      if (c.outcome === 'approved') return steps.stepApproved(state, action, c, today());
      return steps.stepSkipped(state, action, today(), `not approved by ${c.actor}: ${c.reason}`);
    },
  );
  setHandler(contract.dossierStatusQuery, view);

  let projectedRevision = -1;
  let searchStatus: string | undefined;
  const project = async () => {
    while (closedTasks.length > 0) await activities.closeHumanTask(closedTasks.shift()!);
    if (state.revision === projectedRevision) return;
    const current = view();
    await activities.recordDossierProjection({ workflowId, view: current });
    projectedRevision = current.revision;
    if (current.status !== searchStatus) {
      upsertSearchAttributes([{ key: dossierStatusAttribute, value: current.status }]);
      searchStatus = current.status;
    }
  };

  for (;;) {
    await project();
    if (isFinished(state) || workflowInfo().historyLength > (input.continueAsNewAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await project();
      if (isFinished(state)) return view();
      if (closedTasks.length === 0) return continueAsNew<typeof collectionDossierWorkflow>({ ...input, state });
      continue;
    }
    const plan = planNext(state, procedure());
    const seen = state.revision;
    const moved = () => state.revision !== seen || closedTasks.length > 0;
    if (!plan) {
      await condition(moved);
      continue;
    }
    // What is already due happens at once, without a timer (a timer is a billable action).
    if (plan.at > Date.now() && (await condition(moved, plan.at - Date.now()))) continue;
    state = await act(plan);
  }

  async function act(plan: PlannedAction): Promise<DossierState> {
    const on = today();
    switch (plan.kind) {
      case 'pause-ends':
        return commands.resumeDossier(state, { actor: 'system', reason: 'the pause ended' }, on, 'system');
      case 'promise-check':
        return commands.checkPromiseKept(state, on);
      case 'task-deadline': {
        const task = state.task!;
        await activities.escalateHumanTask({ taskId: `${workflowId}/${task.id}` });
        if (task.kind === 'approval') return steps.taskDeadlineMissed(state, on);
        const action = { stepIndex: task.stepIndex, step: procedure().steps[task.stepIndex]!, invoiceNumbers: task.invoiceNumbers };
        return steps.stepSkipped(state, action, on, `call not made by the deadline: escalated to the ${task.pool} supervisor`);
      }
      case 'step':
        return doStep(plan, on);
    }
  }

  async function doStep(plan: Extract<PlannedAction, { kind: 'step' }>, on: ReturnType<typeof today>): Promise<DossierState> {
    const action = { stepIndex: plan.stepIndex, step: plan.step, invoiceNumbers: plan.invoiceNumbers };
    const key = `${workflowId}/${state.procedure.id}@v${state.procedure.version}/${plan.step.code}/${plan.invoiceNumbers.join('+')}`;
    const invoices = state.invoices.filter((invoice) => plan.invoiceNumbers.includes(invoice.number));
    if (steps.needsApproval(state, action)) {
      const { id, state: numbered } = steps.nextId(state, 'approval');
      const dueAt = instantAt(shiftDate(on, { days: 2, unit: 'business' }), TASK_DEADLINE_HOUR, state.timeZone);
      const task = { id, kind: 'approval' as const, stepCode: plan.step.code, stepIndex: plan.stepIndex, invoiceNumbers: plan.invoiceNumbers, pool: 'credit-managers', dueAt };
      await activities.openHumanTask({ ...task, taskId: `${workflowId}/${id}`, dossierId: workflowId, customerId: state.customerId, summary: `Approve ${plan.step.title}` });
      return steps.withTask(numbered, task, on);
    }
    switch (plan.step.kind) {
      case 'phone-call': {
        const pool = plan.step.task!.pool;
        if (plan.step.onlyWhenCollectorsHaveCapacity && !(await activities.collectorsHaveCapacity({ pool }))) {
          return steps.stepSkipped(state, action, on, `optional call: the ${pool} pool is over capacity`);
        }
        const { id, state: numbered } = steps.nextId(state, 'call');
        const dueAt = instantAt(shiftDate(on, plan.step.task!.deadline), TASK_DEADLINE_HOUR, state.timeZone);
        const task = { id, kind: 'phone-call' as const, stepCode: plan.step.code, stepIndex: plan.stepIndex, invoiceNumbers: plan.invoiceNumbers, pool, dueAt };
        await activities.openHumanTask({ ...task, taskId: `${workflowId}/${id}`, dossierId: workflowId, customerId: state.customerId, summary: `${plan.step.title}: ${plan.invoiceNumbers.join(', ')}` });
        return steps.withTask(numbered, task, on);
      }
      case 'legal-handoff': {
        await activities.handOverToLegal({ idempotencyKey: key, dossierId: workflowId, customerId: state.customerId, customerKind: state.customerKind, stepDate: on, invoices });
        return steps.stepDone(state, action, on, `handed to legal collection: ${plan.invoiceNumbers.join(', ')}`);
      }
      default: {
        const sent = await activities.sendDunningMessage({
          idempotencyKey: key,
          dossierId: workflowId,
          customerId: state.customerId,
          customerKind: state.customerKind,
          step: plan.step,
          stepDate: on,
          invoices: invoices.map((invoice) => ({ ...invoice, level: plan.step.code })),
          alsoOverdue: state.invoices.filter(
            (invoice) => invoice.status === 'open' && !plan.invoiceNumbers.includes(invoice.number) && invoice.dueDate < on && !isBlocked(state, invoice.number),
          ),
        });
        return steps.stepDone(state, action, on, `message ${sent.messageId} to ${plan.invoiceNumbers.join(', ')}`);
      }
    }
  }
}
