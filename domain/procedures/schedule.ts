/**
 * When a step falls: its offset from the due date, in calendar days or in business days
 * (Monday to Friday; public holidays are not yet taken into account).
 */
import { addBusinessDays } from 'date-fns';
import { addDays, calendarDate, type CalendarDate } from '../calendar';
import type { DayOffset, Procedure, StepDefinition } from './definition';

function toUtcNoon(date: CalendarDate): Date {
  return new Date(`${date}T12:00:00Z`);
}

export function shiftDate(from: CalendarDate, offset: DayOffset): CalendarDate {
  if (offset.unit === 'calendar') return addDays(from, offset.days);
  return calendarDate(addBusinessDays(toUtcNoon(from), offset.days).toISOString().slice(0, 10));
}

export function stepDate(dueDate: CalendarDate, step: Pick<StepDefinition, 'offset'>): CalendarDate {
  return shiftDate(dueDate, step.offset);
}

export interface ScheduledStep {
  step: StepDefinition;
  date: CalendarDate;
}

/** Every step of the procedure with its date for one due date. */
export function timeline(procedure: Procedure, dueDate: CalendarDate): ScheduledStep[] {
  return procedure.steps.map((step) => ({ step, date: stepDate(dueDate, step) }));
}
