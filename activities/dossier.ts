/**
 * Activities of the collection dossier: the written reminder (rendered and recorded in
 * the outbox exactly once per idempotency key) and the stored projection of the dossier.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import type { TemplateRenderer } from '../adapters/templates';
import { Customer, DossierProjection, OutboxMessage } from '../db/entities';
import type { DossierInvoice } from '../domain/dossier';
import { sumCents } from '../domain/money';
import type { DossierView } from '../workflows/dossier/contract';

export interface DossierActivityDependencies {
  orm: MikroORM;
  templates: TemplateRenderer;
}

export interface ReminderRequest {
  /** Made in the workflow: the same reminder always carries the same key. */
  idempotencyKey: string;
  dossierId: string;
  customerId: string;
  code: string;
  template: string;
  invoices: DossierInvoice[];
}

export interface ReminderRecorded {
  messageId: string;
  /** True when an earlier attempt had already recorded it. */
  alreadyRecorded: boolean;
}

export function createDossierActivities({ orm, templates }: DossierActivityDependencies) {
  async function findRecorded(key: string): Promise<ReminderRecorded | undefined> {
    const existing = await orm.em.fork().findOne(OutboxMessage, { idempotencyKey: key });
    return existing ? { messageId: existing.id, alreadyRecorded: true } : undefined;
  }

  return {
    async sendReminder(request: ReminderRequest): Promise<ReminderRecorded> {
      const recorded = await findRecorded(request.idempotencyKey);
      if (recorded) return recorded;
      const em = orm.em.fork();
      const customer = await em.findOne(Customer, { id: request.customerId });
      if (!customer) {
        throw ApplicationFailure.nonRetryable(`Customer ${request.customerId} is not in the database`, 'CustomerNotFound');
      }
      const currency = request.invoices[0]?.currency ?? 'EUR';
      let rendered;
      try {
        rendered = templates.render(request.template, customer.language, {
          customer: { id: customer.id, name: customer.name },
          invoices: request.invoices,
          totalCents: sumCents(request.invoices.map((invoice) => invoice.openCents)),
          currency,
        });
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, 'TemplateError');
      }
      const message = em.create(OutboxMessage, {
        id: randomUUID(),
        idempotencyKey: request.idempotencyKey,
        dossierId: request.dossierId,
        customerId: customer.id,
        stepCode: request.code,
        channel: 'email',
        recipient: customer.email,
        language: customer.language,
        template: request.template,
        subject: rendered.subject,
        body: rendered.text,
        invoiceNumbers: request.invoices.map((invoice) => invoice.number),
        status: 'pending',
        createdAt: new Date(),
      });
      try {
        await em.flush();
      } catch (error) {
        // A parallel attempt (a retry after a timeout) got there first: theirs is the message.
        if (error instanceof UniqueConstraintViolationException) {
          const winner = await findRecorded(request.idempotencyKey);
          if (winner) return winner;
        }
        throw error;
      }
      return { messageId: message.id, alreadyRecorded: false };
    },

    async recordDossierProjection(input: { workflowId: string; view: DossierView }): Promise<void> {
      const { view } = input;
      const em = orm.em.fork();
      const open = view.invoices.filter((invoice) => invoice.openCents > 0);
      const data = {
        workflowId: input.workflowId,
        status: view.status,
        openInvoices: open.length,
        openCents: sumCents(open.map((invoice) => invoice.openCents)),
        remindersSent: view.remindersSent,
        nextStepCode: view.nextReminder?.code ?? null,
        nextStepDate: view.nextReminder?.date ?? null,
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

export type DossierActivities = ReturnType<typeof createDossierActivities>;
