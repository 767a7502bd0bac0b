/** Every workflow the worker registers. The bundler starts here: keep it free of I/O. */
export { customerAccountWorkflow } from './account/workflow';
export { collectionDossierWorkflow } from './dossier/workflow';
export { creditCheckWorkflow } from './opportunity/workflow';
export { orderWorkflow } from './order/workflow';
