import { describe, expect, it } from 'vitest';
import { add, documentTotals, subtract } from '#common/money/index.ts';
import { emptyLine, lineForApi, previewTotals, type LineDraft } from './line-drafts.ts';

const line = (patch: Partial<LineDraft>): LineDraft => ({ ...emptyLine('10.00'), ...patch });

describe('quote and order lines as typed', () => {
  it('preview the totals the server computes from the same lines (documentTotals)', () => {
    const lines = [
      line({ description: 'لپ‌تاپ', quantity: '2', unitPrice: '450000000.00', discountPercent: '5' }),
      line({ description: 'نصب', quantity: '3', unitPrice: '25000000', taxRate: '0' }),
    ];
    const preview = previewTotals(lines, '12345670', 'IRR');
    expect(preview).toEqual(
      documentTotals(
        [
          { quantity: '2', unitPrice: '450000000.00', discountPercent: '5.00', taxRate: '10.00' },
          { quantity: '3', unitPrice: '25000000.00', discountPercent: '0.00', taxRate: '0.00' },
        ],
        '12345670.00',
        0,
      ),
    );
    expect(preview?.subtotal).toBe('930000000.00');
    // Lines add up: subtotal − discount + VAT = total, to the last rial.
    expect(add(subtract(preview!.subtotal, preview!.discountAmount), preview!.taxTotal)).toBe(preview!.total);
  });

  it('send numbers at the scales the server stores (3 places for quantities, 2 for money and rates)', () => {
    expect(lineForApi(line({ description: ' x ', quantity: '1.500', unitPrice: '19.9', discountPercent: '', taxRate: '9' }))).toEqual({
      productId: null,
      description: 'x',
      quantity: '1.5',
      unitPrice: '19.90',
      discountPercent: '0.00',
      taxRate: '9.00',
      unitCost: null,
    });
  });

  it('show no totals while a number is unreadable', () => {
    expect(previewTotals([line({ quantity: null })], '0', 'IRR')).toBeNull();
    expect(previewTotals([line({ unitPrice: '10' })], null, 'USD')).toBeNull();
  });
});
