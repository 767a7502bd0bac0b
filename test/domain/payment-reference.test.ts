import { epcQrPayload, formatOgm, ogmDigits, parseOgm, PaymentReferenceError } from '../../domain/payment-reference';

describe('Belgian structured communication (OGM)', () => {
  it('computes the check digits of the known example: 0108068171 → +++010/8068/17183+++', () => {
    expect(formatOgm(ogmDigits('0108068171'))).toBe('+++010/8068/17183+++');
  });

  it('writes a remainder of 0 as 97', () => {
    // 0000000097 mod 97 = 0.
    expect(ogmDigits('0000000097')).toBe('000000009797');
  });

  it('reads what people type, and refuses wrong check digits with the right ones', () => {
    expect(parseOgm('***010/8068/17183***')).toBe('010806817183');
    expect(parseOgm(' +++010 / 8068 / 17183+++ ')).toBe('010806817183');
    expect(() => parseOgm('+++010/8068/17184+++')).toThrow('has wrong check digits (expected 83)');
    expect(() => parseOgm('+++010/8068/1718+++')).toThrow(PaymentReferenceError);
  });
});

describe('EPC QR payload', () => {
  const transfer = { beneficiaryName: 'Demo Company NV', iban: 'BE71 0961 2345 6769', bic: 'GKCCBEBB', amountCents: 123_45, ogm: '010806817183' };

  it('puts the OGM in the unstructured line unless told otherwise', () => {
    expect(epcQrPayload(transfer).split('\n')).toEqual([
      'BCD', '002', '1', 'SCT', 'GKCCBEBB', 'Demo Company NV', 'BE71096123456769', 'EUR123.45', '', '', '+++010/8068/17183+++',
    ]);
  });

  it('can put it in the structured line instead', () => {
    const lines = epcQrPayload({ ...transfer, structuredReference: true }).split('\n');
    expect(lines.slice(9)).toEqual(['010806817183']);
  });

  it('refuses what a bank app would refuse, naming the field', () => {
    expect(() => epcQrPayload({ ...transfer, iban: 'BE71' })).toThrow('iban: "BE71" is not an IBAN');
    expect(() => epcQrPayload({ ...transfer, amountCents: 0 })).toThrow(/^amountCents:/);
    expect(() => epcQrPayload({ ...transfer, beneficiaryName: 'x'.repeat(71) })).toThrow(/^beneficiaryName:/);
  });
});
