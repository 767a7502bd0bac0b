/**
 * The workflow bundle (built by the suite's setup, as `o2c bundle` builds it for
 * production) holds every workflow and none of the I/O libraries.
 */
import fs from 'node:fs';
import { workflowBundlePath } from '../support/env';

describe('workflow bundle', () => {
  const code = fs.readFileSync(workflowBundlePath(), 'utf8');

  it('contains the workflows the worker registers', () => {
    expect(code).toContain('collectionDossierWorkflow');
  });

  it('contains no database, HTTP or template library', () => {
    for (const library of ['@mikro-orm', 'fastify', 'handlebars', 'better-sqlite3', 'node_modules/pg/']) {
      expect(code).not.toContain(library);
    }
  });
});
