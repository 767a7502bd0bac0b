/** Every workflow the worker registers. The bundler starts here: keep it free of I/O. */
export { collectionDossierWorkflow } from './dossier/workflow';
