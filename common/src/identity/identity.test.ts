import { describe, expect, it } from 'vitest';
import { isIranianMobile, isValidIranianLegalId, isValidIranianNationalId, normalizeIranianPhone } from './index.ts';

describe('normalizeIranianPhone', () => {
  it.each([
    '09121234567',
    '9121234567',
    '+989121234567',
    '00989121234567',
    '0098 912 123 4567',
    '989121234567',
    '+98 912 123 4567',
    '+98 (912) 123-4567',
    '(0912) 123-4567',
    '0912-123-4567',
    '0912.123.4567',
    '۰۹۱۲۱۲۳۴۵۶۷',
    '٠٩١٢١٢٣٤٥٦٧',
    '+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷',
    '۰۰۹۸-۹۱۲-۱۲۳-۴۵۶۷',
    '+98 0912 123 4567',
    '\u200E+98 912 123 4567\u200E',
    ' 0912\u00A0123\u00A04567 ',
  ])('%j → +989121234567', (input) => {
    expect(normalizeIranianPhone(input)).toBe('+989121234567');
  });

  it('normalises landlines and other mobile ranges', () => {
    expect(normalizeIranianPhone('021-88776655')).toBe('+982188776655');
    expect(normalizeIranianPhone('(021) 8877 6655')).toBe('+982188776655');
    expect(normalizeIranianPhone('+98 21 8877 6655')).toBe('+982188776655');
    expect(normalizeIranianPhone('۰۳۱۳۲۲۲۳۳۴۴')).toBe('+983132223344');
    expect(normalizeIranianPhone('09901234567')).toBe('+989901234567');
  });

  it('keeps valid foreign numbers written with + or 00', () => {
    expect(normalizeIranianPhone('+1 (415) 555-2671')).toBe('+14155552671');
    expect(normalizeIranianPhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizeIranianPhone('+49 30 1234567')).toBe('+49301234567');
    expect(normalizeIranianPhone('+971 4 123 4567')).toBe('+97141234567');
  });

  it.each([
    '',
    'abc',
    'call me',
    '0912123456',
    '091212345678',
    '+98912123456',
    '+9891212345678',
    '88776655',
    '2188776655',
    '123',
    '+1234567',
    '+1234567890123456',
    '+0123456789',
    '0912123456x',
    '09121234567 ext 2',
    '+98 0 21 0',
    '++989121234567',
    '0912+1234567',
    '02088776655',
  ])('rejects %j', (input) => {
    expect(normalizeIranianPhone(input)).toBeNull();
  });

  it('tells mobiles from landlines', () => {
    expect(isIranianMobile('09121234567')).toBe(true);
    expect(isIranianMobile('021 88776655')).toBe(false);
    expect(isIranianMobile('+14155552671')).toBe(false);
    expect(isIranianMobile('garbage')).toBe(false);
  });
});

describe('isValidIranianNationalId', () => {
  it.each(['0499370899', '0790419904', '۰۴۹۹۳۷۰۸۹۹', '٠٧٩٠٤١٩٩٠٤', '049-937089-9', ' 0499370899 '])('accepts %j', (id) => {
    expect(isValidIranianNationalId(id)).toBe(true);
  });

  it.each([
    '0499370898', // wrong check digit
    '0790419905',
    '1111111111', // passes the checksum, but all digits equal
    '0000000000',
    '499370899', // leading zero dropped
    '04993708999',
    '049937089a',
    '',
    'abcdefghij',
  ])('rejects %j', (id) => {
    expect(isValidIranianNationalId(id)).toBe(false);
  });
});

describe('isValidIranianLegalId', () => {
  it('checks the 11-digit legal ID', () => {
    expect(isValidIranianLegalId('10380284790')).toBe(true);
    expect(isValidIranianLegalId('۱۰۳۸۰۲۸۴۷۹۰')).toBe(true);
    expect(isValidIranianLegalId('14007650912')).toBe(true);
    expect(isValidIranianLegalId('10380284791')).toBe(false);
    expect(isValidIranianLegalId('103802847900')).toBe(false);
    expect(isValidIranianLegalId('1038028479')).toBe(false);
    expect(isValidIranianLegalId('00000000000')).toBe(false);
    expect(isValidIranianLegalId('')).toBe(false);
  });
});
