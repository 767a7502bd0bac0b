/**
 * Activities of the collection dossier. Each side effect is keyed by something the
 * workflow made (idempotency key or task id), so a retry or a worker crash between
 * rendering and recording finds the earlier row instead of adding a second one.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/core';
import type { TemplateRenderer } from '../adapters/templates';
import type { AppConfig } from '../config';
import { Customer, DossierProjection, HumanTaskRecord, Invoice, LegalHandoff, OutboxMessage } from '../db/entities';
import type { CalendarDate } from '../domain/calendar';
import type { CollectionInvoice } from '../domain/collection/state';
import { sumCents } from '../domain/money';
import { formatOgm } from '../domain/payment-reference';
import type { CustomerKind, StepDefinition, StepCode } from '../domain/procedures/definition';
import type { DossierView } from '../workflows/dossier/contract';
import { dunningFees, messageData } from './dunning-message';
import { openTaskOnce } from './human-tasks';
import { insertOnce } from './insert-once';

export interface CollectionActivityDependencies {
  orm: MikroORM;
  templates: TemplateRenderer;
  creditor: AppConfig['creditor'];
  /** Open phone tasks a pool can carry before optional calls are dropped. */
  poolCapacity: (pool: string) => number;
}

export interface DunningMessageRequest {
  idempotencyKey: string;
  dossierId: string;
  customerId: string;
  customerKind: CustomerKind;
  step: StepDefinition;
  stepDate: CalendarDate;
  /** The invoices the message is about, each with the level it reaches with this step. */
  invoices: CollectionInvoice[];
  /** The dossier's other overdue invoices, not disputed: listed with their own level, not charged. */
  alsoOverdue?: CollectionInvoice[];
}

export interface HumanTaskRequest {
  taskId: string;
  dossierId: string;
  customerId: string;
  kind: 'phone-call' | 'approval';
  stepCode: StepCode;
  pool: string;
  invoiceNumbers: string[];
  dueAt: number;
  summary: string;
}

export interface LegalHandoffRequest {
  idempotencyKey: string;
  dossierId: string;
  customerId: string;
  customerKind: CustomerKind;
  stepDate: CalendarDate;
  invoices: CollectionInvoice[];
}

export function createCollectionActivities(deps: CollectionActivityDependencies) {
  const { orm, templates } = deps;

  async function customerOrFail(id: string): Promise<Customer> {
    const customer = await orm.em.fork().findOne(Customer, { id });
    if (!customer) throw ApplicationFailure.nonRetryable(`Customer ${id} is not in the database`, 'CustomerNotFound');
    return customer;
  }

  return {
    async sendDunningMessage(request: DunningMessageRequest): Promise<{ messageId: string; alreadyRecorded: boolean; feesCents: number }> {
      const find = () => orm.em.fork().findOne(OutboxMessage, { idempotencyKey: request.idempotencyKey });
      const known = await find();
      if (known) return { messageId: known.id, alreadyRecorded: true, feesCents: known.feesCents };
      const customer = await customerOrFail(request.customerId);
      const fees = dunningFees(request.customerKind, request.step, request.invoices, request.stepDate);
      const numbers = [...request.invoices, ...(request.alsoOverdue ?? [])].map((invoice) => invoice.number);
      const issued = await orm.em.fork().find(Invoice, { number: { $in: numbers }, structuredReference: { $ne: null } }, { fields: ['number', 'structuredReference'] });
      const paymentReferences = new Map(issued.map((invoice) => [invoice.number, formatOgm(invoice.structuredReference!)]));
      let rendered;
      try {
        rendered = templates.render(request.step.template!, customer.language, messageData(customer, deps.creditor, request, fees, paymentReferences));
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, 'TemplateError');
      }
      const { row, created } = await insertOnce(orm, find, async () => {
        const em = orm.em.fork();
        const message = em.create(OutboxMessage, {
          id: randomUUID(),
          idempotencyKey: request.idempotencyKey,
          dossierId: request.dossierId,
          customerId: customer.id,
          stepCode: request.step.code,
          channel: request.step.channels[0]!,
          recipient: customer.email,
          language: customer.language,
          template: request.step.template!,
          subject: rendered.subject,
          body: rendered.text,
          invoiceNumbers: request.invoices.map((invoice) => invoice.number),
          stepDate: request.stepDate,
          feesCents: fees.totalFeesCents,
          status: 'pending',
          createdAt: new Date(),
        });
        await em.flush();
        return message;
      });
      return { messageId: row.id, alreadyRecorded: !created, feesCents: row.feesCents };
    },

    async openHumanTask(request: HumanTaskRequest): Promise<void> {
      await openTaskOnce(orm, { ...request, workflowId: request.dossierId });
    },

    async closeHumanTask(request: { taskId: string; outcome: string; actor: string }): Promise<void> {
      await orm.em.fork().nativeUpdate(
        HumanTaskRecord,
        { id: request.taskId },
        { status: 'done', outcome: request.outcome, completedBy: request.actor, completedAt: new Date() },
      );
    },

    async escalateHumanTask(request: { taskId: string }): Promise<void> {
      await orm.em.fork().nativeUpdate(HumanTaskRecord, { id: request.taskId, status: 'open' }, { status: 'escalated' });
    },

    async collectorsHaveCapacity(request: { pool: string }): Promise<boolean> {
      const open = await orm.em.fork().count(HumanTaskRecord, { pool: request.pool, kind: 'phone-call', status: { $in: ['open', 'escalated'] } });
      return open < deps.poolCapacity(request.pool);
    },

    async handOverToLegal(request: LegalHandoffRequest): Promise<{ handoffId: string }> {
      const { row } = await insertOnce(
        orm,
        () => orm.em.fork().findOne(LegalHandoff, { idempotencyKey: request.idempotencyKey }),
        async () => {
          const em = orm.em.fork();
          const handoff = em.create(LegalHandoff, {
            id: randomUUID(), idempotencyKey: request.idempotencyKey, dossierId: request.dossierId, customerId: request.customerId,
            customerKind: request.customerKind, invoiceNumbers: request.invoices.map((i) => i.number),
            principalCents: sumCents(request.invoices.map((i) => i.openCents)), stepDate: request.stepDate, status: 'pending', createdAt: new Date(),
          });
          await em.flush();
          return handoff;
        },
      );
      return { handoffId: row.id };
    },

    async recordDossierProjection(input: { workflowId: string; view: DossierView }): Promise<void> {
      const { view } = input;
      const em = orm.em.fork();
      const open = view.invoices.filter((invoice) => invoice.status === 'open');
      const next = open.filter((i) => i.nextStepDate).sort((a, b) => (a.nextStepDate! < b.nextStepDate! ? -1 : 1))[0];
      const data = {
        workflowId: input.workflowId,
        procedure: `${view.procedure.id}@v${view.procedure.version}`,
        status: view.status,
        openInvoices: open.length,
        openCents: sumCents(open.map((invoice) => invoice.openCents)),
        messagesSent: view.messagesSent,
        openComplaints: view.complaints.length,
        brokenPromises: view.brokenPromises,
        openTaskId: view.task ? `${input.workflowId}/${view.task.id}` : null,
        nextStepCode: next?.nextStepCode ?? null,
        nextStepDate: next?.nextStepDate ?? null,
        revision: view.revision,
        updatedAt: new Date(),
      };
      const existing = await em.findOne(DossierProjection, { customerId: view.customerId });
      if (existing && existing.revision >= view.revision) return;
      if (existing) em.assign(existing, data);
      else em.create(DossierProjection, { customerId: view.customerId, ...data });
      await em.flush();
    },
  };
}

export type CollectionActivities = ReturnType<typeof createCollectionActivities>;
