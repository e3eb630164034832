import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { deals } from '../deals/deals.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { products } from '../products/products.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export type QuoteStatus = 'draft' | 'sent' | 'accepted' | 'rejected' | 'expired';
export type OrderStatus = 'draft' | 'confirmed' | 'invoiced' | 'paid' | 'cancelled';
export type OrderSource = 'crm' | 'import' | 'api';
export type DocumentKind = 'quote' | 'order';

/** The last number handed out per workspace and kind; taken under a row lock so numbers never repeat. */
export const documentSequences = pgTable(
  'document_sequences',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind] })],
);

/** Money columns shared by quotes and orders (all in the document's currency). */
const documentTotals = () => ({
  currency: text('currency').notNull(),
  exchangeRate: numeric('exchange_rate', { precision: 24, scale: 8 }).notNull().default('1'),
  /** Sum of line net amounts before the document discount. */
  subtotal: numeric('subtotal', { precision: 24, scale: 2 }).notNull().default('0'),
  /** A discount on the whole document, in money, spread over lines by net amount for tax. */
  discountAmount: numeric('discount_amount', { precision: 24, scale: 2 }).notNull().default('0'),
  taxTotal: numeric('tax_total', { precision: 24, scale: 2 }).notNull().default('0'),
  total: numeric('total', { precision: 24, scale: 2 }).notNull().default('0'),
  /** total × exchangeRate in the workspace currency, for reports. */
  totalBase: numeric('total_base', { precision: 24, scale: 2 }).notNull().default('0'),
});

const lineMoney = () => ({
  productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
  position: integer('position').notNull().default(0),
  description: text('description').notNull(),
  quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull().default('1'),
  unitPrice: numeric('unit_price', { precision: 20, scale: 2 }).notNull().default('0'),
  discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
  taxRate: numeric('tax_rate', { precision: 5, scale: 2 }).notNull().default('0'),
  /** After the line discount and its share of the document discount, before tax. */
  netAmount: numeric('net_amount', { precision: 24, scale: 2 }).notNull().default('0'),
  taxAmount: numeric('tax_amount', { precision: 24, scale: 2 }).notNull().default('0'),
  totalAmount: numeric('total_amount', { precision: 24, scale: 2 }).notNull().default('0'),
});

export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status').$type<QuoteStatus>().notNull().default('draft'),
    title: text('title'),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    ownerId: text('owner_id'),
    issueDate: date('issue_date').notNull(),
    validUntil: date('valid_until'),
    ...documentTotals(),
    notes: text('notes'),
    terms: text('terms'),
    /** The order this quote became when accepted. */
    orderId: uuid('order_id'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('quotes_number_uq').on(t.workspaceId, t.number),
    index('quotes_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('quotes_deal_idx').on(t.workspaceId, t.dealId),
    index('quotes_organization_idx').on(t.workspaceId, t.organizationId),
  ],
);

export const quoteLines = pgTable(
  'quote_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    ...lineMoney(),
  },
  (t) => [index('quote_lines_quote_idx').on(t.workspaceId, t.quoteId, t.position)],
);

/** An order or invoice: what a customer bought. Value, retention and profitability are computed from these. */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status').$type<OrderStatus>().notNull().default('draft'),
    source: text('source').$type<OrderSource>().notNull().default('crm'),
    /** The number the ERP or accounting system gave it; an import matches on it so a re-import updates. */
    externalRef: text('external_ref'),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    quoteId: uuid('quote_id').references(() => quotes.id, { onDelete: 'set null' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    ownerId: text('owner_id'),
    orderDate: date('order_date').notNull(),
    dueDate: date('due_date'),
    paidOn: date('paid_on'),
    ...documentTotals(),
    costTotal: numeric('cost_total', { precision: 24, scale: 2 }),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.workspaceId, t.number),
    uniqueIndex('orders_external_ref_uq').on(t.workspaceId, t.externalRef).where(sql`${t.externalRef} is not null`),
    index('orders_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('orders_date_idx').on(t.workspaceId, t.orderDate),
    index('orders_organization_idx').on(t.workspaceId, t.organizationId, t.orderDate),
    index('orders_person_idx').on(t.workspaceId, t.personId, t.orderDate),
  ],
);

/**
 * A line of an order. Customer, date and cost are copied onto every line so value, retention and
 * profitability analytics read one table (10M lines) without joining orders.
 */
export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    ...lineMoney(),
    /** Unit cost; cost amount = quantity × unitCost. Null when the source system did not say. */
    unitCost: numeric('unit_cost', { precision: 20, scale: 2 }),
    costAmount: numeric('cost_amount', { precision: 24, scale: 2 }),
    organizationId: uuid('organization_id'),
    personId: uuid('person_id'),
    orderDate: date('order_date').notNull(),
    /** netAmount × the order's exchange rate, in the workspace currency. */
    netAmountBase: numeric('net_amount_base', { precision: 24, scale: 2 }).notNull().default('0'),
    /** Cancelled and deleted orders' lines are excluded from analytics through this flag. */
    counted: boolean('counted').notNull().default(true),
  },
  (t) => [
    index('order_lines_order_idx').on(t.workspaceId, t.orderId, t.position),
    index('order_lines_date_idx').on(t.workspaceId, t.orderDate),
    index('order_lines_customer_idx').on(t.workspaceId, t.organizationId, t.orderDate),
    index('order_lines_product_idx').on(t.workspaceId, t.productId, t.orderDate),
  ],
);
