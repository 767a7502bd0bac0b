/** What the routes need, passed in explicitly (no global EntityManager, no locator). */
import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';

export interface ApiDependencies {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  /** Zone for customers registered without one. */
  defaultTimeZone: string;
}

export interface RouteOptions {
  deps: ApiDependencies;
}
