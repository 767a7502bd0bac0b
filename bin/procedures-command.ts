/** `o2c procedures …`: list, simulate, check, diff and lock the collection procedures. */
import { Command } from 'commander';
import { loadTemplates, TEMPLATES_DIR } from '../adapters/templates';
import { calendarDate } from '../domain/calendar';
import { findProcedure, PUBLISHED_PROCEDURES } from '../domain/procedures/catalogue';
import { CUSTOMER_KINDS, procedureKey, type CustomerKind } from '../domain/procedures/definition';
import { lockNewVersions } from '../platform/procedure-lock';
import { checkProcedures, diffProcedures, formatTimeline, simulate } from '../platform/procedure-tools';

function parseKey(key: string) {
  const match = /^([a-z0-9-]+)@v?(\d+)$/.exec(key);
  if (!match) throw new Error(`"${key}": expected <id>@v<version>, for example top-400@v1`);
  return findProcedure(match[1]!, Number(match[2]));
}

const print = (text: string) => process.stdout.write(`${text}\n`);

export const proceduresCommand = new Command('procedures').description('Collection procedures: list, simulate, check, diff, lock');

proceduresCommand
  .command('list')
  .description('The published procedures, with the segments and customer kinds they serve')
  .action(() => {
    for (const p of PUBLISHED_PROCEDURES) {
      print(`${procedureKey(p).padEnd(22)} ${p.title.padEnd(30)} ${p.segments.join(',').padEnd(12)} ${p.customerKinds.join(',').padEnd(8)} ${p.steps.map((s) => s.code).join(' – ')}`);
    }
  });

proceduresCommand
  .command('timeline')
  .description('The dates, steps, channels and fees a procedure produces for one unpaid invoice')
  .argument('<procedure>', 'id@vVERSION, e.g. other@v1')
  .requiredOption('--due <date>', 'due date of the invoice, YYYY-MM-DD')
  .option('--amount <cents>', 'open amount in cents', '100000')
  .option('--kind <kind>', `customer kind (${CUSTOMER_KINDS.join(', ')})`, 'B2B')
  .action((key: string, options: { due: string; amount: string; kind: string }) => {
    const procedure = parseKey(key);
    if (!/^[1-9]\d*$/.test(options.amount)) throw new Error(`--amount: "${options.amount}" is not a positive whole number of cents`);
    if (!(CUSTOMER_KINDS as readonly string[]).includes(options.kind)) throw new Error(`--kind: expected one of ${CUSTOMER_KINDS.join(', ')}`);
    print(formatTimeline(procedure, simulate(procedure, calendarDate(options.due), Number(options.amount), options.kind as CustomerKind)));
  });

proceduresCommand
  .command('check')
  .description('Validate every published procedure and check that none changed after publication')
  .action(() => {
    const problems = checkProcedures(PUBLISHED_PROCEDURES, new Set(Object.keys(loadTemplates(TEMPLATES_DIR).catalogue())));
    if (problems.length === 0) {
      print(`${PUBLISHED_PROCEDURES.length} procedures, all valid and unchanged since publication`);
      return;
    }
    for (const problem of problems) print(problem);
    process.exitCode = 1;
  });

proceduresCommand
  .command('diff')
  .description('What changed between two versions (or two procedures)')
  .argument('<from>', 'id@vVERSION')
  .argument('<to>', 'id@vVERSION')
  .action((from: string, to: string) => {
    const lines = diffProcedures(parseKey(from), parseKey(to));
    print(lines.length > 0 ? lines.join('\n') : 'no differences');
  });

proceduresCommand
  .command('lock')
  .description('Record the fingerprint of newly published versions in procedures.lock.json')
  .action(() => {
    const added = lockNewVersions(PUBLISHED_PROCEDURES);
    print(added.length > 0 ? `locked ${added.join(', ')}` : 'nothing new to lock');
  });
