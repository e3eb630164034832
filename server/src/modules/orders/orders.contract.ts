import { z } from 'zod';
import { optionalText, ZUserId } from '../../kernel/http/zod-text.ts';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { ZAmountInput, ZCurrencyInput } from '../products/index.ts';

/** The request and response shapes of /api/v1/quotes and /api/v1/orders. */

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export const ORDER_STATUSES = ['draft', 'confirmed', 'invoiced', 'paid', 'cancelled'] as const;

const ZIsoDate = z.iso.date().describe('YYYY-MM-DD (Gregorian)');

export const ZLineInput = z
  .object({
    productId: z.uuid().nullable().optional(),
    description: optionalText(2000).describe("Defaults to the product's name"),
    quantity: ZAmountInput.optional().describe('Default 1; up to 3 decimals'),
    unitPrice: ZAmountInput.optional().describe("Defaults to the price list's price for the quantity, else the product's price"),
    discountPercent: ZAmountInput.optional().describe('Percent off this line, 0–100'),
    taxRate: ZAmountInput.nullable().optional().describe('VAT percent; defaults to the workspace VAT, 0 for a tax-exempt product'),
    unitCost: ZAmountInput.nullable().optional().describe("Orders only; defaults to the product's cost"),
  })
  .strict();
export type TLineInput = z.infer<typeof ZLineInput>;

const ZLines = z.array(ZLineInput).max(500);

const documentFields = {
  dealId: z.uuid().nullable().optional(),
  organizationId: z.uuid().nullable().optional(),
  personId: z.uuid().nullable().optional(),
  ownerId: ZUserId.nullable().optional().describe('A member of the workspace; defaults to you'),
  currency: ZCurrencyInput.optional(),
  priceListId: z.uuid().nullable().optional().describe('Where unit prices not sent come from (volume steps apply)'),
  discountAmount: ZAmountInput.optional().describe('A discount on the whole document, in money; spread over the lines'),
  notes: optionalText(10_000),
};

export const ZQuoteCreate = z
  .object({
    ...documentFields,
    title: optionalText(300),
    issueDate: ZIsoDate.optional().describe('Default today (workspace time zone)'),
    validUntil: ZIsoDate.nullable().optional(),
    terms: optionalText(10_000),
    lines: ZLines.optional(),
  })
  .strict();
export type TQuoteCreate = z.infer<typeof ZQuoteCreate>;

export const ZQuotePatch = ZQuoteCreate.extend({
  version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
  status: z.enum(QUOTE_STATUSES).optional().describe('draft → sent → accepted | rejected | expired (sent → draft to edit again)'),
  lines: ZLines.optional().describe('The complete new set of lines (only while draft or sent)'),
}).strict();
export type TQuotePatch = z.infer<typeof ZQuotePatch>;

export const ZOrderCreate = z
  .object({
    ...documentFields,
    status: z.enum(['draft', 'confirmed']).optional().describe("Default 'draft'"),
    externalRef: optionalText(100).describe('The number the ERP or accounting system gave it; unique per workspace'),
    orderDate: ZIsoDate.optional().describe('Default today (workspace time zone)'),
    dueDate: ZIsoDate.nullable().optional(),
    lines: ZLines.optional(),
  })
  .strict();
export type TOrderCreate = z.infer<typeof ZOrderCreate>;

export const ZOrderPatch = ZOrderCreate.extend({
  version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
  status: z.enum(ORDER_STATUSES).optional().describe('draft → confirmed → invoiced → paid; cancelled from any but paid'),
  paidOn: ZIsoDate.nullable().optional().describe('Default today when the status becomes paid'),
  lines: ZLines.optional().describe('The complete new set of lines (only while draft)'),
}).strict();
export type TOrderPatch = z.infer<typeof ZOrderPatch>;

export const ZQuoteToOrder = z
  .object({
    version: z.number().int().min(1).optional().describe("The quote's version; when given, a stale one gets 409"),
    orderDate: ZIsoDate.optional(),
    status: z.enum(['draft', 'confirmed']).optional(),
  })
  .strict();

const ZRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

const lineShape = {
  id: z.uuid(),
  position: z.number().int(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  taxRate: z.string(),
  netAmount: z.string().describe('After the line discount and its share of the document discount, before tax'),
  taxAmount: z.string(),
  totalAmount: z.string(),
};
export const ZQuoteLine = z.object(lineShape);
export const ZOrderLine = z.object({
  ...lineShape,
  unitCost: z.string().nullable(),
  costAmount: z.string().nullable(),
  netAmountBase: z.string(),
  counted: z.boolean(),
});

const ZPrint = z
  .object({
    lang: z.enum(['fa', 'en']),
    direction: z.enum(['rtl', 'ltr']),
    title: z.string(),
    number: z.string(),
    labels: z.record(z.string(), z.string()),
    dates: z.array(z.object({ label: z.string(), value: z.string() })),
    seller: z.object({ name: z.string() }),
    buyer: z.object({ name: z.string(), nationalId: z.string().nullable(), economicCode: z.string().nullable(), address: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    lines: z.array(
      z.object({ row: z.string(), description: z.string(), quantity: z.string(), unitPrice: z.string(), discount: z.string(), net: z.string(), tax: z.string(), total: z.string() }),
    ),
    totals: z.array(z.object({ label: z.string(), value: z.string() })),
    status: z.string(),
    notes: z.string().nullable(),
    terms: z.string().nullable(),
  })
  .describe('Display strings of a printable page, in the asked language (?lang=fa|en)');

const documentShape = {
  id: z.uuid(),
  number: z.number().int(),
  displayNumber: z.string().describe('Q-<number> or INV-<number>'),
  dealId: z.uuid().nullable(),
  organizationId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  organization: ZRef,
  person: ZRef,
  ownerId: z.string().nullable(),
  currency: z.string(),
  exchangeRate: z.string(),
  subtotal: z.string(),
  discountAmount: z.string(),
  taxTotal: z.string(),
  total: z.string(),
  totalBase: z.string().describe('total × exchangeRate, in the workspace currency'),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
};

export const ZQuoteSummary = z.object({
  ...documentShape,
  status: z.enum(QUOTE_STATUSES),
  title: z.string().nullable(),
  issueDate: z.string(),
  validUntil: z.string().nullable(),
  terms: z.string().nullable(),
  orderId: z.uuid().nullable(),
});
export const ZQuote = ZQuoteSummary.extend({ lines: z.array(ZQuoteLine), print: ZPrint.optional() });

export const ZOrderSummary = z.object({
  ...documentShape,
  status: z.enum(ORDER_STATUSES),
  source: z.enum(['crm', 'import', 'api']),
  externalRef: z.string().nullable(),
  quoteId: z.uuid().nullable(),
  orderDate: z.string(),
  dueDate: z.string().nullable(),
  paidOn: z.string().nullable(),
  costTotal: z.string().nullable(),
});
export const ZOrder = ZOrderSummary.extend({ lines: z.array(ZOrderLine), print: ZPrint.optional() });

/** Comma-separated lists in the query string: `status=draft,sent`. */
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((v) => v.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const listFields = {
  organizationId: z.uuid().optional(),
  personId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  from: ZIsoDate.optional().describe('Document date from (inclusive)'),
  to: ZIsoDate.optional().describe('Document date to (inclusive)'),
  deleted: z.enum(['true', 'false']).optional().describe('true: the trash'),
};
export const ZQuoteListQuery = ZListQuery.extend({ ...listFields, status: commaList(QUOTE_STATUSES).optional() });
export type TQuoteListQuery = z.infer<typeof ZQuoteListQuery>;
export const ZOrderListQuery = ZListQuery.extend({ ...listFields, status: commaList(ORDER_STATUSES).optional() });
export type TOrderListQuery = z.infer<typeof ZOrderListQuery>;

export const ZLangQuery = z.object({ lang: z.enum(['fa', 'en']).optional().describe('Adds a `print` block of display strings in that language') });

export const ZSummaryQuery = z.object({ organizationId: z.uuid().optional(), personId: z.uuid().optional() });
export const ZOrderCustomerSummary = z.object({
  orderCount: z.number().int(),
  revenueBase: z.string().describe('Σ net amounts (after discounts, before tax) in the workspace currency; cancelled and deleted orders excluded'),
  costBase: z.string().describe('Σ known line costs in the workspace currency'),
  marginBase: z.string(),
  firstOrderDate: z.string().nullable(),
  lastOrderDate: z.string().nullable(),
  currency: z.string().describe('The workspace currency'),
});
