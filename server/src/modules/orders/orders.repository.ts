import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../kernel/audit/audit.schema.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { deals } from '../deals/deals.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { contactPoints, people } from '../people/people.schema.ts';
import { documentSequences, orderLines, orders, quoteLines, quotes, type DocumentKind, type OrderStatus, type QuoteStatus } from './orders.schema.ts';
import { COUNTED_ORDER_STATUSES, isCountedOrder } from './orders.status.ts';

export type QuoteRow = typeof quotes.$inferSelect;
export type QuoteValues = Omit<typeof quotes.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type QuoteLineRow = typeof quoteLines.$inferSelect;
export type QuoteLineValues = Omit<typeof quoteLines.$inferInsert, 'id' | 'workspaceId' | 'quoteId'>;
export type OrderRow = typeof orders.$inferSelect;
export type OrderValues = Omit<typeof orders.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderLineValues = Omit<typeof orderLines.$inferInsert, 'id' | 'workspaceId' | 'orderId'>;

export type DocumentListCriteria<S extends string> = {
  statuses?: S[];
  organizationId?: string;
  personId?: string;
  dealId?: string;
  from?: string;
  to?: string;
  deleted: boolean;
  cursor?: string;
  limit: number;
};

const CHUNK = 500;
const live = (deletedAt: typeof quotes.deletedAt | typeof orders.deletedAt) => isNull(deletedAt);

export const ordersRepository = {
  /**
   * The next number of a kind in a workspace. The upsert takes the sequence row's lock until the
   * transaction ends, so concurrent creates queue behind it and a rolled-back create gives its
   * number back: numbers never repeat and never skip.
   */
  async nextNumber(db: Executor, workspaceId: string, kind: DocumentKind): Promise<number> {
    const [row] = await db
      .insert(documentSequences)
      .values({ workspaceId, kind, lastNumber: 1 })
      .onConflictDoUpdate({ target: [documentSequences.workspaceId, documentSequences.kind], set: { lastNumber: sql`${documentSequences.lastNumber} + 1` } })
      .returning({ lastNumber: documentSequences.lastNumber });
    return row!.lastNumber;
  },

  // Quotes

  async insertQuote(db: Executor, workspaceId: string, values: QuoteValues): Promise<QuoteRow> {
    const [row] = await db
      .insert(quotes)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async findQuote(db: Executor, workspaceId: string, id: string, lock = false): Promise<QuoteRow | undefined> {
    const query = db
      .select()
      .from(quotes)
      .where(and(eq(quotes.workspaceId, workspaceId), eq(quotes.id, id)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  async updateQuote(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<QuoteValues>, at: Date): Promise<QuoteRow | undefined> {
    const [row] = await db
      .update(quotes)
      .set({ ...changes, version: sql`${quotes.version} + 1`, updatedAt: at })
      .where(and(eq(quotes.workspaceId, workspaceId), eq(quotes.id, id), eq(quotes.version, version)))
      .returning();
    return row;
  },

  quoteLines(db: Executor, workspaceId: string, quoteId: string): Promise<QuoteLineRow[]> {
    return db
      .select()
      .from(quoteLines)
      .where(and(eq(quoteLines.workspaceId, workspaceId), eq(quoteLines.quoteId, quoteId)))
      .orderBy(asc(quoteLines.position), asc(quoteLines.id));
  },

  async replaceQuoteLines(db: Executor, workspaceId: string, quoteId: string, lines: QuoteLineValues[]): Promise<void> {
    await db.delete(quoteLines).where(and(eq(quoteLines.workspaceId, workspaceId), eq(quoteLines.quoteId, quoteId)));
    for (let i = 0; i < lines.length; i += CHUNK) await db.insert(quoteLines).values(lines.slice(i, i + CHUNK).map((l) => ({ ...l, workspaceId, quoteId })));
  },

  listQuotes(db: Executor, workspaceId: string, c: DocumentListCriteria<QuoteStatus>): Promise<QuoteRow[]> {
    const conditions: Array<SQL | undefined> = [
      eq(quotes.workspaceId, workspaceId),
      c.deleted ? isNotNull(quotes.deletedAt) : live(quotes.deletedAt),
      c.statuses?.length ? inArray(quotes.status, c.statuses) : undefined,
      c.organizationId ? eq(quotes.organizationId, c.organizationId) : undefined,
      c.personId ? eq(quotes.personId, c.personId) : undefined,
      c.dealId ? eq(quotes.dealId, c.dealId) : undefined,
      c.from ? gte(quotes.issueDate, c.from) : undefined,
      c.to ? lte(quotes.issueDate, c.to) : undefined,
      keysetWhere(quotes.createdAt, quotes.id, c.cursor),
    ];
    return db
      .select()
      .from(quotes)
      .where(and(...conditions))
      .orderBy(...keysetOrder(quotes.createdAt, quotes.id))
      .limit(c.limit + 1);
  },

  // Orders

  async insertOrder(db: Executor, workspaceId: string, values: OrderValues): Promise<OrderRow> {
    const [row] = await db
      .insert(orders)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async findOrder(db: Executor, workspaceId: string, id: string, lock = false): Promise<OrderRow | undefined> {
    const query = db
      .select()
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, id)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  /** The order an ERP number names (deleted ones too: the number stays taken), locked for the transaction. */
  async findOrderByExternalRef(db: Executor, workspaceId: string, externalRef: string): Promise<OrderRow | undefined> {
    const [row] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.externalRef, externalRef)))
      .for('update');
    return row;
  },

  async updateOrder(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<OrderValues>, at: Date): Promise<OrderRow | undefined> {
    const [row] = await db
      .update(orders)
      .set({ ...changes, version: sql`${orders.version} + 1`, updatedAt: at })
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, id), eq(orders.version, version)))
      .returning();
    return row;
  },

  orderLines(db: Executor, workspaceId: string, orderId: string): Promise<OrderLineRow[]> {
    return db
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, orderId)))
      .orderBy(asc(orderLines.position), asc(orderLines.id));
  },

  async replaceOrderLines(db: Executor, workspaceId: string, orderId: string, lines: OrderLineValues[]): Promise<void> {
    await db.delete(orderLines).where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, orderId)));
    for (let i = 0; i < lines.length; i += CHUNK) await db.insert(orderLines).values(lines.slice(i, i + CHUNK).map((l) => ({ ...l, workspaceId, orderId })));
  },

  /** Keeps the copies of the order's customer, date and countedness on its lines in step with the order. */
  async syncOrderLines(db: Executor, workspaceId: string, order: OrderRow): Promise<void> {
    await db
      .update(orderLines)
      .set({
        organizationId: order.organizationId,
        personId: order.personId,
        orderDate: order.orderDate,
        counted: isCountedOrder(order),
      })
      .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, order.id)));
  },

  listOrders(db: Executor, workspaceId: string, c: DocumentListCriteria<OrderStatus>): Promise<OrderRow[]> {
    const conditions: Array<SQL | undefined> = [
      eq(orders.workspaceId, workspaceId),
      c.deleted ? isNotNull(orders.deletedAt) : live(orders.deletedAt),
      c.statuses?.length ? inArray(orders.status, c.statuses) : undefined,
      c.organizationId ? eq(orders.organizationId, c.organizationId) : undefined,
      c.personId ? eq(orders.personId, c.personId) : undefined,
      c.dealId ? eq(orders.dealId, c.dealId) : undefined,
      c.from ? gte(orders.orderDate, c.from) : undefined,
      c.to ? lte(orders.orderDate, c.to) : undefined,
      keysetWhere(orders.createdAt, orders.id, c.cursor),
    ];
    return db
      .select()
      .from(orders)
      .where(and(...conditions))
      .orderBy(...keysetOrder(orders.createdAt, orders.id))
      .limit(c.limit + 1);
  },

  /** Value of a customer: counted order lines (confirmed, invoiced or paid; not deleted) and their orders' dates. */
  async customerSummary(db: Executor, workspaceId: string, customer: { organizationId?: string; personId?: string }) {
    const lineCustomer = customer.organizationId ? eq(orderLines.organizationId, customer.organizationId) : eq(orderLines.personId, customer.personId!);
    const orderCustomer = customer.organizationId ? eq(orders.organizationId, customer.organizationId) : eq(orders.personId, customer.personId!);
    const [money] = await db
      .select({
        revenue: sql<string>`coalesce(sum(${orderLines.netAmountBase}), 0)::text`,
        cost: sql<string>`coalesce(sum(round(${orderLines.costAmount} * ${orders.exchangeRate}, 2)), 0)::text`,
      })
      .from(orderLines)
      .innerJoin(orders, and(eq(orders.id, orderLines.orderId), eq(orders.workspaceId, workspaceId)))
      .where(and(eq(orderLines.workspaceId, workspaceId), lineCustomer, eq(orderLines.counted, true)));
    const [dates] = await db
      .select({
        count: sql<number>`count(*)::int`,
        first: sql<string | null>`min(${orders.orderDate})::text`,
        last: sql<string | null>`max(${orders.orderDate})::text`,
      })
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), orderCustomer, isNull(orders.deletedAt), inArray(orders.status, COUNTED_ORDER_STATUSES)));
    return { revenue: money!.revenue, cost: money!.cost, count: dates!.count, first: dates!.first, last: dates!.last };
  },

  /** Whether this import already wrote this order (its 'order.imported' audit entry, committed with the batch). */
  async importedBy(db: Executor, workspaceId: string, orderId: string, importId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, workspaceId),
          eq(auditLog.entityType, 'order'),
          eq(auditLog.entityId, orderId),
          eq(auditLog.action, 'order.imported'),
          sql`${auditLog.after}->>'importId' = ${importId}`,
        ),
      )
      .limit(1);
    return !!row;
  },

  // Lookups in other modules' tables (plain reads, so this module does not depend on their services)

  async organizationsByIds(db: Executor, workspaceId: string, ids: string[]) {
    if (!ids.length) return [];
    return db
      .select({
        id: organizations.id,
        name: organizations.name,
        nameLatin: organizations.nameLatin,
        nationalId: organizations.nationalId,
        economicCode: organizations.economicCode,
        addresses: organizations.addresses,
        phones: organizations.phones,
        deletedAt: organizations.deletedAt,
      })
      .from(organizations)
      .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, [...new Set(ids)])));
  },

  async peopleByIds(db: Executor, workspaceId: string, ids: string[]) {
    if (!ids.length) return [];
    return db
      .select({
        id: people.id,
        firstName: people.firstName,
        lastName: people.lastName,
        firstNameLatin: people.firstNameLatin,
        lastNameLatin: people.lastNameLatin,
        emails: people.emails,
        phones: people.phones,
        addresses: people.addresses,
        deletedAt: people.deletedAt,
      })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, [...new Set(ids)])));
  },

  async dealExists(db: Executor, workspaceId: string, id: string): Promise<boolean> {
    const [row] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id), isNull(deals.deletedAt)));
    return !!row;
  },

  async isMember(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
    const result = (await db.execute(sql`select 1 from memberships where workspace_id = ${workspaceId} and user_id = ${userId} limit 1`)) as unknown as { rows: unknown[] };
    return result.rows.length > 0;
  },

  /** A live organisation by national ID, or by the Persian-normalised key of its name or Latin name. */
  async organizationByKey(db: Executor, workspaceId: string, nationalId: string | null, nameKey: string): Promise<string | undefined> {
    const alive = and(eq(organizations.workspaceId, workspaceId), isNull(organizations.deletedAt), isNull(organizations.mergedIntoId));
    if (nationalId) {
      const [row] = await db.select({ id: organizations.id }).from(organizations).where(and(alive, eq(organizations.nationalId, nationalId))).limit(1);
      if (row) return row.id;
    }
    if (!nameKey) return undefined;
    const [row] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(alive, sql`(split_part(${organizations.searchKey}, '|', 1) = ${nameKey} or (${organizations.nameLatin} is not null and split_part(${organizations.searchKey}, '|', 2) = ${nameKey}))`))
      .orderBy(asc(organizations.createdAt))
      .limit(1);
    return row?.id;
  },

  /** A live person holding this normalised email or phone. */
  async personByContact(db: Executor, workspaceId: string, kind: 'email' | 'phone', value: string): Promise<string | undefined> {
    const [row] = await db
      .select({ id: people.id })
      .from(contactPoints)
      .innerJoin(people, and(eq(people.id, contactPoints.entityId), eq(people.workspaceId, workspaceId)))
      .where(
        and(
          eq(contactPoints.workspaceId, workspaceId),
          eq(contactPoints.entityType, 'person'),
          eq(contactPoints.kind, kind),
          eq(contactPoints.value, value),
          isNull(people.deletedAt),
          isNull(people.mergedIntoId),
        ),
      )
      .orderBy(asc(people.createdAt))
      .limit(1);
    return row?.id;
  },
};
