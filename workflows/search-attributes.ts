/**
 * Custom search attributes the workflows set. They must exist on the cluster: the
 * launcher registers them at start (see platform/search-attributes.ts and the README).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const customerIdAttribute = defineSearchAttributeKey('O2cCustomerId', SearchAttributeType.KEYWORD);
export const dossierStatusAttribute = defineSearchAttributeKey('O2cDossierStatus', SearchAttributeType.KEYWORD);

export const searchAttributeKeys = [customerIdAttribute, dossierStatusAttribute];
