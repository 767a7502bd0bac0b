/**
 * Version 1 of the four collection tracks of the talk (DOMAIN.md section 5), with the
 * step sequences exactly as given, plus the consumer (B2C) variants that Book XIX needs.
 * The talk fixes only the legal handoff (60 days after the due date for the top tracks,
 * 45 for the others); every other offset is our default, listed in README.md.
 * Published: never edit a version here, add the next one (test/domain/procedures.test.ts
 * compares each against procedures.lock.json).
 */
import type { DayOffset, Procedure, StepDefinition } from './definition';

const days = (n: number): DayOffset => ({ days: n, unit: 'calendar' });
const CALL_DEADLINE: DayOffset = { days: 2, unit: 'business' };

const step = {
  RU: (d: number): StepDefinition => ({
    code: 'RU', kind: 'written-reminder', title: 'Courtesy reminder before the due date', channels: ['email'], offset: days(d), template: 'courtesy-reminder',
  }),
  VVD: (d: number): StepDefinition => ({
    code: 'VVD', kind: 'written-reminder', title: 'Due-date notice', channels: ['email'], offset: days(d), template: 'due-date-notice',
  }),
  reminder: (code: 'R1' | 'R2' | 'R3', d: number, template: string, fees?: StepDefinition['fees']): StepDefinition => ({
    code, kind: 'written-reminder', title: `Reminder ${code.slice(1)}`, channels: ['email', 'letter'], offset: days(d), template, ...(fees ? { fees } : {}),
  }),
  call: (code: 'T1' | 'T2' | 'T3' | 'T4', d: number, pool: string, optional = false): StepDefinition => ({
    code, kind: 'phone-call', title: `Phone call ${code.slice(1)}`, channels: ['phone'], offset: days(d), task: { pool, deadline: CALL_DEADLINE },
    ...(optional ? { onlyWhenCollectorsHaveCapacity: true } : {}),
  }),
  IGS: (d: number, template: string, fees: StepDefinition['fees']): StepDefinition => ({
    code: 'IGS', kind: 'formal-notice', title: 'Formal notice of default', channels: ['registered-letter', 'email'], offset: days(d), template,
    requiresApproval: true, fees,
  }),
  LEGAL: (d: number): StepDefinition => ({
    code: 'LEGAL', kind: 'legal-handoff', title: 'Handoff to legal collection', channels: ['bailiff'], offset: days(d), requiresApproval: true,
  }),
};

const B2B_NOTICE_FEES: StepDefinition['fees'] = ['b2b-interest', 'b2b-compensation'];
const B2C_NOTICE_FEES: StepDefinition['fees'] = ['b2c-interest', 'b2c-fixed-damages'];

export const TOP_400_V1: Procedure = {
  id: 'top-400', version: 1, title: 'Top 400 customers', segments: ['top-400'], customerKinds: ['B2B', 'B2G'],
  steps: [
    step.RU(-5), step.VVD(0), step.reminder('R1', 7, 'first-reminder'), step.call('T1', 12, 'key-accounts'),
    step.reminder('R2', 19, 'second-reminder'), step.call('T2', 24, 'key-accounts'), step.reminder('R3', 31, 'third-reminder'),
    step.call('T3', 36, 'key-accounts'), step.IGS(43, 'formal-notice', B2B_NOTICE_FEES), step.call('T4', 50, 'key-accounts'), step.LEGAL(60),
  ],
};

export const TOP_2500_V1: Procedure = {
  id: 'top-2500', version: 1, title: 'Top 2,500 customers', segments: ['top-2500'], customerKinds: ['B2B', 'B2G'],
  steps: [
    step.RU(-5), step.VVD(0), step.reminder('R1', 7, 'first-reminder'), step.call('T1', 14, 'collectors'),
    step.reminder('R2', 21, 'second-reminder'), step.reminder('R3', 30, 'third-reminder'), step.call('T2', 36, 'collectors'),
    step.IGS(45, 'formal-notice', B2B_NOTICE_FEES), step.LEGAL(60),
  ],
};

export const OTHER_V1: Procedure = {
  id: 'other', version: 1, title: 'Other customers', segments: ['other'], customerKinds: ['B2B', 'B2G'],
  steps: [
    step.reminder('R1', 7, 'first-reminder'), step.reminder('R2', 21, 'second-reminder'), step.IGS(30, 'formal-notice', B2B_NOTICE_FEES),
    step.call('T1', 37, 'collectors', true), step.LEGAL(45),
  ],
};

export const RISK_V1: Procedure = {
  id: 'risk', version: 1, title: 'Risk customers', segments: ['risk'], customerKinds: ['B2B', 'B2G'],
  steps: [
    step.RU(-5), step.VVD(0), step.reminder('R1', 5, 'first-reminder'), step.call('T1', 9, 'collectors'),
    step.reminder('R2', 15, 'second-reminder'), step.call('T2', 21, 'collectors'), step.IGS(30, 'formal-notice', B2B_NOTICE_FEES), step.LEGAL(45),
  ],
};

/**
 * Consumers: the first reminder is free and opens a 14-day period (starting the day after
 * an e-mail, or the 3rd working day after a letter) in which nothing escalates and nothing
 * is charged. R1 goes by e-mail only so that the period is predictable.
 */
const consumerFirstReminder = (d: number): StepDefinition => ({
  code: 'R1', kind: 'written-reminder', title: 'First reminder (free, opens the 14-day period)', channels: ['email'], offset: days(d),
  template: 'first-reminder-consumer',
});

export const OTHER_CONSUMER_V1: Procedure = {
  id: 'other-consumer', version: 1, title: 'Other customers, consumers', segments: ['other'], customerKinds: ['B2C'],
  steps: [
    consumerFirstReminder(7), step.reminder('R2', 22, 'second-reminder', ['b2c-reminder-fee']),
    step.IGS(32, 'formal-notice-consumer', B2C_NOTICE_FEES), step.call('T1', 38, 'collectors', true), step.LEGAL(45),
  ],
};

export const RISK_CONSUMER_V1: Procedure = {
  id: 'risk-consumer', version: 1, title: 'Risk customers, consumers', segments: ['risk'], customerKinds: ['B2C'],
  steps: [
    step.RU(-5), step.VVD(0), consumerFirstReminder(5), step.call('T1', 21, 'collectors'),
    step.reminder('R2', 22, 'second-reminder', ['b2c-reminder-fee']), step.IGS(32, 'formal-notice-consumer', B2C_NOTICE_FEES), step.LEGAL(45),
  ],
};

export const TRACKS_V1: Procedure[] = [TOP_400_V1, TOP_2500_V1, OTHER_V1, RISK_V1, OTHER_CONSUMER_V1, RISK_CONSUMER_V1];
