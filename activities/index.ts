/** Every activity the worker registers, built from injected adapters. */
import { createCollectionActivities, type CollectionActivityDependencies } from './collection';
import { createCreditActivities, type CreditActivityDependencies } from './credit';
import { createInvoicingActivities, type InvoicingActivityDependencies } from './invoicing';

export type ActivityDependencies = CollectionActivityDependencies & CreditActivityDependencies & InvoicingActivityDependencies;

export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createCollectionActivities(dependencies),
    ...createCreditActivities(dependencies),
    ...createInvoicingActivities(dependencies),
  };
}
