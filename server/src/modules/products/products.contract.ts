import { z } from 'zod';
import { ZText, optionalText } from '../../kernel/http/zod-text.ts';
import { ZListQuery } from '../../kernel/http/pagination.ts';
import { withoutNulDeep } from '../leads/leads.contract.ts';

/** The request and response shapes of /api/v1/products and /api/v1/price-lists. */

/**
 * A decimal as a string (Persian/Arabic/Latin digits, separators) or a number; the service
 * normalises it with parseDecimal and reports a bad one per field, in fa and en.
 */
export const ZAmountInput = z.union([z.string().max(60), z.number()]).describe('Decimal string ("1250000.50", "۱٬۲۵۰٬۰۰۰") or number');

export const ZCurrencyInput = ZText().trim().max(10).describe('ISO 4217 code (IRR, USD …); defaults to the workspace currency');

const ZCustomInput = z
  .record(z.string().max(64), z.unknown())
  .transform((custom) => withoutNulDeep(custom) as Record<string, unknown>)
  .describe('Values of the workspace custom fields for products, by key');

export const PRODUCT_KINDS = ['product', 'service'] as const;

const productFields = {
  sku: optionalText(64).describe('Unique per workspace when set'),
  name: ZText().trim().min(1).max(200),
  nameLatin: optionalText(200),
  description: optionalText(10_000),
  kind: z.enum(PRODUCT_KINDS).optional().describe("Defaults to 'product'"),
  unit: optionalText(40).describe('Unit of sale: عدد، ساعت، کیلوگرم …'),
  category: optionalText(100),
  price: ZAmountInput.optional().describe('List price in `currency`; default 0'),
  cost: ZAmountInput.nullable().optional().describe('Unit cost, for margins'),
  currency: ZCurrencyInput.optional(),
  taxExempt: z.boolean().optional(),
  active: z.boolean().optional(),
  custom: ZCustomInput.optional(),
};

export const ZProductCreate = z.object(productFields).strict();
export type TProductCreate = z.infer<typeof ZProductCreate>;

export const ZProductPatch = z
  .object({
    version: z.number().int().min(1).describe('The version last read; a stale one gets 409'),
    ...productFields,
    name: productFields.name.optional(),
    custom: ZCustomInput.optional().describe('Only the keys sent change; null clears one'),
  })
  .strict();
export type TProductPatch = z.infer<typeof ZProductPatch>;

export const ZProduct = z.object({
  id: z.uuid(),
  sku: z.string().nullable(),
  name: z.string(),
  nameLatin: z.string().nullable(),
  description: z.string().nullable(),
  kind: z.enum(PRODUCT_KINDS),
  unit: z.string().nullable(),
  category: z.string().nullable(),
  price: z.string().describe('Decimal string'),
  cost: z.string().nullable(),
  currency: z.string(),
  taxExempt: z.boolean(),
  active: z.boolean(),
  custom: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
});

const ZFlag = z.enum(['true', 'false']);

export const ZProductListQuery = ZListQuery.extend({
  q: ZText().max(200).optional().describe('Search over name, Latin name and SKU (any spelling of Persian letters and digits)'),
  active: ZFlag.optional().describe('true: only active products; false: only inactive ones'),
  category: ZText().trim().max(100).optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  deleted: ZFlag.optional().describe('true: the trash instead of live products'),
});
export type TProductListQuery = z.infer<typeof ZProductListQuery>;

export const ZPriceQuery = z.object({
  priceListId: z.uuid().optional(),
  quantity: ZText().max(40).optional().describe('Default 1; Persian digits accepted'),
});

export const ZPriceAnswer = z.object({
  productId: z.uuid(),
  priceListId: z.uuid().nullable().describe('The price list the price came from; null for the list price'),
  quantity: z.string(),
  minQuantity: z.string().nullable().describe('The volume step that applied'),
  unitPrice: z.string(),
  currency: z.string(),
  source: z.enum(['price_list', 'list_price']),
});

const ZIsoDate = z.iso.date().describe('YYYY-MM-DD');

export const ZPriceListItemInput = z
  .object({ productId: z.uuid(), price: ZAmountInput, minQuantity: ZAmountInput.optional().describe('Default 1') })
  .strict();

export const ZPriceListItems = z.array(ZPriceListItemInput).max(5000);
export type TPriceListItems = z.infer<typeof ZPriceListItems>;

export const ZPriceListCreate = z
  .object({
    name: ZText().trim().min(1).max(200),
    currency: ZCurrencyInput.optional(),
    isDefault: z.boolean().optional(),
    validFrom: ZIsoDate.nullable().optional(),
    validTo: ZIsoDate.nullable().optional(),
    items: ZPriceListItems.optional(),
  })
  .strict();
export type TPriceListCreate = z.infer<typeof ZPriceListCreate>;

export const ZPriceListPatch = z
  .object({
    version: z.number().int().min(1),
    name: ZText().trim().min(1).max(200).optional(),
    currency: ZCurrencyInput.optional(),
    isDefault: z.boolean().optional(),
    validFrom: ZIsoDate.nullable().optional(),
    validTo: ZIsoDate.nullable().optional(),
  })
  .strict();
export type TPriceListPatch = z.infer<typeof ZPriceListPatch>;

export const ZPriceListItem = z.object({ productId: z.uuid(), productName: z.string(), sku: z.string().nullable(), price: z.string(), minQuantity: z.string() });

export const ZPriceList = z.object({
  id: z.uuid(),
  name: z.string(),
  currency: z.string(),
  isDefault: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  version: z.number().int(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  items: z.array(ZPriceListItem),
});

export const ZPriceListListQuery = z.object({ archived: ZFlag.optional().describe('true: include archived lists') });
