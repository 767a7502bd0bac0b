/**
 * Belgian VAT rates as data with validity periods, and the VAT categories of EN 16931
 * (code list UNCL5305) that Peppol BIS Billing 3.0 accepts from a Belgian seller.
 * BELGIUM.md section 5: the invoice shows the taxable base and VAT per rate, and the
 * exemption or reverse-charge wording where no Belgian VAT is charged.
 *
 * Rates are in basis points (2100 = 21 %). A rate change is a new row here, with the
 * date it applies from; code elsewhere never names a rate.
 */
import { calendarDate, compareDates, type CalendarDate } from '../calendar';
import { UNTIL_AMENDED, type ValidityPeriod } from '../legal-rates';

export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

export const VAT_CATEGORY_NAMES: Readonly<Record<VatCategory, string>> = {
  S: 'standard rate',
  Z: 'zero rated',
  E: 'exempt from VAT',
  AE: 'reverse charge',
  K: 'intra-community supply',
  G: 'export outside the EU',
};

export interface VatRatePeriod extends ValidityPeriod {
  basisPoints: number;
  /** Only S and Z have a Belgian rate; the other categories charge no Belgian VAT. */
  category: 'S' | 'Z';
  name: string;
}

function rate(basisPoints: number, category: 'S' | 'Z', name: string): VatRatePeriod {
  // The rates are older than 2019; the table starts where the other legal tables start,
  // because this engine issues no invoice for an earlier chargeable event.
  return { validFrom: calendarDate('2019-01-01'), validTo: UNTIL_AMENDED, basisPoints, category, name };
}

export const BELGIAN_VAT_RATES: readonly VatRatePeriod[] = [
  rate(2100, 'S', 'standard rate'),
  rate(1200, 'S', 'intermediate reduced rate'),
  rate(600, 'S', 'reduced rate'),
  rate(0, 'Z', 'zero rate'),
];

/** The text an invoice must carry, in the languages of the Belgian regions and in English, with its VATEX code (EN 16931 BT-121). */
export interface ExemptionNote {
  code: string | null;
  nl: string;
  fr: string;
  en: string;
}

/**
 * Which reverse-charge mention an AE invoice carries. 'general' is the mention every
 * reverse-charge invoice needs (VAT Directive art. 226 (11a)); 'immovable-works' is the
 * longer Belgian text for works on immovable property (Royal Decree no. 1, art. 20),
 * which also warns the customer that it is presumed to be a VAT filer.
 */
export type ReverseChargeWording = 'general' | 'immovable-works';

/**
 * UNCONFIRMED: taken from published practice, not from the official gazette. NL and FR are
 * the languages the law knows; the English is our translation. Have a VAT adviser read
 * them before the first invoice goes out; they are data so that a correction is a one-line change.
 */
export const REVERSE_CHARGE_NOTES: Readonly<Record<ReverseChargeWording, ExemptionNote>> = {
  general: { code: 'VATEX-EU-AE', nl: 'Verlegging van heffing', fr: 'Autoliquidation', en: 'Reverse charge' },
  'immovable-works': {
    code: 'VATEX-EU-AE',
    nl:
      'Verlegging van heffing. Bij gebrek aan schriftelijke betwisting binnen een termijn van één maand na de ontvangst van de factuur, ' +
      'wordt de afnemer geacht te erkennen dat hij een belastingplichtige is gehouden tot de indiening van periodieke aangiften. ' +
      'Als die voorwaarde niet vervuld is, is de afnemer ten aanzien van die voorwaarde aansprakelijk voor de betaling van de verschuldigde belasting, interesten en geldboeten.',
    fr:
      "Autoliquidation. En l'absence de contestation par écrit, dans un délai d'un mois à compter de la réception de la facture, " +
      "le client est présumé reconnaître qu'il est un assujetti tenu au dépôt de déclarations périodiques. " +
      "Si cette condition n'est pas remplie, le client endossera, par rapport à cette condition, la responsabilité quant au paiement de la taxe, des intérêts et des amendes dus.",
    en:
      'Reverse charge. In the absence of a written objection within one month of receiving the invoice, ' +
      'the customer is presumed to acknowledge that it is a taxable person required to file periodic VAT returns. ' +
      'If that condition is not met, the customer is liable, as regards that condition, for the tax, interest and fines due.',
  },
};

/** UNCONFIRMED in the same way as the reverse-charge notes. */
export const FIXED_EXEMPTION_NOTES: Readonly<Record<'K' | 'G', ExemptionNote>> = {
  K: {
    code: 'VATEX-EU-IC',
    nl: 'Vrijgestelde intracommunautaire levering, artikel 39bis, eerste lid, 1°, van het Btw-Wetboek',
    fr: 'Livraison intracommunautaire exemptée, article 39bis, alinéa 1er, 1°, du Code de la TVA',
    en: 'Exempt intra-Community supply, Article 39bis, first paragraph, 1°, of the Belgian VAT Code',
  },
  G: {
    code: 'VATEX-EU-G',
    nl: 'Vrijgestelde uitvoer, artikel 39, § 1, van het Btw-Wetboek',
    fr: 'Exportation exemptée, article 39, § 1er, du Code de la TVA',
    en: 'Exempt export, Article 39(1) of the Belgian VAT Code',
  },
};

/** What is wrong with a category and rate on a date; the field is the line's property to correct. */
export interface VatProblem {
  field: 'vatCategory' | 'vatRateBasisPoints';
  reason: string;
}

const percent = (basisPoints: number): string => `${basisPoints / 100} %`;

/**
 * Whether `category` at `basisPoints` may be charged on `date` (the day VAT becomes
 * chargeable). S takes a Belgian positive rate in force that day; every other category
 * charges nothing (EN 16931 BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05).
 */
export function vatCombinationProblem(category: string, basisPoints: number, date: CalendarDate): VatProblem | null {
  if (!(VAT_CATEGORIES as readonly string[]).includes(category)) {
    return { field: 'vatCategory', reason: `"${category}" is not a VAT category; use one of ${VAT_CATEGORIES.join(', ')} (UNCL5305)` };
  }
  const known = category as VatCategory;
  if (known !== 'S') {
    if (basisPoints === 0) return known === 'Z' ? missingRate(known, 0, date) : null;
    return { field: 'vatRateBasisPoints', reason: `category ${known} (${VAT_CATEGORY_NAMES[known]}) charges no Belgian VAT: the rate must be 0, not ${basisPoints}` };
  }
  if (basisPoints === 0) return { field: 'vatRateBasisPoints', reason: 'category S needs a positive rate; 0 % is category Z (zero rated)' };
  return missingRate('S', basisPoints, date);
}

function missingRate(category: 'S' | 'Z', basisPoints: number, date: CalendarDate): VatProblem | null {
  const inForce = BELGIAN_VAT_RATES.filter((row) => row.category === category && compareDates(row.validFrom, date) <= 0 && compareDates(date, row.validTo) <= 0);
  if (inForce.some((row) => row.basisPoints === basisPoints)) return null;
  const choices = inForce.map((row) => `${row.basisPoints} (${percent(row.basisPoints)})`).join(', ');
  return {
    field: 'vatRateBasisPoints',
    reason: `${basisPoints} is not a Belgian ${VAT_CATEGORY_NAMES[category]} in force on ${date}; ${choices ? `use ${choices}` : 'the VAT rate table has no row for that day'}`,
  };
}

/** The note a VAT breakdown of `category` carries; E takes the seller's own reason, S and Z carry none (BR-S-10, BR-Z-10). */
export function fixedExemptionNote(category: VatCategory, reverseCharge: ReverseChargeWording): ExemptionNote | null {
  if (category === 'AE') return REVERSE_CHARGE_NOTES[reverseCharge];
  if (category === 'K' || category === 'G') return FIXED_EXEMPTION_NOTES[category];
  return null;
}

/** "S 21 %", as reasons and descriptions name a VAT group. */
export function vatGroupLabel(category: VatCategory, basisPoints: number): string {
  return `${category} ${percent(basisPoints)}`;
}
