/**
 * Renders message templates with Handlebars. A template is a folder under templates/
 * with one subject and one text file per language: `<lang>.subject.hbs`, `<lang>.text.hbs`.
 * All templates are compiled once at start, so a broken one fails the start, not a reminder.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatMoney } from '../domain/money';

export interface RenderedMessage {
  subject: string;
  text: string;
}

export interface TemplateRenderer {
  render(template: string, language: string, data: Record<string, unknown>): RenderedMessage;
  /** Template ids with the languages each one has. */
  catalogue(): Record<string, string[]>;
}

export class TemplateNotFoundError extends Error {
  constructor(template: string, language: string, known: Record<string, string[]>) {
    const languages = known[template];
    super(
      languages
        ? `Template "${template}" has no "${language}" version (it has ${languages.join(', ')}): add templates/${template}/${language}.subject.hbs and ${language}.text.hbs`
        : `No template "${template}" (known: ${Object.keys(known).join(', ') || 'none'})`,
    );
    this.name = 'TemplateNotFoundError';
  }
}

const DATE_LOCALES: Record<string, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', de: 'de-BE' };

/** What a customer reads for the last step an invoice had. */
const STEP_NAMES: Record<string, Record<string, string>> = {
  nl: { '': 'nog geen herinnering', RU: 'betalingsbericht', VVD: 'betalingsbericht', R1: 'eerste herinnering', R2: 'tweede herinnering', R3: 'derde herinnering', IGS: 'ingebrekestelling', T: 'telefonisch contact' },
  fr: { '': 'pas encore de rappel', RU: 'avis d\'échéance', VVD: 'avis d\'échéance', R1: 'premier rappel', R2: 'deuxième rappel', R3: 'troisième rappel', IGS: 'mise en demeure', T: 'contact téléphonique' },
  en: { '': 'no reminder yet', RU: 'payment notice', VVD: 'payment notice', R1: 'first reminder', R2: 'second reminder', R3: 'third reminder', IGS: 'formal notice', T: 'phone call' },
};

/** Shared pieces of templates: templates/_partials/<name>.<lang>.hbs, used as {{> name}}. */
function partialsFor(directory: string, language: string): Record<string, string> {
  const folder = path.join(directory, '_partials');
  if (!fs.existsSync(folder)) return {};
  const suffix = `.${language}.hbs`;
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith(suffix))
      .map((file) => [file.slice(0, -suffix.length).replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()), fs.readFileSync(path.join(folder, file), 'utf8')]),
  );
}

function createHandlebars(language: string, partials: Record<string, string>): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const [name, source] of Object.entries(partials)) hbs.registerPartial(name, source);
  hbs.registerHelper('stepName', (code: string) => {
    const names = STEP_NAMES[language] ?? STEP_NAMES.en!;
    return names[code] ?? names[code.charAt(0)] ?? code;
  });
  hbs.registerHelper('money', (cents: number, currency: string) => formatMoney(cents, currency, language));
  hbs.registerHelper('date', (isoDate: string) =>
    new Intl.DateTimeFormat(DATE_LOCALES[language] ?? 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${isoDate}T12:00:00Z`),
    ),
  );
  hbs.registerHelper('count', (items: unknown[]) => items.length);
  return hbs;
}

type Compiled = { subject: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate };

export function loadTemplates(directory: string): TemplateRenderer {
  const compiled = new Map<string, Compiled>();
  const catalogue: Record<string, string[]> = {};
  for (const template of fs.readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))) {
    const folder = path.join(directory, template.name);
    const languages = fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.subject.hbs'))
      .map((file) => file.slice(0, -'.subject.hbs'.length));
    for (const language of languages) {
      const hbs = createHandlebars(language, partialsFor(directory, language));
      const read = (kind: string) => {
        const file = path.join(folder, `${language}.${kind}.hbs`);
        if (!fs.existsSync(file)) throw new Error(`Template ${template.name}/${language} has a subject but no ${file}`);
        const source = fs.readFileSync(file, 'utf8');
        hbs.parse(source); // compile() is lazy: parse now so a syntax error stops the start
        return hbs.compile(source, { strict: true, noEscape: true });
      };
      compiled.set(`${template.name}/${language}`, { subject: read('subject'), text: read('text') });
    }
    catalogue[template.name] = languages.sort();
  }
  return {
    render(template, language, data) {
      const entry = compiled.get(`${template}/${language}`);
      if (!entry) throw new TemplateNotFoundError(template, language, catalogue);
      return { subject: entry.subject(data).trim(), text: entry.text(data) };
    },
    catalogue: () => catalogue,
  };
}

export const TEMPLATES_DIR = path.resolve(__dirname, '..', 'templates');
