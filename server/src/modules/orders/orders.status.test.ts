import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors/index.ts';
import { assertOrderMove, assertQuoteMove, orderEditable, quoteEditable } from './orders.status.ts';

const refused = (move: () => void) => {
  try {
    move();
    return false;
  } catch (error) {
    return error instanceof AppError && error.code === 'invalid_status_transition' && error.status === 409;
  }
};

describe('quote and order statuses', () => {
  it('lets a quote be sent, reopened, and decided once', () => {
    expect(refused(() => assertQuoteMove('draft', 'sent'))).toBe(false);
    expect(refused(() => assertQuoteMove('sent', 'draft'))).toBe(false);
    expect(refused(() => assertQuoteMove('sent', 'accepted'))).toBe(false);
    expect(refused(() => assertQuoteMove('expired', 'sent'))).toBe(false);
    expect(refused(() => assertQuoteMove('draft', 'accepted'))).toBe(true);
    expect(refused(() => assertQuoteMove('accepted', 'rejected'))).toBe(true);
    expect(refused(() => assertQuoteMove('rejected', 'draft'))).toBe(true);
  });

  it('moves orders forward only, and cancels anything but a paid order', () => {
    expect(refused(() => assertOrderMove('draft', 'paid'))).toBe(false);
    expect(refused(() => assertOrderMove('invoiced', 'cancelled'))).toBe(false);
    expect(refused(() => assertOrderMove('paid', 'cancelled'))).toBe(true);
    expect(refused(() => assertOrderMove('invoiced', 'confirmed'))).toBe(true);
    expect(refused(() => assertOrderMove('cancelled', 'draft'))).toBe(true);
  });

  it('allows editing lines only while a quote is being written or an order is a draft', () => {
    expect([quoteEditable('draft'), quoteEditable('sent'), quoteEditable('accepted')]).toEqual([true, true, false]);
    expect([orderEditable('draft'), orderEditable('confirmed')]).toEqual([true, false]);
  });

  it('words a refused move in both languages', () => {
    expect.assertions(1);
    try {
      assertOrderMove('paid', 'draft');
    } catch (error) {
      expect((error as AppError).messages).toEqual({ fa: 'وضعیت نمی‌تواند از «پرداخت‌شده» به «پیش‌نویس» تغییر کند.', en: 'The status cannot go from "paid" to "draft".' });
    }
  });
});
