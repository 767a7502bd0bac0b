/**
 * Calendar dates ("2026-03-31") and the instants at which things happen on them in a
 * customer's time zone. Pure and deterministic: safe in workflows (time comes in as `now`).
 */
import { TZDate } from '@date-fns/tz';
import { addDays as addDaysToDate, differenceInCalendarDays } from 'date-fns';

/** An ISO calendar date, YYYY-MM-DD, without time or zone. */
export type CalendarDate = string & { readonly __calendarDate: unique symbol };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidCalendarDateError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not a calendar date: expected YYYY-MM-DD, for example 2026-03-31`);
    this.name = 'InvalidCalendarDateError';
  }
}

function parts(date: string): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new InvalidCalendarDateError(date);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Checks the text is a real date (no 2026-02-30) and brands it. */
export function calendarDate(value: string): CalendarDate {
  const [year, month, day] = parts(value);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    throw new InvalidCalendarDateError(value);
  }
  return value as CalendarDate;
}

export function isCalendarDate(value: string): value is CalendarDate {
  try {
    calendarDate(value);
    return true;
  } catch {
    return false;
  }
}

function toUtcNoon(date: CalendarDate): Date {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day, 12));
}

function fromUtc(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10) as CalendarDate;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtc(addDaysToDate(toUtcNoon(date), days));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(toUtcNoon(to), toUtcNoon(from));
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar date that `instant` falls on in `timeZone`. */
export function dateInZone(instant: number, timeZone: string): CalendarDate {
  const local = new TZDate(instant, timeZone);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `${local.getFullYear()}-${month}-${day}` as CalendarDate;
}

/** The instant (epoch ms) of a wall-clock time on a calendar date in `timeZone`. */
export function instantAt(date: CalendarDate, hour: number, timeZone: string): number {
  const [year, month, day] = parts(date);
  return new TZDate(year, month - 1, day, hour, 0, 0, timeZone).getTime();
}
