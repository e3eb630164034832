import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { foldLine, formatVcard, parseVcards, vcardToPersonRecord } from './vcard.ts';

const fixtures = new URL('../../../../tests/fixtures/imports/', import.meta.url);

describe('vCard', () => {
  const person = {
    id: '0b6f7c1e-2f4a-4c55-9d8e-1234567890ab',
    firstName: 'علی',
    lastName: 'رضایی؛ نژاد, دوم',
    emails: ['ali@example.com', 'a.rezaei@example.org'],
    phones: [{ value: '+989121234567' }, { value: '+982188776655', label: 'work' }],
    organization: 'شرکت پیوند',
    jobTitle: 'مدیر فروش; ارشد',
    birthday: '1986-07-12',
    addresses: [{ line: 'خیابان ولیعصر، پلاک ۴\nطبقه ۲', city: 'تهران', province: 'تهران', postalCode: '1234567890', country: 'ایران' }],
  };

  test.each(['4.0', '3.0'] as const)('%s: what is written reads back the same', (version) => {
    const text = formatVcard(person, version);
    expect(text).toContain(`VERSION:${version}`);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const [card] = parseVcards(text);
    expect(card).toMatchObject({
      n: { family: person.lastName, given: person.firstName },
      emails: person.emails,
      tels: ['+989121234567', '+982188776655'],
      org: person.organization,
      title: person.jobTitle,
      bday: '1986-07-12',
    });
    expect(card!.adrs[0]).toEqual({ street: person.addresses[0]!.line, locality: 'تهران', region: 'تهران', postalCode: '1234567890', country: 'ایران' });
  });

  test('folding never cuts a Persian character', () => {
    const line = `FN:${'پیوند'.repeat(40)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n ').join('')).toBe(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
  });

  test("an Android 2.1 export with quoted-printable Persian names, and a 3.0 card with a photo", async () => {
    const cards = parseVcards(await readFile(new URL('contacts-android.vcf', fixtures), 'utf8'));
    expect(cards).toHaveLength(2);
    expect(vcardToPersonRecord(cards[0]!)).toEqual({ firstName: 'زهرا', lastName: 'کریمی', email: 'zahra@example.com', phone: '09123334455, 021-88776655' });
    expect(vcardToPersonRecord(cards[1]!)).toEqual({
      firstName: 'Babak',
      lastName: 'Tehrani',
      email: 'babak@example.com',
      phone: '+98 912 555 6677',
      organization: 'Peyvand Co.',
      jobTitle: 'CTO',
      birthday: '1980-12-31',
      addressLine: 'Valiasr St, No. 5',
      city: 'Tehran',
      province: 'Tehran',
      postalCode: '1234567890',
      country: 'Iran',
    });
  });
});
