/**
 * The message templates of every written step (RU, VVD, R1-R3, IGS; B2B and consumer
 * variants) in Dutch, French and English, rendered with the full data contract.
 */
import { loadTemplates, TEMPLATES_DIR } from '../../adapters/templates';

const TEMPLATES = [
  'courtesy-reminder',
  'due-date-notice',
  'first-reminder',
  'second-reminder',
  'third-reminder',
  'formal-notice',
  'first-reminder-consumer',
  'formal-notice-consumer',
] as const;
const LANGUAGES = ['en', 'fr', 'nl'] as const;
type Language = (typeof LANGUAGES)[number];

const fees = {
  interestCents: 1_234,
  compensationCents: 8_000,
  damagesCents: 10_223,
  reminderFeeCents: 750,
  announcedDamagesCents: 10_223,
  totalFeesCents: 1_234 + 8_000 + 10_223 + 750,
};

const data = {
  customer: { id: 'C-1', name: 'Bouw NV' },
  creditor: { name: 'Acme Services NV', enterpriseNumber: '0123.456.749', iban: 'BE68 5390 0754 7034', email: 'credit@acme.example' },
  step: { code: 'R1', title: 'Reminder 1' },
  invoices: [
    { number: '2026-0001', issueDate: '2026-03-01', dueDate: '2026-03-31', amountCents: 123_456, openCents: 123_456, currency: 'EUR', level: 'VVD', daysOverdue: 7 },
    { number: '2026-0002', issueDate: '2026-03-16', dueDate: '2026-04-15', amountCents: 5_000, openCents: 1_000, currency: 'EUR', level: '', daysOverdue: -8 },
  ],
  otherOverdue: [{ number: '2025-0999', dueDate: '2026-01-31', openCents: 7_500, currency: 'EUR', level: 'R2' }],
  totalCents: 124_456,
  currency: 'EUR',
  payBy: '2026-04-21',
  fees,
  claimTotalCents: 124_456 + fees.totalFeesCents,
};

/** What the sample data must look like once rendered, per language. */
const expected: Record<Language, Record<string, string>> = {
  nl: { payBy: '21 april 2026', damages: '€ 102,23', interest: '€ 12,34', compensation: '€ 80,00', reminderFee: '€ 7,50', claimTotal: '€ 1.446,63' },
  fr: { payBy: '21 avril 2026', damages: '102,23 €', interest: '12,34 €', compensation: '80,00 €', reminderFee: '7,50 €', claimTotal: '1 446,63 €' },
  en: { payBy: '21 April 2026', damages: '€102.23', interest: '€12.34', compensation: '€80.00', reminderFee: '€7.50', claimTotal: '€1,446.63' },
};

// Intl separates amounts, thousands and currency with non-breaking spaces, as typography wants.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('dunning templates', () => {
  const templates = loadTemplates(TEMPLATES_DIR);
  const render = (template: string, language: Language, input: Record<string, unknown> = data) => {
    const { subject, text } = templates.render(template, language, input);
    return { subject: plain(subject), text: plain(text) };
  };

  it.each(TEMPLATES)('ships %s in Dutch, French and English', (template) => {
    expect(templates.catalogue()[template]).toEqual(['en', 'fr', 'nl']);
  });

  describe.each(TEMPLATES)('%s', (template) => {
    it.each(LANGUAGES)('renders in %s with the full data contract, with a one-line subject', (language) => {
      const { subject, text } = render(template, language);
      expect(subject).not.toMatch(/\n/);
      expect(subject.length).toBeGreaterThan(0);
      expect(text).toContain('2026-0001');
      expect(text).toContain('2026-0002');
      expect(text).toContain(data.creditor.name);
      expect(text).toContain(data.creditor.email);
    });

    it.each(LANGUAGES)('lists in %s the other overdue invoices with the step each one had', (language) => {
      const text = render(template, language, data).text;
      const second = { nl: 'tweede herinnering', fr: 'deuxième rappel', en: 'second reminder' }[language];
      expect(text).toContain('2025-0999');
      expect(text).toContain(`(${second})`);
    });

    it.each(LANGUAGES)('renders in %s for a single invoice and no fees', (language) => {
      const single = {
        ...data,
        invoices: data.invoices.slice(0, 1),
        otherOverdue: [],
        totalCents: 123_456,
        fees: { interestCents: 0, compensationCents: 0, damagesCents: 0, reminderFeeCents: 0, announcedDamagesCents: 0, totalFeesCents: 0 },
        claimTotalCents: 123_456,
      };
      expect(() => render(template, language, single)).not.toThrow();
    });
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    const e = expected[language];

    it('the consumer first reminder states the enterprise number, the last day to pay and the damages announced', () => {
      const { subject, text } = render('first-reminder-consumer', language);
      expect(text).toContain(data.creditor.enterpriseNumber);
      expect(text).toContain(e.payBy);
      expect(subject).toContain(e.payBy);
      expect(text).toContain(e.damages);
      expect(text).toMatch(/14/);
      for (const invoice of data.invoices) expect(text).toContain(invoice.number);
    });

    it('the formal notice claims the interest, the flat compensation and the total', () => {
      const { subject, text } = render('formal-notice', language);
      expect(text).toContain(e.interest);
      expect(text).toContain(e.compensation);
      expect(text).toContain(e.claimTotal);
      expect(text).toContain(e.payBy);
      expect(subject).toContain(e.claimTotal);
    });

    it('the consumer formal notice claims the interest, the fixed damages and the total', () => {
      const { subject, text } = render('formal-notice-consumer', language);
      expect(text).toContain(e.interest);
      expect(text).toContain(e.damages);
      expect(text).toContain(e.claimTotal);
      expect(text).toContain(e.payBy);
      expect(subject).toContain(e.claimTotal);
    });

    it('the second reminder shows the reminder fee only when there is one', () => {
      expect(render('second-reminder', language).text).toContain(e.reminderFee);
      const withoutFee = {
        ...data,
        fees: { ...fees, reminderFeeCents: 0, totalFeesCents: fees.totalFeesCents - fees.reminderFeeCents },
        claimTotalCents: data.claimTotalCents - fees.reminderFeeCents,
      };
      const { subject, text } = render('second-reminder', language, withoutFee);
      expect(text).not.toContain(e.reminderFee);
      expect(subject).not.toContain(e.reminderFee);
    });
  });
});
