import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type ProductKind = 'product' | 'service';

/** The catalogue: what is sold, at what list price, and what it costs (for profitability). */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The code an ERP or accounting system knows the product by; unique per workspace when set. */
    sku: text('sku'),
    name: text('name').notNull(),
    nameLatin: text('name_latin'),
    description: text('description'),
    kind: text('kind').$type<ProductKind>().notNull().default('product'),
    /** Unit of sale (عدد، ساعت، کیلوگرم، اشتراک ماهانه …). */
    unit: text('unit'),
    category: text('category'),
    price: numeric('price', { precision: 20, scale: 2 }).notNull().default('0'),
    /** Unit cost, for margins; null when unknown. */
    cost: numeric('cost', { precision: 20, scale: 2 }),
    currency: text('currency').notNull(),
    taxExempt: boolean('tax_exempt').notNull().default(false),
    active: boolean('active').notNull().default(true),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchKey: text('search_key').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('products_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    uniqueIndex('products_sku_uq').on(t.workspaceId, t.sku).where(sql`${t.sku} is not null and ${t.deletedAt} is null`),
    index('products_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** A named set of prices (wholesale, distributors, a currency) that overrides list prices. */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('price_lists_workspace_idx').on(t.workspaceId, t.name)],
);

export const priceListItems = pgTable(
  'price_list_items',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    price: numeric('price', { precision: 20, scale: 2 }).notNull(),
    /** Smallest quantity this price applies from (volume pricing); 1 for a plain price. */
    minQuantity: numeric('min_quantity', { precision: 18, scale: 3 }).notNull().default('1'),
  },
  (t) => [primaryKey({ columns: [t.priceListId, t.productId, t.minQuantity] })],
);
