import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { calendarDate } from '../../domain/calendar';
import type { Procedure } from '../../domain/procedures/definition';
import { OTHER_CONSUMER_V1, OTHER_V1 } from '../../domain/procedures/tracks-v1';
import { diffProcedures, simulate } from '../../platform/procedure-tools';

describe('procedure tools for operations', () => {
  it('simulates the other track for a B2B invoice: dates, channels and the formal notice\'s fees', () => {
    const rows = simulate(OTHER_V1, calendarDate('2026-03-31'), 100_000, 'B2B');
    expect(rows.map((r) => `${r.code} ${r.date}`)).toEqual(['R1 2026-04-07', 'R2 2026-04-21', 'IGS 2026-04-30', 'T1 2026-05-07', 'LEGAL 2026-05-15']);
    // 30 days at 10.5% (2026 H1): 100,000 × 0.105 × 30 / 365 = 863.01 → 863 cents, plus EUR 40.
    expect(rows.find((r) => r.code === 'IGS')).toMatchObject({ feesCents: 863 + 4_000, claimCents: 104_863, approval: true, channels: 'registered-letter+email' });
    expect(rows.find((r) => r.code === 'T1')).toMatchObject({ optional: true, feesCents: 0 });
  });

  it('simulates a consumer: a free first reminder, EUR 7.50 once the 14 days are over, capped damages', () => {
    const rows = simulate(OTHER_CONSUMER_V1, calendarDate('2026-03-31'), 40_000, 'B2C');
    expect(rows.find((r) => r.code === 'R1')!.feesCents).toBe(0);
    expect(rows.find((r) => r.code === 'R2')!.feesCents).toBe(750);
    expect(rows.find((r) => r.code === 'IGS')!.feesCents).toBeGreaterThan(5_500); // EUR 55 damages plus interest
  });

  it('lists what changed between two versions', () => {
    const v2: Procedure = {
      ...OTHER_V1,
      version: 2,
      steps: OTHER_V1.steps.filter((s) => s.code !== 'T1').map((s) => (s.code === 'R2' ? { ...s, offset: { days: 18, unit: 'calendar' as const } } : s)),
    };
    expect(diffProcedures(OTHER_V1, v2)).toEqual([
      '~ R2: day 21, email+letter, template second-reminder → day 18, email+letter, template second-reminder',
      '- T1: removed (was day 37, phone, optional)',
    ]);
  });

  it('offers them on the command line, with help', () => {
    const root = path.resolve(__dirname, '..', '..');
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bin/o2c.ts', 'procedures', ...args], { cwd: root, encoding: 'utf8' });
    expect(run('check').stdout).toBe('6 procedures, all valid and unchanged since publication\n');
    expect(run('timeline', 'top-400@v1', '--due', '2026-03-31').stdout).toContain('2026-05-30  day  60  LEGAL');
    const bad = run('timeline', 'top-400@v9', '--due', '2026-03-31');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('No procedure top-400@v9; published:');
    expect(run('--help').stdout).toContain('timeline');
  });
});
