import { compare, currencyScale, documentTotals, multiply, type DocumentTotals } from '#common/money/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import { parseDecimalInput } from '../currencies/index.ts';
import { PRICE_RULE, productsRepository, QUANTITY_RULE, type PriceListRow, type ProductRow } from '../products/index.ts';
import type { TLineInput } from './orders.contract.ts';
import { orderFieldError } from './orders.errors.ts';
import type { OrderLineValues, QuoteLineValues } from './orders.repository.ts';

/** A line with every default filled in: what is stored, before its amounts are computed. */
export type ResolvedLine = {
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  unitCost: string | null;
};

const PERCENT_RULE = { scale: 2, nonNegative: true, maxWholeDigits: 3 };

function percent(path: string, value: string | number, errors: FieldError[]): string | undefined {
  const parsed = parseDecimalInput(path, value, PERCENT_RULE, errors);
  if (parsed !== undefined && compare(parsed, '100') > 0) {
    errors.push(orderFieldError(path, 'percent_out_of_range'));
    return undefined;
  }
  return parsed;
}

export type LineDefaults = {
  currency: string;
  /** Workspace VAT in percent, for lines that do not say (0 for tax-exempt products). */
  vatRate: string;
  priceList?: PriceListRow;
  /** Orders keep a unit cost (defaulting to the product's); quotes do not. */
  withCost: boolean;
};

/**
 * Fills in what a line does not say from its product and the price list: description (the
 * product's name), unit price (the price list's step for the quantity, else the product's price
 * when it is in the document's currency), tax rate (workspace VAT, 0 if exempt) and unit cost.
 * Every problem is reported at `lines.<i>.<field>`, in fa and en.
 */
export async function resolveLines(db: Executor, workspaceId: string, inputs: TLineInput[], defaults: LineDefaults, errors: FieldError[]): Promise<ResolvedLine[]> {
  const productIds = inputs.flatMap((l) => (l.productId ? [l.productId] : []));
  // A product in the trash cannot be put on a new line; documents that already carry it keep it.
  const products = new Map((await productsRepository.findMany(db, workspaceId, productIds)).filter((p) => !p.deletedAt).map((p) => [p.id, p]));
  const resolved: ResolvedLine[] = [];
  for (const [i, input] of inputs.entries()) {
    const at = (field: string) => `lines.${i}.${field}`;
    const product: ProductRow | undefined = input.productId ? products.get(input.productId) : undefined;
    if (input.productId && !product) errors.push(orderFieldError(at('productId'), 'product_not_found'));
    const quantity = parseDecimalInput(at('quantity'), input.quantity ?? '1', QUANTITY_RULE, errors) ?? '1';
    const discountPercent = percent(at('discountPercent'), input.discountPercent ?? '0', errors) ?? '0';
    const taxRate = input.taxRate != null ? (percent(at('taxRate'), input.taxRate, errors) ?? '0') : product?.taxExempt ? '0' : defaults.vatRate;
    const description = input.description ?? product?.name ?? null;
    if (!description) errors.push(orderFieldError(at('description'), 'description_required'));
    let unitPrice: string | undefined;
    if (input.unitPrice !== undefined) unitPrice = parseDecimalInput(at('unitPrice'), input.unitPrice, PRICE_RULE, errors);
    else if (product) unitPrice = await defaultUnitPrice(db, workspaceId, product, quantity, defaults, at('unitPrice'), errors);
    else errors.push(orderFieldError(at('unitPrice'), 'unit_price_required'));
    let unitCost: string | null = null;
    if (defaults.withCost) {
      if (input.unitCost != null) unitCost = parseDecimalInput(at('unitCost'), input.unitCost, PRICE_RULE, errors) ?? null;
      else if (input.unitCost === undefined && product?.cost != null && product.currency === defaults.currency) unitCost = product.cost;
    }
    resolved.push({ productId: product?.id ?? null, description: description ?? '', quantity, unitPrice: unitPrice ?? '0', discountPercent, taxRate, unitCost });
  }
  return resolved;
}

async function defaultUnitPrice(db: Executor, workspaceId: string, product: ProductRow, quantity: string, defaults: LineDefaults, path: string, errors: FieldError[]): Promise<string | undefined> {
  if (defaults.priceList && defaults.priceList.currency === defaults.currency) {
    const step = await productsRepository.applicablePrice(db, workspaceId, defaults.priceList.id, product.id, quantity);
    if (step) return step.price;
  }
  if (product.currency === defaults.currency) return product.price;
  errors.push(orderFieldError(path, 'price_currency_mismatch'));
  return undefined;
}

export type ComputedDocument = { totals: DocumentTotals; totalBase: string };

/**
 * Totals with common/src/money (the web app previews with the same function), rounded to the
 * currency's places (whole rials for IRR), and the total in the workspace currency.
 */
export function computeDocument(lines: ResolvedLine[], discountAmount: string, exchangeRate: string, currency: string): ComputedDocument {
  const totals = documentTotals(lines, discountAmount, currencyScale(currency));
  return { totals, totalBase: multiply(totals.total, exchangeRate) };
}

/** numeric(24, 2): 22 digits before the point. */
const MAX_WHOLE_DIGITS = 22;
const fits = (amount: string | null) => amount === null || amount.replace('-', '').split('.')[0]!.length <= MAX_WHOLE_DIGITS;

/** Amounts too large to store (a huge quantity × a huge price) are the input's fault: a field error, not a database error. */
export function checkMagnitude(computed: ComputedDocument, exchangeRate: string, errors: FieldError[]): void {
  const { totals } = computed;
  const amounts = [totals.subtotal, totals.total, totals.costTotal, computed.totalBase];
  totals.lines.forEach((line, i) => {
    const lineAmounts = [line.grossAmount, line.totalAmount, line.costAmount, multiply(line.netAmount, exchangeRate)];
    if (!lineAmounts.every(fits)) errors.push(orderFieldError(`lines.${i}.quantity`, 'amount_too_large'));
  });
  if (!errors.length && !amounts.every(fits)) errors.push(orderFieldError('lines', 'amount_too_large'));
}

export function quoteLineValues(lines: ResolvedLine[], computed: ComputedDocument): QuoteLineValues[] {
  return lines.map((line, position) => {
    const amounts = computed.totals.lines[position]!;
    return {
      productId: line.productId,
      position,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      taxRate: line.taxRate,
      netAmount: amounts.netAmount,
      taxAmount: amounts.taxAmount,
      totalAmount: amounts.totalAmount,
    };
  });
}

/** Order lines carry their order's customer, date, countedness and base amount, for analytics from one table. */
export function orderLineValues(
  lines: ResolvedLine[],
  computed: ComputedDocument,
  order: { organizationId: string | null; personId: string | null; orderDate: string; exchangeRate: string; counted: boolean },
): OrderLineValues[] {
  return lines.map((line, position) => {
    const amounts = computed.totals.lines[position]!;
    return {
      ...quoteLineValues([line], { totals: { ...computed.totals, lines: [amounts] }, totalBase: computed.totalBase })[0]!,
      position,
      unitCost: line.unitCost,
      costAmount: amounts.costAmount,
      organizationId: order.organizationId,
      personId: order.personId,
      orderDate: order.orderDate,
      netAmountBase: multiply(amounts.netAmount, order.exchangeRate),
      counted: order.counted,
    };
  });
}

/** Stored lines back into the shape `computeDocument` takes (recomputing with a new discount or rate). */
export const storedLines = (rows: Array<{ productId: string | null; description: string; quantity: string; unitPrice: string; discountPercent: string; taxRate: string; unitCost?: string | null }>): ResolvedLine[] =>
  rows.map((r) => ({
    productId: r.productId,
    description: r.description,
    quantity: r.quantity,
    unitPrice: r.unitPrice,
    discountPercent: r.discountPercent,
    taxRate: r.taxRate,
    unitCost: r.unitCost ?? null,
  }));
