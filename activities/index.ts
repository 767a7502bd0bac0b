/** Every activity the worker registers, built from injected adapters. */
import { createCollectionActivities, type CollectionActivityDependencies } from './collection';

export type ActivityDependencies = CollectionActivityDependencies;

export function createActivities(dependencies: ActivityDependencies) {
  return { ...createCollectionActivities(dependencies) };
}
