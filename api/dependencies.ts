/** What the routes need, passed in explicitly (no global EntityManager, no locator). */
import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';

export interface ApiDependencies {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  /** Whose invoices and credit notes these are (name and account on the documents). */
  creditor: { name: string; iban: string };
  /** Zone for customers registered without one. */
  defaultTimeZone: string;
}

export interface RouteOptions {
  deps: ApiDependencies;
}
