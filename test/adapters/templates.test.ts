import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplates, TEMPLATES_DIR, TemplateNotFoundError } from '../../adapters/templates';

const data = {
  customer: { id: 'C-1', name: 'Bouw NV' },
  creditor: { name: 'Acme Services NV', enterpriseNumber: '0123.456.749', iban: 'BE68 5390 0754 7034', email: 'credit@acme.example' },
  step: { code: 'R1', title: 'Reminder 1' },
  invoices: [
    { number: '2026-0001', issueDate: '2026-03-01', dueDate: '2026-03-31', amountCents: 123456, openCents: 123456, currency: 'EUR', level: 'VVD', daysOverdue: 7 },
    { number: '2026-0002', issueDate: '2026-03-16', dueDate: '2026-04-15', amountCents: 1000, openCents: 1000, currency: 'EUR', level: '', daysOverdue: -8 },
  ],
  otherOverdue: [],
  totalCents: 124456,
  currency: 'EUR',
  payBy: '2026-04-21',
  fees: { interestCents: 0, compensationCents: 0, damagesCents: 0, reminderFeeCents: 0, announcedDamagesCents: 0, totalFeesCents: 0 },
  claimTotalCents: 124456,
};

describe('message templates', () => {
  const templates = loadTemplates(TEMPLATES_DIR);

  it('ships the first reminder in Dutch, French and English', () => {
    expect(templates.catalogue()['first-reminder']).toEqual(['en', 'fr', 'nl']);
  });

  // Intl separates amounts and currency with non-breaking spaces, as typography wants.
  const render = (language: string) => {
    const { subject, text } = templates.render('first-reminder', language, data);
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    return { subject: plain(subject), text: plain(text) };
  };

  it('renders amounts and dates the Belgian way in each language', () => {
    const nl = render('nl');
    expect(nl.subject).toBe('Herinnering: 2 openstaande factuur/facturen (€ 1.244,56)');
    expect(nl.text).toContain('- factuur 2026-0001, vervallen op 31 maart 2026: € 1.234,56');
    const fr = render('fr');
    expect(fr.text).toContain('- facture 2026-0002, échue le 15 avril 2026 : 10,00 €');
    const en = render('en');
    expect(en.text).toContain('Total open: €1,244.56.');
  });

  it('says which file to add for a language a template lacks', () => {
    expect(() => templates.render('first-reminder', 'de', data)).toThrow(TemplateNotFoundError);
    expect(() => templates.render('first-reminder', 'de', data)).toThrow('add templates/first-reminder/de.subject.hbs and de.text.hbs');
  });

  it('fails when a template uses a field the data lacks, instead of printing an empty hole', () => {
    expect(() => templates.render('first-reminder', 'nl', { ...data, customer: {} })).toThrow(/"name" not defined/);
  });

  it('refuses to start with a template that does not parse', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-templates-'));
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(path.join(dir, 'broken', 'nl.subject.hbs'), 'Hallo {{#each}}');
    fs.writeFileSync(path.join(dir, 'broken', 'nl.text.hbs'), 'x');
    expect(() => loadTemplates(dir)).toThrow(/Parse error/);
  });
});
