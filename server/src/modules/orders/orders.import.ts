import { parseDateInput } from '#common/calendar/index.ts';
import { isValidIranianLegalId, normalizeIranianPhone } from '#common/identity/index.ts';
import { searchKey, toLatinDigits } from '#common/text/index.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { checkCurrency, parseDecimalInput } from '../currencies/index.ts';
import type { ImportAdapter, ImportField, ParsedRow, RowFieldError } from '../imports/index.ts';
import { cleanText, readBoolean, rowError } from '../imports/field-values.ts';
import type { ImportEntity } from '../imports/imports.schema.ts';
import { PRICE_RULE, productsRepository, QUANTITY_RULE, type ProductsService } from '../products/index.ts';
import { checkMagnitude, computeDocument, orderLineValues, resolveLines, storedLines, type ResolvedLine } from './orders.lines.ts';
import { loadOrder } from './orders.public.ts';
import { ordersRepository as repo, type OrderRow } from './orders.repository.ts';
import type { OrdersService } from './orders.service.ts';
import { isCountedOrder } from './orders.status.ts';

/*
 * Orders from an ERP or accounting export: one CSV row per order line, rows grouped into orders
 * by the external order number. The first row of a number in an import creates the order, or
 * replaces the lines of the order an earlier import made; the following rows add lines. Which
 * orders this import has already written is read from its audit entries ('order.imported' with
 * the import id), which commit with each batch: a resumed run, or the same file imported again,
 * gives the same orders and lines.
 */

export const ORDER_IMPORT_FIELDS: ImportField[] = [
  { key: 'externalRef', label: { fa: 'شماره فاکتور', en: 'Order number' }, required: true, aliases: ['شماره سفارش', 'شماره', 'invoice number', 'invoice no', 'order no', 'external number', 'شماره خارجی'] },
  { key: 'orderDate', label: { fa: 'تاریخ', en: 'Order date' }, required: true, aliases: ['تاریخ فاکتور', 'تاریخ سفارش', 'date', 'invoice date'] },
  { key: 'customer', label: { fa: 'مشتری', en: 'Customer' }, required: false, aliases: ['نام مشتری', 'خریدار', 'customer name', 'buyer', 'organization', 'سازمان'] },
  { key: 'customerNationalId', label: { fa: 'شناسه ملی مشتری', en: 'Customer national ID' }, required: false, aliases: ['شناسه ملی', 'national id'] },
  { key: 'customerEmail', label: { fa: 'ایمیل مشتری', en: 'Customer email' }, required: false, aliases: ['ایمیل', 'email'] },
  { key: 'customerPhone', label: { fa: 'تلفن مشتری', en: 'Customer phone' }, required: false, aliases: ['تلفن', 'موبایل', 'phone', 'mobile'] },
  { key: 'product', label: { fa: 'کالا', en: 'Product' }, required: false, aliases: ['کد کالا', 'نام کالا', 'محصول', 'sku', 'product code', 'item'] },
  { key: 'description', label: { fa: 'شرح', en: 'Description' }, required: false, aliases: ['شرح کالا', 'line description'] },
  { key: 'quantity', label: { fa: 'مقدار', en: 'Quantity' }, required: false, aliases: ['تعداد', 'qty'] },
  { key: 'unitPrice', label: { fa: 'قیمت واحد', en: 'Unit price' }, required: false, aliases: ['فی', 'مبلغ واحد', 'price', 'unit price'] },
  { key: 'discountPercent', label: { fa: 'تخفیف (درصد)', en: 'Discount (%)' }, required: false, aliases: ['تخفیف', 'درصد تخفیف', 'discount'] },
  { key: 'taxRate', label: { fa: 'مالیات (درصد)', en: 'Tax (%)' }, required: false, aliases: ['مالیات', 'نرخ مالیات', 'tax', 'vat'] },
  { key: 'unitCost', label: { fa: 'بهای تمام‌شده واحد', en: 'Unit cost' }, required: false, aliases: ['قیمت تمام شده', 'بهای تمام شده', 'cost', 'unit cost'] },
  { key: 'currency', label: { fa: 'ارز', en: 'Currency' }, required: false, aliases: ['واحد پول'] },
  {
    key: 'createMissingProduct',
    label: { fa: 'ساخت کالای ناموجود', en: 'Create missing product' },
    required: false,
    aliases: ['create product'],
  },
];

export type OrderImportInput = {
  importId: string;
  externalRef: string;
  orderDate: string;
  customer: { text?: string; nationalId?: string; email?: string; phone?: string };
  product?: string;
  description?: string;
  quantity: string;
  unitPrice?: string;
  discountPercent?: string;
  taxRate?: string;
  unitCost?: string;
  currency?: string;
  createMissingProduct: boolean;
};

const messages = {
  invalid_date: { fa: 'تاریخ معتبر نیست؛ مثلاً ۱۴۰۳/۰۱/۱۵ یا 2024-04-03.', en: 'Not a valid date, e.g. 1403/01/15 or 2024-04-03.' },
  customer_required: { fa: 'هر سطر باید مشتری (نام یا شناسهٔ ملی سازمان، یا ایمیل یا تلفن شخص) داشته باشد.', en: 'Each row needs a customer (organisation name or national ID, or a person’s email or phone).' },
  customer_not_found: {
    fa: 'مشتری «{value}» در این فضای کاری پیدا نشد؛ ابتدا آن را بسازید یا درون‌ریزی کنید.',
    en: 'No customer "{value}" in this workspace; create or import it first.',
  },
  product_required: { fa: 'هر سطر باید کالا یا شرح داشته باشد.', en: 'Each row needs a product or a description.' },
  product_not_found: {
    fa: 'کالای «{value}» (کد یا نام) پیدا نشد؛ آن را بسازید یا ستون «ساخت کالای ناموجود» را «بله» کنید.',
    en: 'No product "{value}" (SKU or name); create it, or set "Create missing product" to yes.',
  },
  order_header_mismatch: {
    fa: 'مشتری، تاریخ یا ارز این سطر با سطرهای پیشین همین شماره فاکتور یکی نیست.',
    en: 'The customer, date or currency of this row differs from earlier rows of the same order number.',
  },
} as const;

const fill = (m: { fa: string; en: string }, value: string) => ({ fa: m.fa.replace('{value}', value), en: m.en.replace('{value}', value) });

/** Problems found while writing a row: thrown so the runner reports them as that row's errors. */
const rowFailure = (errors: FieldError[]) => kernelErrors.validation_failed({ fieldErrors: errors });

function parseOrderRow(record: Record<string, string>, importId: string, calendar: 'jalali' | 'gregorian'): ParsedRow<OrderImportInput> {
  const errors: RowFieldError[] = [];
  const fieldErrors: FieldError[] = [];
  const externalRef = cleanText(record.externalRef) ? toLatinDigits(cleanText(record.externalRef)!) : undefined;
  const dateText = cleanText(record.orderDate);
  const orderDate = dateText ? parseDateInput(dateText, calendar) : null;
  if (!orderDate) errors.push(rowError('orderDate', 'invalid_date', messages.invalid_date));
  const customer = {
    text: cleanText(record.customer),
    nationalId: cleanText(record.customerNationalId),
    email: cleanText(record.customerEmail)?.toLowerCase(),
    phone: cleanText(record.customerPhone),
  };
  if (!customer.text && !customer.nationalId && !customer.email && !customer.phone) errors.push(rowError('customer', 'customer_required', messages.customer_required));
  const product = cleanText(record.product);
  const description = cleanText(record.description);
  if (!product && !description) errors.push(rowError('product', 'product_required', messages.product_required));
  const decimal = (field: string, rule: Parameters<typeof parseDecimalInput>[2]) => (record[field] ? parseDecimalInput(field, record[field]!, rule, fieldErrors) : undefined);
  const quantity = decimal('quantity', QUANTITY_RULE) ?? '1';
  const unitPrice = decimal('unitPrice', PRICE_RULE);
  const discountPercent = decimal('discountPercent', { scale: 2, nonNegative: true, maxWholeDigits: 3 });
  const taxRate = decimal('taxRate', { scale: 2, nonNegative: true, maxWholeDigits: 3 });
  const unitCost = decimal('unitCost', PRICE_RULE);
  const currency = record.currency ? checkCurrency('currency', record.currency, fieldErrors) : undefined;
  const createMissingProduct = readBoolean('createMissingProduct', record.createMissingProduct, errors) ?? false;
  errors.push(...fieldErrors.map((e) => rowError(e.path, e.code, e.message)));
  if (errors.length || !externalRef || !orderDate) return { errors };
  return {
    input: { importId, externalRef, orderDate, customer, product, description, quantity, unitPrice, discountPercent, taxRate, unitCost, currency, createMissingProduct },
  };
}

export type OrderImportDeps = { orders: OrdersService; products: ProductsService };

export function createOrderImportAdapter(deps: OrderImportDeps): ImportAdapter<OrderImportInput> {
  const { settingsOf, exchangeRate, now } = deps.orders.internals;

  const importedBy = (tx: Executor, workspaceId: string, orderId: string, importId: string) => repo.importedBy(tx, workspaceId, orderId, importId);

  /** The organisation or person a row names: national ID, email, phone, then the organisation's normalised name. */
  async function resolveCustomer(tx: Tx, workspaceId: string, c: OrderImportInput['customer']) {
    const digits = (value?: string) => (value ? toLatinDigits(value).replace(/\D/g, '') : '');
    const nationalId = [digits(c.nationalId), digits(c.text)].find((d) => d.length === 11 && isValidIranianLegalId(d)) ?? null;
    const email = c.email ?? (c.text?.includes('@') ? c.text.toLowerCase() : undefined);
    const phone = normalizeIranianPhone(c.phone ?? '') ?? (c.text && /^[+\d\s()۰-۹-]+$/.test(c.text) ? normalizeIranianPhone(c.text) : null);
    if (nationalId || (c.text && !email)) {
      const id = await repo.organizationByKey(tx, workspaceId, nationalId, c.text ? searchKey(c.text) : '');
      if (id) return { organizationId: id, personId: null };
    }
    if (email) {
      const id = await repo.personByContact(tx, workspaceId, 'email', email);
      if (id) return { organizationId: null, personId: id };
    }
    if (phone) {
      const id = await repo.personByContact(tx, workspaceId, 'phone', phone);
      if (id) return { organizationId: null, personId: id };
    }
    const shown = c.text ?? c.nationalId ?? c.email ?? c.phone ?? '';
    throw rowFailure([{ path: 'customer', code: 'customer_not_found', message: fill(messages.customer_not_found, shown) }]);
  }

  async function resolveProduct(tx: Tx, ctx: WorkspaceContext, input: OrderImportInput, currency: string): Promise<string | null> {
    if (!input.product) return null;
    const found = await productsRepository.findBySkuOrName(tx, ctx.workspaceId, input.product, searchKey(input.product));
    if (found) return found.id;
    if (!input.createMissingProduct) throw rowFailure([{ path: 'product', code: 'product_not_found', message: fill(messages.product_not_found, input.product) }]);
    // The import was started by someone allowed to import records; creating the catalogue entry is part of it.
    const created = await deps.products.createWithin(tx, { ...ctx, permissions: new Set([...ctx.permissions, 'sales.configure']) }, {
      name: input.description ?? input.product,
      ...(input.description ? { sku: input.product } : {}),
      price: input.unitPrice ?? '0',
      ...(input.unitCost ? { cost: input.unitCost } : {}),
      currency,
    });
    return created.id;
  }

  /** The row as an order line, with the same defaults as the API (product name, price, VAT, cost). */
  async function lineOf(tx: Tx, ctx: WorkspaceContext, input: OrderImportInput, currency: string, settings: { vatRate: string }): Promise<ResolvedLine> {
    const productId = await resolveProduct(tx, ctx, input, currency);
    const errors: FieldError[] = [];
    const [line] = await resolveLines(
      tx,
      ctx.workspaceId,
      [{ productId, description: input.description ?? null, quantity: input.quantity, unitPrice: input.unitPrice, discountPercent: input.discountPercent, taxRate: input.taxRate ?? null, unitCost: input.unitCost ?? undefined }],
      { currency, vatRate: settings.vatRate, withCost: true },
      errors,
    );
    if (errors.length) throw rowFailure(errors.map((e) => ({ ...e, path: e.path.replace(/^lines\.0\./, '') })));
    return line!;
  }

  /** Writes the order's lines and totals (replacing what it had), keeping its number and discount. */
  async function rewrite(tx: Tx, ctx: WorkspaceContext, order: OrderRow, header: { organizationId: string | null; personId: string | null; orderDate: string; currency: string }, lines: ResolvedLine[]) {
    const rate = header.currency === order.currency && header.orderDate === order.orderDate ? order.exchangeRate : await exchangeRate(tx, ctx.workspaceId, header.currency, header.orderDate);
    const computed = computeDocument(lines, order.discountAmount, rate, header.currency);
    const tooLarge: FieldError[] = [];
    checkMagnitude(computed, rate, tooLarge);
    if (tooLarge.length) throw rowFailure(tooLarge.map((e) => ({ ...e, path: e.path.replace(/^lines\.\d+\./, '') })));
    const row = await repo.updateOrder(
      tx,
      ctx.workspaceId,
      order.id,
      order.version,
      {
        ...header,
        exchangeRate: rate,
        subtotal: computed.totals.subtotal,
        discountAmount: computed.totals.discountAmount,
        taxTotal: computed.totals.taxTotal,
        total: computed.totals.total,
        totalBase: computed.totalBase,
        costTotal: computed.totals.costTotal,
      },
      now(),
    );
    await repo.replaceOrderLines(tx, ctx.workspaceId, order.id, orderLineValues(lines, computed, { ...row!, counted: isCountedOrder(row!) }));
    return row!;
  }

  async function markImported(
    tx: Tx,
    ctx: WorkspaceContext,
    order: Pick<OrderRow, 'id' | 'externalRef' | 'organizationId' | 'personId' | 'orderDate'>,
    importId: string,
    replaced: boolean,
  ) {
    await recordAudit(tx, ctx, {
      action: 'order.imported',
      entityType: 'order',
      entityId: order.id,
      after: { importId, externalRef: order.externalRef, replaced, organizationId: order.organizationId, personId: order.personId, orderDate: order.orderDate },
    });
  }

  /** One row: a new order, the first row of a re-imported order (its lines replaced), or one more line of an order of this import. */
  async function applyRow(tx: Tx, ctx: WorkspaceContext, input: OrderImportInput): Promise<void> {
    const settings = await settingsOf(tx, ctx.workspaceId);
    const existing = await repo.findOrderByExternalRef(tx, ctx.workspaceId, input.externalRef);
    const customer = await resolveCustomer(tx, ctx.workspaceId, input.customer);
    const currency = input.currency ?? existing?.currency ?? settings.defaultCurrency;
    const header = { ...customer, orderDate: input.orderDate, currency };
    const line = await lineOf(tx, ctx, input, currency, settings);
    if (!existing) {
      const created = await deps.orders.createOrderWithin(
        tx,
        ctx,
        { externalRef: input.externalRef, orderDate: input.orderDate, currency, ...customer, ownerId: null, lines: [line] },
        { source: 'import', status: 'invoiced' },
      );
      await markImported(tx, ctx, created, input.importId, false);
      return;
    }
    if (await importedBy(tx, ctx.workspaceId, existing.id, input.importId)) {
      const sameHeader = existing.organizationId === customer.organizationId && existing.personId === customer.personId && existing.orderDate === input.orderDate && existing.currency === currency;
      if (!sameHeader) throw rowFailure([{ path: 'externalRef', code: 'order_header_mismatch', message: messages.order_header_mismatch }]);
      await rewrite(tx, ctx, existing, header, [...storedLines(await repo.orderLines(tx, ctx.workspaceId, existing.id)), line]);
      return;
    }
    const row = await rewrite(tx, ctx, existing, header, [line]);
    await markImported(tx, ctx, row, input.importId, true);
    await recordAudit(tx, ctx, { action: 'order.updated', entityType: 'order', entityId: row.id, after: await loadOrder(tx, ctx.workspaceId, row) });
  }

  return {
    // The imports module types its entities as the customer records; 'order' only travels through it (the column is text).
    entityType: 'order' as ImportEntity,

    async fields() {
      return ORDER_IMPORT_FIELDS;
    },

    parseRow: (record, context) => parseOrderRow(record, context.importId ?? 'none', context.calendar),

    /** An order an earlier import (or the app) made with this number; rows of orders this import wrote are not "existing". */
    async findExisting(tx, ctx, input) {
      const order = await repo.findOrderByExternalRef(tx, ctx.workspaceId, input.externalRef);
      if (!order || (await importedBy(tx, ctx.workspaceId, order.id, input.importId))) return null;
      return order.id;
    },

    async create(tx, ctx, input) {
      await applyRow(tx, ctx, input);
      return (await repo.findOrderByExternalRef(tx, ctx.workspaceId, input.externalRef))!.id;
    },

    async update(tx, ctx, _id, input) {
      await applyRow(tx, ctx, input);
    },
  };
}
