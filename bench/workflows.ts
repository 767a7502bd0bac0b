/** Every workflow the bench worker registers: the product's dossier and the baseline. Bundled; no I/O here. */
export { collectionDossierWorkflow } from '../workflows';
export { baselineWorkflow } from './baseline-workflow';
