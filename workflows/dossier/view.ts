/** The dossier's state as its query answers it: each invoice with its level and next step. */
import { isBlocked, isFinished, type DossierState } from '../../domain/collection/state';
import { chasedInvoices, nextStepDate, planNext } from '../../domain/collection/planner';
import type { Procedure } from '../../domain/procedures/definition';
import type { DossierView } from './contract';

const JOURNAL_SHOWN = 100;

export function dossierView(state: DossierState, procedure: Procedure): DossierView {
  const chased = new Set(chasedInvoices(state, procedure).map((invoice) => invoice.number));
  const plan = planNext(state, procedure);
  return {
    customerId: state.customerId,
    customerKind: state.customerKind,
    procedure: state.procedure,
    status: isFinished(state) ? 'finished' : state.pause ? 'paused' : 'active',
    invoices: state.invoices.map((invoice) => {
      const step = chased.has(invoice.number) ? procedure.steps[invoice.nextStep] : undefined;
      return {
        ...invoice,
        blockedByComplaint: isBlocked(state, invoice.number),
        underPromise: Boolean(state.promise?.invoiceNumbers.includes(invoice.number)),
        nextStepCode: step?.code ?? null,
        nextStepDate: step ? nextStepDate(invoice, procedure)! : null,
      };
    }),
    complaints: state.complaints,
    promise: state.promise ?? null,
    pause: state.pause ?? null,
    task: state.task ?? null,
    brokenPromises: state.brokenPromises,
    messagesSent: state.messagesSent,
    nextAction: plan ? { kind: plan.kind, at: new Date(plan.at).toISOString(), ...(plan.kind === 'step' ? { stepCode: plan.step.code } : {}) } : null,
    journal: state.journal.slice(-JOURNAL_SHOWN),
    revision: state.revision,
  };
}
