import { addDays, calendarDate, dateInZone, daysBetween, instantAt, InvalidCalendarDateError } from '../../domain/calendar';

describe('calendar dates', () => {
  it('accepts real dates and rejects impossible ones with the expected format in the message', () => {
    expect(calendarDate('2028-02-29')).toBe('2028-02-29');
    expect(() => calendarDate('2026-02-30')).toThrow(InvalidCalendarDateError);
    expect(() => calendarDate('31/03/2026')).toThrow('expected YYYY-MM-DD');
  });

  it('adds days across month and year ends', () => {
    expect(addDays(calendarDate('2026-12-25'), 10)).toBe('2027-01-04');
    expect(addDays(calendarDate('2026-03-01'), -1)).toBe('2026-02-28');
    expect(daysBetween(calendarDate('2026-01-01'), calendarDate('2026-03-02'))).toBe(60);
  });

  it('places 09:00 Brussels time at 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(new Date(instantAt(calendarDate('2026-01-15'), 9, 'Europe/Brussels')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(new Date(instantAt(calendarDate('2026-07-15'), 9, 'Europe/Brussels')).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    // The night the clocks go forward (29 March 2026) does not shift the day.
    expect(new Date(instantAt(calendarDate('2026-03-29'), 9, 'Europe/Brussels')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('takes the calendar date in the customer\'s zone, not in UTC', () => {
    const lateEveningUtc = Date.parse('2026-06-30T22:30:00Z');
    expect(dateInZone(lateEveningUtc, 'Europe/Brussels')).toBe('2026-07-01');
    expect(dateInZone(lateEveningUtc, 'UTC')).toBe('2026-06-30');
  });
});
