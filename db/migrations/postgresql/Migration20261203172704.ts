import { Migration } from '@mikro-orm/migrations';

export class Migration20261203172704 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "customer" ("id" varchar(64) not null, "name" varchar(200) not null, "email" varchar(254) not null, "language" varchar(2) not null, "kind" varchar(3) not null, "time_zone" varchar(64) not null, "segment" varchar(16) not null default 'other', "segment_explanation" varchar(255) not null default '', "created_at" timestamptz not null, constraint "customer_pkey" primary key ("id"));`);

    this.addSql(`create table "dossier_projection" ("customer_id" varchar(64) not null, "workflow_id" varchar(128) not null, "procedure" varchar(64) not null, "status" varchar(16) not null, "open_invoices" int not null, "open_cents" bigint not null, "messages_sent" int not null, "open_complaints" int not null, "broken_promises" int not null, "open_task_id" varchar(160) null, "next_step_code" varchar(16) null, "next_step_date" date null, "revision" int not null, "updated_at" timestamptz not null, constraint "dossier_projection_pkey" primary key ("customer_id"));`);
    this.addSql(`create index "dossier_projection_status_index" on "dossier_projection" ("status");`);
    this.addSql(`create index "dossier_projection_next_step_date_index" on "dossier_projection" ("next_step_date");`);

    this.addSql(`create table "human_task" ("id" varchar(160) not null, "dossier_id" varchar(128) not null, "customer_id" varchar(64) not null, "kind" varchar(16) not null, "step_code" varchar(16) not null, "pool" varchar(64) not null, "invoice_numbers" jsonb not null, "summary" varchar(255) not null, "due_at" timestamptz not null, "status" varchar(16) not null default 'open', "outcome" varchar(32) null, "completed_by" varchar(100) null, "created_at" timestamptz not null, "completed_at" timestamptz null, constraint "human_task_pkey" primary key ("id"));`);
    this.addSql(`create index "human_task_dossier_id_index" on "human_task" ("dossier_id");`);
    this.addSql(`create index "human_task_pool_index" on "human_task" ("pool");`);
    this.addSql(`create index "human_task_due_at_index" on "human_task" ("due_at");`);
    this.addSql(`create index "human_task_status_index" on "human_task" ("status");`);

    this.addSql(`create table "invoice" ("number" varchar(64) not null, "customer_id" varchar(64) not null, "issue_date" date not null, "due_date" date not null, "amount_cents" bigint not null, "currency" varchar(3) not null, "handed_to_dossier" boolean not null default false, "created_at" timestamptz not null, constraint "invoice_pkey" primary key ("number"));`);
    this.addSql(`create index "invoice_customer_id_index" on "invoice" ("customer_id");`);

    this.addSql(`create table "legal_handoff" ("id" uuid not null, "idempotency_key" varchar(255) not null, "dossier_id" varchar(128) not null, "customer_id" varchar(64) not null, "customer_kind" varchar(3) not null, "invoice_numbers" jsonb not null, "principal_cents" bigint not null, "step_date" date not null, "status" varchar(16) not null default 'pending', "created_at" timestamptz not null, constraint "legal_handoff_pkey" primary key ("id"));`);
    this.addSql(`alter table "legal_handoff" add constraint "legal_handoff_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "legal_handoff_dossier_id_index" on "legal_handoff" ("dossier_id");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "idempotency_key" varchar(255) not null, "dossier_id" varchar(128) not null, "customer_id" varchar(64) not null, "step_code" varchar(16) not null, "channel" varchar(32) not null, "recipient" varchar(254) not null, "language" varchar(2) not null, "template" varchar(64) not null, "subject" varchar(255) not null, "body" text not null, "invoice_numbers" jsonb not null, "step_date" date null, "fees_cents" bigint not null default 0, "status" varchar(16) not null default 'pending', "created_at" timestamptz not null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "outbox_message_dossier_id_index" on "outbox_message" ("dossier_id");`);
    this.addSql(`create index "outbox_message_customer_id_index" on "outbox_message" ("customer_id");`);

    this.addSql(`alter table "invoice" add constraint "invoice_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
  }

}
