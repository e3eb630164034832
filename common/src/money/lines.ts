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

/** quantity × unitPrice less the line discount. */
export function lineNet(line: LineInput): string {
  const gross = multiply(line.quantity, line.unitPrice, MONEY_SCALE);
  return subtract(gross, percentOf(gross, line.discountPercent ?? '0'));
}

/**
 * Totals of a document. A document discount (money) is spread over the lines in proportion to
 * their net amounts, the last line taking the rounding remainder, so tax is charged on what the
 * customer actually pays and the lines add up to the total to the last rial.
 */
export function documentTotals(lines: LineInput[], documentDiscount = '0'): DocumentTotals {
  const nets = lines.map(lineNet);
  const subtotal = add('0', ...nets);
  const discount = compare(documentDiscount, subtotal) > 0 ? subtotal : round(documentDiscount);
  let discountLeft = discount;
  const totals = lines.map((line, index): LineTotals => {
    const net = nets[index]!;
    const isLast = index === lines.length - 1;
    const share = isLast || compare(subtotal, '0') === 0 ? discountLeft : multiply(discount, divide(net, subtotal, 12), MONEY_SCALE);
    discountLeft = subtract(discountLeft, share);
    const netAfterDiscount = subtract(net, share);
    const taxAmount = percentOf(netAfterDiscount, line.taxRate ?? '0');
    return {
      grossAmount: multiply(line.quantity, line.unitPrice),
      netAmount: netAfterDiscount,
      taxAmount,
      totalAmount: add(netAfterDiscount, taxAmount),
      costAmount: line.unitCost == null ? null : multiply(line.quantity, line.unitCost),
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
