import { add, compare, divide, MONEY_SCALE, multiply, percentOf, round, subtract } from './decimal.ts';

/*
 * Line and document totals for deals, quotes and orders: one implementation, used by the server
 * to store totals and by the web app to preview them while a user edits lines.
 */

export type LineInput = {
  quantity: string;
  unitPrice: string;
  /** Percent off this line (0–100). */
  discountPercent?: string;
  /** VAT in percent (0 for exempt products). */
  taxRate?: string;
  unitCost?: string | null;
};

export type LineTotals = {
  /** quantity × unitPrice. */
  grossAmount: string;
  /** After the line discount and its share of the document discount, before tax. */
  netAmount: string;
  taxAmount: string;
  totalAmount: string;
  costAmount: string | null;
};

export type DocumentTotals = {
  /** Sum of line amounts after line discounts, before the document discount. */
  subtotal: string;
  discountAmount: string;
  taxTotal: string;
  total: string;
  costTotal: string | null;
  lines: LineTotals[];
};

/**
 * Decimal places amounts of a currency are rounded to: none for the rial (no coin smaller than
 * one rial circulates, and invoices in rials never show fractions), two otherwise.
 */
export function currencyScale(currency: string | undefined): number {
  return currency === 'IRR' ? 0 : MONEY_SCALE;
}

/** Rounded to `scale` places, written with the two places money strings always have. */
function toScale(value: string, scale: number): string {
  return round(round(value, scale), MONEY_SCALE);
}

/** quantity × unitPrice less the line discount, rounded to the currency's places. */
export function lineNet(line: LineInput, scale = MONEY_SCALE): string {
  const gross = multiply(line.quantity, line.unitPrice, MONEY_SCALE);
  return toScale(subtract(gross, percentOf(gross, line.discountPercent ?? '0')), scale);
}

/**
 * Totals of a document. A document discount (money) is spread over the lines in proportion to
 * their net amounts, the last line taking the rounding remainder, so tax is charged on what the
 * customer actually pays and the lines add up to the total to the last rial.
 */
export function documentTotals(lines: LineInput[], documentDiscount = '0', scale = MONEY_SCALE): DocumentTotals {
  const nets = lines.map((line) => lineNet(line, scale));
  const subtotal = add('0', ...nets);
  const discount = compare(documentDiscount, subtotal) > 0 ? subtotal : toScale(documentDiscount, scale);
  let discountLeft = discount;
  const totals = lines.map((line, index): LineTotals => {
    const net = nets[index]!;
    const isLast = index === lines.length - 1;
    const share = isLast || compare(subtotal, '0') === 0 ? discountLeft : toScale(multiply(discount, divide(net, subtotal, 12), MONEY_SCALE), scale);
    discountLeft = subtract(discountLeft, share);
    const netAfterDiscount = subtract(net, share);
    const taxAmount = toScale(percentOf(netAfterDiscount, line.taxRate ?? '0'), scale);
    return {
      grossAmount: toScale(multiply(line.quantity, line.unitPrice), scale),
      netAmount: netAfterDiscount,
      taxAmount,
      totalAmount: add(netAfterDiscount, taxAmount),
      costAmount: line.unitCost == null ? null : toScale(multiply(line.quantity, line.unitCost), scale),
    };
  });
  const costs = totals.map((t) => t.costAmount);
  return {
    subtotal,
    discountAmount: discount,
    taxTotal: add('0', ...totals.map((t) => t.taxAmount)),
    total: add('0', ...totals.map((t) => t.totalAmount)),
    costTotal: costs.length && costs.every((c) => c !== null) ? add('0', ...(costs as string[])) : null,
    lines: totals,
  };
}
