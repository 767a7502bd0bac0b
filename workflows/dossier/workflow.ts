/**
 * One collection dossier per customer: it holds every open invoice, waits until the
 * first reminder is due in the customer's time zone, has it sent, and ends when nothing
 * is open any more. The rules live in domain/dossier.ts; this file only sequences them.
 */
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DossierActivities } from '../../activities/dossier';
import {
  applyPayment,
  checkPayment,
  dossierStatus,
  markReminded,
  newDossier,
  nextReminder,
  registerInvoice,
  type DossierState,
} from '../../domain/dossier';
import { dossierStatusAttribute } from '../search-attributes';
import {
  dossierStatusQuery,
  invoiceRegisteredSignal,
  registerPaymentUpdate,
  type DossierInput,
  type DossierView,
  type PaymentRegistration,
} from './contract';

const { sendReminder, recordDossierProjection } = proxyActivities<DossierActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

function view(state: DossierState): DossierView {
  const due = nextReminder(state);
  return {
    customerId: state.customerId,
    status: dossierStatus(state),
    invoices: state.invoices,
    remindersSent: state.remindersSent,
    nextReminder: due && { code: due.code, date: due.date, invoiceNumbers: due.invoiceNumbers },
    revision: state.revision,
  };
}

export async function collectionDossierWorkflow(input: DossierInput): Promise<DossierView> {
  const { workflowId } = workflowInfo();
  let state = newDossier(input.customerId, input.timeZone);

  setHandler(invoiceRegisteredSignal, (invoice) => {
    state = registerInvoice(state, invoice);
  });
  setHandler(
    registerPaymentUpdate,
    (payment) => {
      state = applyPayment(state, payment.invoiceNumber, payment.amountCents);
      return view(state);
    },
    { validator: (payment: PaymentRegistration) => checkPayment(state, payment.invoiceNumber, payment.amountCents) },
  );
  setHandler(dossierStatusQuery, () => view(state));

  let projectedRevision = -1;
  let searchStatus: string | undefined;
  for (;;) {
    if (state.revision !== projectedRevision) {
      const current = view(state);
      await recordDossierProjection({ workflowId, view: current });
      projectedRevision = current.revision;
      if (current.status !== searchStatus) {
        upsertSearchAttributes([{ key: dossierStatusAttribute, value: current.status }]);
        searchStatus = current.status;
      }
    }
    if (state.invoices.length > 0 && dossierStatus(state) === 'closed') {
      await condition(allHandlersFinished);
      if (dossierStatus(state) === 'closed' && state.revision === projectedRevision) return view(state);
      continue;
    }
    const due = nextReminder(state);
    const seenRevision = state.revision;
    const revised = () => state.revision !== seenRevision;
    if (!due) {
      await condition(revised);
      continue;
    }
    // A timer needs at least 1 ms; a reminder already due goes out at once.
    if (await condition(revised, Math.max(1, due.at - Date.now()))) continue;
    const invoices = state.invoices.filter((invoice) => due.invoiceNumbers.includes(invoice.number));
    await sendReminder({
      idempotencyKey: `${workflowId}/${due.code}/${due.invoiceNumbers.join('+')}`,
      dossierId: workflowId,
      customerId: state.customerId,
      code: due.code,
      template: due.template,
      invoices,
    });
    state = markReminded(state, due);
  }
}
