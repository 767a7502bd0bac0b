/** Money in integer cents; formatting for people in their language. */

/** An amount in euro cents. Always an integer. */
export type Cents = number;

const LOCALES: Record<string, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE', de: 'de-BE' };

/** "€ 1.234,56" in Dutch, "1 234,56 €" in French: Intl's Belgian conventions. */
export function formatMoney(cents: Cents, currency: string, language: string): string {
  return new Intl.NumberFormat(LOCALES[language] ?? 'en-BE', { style: 'currency', currency }).format(cents / 100);
}

/** `EUR 1234.56`: amounts in credit decisions, clearances and reviews, the same in every language and log. */
export function euroText(cents: Cents): string {
  return `EUR ${(cents / 100).toFixed(2)}`;
}

export function sumCents(amounts: readonly Cents[]): Cents {
  return amounts.reduce((total, amount) => total + amount, 0);
}
