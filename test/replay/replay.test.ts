/**
 * The replay guard: every history recorded from the workflow tests (npm run
 * record-histories) must replay on today's workflow code. A change that would break
 * running dossiers fails here; put it behind patched() instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundlePath } from '../support/env';
import { HISTORIES_DIR, quietRuntime } from '../support/temporal';

const files = fs.readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json')).sort();

describe('replay of recorded histories', () => {
  beforeAll(quietRuntime);

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('replays %s on the current workflow code', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: workflowBundlePath() } }, history, path.basename(file, '.json')),
    ).resolves.toBeUndefined();
  });
});
