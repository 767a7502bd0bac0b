import { calendarDate as d } from '../../domain/calendar';
import { belgianPeppolId, deliveryChannel, mustUsePeppol, PEPPOL_MANDATORY_FROM, type ChannelFacts } from '../../domain/invoicing/channel';

const mandatory = d('2026-01-01');
const before = d('2025-12-31');

const belgianCompany = (overrides: Partial<ChannelFacts> = {}): ChannelFacts => ({
  kind: 'B2B',
  vatNumber: 'BE0456789133',
  enterpriseNumber: null,
  peppolId: '0208:0456789133',
  email: 'ap@voorbeeld.be',
  ...overrides,
});

describe('the Belgian e-invoicing mandate', () => {
  it('starts on 1 January 2026', () => {
    expect(PEPPOL_MANDATORY_FROM).toBe('2026-01-01');
  });

  it('sends a Belgian VAT-registered business its invoices over Peppol from 2026, even when it prefers e-mail', () => {
    expect(mustUsePeppol(belgianCompany(), mandatory)).toBe(true);
    expect(deliveryChannel(belgianCompany({ preferredChannel: 'email' }), mandatory)).toBe('peppol');
    expect(deliveryChannel(belgianCompany({ preferredChannel: 'letter', peppolId: null }), d('2026-06-30'))).toBe('peppol');
  });

  it('reads a lower-case BE prefix as Belgian', () => {
    expect(mustUsePeppol(belgianCompany({ vatNumber: 'be0456789133' }), mandatory)).toBe(true);
  });

  it("follows a Belgian business's preference before 2026", () => {
    expect(mustUsePeppol(belgianCompany(), before)).toBe(false);
    expect(deliveryChannel(belgianCompany({ preferredChannel: 'email' }), before)).toBe('email');
    expect(deliveryChannel(belgianCompany({ preferredChannel: 'letter' }), before)).toBe('letter');
  });

  it('follows the preference of a business with a foreign VAT number', () => {
    const dutch = belgianCompany({ vatNumber: 'NL123456789B01', peppolId: null, preferredChannel: 'letter' });
    expect(mustUsePeppol(dutch, mandatory)).toBe(false);
    expect(deliveryChannel(dutch, mandatory)).toBe('letter');
  });

  it('sends a public buyer its invoices over Peppol from 2026, whatever it prefers', () => {
    const buyer: ChannelFacts = { kind: 'B2G', vatNumber: null, preferredChannel: 'letter', email: 'facturen@stad.be' };
    expect(mustUsePeppol(buyer, mandatory)).toBe(true);
    expect(deliveryChannel(buyer, mandatory)).toBe('peppol');
    expect(deliveryChannel(buyer, before)).toBe('letter');
  });

  it('never obliges Peppol for a consumer', () => {
    expect(mustUsePeppol({ kind: 'B2C', vatNumber: 'BE0456789133', email: 'jan@example.be' }, mandatory)).toBe(false);
  });
});

describe("choosing the channel when the law leaves the choice to the customer", () => {
  it('sends a letter to a consumer who prefers one, even with an e-mail address', () => {
    expect(deliveryChannel({ kind: 'B2C', preferredChannel: 'letter', email: 'jan@example.be' }, mandatory)).toBe('letter');
  });

  it('sends an e-mail when there is no preference and an address', () => {
    expect(deliveryChannel({ kind: 'B2C', email: 'jan@example.be' }, mandatory)).toBe('email');
  });

  it('sends a letter when there is no preference and no address', () => {
    expect(deliveryChannel({ kind: 'B2C', email: null }, mandatory)).toBe('letter');
    expect(deliveryChannel({ kind: 'B2C' }, mandatory)).toBe('letter');
  });

  it('sends over Peppol to a customer who prefers it and has a Peppol id', () => {
    expect(deliveryChannel({ kind: 'B2C', preferredChannel: 'peppol', peppolId: '0208:0456789133', email: 'jan@example.be' }, before)).toBe('peppol');
  });

  it('falls back to e-mail, else a letter, when Peppol is preferred without a Peppol id', () => {
    expect(deliveryChannel({ kind: 'B2C', preferredChannel: 'peppol', peppolId: null, email: 'jan@example.be' }, mandatory)).toBe('email');
    expect(deliveryChannel({ kind: 'B2C', preferredChannel: 'peppol' }, mandatory)).toBe('letter');
  });
});

describe('the Belgian Peppol participant id', () => {
  it('is scheme 0208 with the enterprise number', () => {
    expect(belgianPeppolId('0456789133')).toBe('0208:0456789133');
  });
});
