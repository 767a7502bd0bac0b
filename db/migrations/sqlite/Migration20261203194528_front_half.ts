import { Migration } from '@mikro-orm/migrations';

export class Migration20261203194528_front_half extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`account_projection\` (\`customer_id\` text not null, \`credit_limit_cents\` bigint null, \`exposure_cents\` bigint not null, \`open_orders\` integer not null, \`insured_limit_cents\` bigint null, \`insurance_withdrawn\` integer not null, \`score\` integer null, \`next_review_on\` date not null, \`review_task_open\` integer not null, \`last_decision\` text null, \`revision\` integer not null, \`updated_at\` datetime not null, primary key (\`customer_id\`));`);
    this.addSql(`create index \`account_projection_next_review_on_index\` on \`account_projection\` (\`next_review_on\`);`);

    this.addSql(`create table \`credit_decision\` (\`id\` text not null, \`opportunity_id\` text not null, \`customer_id\` text not null, \`outcome\` text not null, \`referred\` integer not null, \`conditions\` json not null, \`credit_limit_cents\` bigint null, \`policy_id\` text not null, \`policy_version\` integer not null, \`reasons\` json not null, \`figures\` json not null, \`report\` json null, \`feeling\` text null, \`decided_by\` text not null, \`decided_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`credit_decision_opportunity_id_unique\` on \`credit_decision\` (\`opportunity_id\`);`);
    this.addSql(`create index \`credit_decision_customer_id_index\` on \`credit_decision\` (\`customer_id\`);`);

    this.addSql(`create table \`contract\` (\`id\` text not null, \`customer_id\` text not null, \`opportunity_id\` text null, \`renews_contract_id\` text null, \`payment_term_days\` integer not null, \`invoicing\` text not null, \`advance_payment_percent\` integer not null default 0, \`guarantee\` json null, \`cash_discount\` json null, \`credit_insurance_required\` integer not null default false, \`clauses\` json not null, \`starts_on\` date not null, \`ends_on\` date null, \`signed_by\` text not null, \`created_at\` datetime not null, constraint \`contract_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`contract_customer_id_index\` on \`contract\` (\`customer_id\`);`);

    this.addSql(`create table \`erp_event\` (\`event_id\` text not null, \`type\` text not null, \`occurred_at\` datetime not null, \`payload\` json not null, \`status\` text not null, \`outcome\` json not null, \`received_at\` datetime not null, primary key (\`event_id\`));`);
    this.addSql(`create index \`erp_event_status_index\` on \`erp_event\` (\`status\`);`);

    this.addSql(`create table \`invoice_sequence\` (\`series\` text not null, \`year\` integer not null, \`last_number\` integer not null, primary key (\`series\`, \`year\`));`);

    this.addSql(`create table \`opportunity\` (\`id\` text not null, \`customer_id\` text not null, \`description\` text not null, \`requested_exposure_cents\` bigint not null, \`requested_payment_term_days\` integer null, \`status\` text not null, \`created_by\` text not null, \`created_at\` datetime not null, \`decided_at\` datetime null, constraint \`opportunity_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`opportunity_customer_id_index\` on \`opportunity\` (\`customer_id\`);`);

    this.addSql(`create table \`sales_order\` (\`id\` text not null, \`customer_id\` text not null, \`contract_id\` text not null, \`lines\` json not null, \`net_cents\` bigint not null, \`vat_cents\` bigint not null, \`total_cents\` bigint not null, \`ordered_on\` date not null, \`status\` text not null, \`block_reasons\` json not null default '[]', \`performance_date\` date null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`sales_order_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade, constraint \`sales_order_contract_id_foreign\` foreign key(\`contract_id\`) references \`contract\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`sales_order_customer_id_index\` on \`sales_order\` (\`customer_id\`);`);
    this.addSql(`create index \`sales_order_contract_id_index\` on \`sales_order\` (\`contract_id\`);`);

    this.addSql(`alter table \`customer\` add column \`enterprise_number\` text null;`);
    this.addSql(`alter table \`customer\` add column \`vat_number\` text null;`);
    this.addSql(`alter table \`customer\` add column \`preferred_channel\` text null;`);
    this.addSql(`alter table \`customer\` add column \`peppol_id\` text null;`);
    this.addSql(`alter table \`customer\` add column \`address\` json null;`);

    this.addSql(`alter table \`invoice\` add column \`kind\` text not null default 'invoice';`);
    this.addSql(`alter table \`invoice\` add column \`purpose\` text not null default 'standard';`);
    this.addSql(`alter table \`invoice\` add column \`series\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`year\` integer null;`);
    this.addSql(`alter table \`invoice\` add column \`sequence\` integer null;`);
    this.addSql(`alter table \`invoice\` add column \`order_id\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`credited_invoice_number\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`idempotency_key\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`performance_date\` date null;`);
    this.addSql(`alter table \`invoice\` add column \`lines\` json null;`);
    this.addSql(`alter table \`invoice\` add column \`vat_breakdown\` json null;`);
    this.addSql(`alter table \`invoice\` add column \`net_cents\` bigint null;`);
    this.addSql(`alter table \`invoice\` add column \`vat_cents\` bigint null;`);
    this.addSql(`alter table \`invoice\` add column \`structured_reference\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`epc_payload\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`channel\` text null;`);
    this.addSql(`alter table \`invoice\` add column \`paid_on\` date null;`);
    this.addSql(`create index \`invoice_order_id_index\` on \`invoice\` (\`order_id\`);`);
    this.addSql(`create unique index \`invoice_idempotency_key_unique\` on \`invoice\` (\`idempotency_key\`);`);
    this.addSql(`create unique index \`invoice_series_year_sequence_unique\` on \`invoice\` (\`series\`, \`year\`, \`sequence\`);`);
  }

}
