import { Migration } from '@mikro-orm/migrations';

export class Migration20261203172704 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`customer\` (\`id\` text not null, \`name\` text not null, \`email\` text not null, \`language\` text not null, \`kind\` text not null, \`time_zone\` text not null, \`segment\` text not null default 'other', \`segment_explanation\` text not null default '', \`created_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`dossier_projection\` (\`customer_id\` text not null, \`workflow_id\` text not null, \`procedure\` text not null, \`status\` text not null, \`open_invoices\` integer not null, \`open_cents\` bigint not null, \`messages_sent\` integer not null, \`open_complaints\` integer not null, \`broken_promises\` integer not null, \`open_task_id\` text null, \`next_step_code\` text null, \`next_step_date\` date null, \`revision\` integer not null, \`updated_at\` datetime not null, primary key (\`customer_id\`));`);
    this.addSql(`create index \`dossier_projection_status_index\` on \`dossier_projection\` (\`status\`);`);
    this.addSql(`create index \`dossier_projection_next_step_date_index\` on \`dossier_projection\` (\`next_step_date\`);`);

    this.addSql(`create table \`human_task\` (\`id\` text not null, \`dossier_id\` text not null, \`customer_id\` text not null, \`kind\` text not null, \`step_code\` text not null, \`pool\` text not null, \`invoice_numbers\` json not null, \`summary\` text not null, \`due_at\` datetime not null, \`status\` text not null default 'open', \`outcome\` text null, \`completed_by\` text null, \`created_at\` datetime not null, \`completed_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`human_task_dossier_id_index\` on \`human_task\` (\`dossier_id\`);`);
    this.addSql(`create index \`human_task_pool_index\` on \`human_task\` (\`pool\`);`);
    this.addSql(`create index \`human_task_due_at_index\` on \`human_task\` (\`due_at\`);`);
    this.addSql(`create index \`human_task_status_index\` on \`human_task\` (\`status\`);`);

    this.addSql(`create table \`invoice\` (\`number\` text not null, \`customer_id\` text not null, \`issue_date\` date not null, \`due_date\` date not null, \`amount_cents\` bigint not null, \`currency\` text not null, \`handed_to_dossier\` integer not null default false, \`created_at\` datetime not null, constraint \`invoice_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade, primary key (\`number\`));`);
    this.addSql(`create index \`invoice_customer_id_index\` on \`invoice\` (\`customer_id\`);`);

    this.addSql(`create table \`legal_handoff\` (\`id\` text not null, \`idempotency_key\` text not null, \`dossier_id\` text not null, \`customer_id\` text not null, \`customer_kind\` text not null, \`invoice_numbers\` json not null, \`principal_cents\` bigint not null, \`step_date\` date not null, \`status\` text not null default 'pending', \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`legal_handoff_idempotency_key_unique\` on \`legal_handoff\` (\`idempotency_key\`);`);
    this.addSql(`create index \`legal_handoff_dossier_id_index\` on \`legal_handoff\` (\`dossier_id\`);`);

    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`idempotency_key\` text not null, \`dossier_id\` text not null, \`customer_id\` text not null, \`step_code\` text not null, \`channel\` text not null, \`recipient\` text not null, \`language\` text not null, \`template\` text not null, \`subject\` text not null, \`body\` text not null, \`invoice_numbers\` json not null, \`step_date\` date null, \`fees_cents\` bigint not null default 0, \`status\` text not null default 'pending', \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`outbox_message_idempotency_key_unique\` on \`outbox_message\` (\`idempotency_key\`);`);
    this.addSql(`create index \`outbox_message_dossier_id_index\` on \`outbox_message\` (\`dossier_id\`);`);
    this.addSql(`create index \`outbox_message_customer_id_index\` on \`outbox_message\` (\`customer_id\`);`);
  }

}
