import { loadTemplates, TEMPLATES_DIR } from '../../adapters/templates';
import { calendarDate } from '../../domain/calendar';
import { findProcedure, procedureFor, PUBLISHED_PROCEDURES } from '../../domain/procedures/catalogue';
import type { Procedure, StepDefinition } from '../../domain/procedures/definition';
import { timeline } from '../../domain/procedures/schedule';
import { OTHER_CONSUMER_V1, OTHER_V1, RISK_V1, TOP_2500_V1, TOP_400_V1 } from '../../domain/procedures/tracks-v1';
import { InvalidProcedureError, procedureProblems, validateProcedure } from '../../domain/procedures/validation';
import { changedPublishedVersions } from '../../platform/procedure-lock';

const templates = new Set(Object.keys(loadTemplates(TEMPLATES_DIR).catalogue()));
const sequence = (p: Procedure) => p.steps.map((s) => s.code).join(' – ');
const handoffDay = (p: Procedure) => p.steps.find((s) => s.kind === 'legal-handoff')!.offset.days;

describe('the four tracks of the talk, version 1', () => {
  it.each([
    ['top-400', TOP_400_V1, 'RU – VVD – R1 – T1 – R2 – T2 – R3 – T3 – IGS – T4 – LEGAL', 60],
    ['top-2500', TOP_2500_V1, 'RU – VVD – R1 – T1 – R2 – R3 – T2 – IGS – LEGAL', 60],
    ['other', OTHER_V1, 'R1 – R2 – IGS – T1 – LEGAL', 45],
    ['risk', RISK_V1, 'RU – VVD – R1 – T1 – R2 – T2 – IGS – LEGAL', 45],
  ])('%s follows the talk step by step and hands over to legal on the fixed day', (_id, procedure, steps, day) => {
    expect(sequence(procedure)).toBe(steps);
    expect(handoffDay(procedure)).toBe(day);
    expect(procedure.version).toBe(1);
  });

  it('calls the customers of the other track only when collectors have time', () => {
    expect(OTHER_V1.steps.find((s) => s.code === 'T1')).toMatchObject({ kind: 'phone-call', onlyWhenCollectorsHaveCapacity: true });
  });

  it('asks a person to approve the formal notice and the legal handoff', () => {
    for (const procedure of PUBLISHED_PROCEDURES) {
      for (const step of procedure.steps.filter((s) => s.kind === 'formal-notice' || s.kind === 'legal-handoff')) {
        expect(step.requiresApproval).toBe(true);
      }
    }
  });

  it('are all valid, with templates that exist', () => {
    for (const procedure of PUBLISHED_PROCEDURES) expect(procedureProblems(procedure, templates)).toEqual([]);
  });

  it('have not changed since they were published', () => {
    expect(changedPublishedVersions(PUBLISHED_PROCEDURES)).toEqual([]);
  });

  it('serve each segment and customer kind with the newest version', () => {
    expect(procedureFor('top-400', 'B2B')).toBe(TOP_400_V1);
    expect(procedureFor('other', 'B2C')).toBe(OTHER_CONSUMER_V1);
    expect(findProcedure('risk', 1)).toBe(RISK_V1);
    expect(() => findProcedure('risk', 9)).toThrow('No procedure risk@v9; published: top-400@v1');
  });

  it('date every step from the due date', () => {
    const dates = timeline(OTHER_V1, calendarDate('2026-03-31')).map(({ step, date }) => `${step.code} ${date}`);
    expect(dates).toEqual(['R1 2026-04-07', 'R2 2026-04-21', 'IGS 2026-04-30', 'T1 2026-05-07', 'LEGAL 2026-05-15']);
  });
});

describe('loading a procedure', () => {
  const edit = (base: Procedure, change: (steps: StepDefinition[]) => StepDefinition[], extra: Partial<Procedure> = {}): Procedure => ({
    ...base,
    ...extra,
    steps: change(base.steps.map((s) => ({ ...s }))),
  });
  const problems = (p: Procedure) => procedureProblems(p, templates);

  it('rejects offsets out of order, naming the step', () => {
    const swapped = edit(OTHER_V1, (steps) => steps.map((s) => (s.code === 'R2' ? { ...s, offset: { days: 5, unit: 'calendar' } } : s)));
    expect(problems(swapped)).toContain('step R2 (day 5): offsets out of order: it must come after R1');
  });

  it('rejects an unknown template', () => {
    const typo = edit(OTHER_V1, (steps) => steps.map((s) => (s.code === 'R1' ? { ...s, template: 'frist-reminder' } : s)));
    expect(problems(typo)).toEqual(['step R1 (day 7): unknown template "frist-reminder"']);
  });

  it('rejects a legal handoff before the formal notice', () => {
    const early = edit(OTHER_V1, (steps) => [steps[0]!, steps[1]!, steps[4]!, steps[2]!, steps[3]!].map((s, i) => ({ ...s, offset: { days: 7 * (i + 1), unit: 'calendar' as const } })));
    expect(problems(early)).toEqual(
      expect.arrayContaining(['step LEGAL (day 21): the legal handoff must come after the formal notice', 'step LEGAL (day 21): the legal handoff must be the last step']),
    );
  });

  it('rejects a consumer procedure that charges for the first reminder', () => {
    const charged = edit(OTHER_CONSUMER_V1, (steps) => steps.map((s) => (s.code === 'R1' ? { ...s, fees: ['b2c-reminder-fee' as const] } : s)));
    expect(problems(charged)).toEqual(['step R1 (day 7): the first reminder to a consumer must be free of charge (Book XIX)']);
  });

  it('rejects a consumer procedure that escalates inside the 14-day period', () => {
    const hasty = edit(OTHER_CONSUMER_V1, (steps) => steps.map((s) => (s.code === 'R2' ? { ...s, offset: { days: 20, unit: 'calendar' } } : s)));
    expect(problems(hasty)).toEqual([
      'step R2 (day 20): escalates inside the 14-day period that the first reminder (R1) opens; consumers must get 14 full days (Book XIX)',
    ]);
  });

  it('rejects business fees on consumers and a procedure serving both', () => {
    const mixed = edit(OTHER_V1, (steps) => steps, { customerKinds: ['B2B', 'B2C'] });
    expect(problems(mixed)[0]).toMatch(/^customerKinds: a procedure serves either consumers/);
  });

  it('throws one error listing every problem', () => {
    const broken = edit(OTHER_V1, (steps) => steps.map((s) => ({ ...s, template: s.template && 'missing' })));
    expect(() => validateProcedure(broken, templates)).toThrow(InvalidProcedureError);
    expect(() => validateProcedure(broken, templates)).toThrow(/Procedure other@v1 is not valid:\n {2}- step R1 \(day 7\): unknown template "missing"/);
  });
});
