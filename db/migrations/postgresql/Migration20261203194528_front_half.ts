import { Migration } from '@mikro-orm/migrations';

export class Migration20261203194528_front_half extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account_projection" ("customer_id" varchar(64) not null, "credit_limit_cents" bigint null, "exposure_cents" bigint not null, "open_orders" int not null, "insured_limit_cents" bigint null, "insurance_withdrawn" boolean not null, "score" int null, "next_review_on" date not null, "review_task_open" boolean not null, "last_decision" varchar(16) null, "revision" int not null, "updated_at" timestamptz not null, constraint "account_projection_pkey" primary key ("customer_id"));`);
    this.addSql(`create index "account_projection_next_review_on_index" on "account_projection" ("next_review_on");`);

    this.addSql(`create table "credit_decision" ("id" varchar(64) not null, "opportunity_id" varchar(64) not null, "customer_id" varchar(64) not null, "outcome" varchar(16) not null, "referred" boolean not null, "conditions" jsonb not null, "credit_limit_cents" bigint null, "policy_id" varchar(32) not null, "policy_version" int not null, "reasons" jsonb not null, "figures" jsonb not null, "report" jsonb null, "feeling" text null, "decided_by" varchar(100) not null, "decided_at" timestamptz not null, constraint "credit_decision_pkey" primary key ("id"));`);
    this.addSql(`alter table "credit_decision" add constraint "credit_decision_opportunity_id_unique" unique ("opportunity_id");`);
    this.addSql(`create index "credit_decision_customer_id_index" on "credit_decision" ("customer_id");`);

    this.addSql(`create table "contract" ("id" varchar(64) not null, "customer_id" varchar(64) not null, "opportunity_id" varchar(64) null, "renews_contract_id" varchar(64) null, "payment_term_days" int not null, "invoicing" varchar(16) not null, "advance_payment_percent" int not null default 0, "guarantee" jsonb null, "cash_discount" jsonb null, "credit_insurance_required" boolean not null default false, "clauses" jsonb not null, "starts_on" date not null, "ends_on" date null, "signed_by" varchar(100) not null, "created_at" timestamptz not null, constraint "contract_pkey" primary key ("id"));`);
    this.addSql(`create index "contract_customer_id_index" on "contract" ("customer_id");`);

    this.addSql(`create table "erp_event" ("event_id" varchar(128) not null, "type" varchar(32) not null, "occurred_at" timestamptz not null, "payload" jsonb not null, "status" varchar(16) not null, "outcome" jsonb not null, "received_at" timestamptz not null, constraint "erp_event_pkey" primary key ("event_id"));`);
    this.addSql(`create index "erp_event_status_index" on "erp_event" ("status");`);

    this.addSql(`create table "invoice_sequence" ("series" varchar(16) not null, "year" int not null, "last_number" int not null, constraint "invoice_sequence_pkey" primary key ("series", "year"));`);

    this.addSql(`create table "opportunity" ("id" varchar(64) not null, "customer_id" varchar(64) not null, "description" varchar(255) not null, "requested_exposure_cents" bigint not null, "requested_payment_term_days" int null, "status" varchar(16) not null, "created_by" varchar(100) not null, "created_at" timestamptz not null, "decided_at" timestamptz null, constraint "opportunity_pkey" primary key ("id"));`);
    this.addSql(`create index "opportunity_customer_id_index" on "opportunity" ("customer_id");`);

    this.addSql(`create table "sales_order" ("id" varchar(64) not null, "customer_id" varchar(64) not null, "contract_id" varchar(64) not null, "lines" jsonb not null, "net_cents" bigint not null, "vat_cents" bigint not null, "total_cents" bigint not null, "ordered_on" date not null, "status" varchar(16) not null, "block_reasons" jsonb not null default '[]', "performance_date" date null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "sales_order_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_customer_id_index" on "sales_order" ("customer_id");`);

    this.addSql(`alter table "contract" add constraint "contract_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);

    this.addSql(`alter table "opportunity" add constraint "opportunity_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);

    this.addSql(`alter table "sales_order" add constraint "sales_order_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade;`);

    this.addSql(`alter table "customer" add column "enterprise_number" varchar(10) null, add column "vat_number" varchar(14) null, add column "preferred_channel" varchar(16) null, add column "peppol_id" varchar(64) null, add column "address" jsonb null;`);

    this.addSql(`alter table "invoice" add column "kind" varchar(16) not null default 'invoice', add column "purpose" varchar(16) not null default 'standard', add column "series" varchar(16) null, add column "year" int null, add column "sequence" int null, add column "order_id" varchar(64) null, add column "credited_invoice_number" varchar(64) null, add column "idempotency_key" varchar(160) null, add column "performance_date" date null, add column "lines" jsonb null, add column "vat_breakdown" jsonb null, add column "net_cents" bigint null, add column "vat_cents" bigint null, add column "structured_reference" varchar(12) null, add column "epc_payload" text null, add column "channel" varchar(16) null, add column "paid_on" date null;`);
    this.addSql(`create index "invoice_order_id_index" on "invoice" ("order_id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`alter table "invoice" add constraint "invoice_series_year_sequence_unique" unique ("series", "year", "sequence");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sales_order" drop constraint "sales_order_contract_id_foreign";`);

    this.addSql(`drop table if exists "account_projection" cascade;`);

    this.addSql(`drop table if exists "credit_decision" cascade;`);

    this.addSql(`drop table if exists "contract" cascade;`);

    this.addSql(`drop table if exists "erp_event" cascade;`);

    this.addSql(`drop table if exists "invoice_sequence" cascade;`);

    this.addSql(`drop table if exists "opportunity" cascade;`);

    this.addSql(`drop table if exists "sales_order" cascade;`);

    this.addSql(`alter table "customer" drop column "enterprise_number", drop column "vat_number", drop column "preferred_channel", drop column "peppol_id", drop column "address";`);

    this.addSql(`drop index "invoice_order_id_index";`);
    this.addSql(`alter table "invoice" drop constraint "invoice_idempotency_key_unique";`);
    this.addSql(`alter table "invoice" drop constraint "invoice_series_year_sequence_unique";`);
    this.addSql(`alter table "invoice" drop column "kind", drop column "purpose", drop column "series", drop column "year", drop column "sequence", drop column "order_id", drop column "credited_invoice_number", drop column "idempotency_key", drop column "performance_date", drop column "lines", drop column "vat_breakdown", drop column "net_cents", drop column "vat_cents", drop column "structured_reference", drop column "epc_payload", drop column "channel", drop column "paid_on";`);
  }

}
