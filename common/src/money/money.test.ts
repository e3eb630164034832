import { describe, expect, it } from 'vitest';
import { add, currencyScale, divide, documentTotals, formatMoney, lineNet, multiply, parseDecimal, percentOf, round, toUnits } from './index.ts';

describe('decimal money', () => {
  it('parses Persian, Arabic-Indic and Latin digits with separators', () => {
    expect(parseDecimal('۱۲٬۵۰۰٫۵')).toBe('12500.5');
    expect(parseDecimal('١٢٥٠')).toBe('1250');
    expect(parseDecimal('1,250.75')).toBe('1250.75');
    expect(parseDecimal('-0')).toBe('0');
    expect(parseDecimal('12a')).toBeNull();
    expect(parseDecimal(0.1 + 0.2)).toBe('0.3');
  });

  it('adds without floating-point error', () => {
    expect(add('0.1', '0.2')).toBe('0.30');
    expect(add(...Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(add('999999999999999999.99', '0.01')).toBe('1000000000000000000.00');
  });

  it('rounds half away from zero', () => {
    expect(round('2.345')).toBe('2.35');
    expect(round('-2.345')).toBe('-2.35');
    expect(toUnits('2.344', 2)).toBe(234n);
    expect(multiply('3', '0.335')).toBe('1.01');
    expect(divide('10', '3')).toBe('3.33');
    expect(divide('-2', '3')).toBe('-0.67');
    expect(percentOf('1000', '9')).toBe('90.00');
  });

  it('computes a line net after its discount', () => {
    expect(lineNet({ quantity: '3', unitPrice: '1500000', discountPercent: '10' })).toBe('4050000.00');
    expect(lineNet({ quantity: '2.5', unitPrice: '19.99' })).toBe('49.98');
  });

  it('spreads a document discount over lines so lines add up to the total', () => {
    const totals = documentTotals(
      [
        { quantity: '1', unitPrice: '100', taxRate: '10', unitCost: '60' },
        { quantity: '1', unitPrice: '200', taxRate: '0', unitCost: '150' },
        { quantity: '1', unitPrice: '33.33', taxRate: '10', unitCost: null },
      ],
      '10',
    );
    expect(totals.subtotal).toBe('333.33');
    expect(totals.discountAmount).toBe('10.00');
    expect(add('0', ...totals.lines.map((l) => l.netAmount))).toBe('323.33');
    expect(totals.total).toBe(add('0', ...totals.lines.map((l) => l.totalAmount)));
    expect(totals.lines[0]!.netAmount).toBe('97.00');
    expect(totals.lines[0]!.taxAmount).toBe('9.70');
    expect(totals.costTotal).toBeNull();
  });

  it('keeps rial documents in whole rials, with lines still adding up to the total', () => {
    const totals = documentTotals(
      [
        { quantity: '40', unitPrice: '48000000', taxRate: '10' },
        { quantity: '24', unitPrice: '9500000', taxRate: '10' },
        { quantity: '1', unitPrice: '180000000', taxRate: '10' },
      ],
      '80000000',
      currencyScale('IRR'),
    );
    for (const line of totals.lines) expect(line.totalAmount, JSON.stringify(line)).toMatch(/^\d+\.00$/);
    expect(totals.total).toBe(add('0', ...totals.lines.map((l) => l.totalAmount)));
    expect(totals.total).toBe('2472800000.00');
    expect(lineNet({ quantity: '3', unitPrice: '33333.5' }, currencyScale('IRR'))).toBe('100001.00');
    expect(currencyScale('USD')).toBe(2);
  });

  it('caps a document discount at the subtotal', () => {
    const totals = documentTotals([{ quantity: '1', unitPrice: '50', taxRate: '10' }], '80');
    expect(totals.discountAmount).toBe('50.00');
    expect(totals.total).toBe('0.00');
  });

  it('shows IRR as tomans with Persian digits', () => {
    expect(formatMoney('125000000', 'IRR', 'fa', 'toman')).toBe('۱۲٬۵۰۰٬۰۰۰ تومان');
    expect(formatMoney('125000000', 'IRR', 'en', 'rial')).toBe('125,000,000 IRR');
    expect(formatMoney('1999.5', 'USD', 'en')).toBe('1,999.50 USD');
    expect(formatMoney('2000', 'USD', 'en')).toBe('2,000 USD');
  });
});
