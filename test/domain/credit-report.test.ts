import { calendarDate as d, type CalendarDate } from '../../domain/calendar';
import { filingAgeMonths, normaliseEnterpriseNumber, type CreditReport } from '../../domain/credit/report';

function report(lastAccountsDate: CalendarDate | null): CreditReport {
  return {
    provider: 'test-provider',
    reportId: 'R-1',
    enterpriseNumber: '0456789133',
    companyName: 'Voorbeeld NV',
    retrievedOn: d('2026-03-10'),
    score: 70,
    recommendedLimitCents: null,
    paymentIndexDaysBeyondTerms: 0,
    group: { parentName: null, parentEnterpriseNumber: null, members: 1 },
    lastAccountsDate,
    negativeEvents: [],
  };
}

describe('the age of the last filed accounts', () => {
  it.each([
    ['2024-12-31', '2026-03-10', 14],
    ['2025-12-31', '2026-03-10', 2],
    ['2026-03-10', '2026-03-10', 0],
    ['2026-02-08', '2026-03-10', 0],
    ['2026-02-07', '2026-03-10', 1],
    ['2024-07-31', '2026-03-10', 19],
  ])('accounts of %s are %i whole months old on %s', (accounts, today, months) => {
    // A month is 30.44 days: 30 days is 0 months, 31 days is 1.
    expect(filingAgeMonths(report(d(accounts)), d(today))).toBe(months);
  });

  it('has no age when no accounts were filed', () => {
    expect(filingAgeMonths(report(null), d('2026-03-10'))).toBeNull();
  });
});

describe('normalising a Belgian enterprise number', () => {
  it.each([
    ['0456.789.133', '0456789133'],
    ['BE0456789133', '0456789133'],
    ['be 0456 789 133', '0456789133'],
    ['456789133', '0456789133'],
    ['0203.201.340', '0203201340'],
  ])('reads %s as %s', (text, digits) => {
    expect(normaliseEnterpriseNumber(text)).toBe(digits);
  });

  it.each([
    ['a wrong check digit', '0456.789.134'],
    ['letters', 'BE04567891AB'],
    ['too few digits', '45678913'],
    ['too many digits', '00456789133'],
    ['nothing', ''],
  ])('refuses %s', (_name, text) => {
    expect(normaliseEnterpriseNumber(text)).toBeNull();
  });
});
