/** What the routes need, passed in explicitly (no global EntityManager, no locator). */
import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import type { AcceptancePolicy } from '../domain/credit/acceptance-policy';

export interface ApiDependencies {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  /** Whose invoices and credit notes these are (name and account on the documents). */
  creditor: { name: string; iban: string };
  /** Published acceptance policies (built-in and from O2C_ACCEPTANCE_POLICIES); a new check pins the one in force. */
  acceptancePolicies?: readonly AcceptancePolicy[];
  /** Zone for customers registered without one. */
  defaultTimeZone: string;
}

export interface RouteOptions {
  deps: ApiDependencies;
}
