/** Every activity the worker registers, built from injected adapters. */
import { createDossierActivities, type DossierActivityDependencies } from './dossier';

export type ActivityDependencies = DossierActivityDependencies;

export function createActivities(dependencies: ActivityDependencies) {
  return { ...createDossierActivities(dependencies) };
}
