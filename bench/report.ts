/** The benchmark's report on stdout: each figure beside the baseline's, and their ratio. */
import os from 'node:os';
import { ACTION_KINDS, type SampleSummary } from './actions';
import type { BaselineInput } from './baseline-workflow';

export interface PhaseFigures {
  workflows: number;
  /** Wall time of the batches, from each one's first start to its last result, added up. */
  seconds: number;
  /** Peak RSS of the process during any batch, in bytes. */
  peakRss: number;
  /** RSS at the start of a batch, its fresh worker running and idle (mean over batches). */
  idleRss: number;
  /** (Peak − idle) of a batch over its workflows: memory per workflow in flight (mean over batches). */
  bytesPerWorkflowInFlight: number;
  histories: SampleSummary;
}

export interface ReportInput {
  dossiers: number;
  batch: number;
  batches: number;
  concurrency: number;
  procedure: string;
  shape: BaselineInput;
  baseline: PhaseFigures;
  fullTrack: PhaseFigures;
  paidOnTime: SampleSummary;
  /** RSS when the process began, and after the warm-up with no worker running. */
  rssAtStart: number;
  rssBefore: number;
  totalSeconds: number;
}

const MiB = 1024 * 1024;
const fixed = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a: number, b: number) => (b > 0 ? `${fixed(a / b, 2)}×` : '-');
/** A line when the sampled histories differ (an activity retried, say): their range. */
const spread = (name: string, s: SampleSummary) =>
  s.min.actions === s.max.actions && s.min.events === s.max.events
    ? []
    : [`The ${s.workflows} ${name} histories differ: ${s.min.actions}–${s.max.actions} actions, ${s.min.events}–${s.max.events} events.`];

function table(rows: Array<[string, ...string[]]>): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]! + 3))).join('').trimEnd())
    .join('\n');
}

export function printReport(r: ReportInput): void {
  const perSecond = (p: PhaseFigures) => p.workflows / p.seconds;
  const { baseline: b, fullTrack: d, paidOnTime: paid } = r;
  const count = (n: number) => n.toLocaleString('en-US');
  const lines = [
    '',
    `o2c-engine benchmark — ${count(r.dossiers)} dossiers on ${r.procedure} (B2B, one invoice each, approvals given, no call opened)`,
    `time-skipping test server, SQLite, worker in this process; Node ${process.version}, ${os.cpus().length} CPUs; ${r.batches} batch(es) of up to ${count(r.batch)}, ` +
      `each side of each batch on a fresh server; ${r.concurrency} client calls in flight`,
    `baseline: ${count(r.dossiers)} workflows of ${r.shape.timers} timers and ${r.shape.activities} no-op activities each — a full-track dossier's count, measured in this run`,
    '',
    table([
      ['', 'dossier', 'baseline', 'dossier / baseline'],
      ['throughput (workflows/s)', fixed(perSecond(d)), fixed(perSecond(b)), ratio(perSecond(d), perSecond(b))],
      ['  wall time (s)', fixed(d.seconds), fixed(b.seconds), ratio(d.seconds, b.seconds)],
      ['billable actions per workflow', '', '', ''],
      ['  full track to legal', fixed(d.histories.mean.actions), fixed(b.histories.mean.actions), ratio(d.histories.mean.actions, b.histories.mean.actions)],
      ['  paid on time', fixed(paid.mean.actions), '', ratio(paid.mean.actions, b.histories.mean.actions)],
      ['history events per workflow', '', '', ''],
      ['  full track to legal', fixed(d.histories.mean.events), fixed(b.histories.mean.events), ratio(d.histories.mean.events, b.histories.mean.events)],
      ['  paid on time', fixed(paid.mean.events), '', ratio(paid.mean.events, b.histories.mean.events)],
      ['worker process RSS (MiB)', '', '', ''],
      ['  before the run', fixed(r.rssBefore / MiB, 0), fixed(r.rssBefore / MiB, 0), ''],
      ['  fresh worker, idle', fixed(d.idleRss / MiB, 0), fixed(b.idleRss / MiB, 0), ratio(d.idleRss, b.idleRss)],
      ['  peak', fixed(d.peakRss / MiB, 0), fixed(b.peakRss / MiB, 0), ratio(d.peakRss, b.peakRss)],
      ['  peak / before the run', ratio(d.peakRss, r.rssBefore), ratio(b.peakRss, r.rssBefore), ''],
      ['  per workflow in flight (KiB)', fixed(d.bytesPerWorkflowInFlight / 1024, 0), fixed(b.bytesPerWorkflowInFlight / 1024, 0), ratio(d.bytesPerWorkflowInFlight, b.bytesPerWorkflowInFlight)],
    ]),
    '',
    `billable actions by kind, per workflow (mean over ${d.histories.workflows} full-track, ${paid.workflows} paid-on-time, ${b.histories.workflows} baseline histories):`,
    table([
      ['', 'full track', 'paid on time', 'baseline'],
      ...ACTION_KINDS.filter((kind) => d.histories.mean.byKind[kind] + paid.mean.byKind[kind] + b.histories.mean.byKind[kind] > 0).map(
        (kind): [string, ...string[]] => [`  ${kind}`, fixed(d.histories.mean.byKind[kind]), fixed(paid.mean.byKind[kind]), fixed(b.histories.mean.byKind[kind])],
      ),
      ['  total', fixed(d.histories.mean.actions), fixed(paid.mean.actions), fixed(b.histories.mean.actions)],
    ]),
    '',
    `Counting rule: bench/actions.ts (Temporal Cloud's actions that show in a history; the bench sends no query).`,
    ...spread('full-track', d.histories),
    ...spread('paid-on-time', paid),
    ...spread('baseline', b.histories),
    `Throughput: workflows over the added-up wall time of their batches (start to last result; server start and history reading excluded).`,
    `RSS: the whole bench process (worker, driver, ORM; not the test server), sampled every 100 ms during the batches, up to ${count(r.batch)} workflows`,
    `in flight. "Before the run": after setup and warm-up, no worker running (at process start: ${fixed(r.rssAtStart / MiB, 0)} MiB). "Fresh worker, idle": at`,
    `the start of a batch, after garbage collection. "Per workflow in flight": a batch's peak less its idle RSS, over its workflows (GC timing makes it noisy).`,
    `Whole run: ${fixed(r.totalSeconds)} s.`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
