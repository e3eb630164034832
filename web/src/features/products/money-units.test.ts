import { describe, expect, it } from 'vitest';
import { fromEntered, groupDigits, toEntered } from './money-units.ts';

describe('money fields', () => {
  it('store rials for tomans typed in a toman workspace, with any digits and separators', () => {
    expect(fromEntered('۴۵٬۰۰۰٬۰۰۰', 'IRR', 'toman')).toBe('450000000.00');
    expect(fromEntered('1,234,567', 'IRR', 'toman')).toBe('12345670.00');
    expect(fromEntered('١٢٥٠', 'IRR', 'rial')).toBe('1250.00');
    expect(fromEntered('19.99', 'USD', 'toman')).toBe('19.99');
    expect(fromEntered('12a', 'IRR', 'toman')).toBeNull();
  });

  it('show stored amounts back in the unit they are typed in', () => {
    expect(toEntered('450000000.00', 'IRR', 'toman')).toBe('45000000');
    expect(toEntered('450000005.00', 'IRR', 'toman')).toBe('45000000.5');
    expect(toEntered('450000000.00', 'IRR', 'rial')).toBe('450000000');
    expect(toEntered('19.90', 'USD', 'toman')).toBe('19.9');
    // A round trip changes nothing.
    expect(fromEntered(toEntered('12345670.00', 'IRR', 'toman'), 'IRR', 'toman')).toBe('12345670.00');
  });

  it('group digits in the UI language', () => {
    expect(groupDigits('45000000', 'fa')).toBe('۴۵٬۰۰۰٬۰۰۰');
    expect(groupDigits('2.000', 'fa')).toBe('۲');
    expect(groupDigits('2.5', 'fa')).toBe('۲٫۵');
    expect(groupDigits('1234567.25', 'en')).toBe('1,234,567.25');
    expect(groupDigits('not a number', 'en')).toBe('not a number');
  });
});
