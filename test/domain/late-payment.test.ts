import { calendarDate as d } from '../../domain/calendar';
import {
  b2bCompensation,
  b2bInterest,
  b2cFixedDamages,
  b2cMaxReminderFee,
  b2cWaitingPeriodEnd,
  formalNoticeClaim,
  LatePaymentInputError,
  legalInterest,
  type NoticeInvoice,
} from '../../domain/late-payment';
import {
  B2B_LATE_PAYMENT_RATES,
  LEGAL_INTEREST_RATES,
  MissingLegalFigureError,
  rateTableProblems,
  type RateTable,
} from '../../domain/legal-rates';

// Interest in cents = principal cents × basis points × days / (10,000 × 365).

describe('B2B statutory interest', () => {
  it('splits EUR 10,000 overdue from 2024-05-01 to 2024-08-15 over 2024 H1 and H2', () => {
    // Interest days 2024-05-02 .. 2024-08-15.
    // H1: 2024-05-02 .. 2024-06-30 = 30 + 30 = 60 days at 12.5%:
    //     1,000,000 × 1250 × 60 / 3,650,000 = 20,547.95 → 20,548
    // H2: 2024-07-01 .. 2024-08-15 = 31 + 15 = 46 days at 12.5%:
    //     1,000,000 × 1250 × 46 / 3,650,000 = 15,753.42 → 15,753
    // Total 36,301 cents = EUR 363.01 over 106 days.
    expect(b2bInterest(1_000_000, d('2024-05-01'), d('2024-08-15'))).toEqual({
      cents: 36_301,
      days: 106,
      lines: [
        { from: '2024-05-02', to: '2024-06-30', days: 60, basisPoints: 1250, status: 'published', cents: 20_548 },
        { from: '2024-07-01', to: '2024-08-15', days: 46, basisPoints: 1250, status: 'published', cents: 15_753 },
      ],
    });
  });

  it('charges each semester its own rate when the rate changes mid-period', () => {
    // EUR 5,000 due 2023-06-15, until 2023-07-20.
    // 2023 H1: 06-16 .. 06-30 = 15 days at 10.5%: 500,000 × 1050 × 15 / 3,650,000 = 2,157.53 → 2,158
    // 2023 H2: 07-01 .. 07-20 = 20 days at 12.0%: 500,000 × 1200 × 20 / 3,650,000 = 3,287.67 → 3,288
    const interest = b2bInterest(500_000, d('2023-06-15'), d('2023-07-20'));
    expect(interest.lines.map(({ days, basisPoints, cents }) => [days, basisPoints, cents])).toEqual([
      [15, 1050, 2158],
      [20, 1200, 3288],
    ]);
    expect(interest.cents).toBe(5446);
  });

  it('starts interest the day after the due date', () => {
    expect(b2bInterest(1_000_000, d('2024-05-01'), d('2024-05-01'))).toEqual({ cents: 0, days: 0, lines: [] });
    // One day: 1,000,000 × 1250 × 1 / 3,650,000 = 342.47 → 342
    expect(b2bInterest(1_000_000, d('2024-05-01'), d('2024-05-02')).cents).toBe(342);
  });

  it('counts actual days over 365, also in a leap year', () => {
    // 2024 H1 has 182 days (29 February included): 1,000,000 × 1250 × 182 / 3,650,000 = 62,328.77 → 62,329
    expect(b2bInterest(1_000_000, d('2023-12-31'), d('2024-06-30'))).toMatchObject({ cents: 62_329, days: 182 });
  });

  it('rounds each semester half-up to the cent and totals the rounded parts, so the lines add up', () => {
    // EUR 1,000 due 2023-12-28, until 2024-01-03.
    // 2023 H2: 3 days at 12.0%: 100,000 × 1200 × 3 / 3,650,000 =  98.630 → 99
    // 2024 H1: 3 days at 12.5%: 100,000 × 1250 × 3 / 3,650,000 = 102.740 → 103
    // Sum of rounded parts: 202. Rounding the exact total once (201.37) would give 201.
    const interest = b2bInterest(100_000, d('2023-12-28'), d('2024-01-03'));
    expect(interest.lines.map((line) => line.cents)).toEqual([99, 103]);
    expect(interest.cents).toBe(202);
  });

  it('marks lines computed at an inferred or provisional rate', () => {
    // EUR 10,000 due 2025-12-30, until 2026-01-02, 10.5% in both semesters.
    // 2025 H2: 1 day:  1,000,000 × 1050 × 1 / 3,650,000 = 287.67 → 288 (inferred)
    // 2026 H1: 2 days: 1,000,000 × 1050 × 2 / 3,650,000 = 575.34 → 575 (provisional)
    const interest = b2bInterest(1_000_000, d('2025-12-30'), d('2026-01-02'));
    expect(interest.lines.map(({ status, cents }) => [status, cents])).toEqual([
      ['inferred', 288],
      ['provisional', 575],
    ]);
    expect(interest.cents).toBe(863);
  });

  it('refuses to compute into a semester without a rate and says the table must be extended', () => {
    const intoMissingSemester = () => b2bInterest(1_000_000, d('2026-06-15'), d('2026-08-15'));
    expect(intoMissingSemester).toThrow(MissingLegalFigureError);
    expect(intoMissingSemester).toThrow('2026 H2 (2026-07-01 to 2026-12-31)');
    expect(intoMissingSemester).toThrow('B2B_LATE_PAYMENT_RATES in domain/legal-rates.ts must be extended');
    expect(() => b2bInterest(1_000_000, d('2018-12-15'), d('2019-01-15'))).toThrow('2018 H2');
  });

  it('uses a rate table passed in, and rejects one with a gap between rows', () => {
    const table: RateTable = {
      ...B2B_LATE_PAYMENT_RATES,
      rows: [{ validFrom: d('2030-01-01'), validTo: d('2030-06-30'), basisPoints: 1000, status: 'provisional' }],
    };
    // 10 days at 10%: 365,000 × 1000 × 10 / 3,650,000 = 1,000
    expect(b2bInterest(365_000, d('2030-01-01'), d('2030-01-11'), table).cents).toBe(1000);
    const withGap: RateTable = {
      ...table,
      rows: [...table.rows, { validFrom: d('2031-01-01'), validTo: d('2031-06-30'), basisPoints: 1000, status: 'provisional' }],
    };
    expect(() => b2bInterest(365_000, d('2030-01-01'), d('2030-01-11'), withGap)).toThrow(/^table: .*must start the day after the previous row ends \(2030-06-30\)/);
  });
});

describe('legal rate tables', () => {
  it('hold one row per semester or calendar year, in order, without gaps', () => {
    expect(rateTableProblems(B2B_LATE_PAYMENT_RATES)).toEqual([]);
    expect(rateTableProblems(LEGAL_INTEREST_RATES)).toEqual([]);
    expect(B2B_LATE_PAYMENT_RATES.rows.at(-1)).toMatchObject({ validTo: '2026-06-30', status: 'provisional' });
  });

  it('computes ordinary legal interest per calendar year', () => {
    // EUR 1,000 from 2022-12-21 to 2023-01-10.
    // 2022: 12-22 .. 12-31 = 10 days at 1.50%: 100,000 × 150 × 10 / 3,650,000 =  41.10 → 41
    // 2023: 01-01 .. 01-10 = 10 days at 5.25%: 100,000 × 525 × 10 / 3,650,000 = 143.84 → 144
    expect(legalInterest(100_000, d('2022-12-21'), d('2023-01-10')).lines.map((line) => line.cents)).toEqual([41, 144]);
  });
});

describe('B2B flat recovery compensation', () => {
  it('is EUR 40 per late invoice', () => {
    expect(b2bCompensation(1, d('2024-05-02'))).toBe(4000);
    expect(b2bCompensation(3, d('2024-05-02'))).toBe(12_000);
    expect(b2bCompensation(0, d('2024-05-02'))).toBe(0);
  });

  it('is not known before the tables start, and the count must be a whole number', () => {
    expect(() => b2bCompensation(1, d('2018-12-31'))).toThrow('No B2B flat recovery compensation in force on 2018-12-31');
    expect(() => b2bCompensation(-1, d('2024-05-02'))).toThrow('lateInvoiceCount: -1 must be a whole number of 0 or more');
    expect(() => b2bCompensation(1.5, d('2024-05-02'))).toThrow(LatePaymentInputError);
  });
});

describe('B2C fixed damages (Book XIX)', () => {
  const on = d('2024-01-15');

  it.each([
    [0, 0], // nothing owed
    [1, 2000],
    [15_000, 2000], // EUR 150.00: top of the first tier
    [15_001, 3000], // EUR 150.01: 30 + 10% × 0.01 = 30.001 → rounded down to 30.00
    [15_005, 3000], // 30 + 10% × 0.05 = 30.005 → 30.00: a maximum is never rounded up
    [30_000, 4500], // EUR 300: 30 + 10% × 150 = 45
    [50_000, 6500], // EUR 500.00: 30 + 10% × 350 = 65
    [50_001, 6500], // EUR 500.01: 65 + 5% × 0.01 = 65.0005 → 65.00
    [1_000_000, 54_000], // EUR 10,000: 65 + 5% × 9,500 = 540
    [3_920_000, 200_000], // EUR 39,200: 65 + 5% × 38,700 = 2,000, exactly the cap
    [3_920_001, 200_000], // above that the EUR 2,000 cap holds
    [100_000_000, 200_000],
  ])('on a balance of %i cents are at most %i cents', (balance, damages) => {
    expect(b2cFixedDamages(balance, on)).toBe(damages);
  });

  it('do not exist before Book XIX came into force on 2023-09-01', () => {
    expect(() => b2cFixedDamages(10_000, d('2023-08-31'))).toThrow('No B2C rules (Book XIX, in force from 2023-09-01) in force on 2023-08-31');
    expect(b2cFixedDamages(10_000, d('2023-09-01'))).toBe(2000);
  });
});

describe('B2C reminders', () => {
  it('makes the first reminder free and caps later ones at EUR 7.50 plus postage', () => {
    expect(b2cMaxReminderFee(d('2024-01-15'), 1, 150)).toBe(0);
    expect(b2cMaxReminderFee(d('2024-01-15'))).toBe(750);
    expect(b2cMaxReminderFee(d('2024-01-15'), 3, 150)).toBe(900);
    expect(() => b2cMaxReminderFee(d('2024-01-15'), 0)).toThrow('reminderNumber: 0 must be a whole number of 1 or more');
  });

  it('ends the waiting period 14 calendar days after an e-mail, counting from the day after sending', () => {
    // Sent Friday 2024-03-01: days 1..14 are 03-02 .. 03-15.
    expect(b2cWaitingPeriodEnd(d('2024-03-01'), 'email')).toBe('2024-03-15');
  });

  it('starts the waiting period of a letter on the 3rd working day after posting', () => {
    // Posted Friday 2024-03-01: working days Mon 03-04, Tue 03-05, Wed 03-06 → days 1..14 are 03-06 .. 03-19.
    expect(b2cWaitingPeriodEnd(d('2024-03-01'), 'post')).toBe('2024-03-19');
    // Posted Thursday 2024-03-28: Fri 03-29, Mon 04-01, Tue 04-02 → 04-02 .. 04-15;
    // with Easter Monday (04-01) as a holiday: Fri 03-29, Tue 04-02, Wed 04-03 → 04-03 .. 04-16.
    expect(b2cWaitingPeriodEnd(d('2024-03-28'), 'post')).toBe('2024-04-15');
    expect(b2cWaitingPeriodEnd(d('2024-03-28'), 'post', [d('2024-04-01')])).toBe('2024-04-16');
  });
});

describe('formal notice claims', () => {
  it('claims B2B interest per invoice from the day after its due date plus EUR 40 per invoice', () => {
    // F1: EUR 10,000 due 2024-05-01: 36,301 (see the first interest case).
    // F2: EUR 2,500 due 2024-07-31: 08-01 .. 08-15 = 15 days: 250,000 × 1250 × 15 / 3,650,000 = 1,284.25 → 1,284
    // Total: 1,250,000 + 37,585 + 2 × 4,000 = 1,295,585 cents.
    const claim = formalNoticeClaim({
      kind: 'b2b',
      onDate: d('2024-08-15'),
      invoices: [
        { number: 'F1', dueDate: d('2024-05-01'), openCents: 1_000_000 },
        { number: 'F2', dueDate: d('2024-07-31'), openCents: 250_000 },
      ],
    });
    expect(claim.lines.map((line) => [line.number, line.interest.cents, line.compensationCents])).toEqual([
      ['F1', 36_301, 4000],
      ['F2', 1284, 4000],
    ]);
    expect(claim).toMatchObject({ principalCents: 1_250_000, interestCents: 37_585, compensationCents: 8000, damagesCents: 0, totalCents: 1_295_585 });
  });

  const consumerInvoices: NoticeInvoice[] = [
    // Waiting period 03-05 .. 03-18; costs from 03-19.
    { number: 'A', dueDate: d('2024-03-01'), openCents: 40_000, firstReminder: { sentDate: d('2024-03-04'), medium: 'email' } },
    // Posted Wednesday 04-10: Thu, Fri, Mon 04-15 → waiting period 04-15 .. 04-28; not over on 04-17.
    { number: 'B', dueDate: d('2024-04-01'), openCents: 10_000, firstReminder: { sentDate: d('2024-04-10'), medium: 'post' } },
  ];

  it('claims B2C interest and damages only for invoices whose waiting period is over', () => {
    // A: interest 03-19 .. 04-17 = 13 + 17 = 30 days at 12.5%, rounded down:
    //    40,000 × 1250 × 30 / 3,650,000 = 410.96 → 410
    //    damages on EUR 400: 30 + 10% × 250 = 55 → 5,500
    // B: principal only. Total: 50,000 + 410 + 5,500 = 55,910.
    const claim = formalNoticeClaim({ kind: 'b2c', onDate: d('2024-04-17'), invoices: consumerInvoices });
    expect(claim.lines.map((line) => [line.number, line.interest.cents, line.costsAllowedFrom])).toEqual([
      ['A', 410, '2024-03-19'],
      ['B', 0, '2024-04-29'],
    ]);
    expect(claim).toMatchObject({ principalCents: 50_000, interestCents: 410, compensationCents: 0, damagesCents: 5500, totalCents: 55_910 });
  });

  it('counts B2C interest from the day after the due date when the setting says so', () => {
    // A: 03-02 .. 04-17 = 30 + 17 = 47 days: 40,000 × 1250 × 47 / 3,650,000 = 643.84 → 643
    const claim = formalNoticeClaim({
      kind: 'b2c',
      onDate: d('2024-04-17'),
      invoices: consumerInvoices,
      b2cSettings: { interestStart: 'dayAfterDueDate' },
    });
    expect(claim.interestCents).toBe(643);
  });

  it('claims no B2C cost at all for an invoice without the free first reminder', () => {
    const claim = formalNoticeClaim({ kind: 'b2c', onDate: d('2024-04-17'), invoices: [{ number: 'C', dueDate: d('2024-03-01'), openCents: 40_000 }] });
    expect(claim).toMatchObject({ interestCents: 0, damagesCents: 0, totalCents: 40_000 });
  });

  it('claims the lower of per-invoice and whole-balance B2C damages', () => {
    const overdue = (number: string, openCents: number): NoticeInvoice => ({
      number,
      dueDate: d('2024-03-01'),
      openCents,
      firstReminder: { sentDate: d('2024-03-04'), medium: 'email' },
    });
    const damages = (...invoices: NoticeInvoice[]) => formalNoticeClaim({ kind: 'b2c', onDate: d('2024-04-17'), invoices }).damagesCents;
    // 2 × EUR 150: per invoice 20 + 20 = 40; whole balance EUR 300: 30 + 15 = 45 → 40.
    expect(damages(overdue('D', 15_000), overdue('E', 15_000))).toBe(4000);
    // EUR 75 + EUR 75.01: per invoice 20 + 20 = 40; whole balance EUR 150.01: 30 → 30.
    expect(damages(overdue('D', 7500), overdue('E', 7501))).toBe(3000);
  });

  it('rejects invoices that are not overdue, an empty notice and a reminder sent before the due date', () => {
    const invoice = { number: 'F', dueDate: d('2024-08-15'), openCents: 100 };
    expect(() => formalNoticeClaim({ kind: 'b2b', onDate: d('2024-08-15'), invoices: [invoice] })).toThrow(
      'invoices[0].dueDate: 2024-08-15 must be before onDate 2024-08-15; only overdue invoices go into a formal notice',
    );
    expect(() => formalNoticeClaim({ kind: 'b2b', onDate: d('2024-08-15'), invoices: [] })).toThrow('invoices: a formal notice needs at least one');
    const early = { ...invoice, firstReminder: { sentDate: d('2024-08-15'), medium: 'email' as const } };
    expect(() => formalNoticeClaim({ kind: 'b2c', onDate: d('2024-09-30'), invoices: [early] })).toThrow('invoices[0].firstReminder.sentDate: 2024-08-15 must be after the due date');
  });
});

describe('invalid input', () => {
  it('names the argument and the rule it breaks', () => {
    expect(() => b2bInterest(-1, d('2024-05-01'), d('2024-06-01'))).toThrow('principalCents: -1 must not be negative');
    expect(() => b2bInterest(10.5, d('2024-05-01'), d('2024-06-01'))).toThrow('principalCents: 10.5 must be a whole number of cents');
    expect(() => b2bInterest(100, d('2024-06-01'), d('2024-05-01'))).toThrow('untilDate: 2024-05-01 is before dueDate 2024-06-01; it must be on or after it');
    expect(() => b2cFixedDamages(-500, d('2024-01-15'))).toThrow('balanceCents: -500 must not be negative');
    expect(() => b2cMaxReminderFee(d('2024-01-15'), 2, -1)).toThrow('postageCents: -1 must not be negative');
  });

  it('rejects malformed and impossible dates with the expected format', () => {
    const unchecked = (value: string) => value as ReturnType<typeof d>;
    expect(() => b2bInterest(100, unchecked('01/05/2024'), d('2024-06-01'))).toThrow('dueDate: "01/05/2024" is not a calendar date; expected YYYY-MM-DD');
    expect(() => b2bInterest(100, d('2024-05-01'), unchecked('2024-02-30'))).toThrow('untilDate: "2024-02-30" is not a calendar date');
    expect(() => b2cWaitingPeriodEnd(unchecked('2024-13-01'), 'email')).toThrow('sentDate: "2024-13-01" is not a calendar date');
    expect(() => b2cWaitingPeriodEnd(d('2024-03-01'), 'fax' as 'email')).toThrow('medium: "fax" must be \'email\' or \'post\'');
    expect(() => b2bCompensation(1, unchecked('2024-5-2'))).toThrow(LatePaymentInputError);
  });
});
