import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { keysetOrder, keysetWhere } from '../../kernel/http/pagination.ts';
import { quickSearch } from '../people/record-query.ts';
import { priceListItems, priceLists, products } from './products.schema.ts';

export type ProductRow = typeof products.$inferSelect;
export type ProductValues = Omit<typeof products.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type PriceListRow = typeof priceLists.$inferSelect;
export type PriceListValues = Omit<typeof priceLists.$inferInsert, 'id' | 'workspaceId' | 'version' | 'createdAt' | 'updatedAt'>;
export type PriceListItemRow = typeof priceListItems.$inferSelect;

export type ProductListCriteria = { q?: string; active?: boolean; category?: string; kind?: 'product' | 'service'; deleted: boolean; cursor?: string; limit: number };

const scoped = (workspaceId: string, id: string) => and(eq(products.workspaceId, workspaceId), eq(products.id, id));
const listScoped = (workspaceId: string, id: string) => and(eq(priceLists.workspaceId, workspaceId), eq(priceLists.id, id));
const bumped = (at: Date) => ({ version: sql`${products.version} + 1`, updatedAt: at });

/** The first part of a product's search key is its name's key (see productSearchKey). */
const nameKeyOf = sql`split_part(${products.searchKey}, '|', 1)`;

export const productsRepository = {
  async insert(db: Executor, workspaceId: string, values: ProductValues): Promise<ProductRow> {
    const [row] = await db
      .insert(products)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<ProductRow | undefined> {
    const [row] = await db.select().from(products).where(scoped(workspaceId, id));
    return row;
  },

  async findForUpdate(db: Executor, workspaceId: string, id: string): Promise<ProductRow | undefined> {
    const [row] = await db.select().from(products).where(scoped(workspaceId, id)).for('update');
    return row;
  },

  /** The named products of this workspace (deleted ones too); ids of other workspaces are simply absent. */
  findMany(db: Executor, workspaceId: string, ids: string[]): Promise<ProductRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .select()
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, [...new Set(ids)])));
  },

  /** A live product holding this SKU, other than `exceptId`. */
  async skuHolder(db: Executor, workspaceId: string, sku: string, exceptId?: string): Promise<string | undefined> {
    const [row] = await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), eq(products.sku, sku), isNull(products.deletedAt), exceptId ? sql`${products.id} <> ${exceptId}` : undefined))
      .limit(1);
    return row?.id;
  },

  /** A live product by SKU (exact, case-insensitive) or else by the Persian-normalised key of its name. */
  async findBySkuOrName(db: Executor, workspaceId: string, text: string, nameKey: string): Promise<ProductRow | undefined> {
    const live = and(eq(products.workspaceId, workspaceId), isNull(products.deletedAt));
    const [bySku] = await db
      .select()
      .from(products)
      .where(and(live, sql`lower(${products.sku}) = lower(${text})`))
      .limit(1);
    if (bySku) return bySku;
    if (!nameKey) return undefined;
    const [byName] = await db
      .select()
      .from(products)
      .where(and(live, sql`${nameKeyOf} = ${nameKey}`))
      .orderBy(asc(products.createdAt))
      .limit(1);
    return byName;
  },

  async update(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<ProductValues>, at: Date): Promise<ProductRow | undefined> {
    const [row] = await db
      .update(products)
      .set({ ...changes, ...bumped(at) })
      .where(and(scoped(workspaceId, id), eq(products.version, version)))
      .returning();
    return row;
  },

  list(db: Executor, workspaceId: string, criteria: ProductListCriteria): Promise<ProductRow[]> {
    const conditions: Array<SQL | undefined> = [
      eq(products.workspaceId, workspaceId),
      criteria.deleted ? isNotNull(products.deletedAt) : isNull(products.deletedAt),
      quickSearch(products.searchKey, criteria.q),
      criteria.active === undefined ? undefined : eq(products.active, criteria.active),
      criteria.category ? eq(products.category, criteria.category) : undefined,
      criteria.kind ? eq(products.kind, criteria.kind) : undefined,
      keysetWhere(products.createdAt, products.id, criteria.cursor),
    ];
    return db
      .select()
      .from(products)
      .where(and(...conditions))
      .orderBy(...keysetOrder(products.createdAt, products.id))
      .limit(criteria.limit + 1);
  },

  // Price lists

  async insertPriceList(db: Executor, workspaceId: string, values: PriceListValues): Promise<PriceListRow> {
    const [row] = await db
      .insert(priceLists)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async findPriceList(db: Executor, workspaceId: string, id: string): Promise<PriceListRow | undefined> {
    const [row] = await db.select().from(priceLists).where(listScoped(workspaceId, id));
    return row;
  },

  async findPriceListForUpdate(db: Executor, workspaceId: string, id: string): Promise<PriceListRow | undefined> {
    const [row] = await db.select().from(priceLists).where(listScoped(workspaceId, id)).for('update');
    return row;
  },

  listPriceLists(db: Executor, workspaceId: string, withArchived: boolean): Promise<PriceListRow[]> {
    return db
      .select()
      .from(priceLists)
      .where(and(eq(priceLists.workspaceId, workspaceId), withArchived ? undefined : isNull(priceLists.archivedAt)))
      .orderBy(desc(priceLists.isDefault), asc(priceLists.name), asc(priceLists.id))
      .limit(500);
  },

  async updatePriceList(db: Executor, workspaceId: string, id: string, version: number, changes: Partial<PriceListValues>, at: Date): Promise<PriceListRow | undefined> {
    const [row] = await db
      .update(priceLists)
      .set({ ...changes, version: sql`${priceLists.version} + 1`, updatedAt: at })
      .where(and(listScoped(workspaceId, id), eq(priceLists.version, version)))
      .returning();
    return row;
  },

  /** Only one default price list per workspace: the others lose the flag. */
  async clearDefault(db: Executor, workspaceId: string, exceptId: string): Promise<void> {
    await db
      .update(priceLists)
      .set({ isDefault: false })
      .where(and(eq(priceLists.workspaceId, workspaceId), eq(priceLists.isDefault, true), sql`${priceLists.id} <> ${exceptId}`));
  },

  /** Items of these price lists with their product's name and SKU, cheapest volume step first. */
  itemsOf(db: Executor, workspaceId: string, priceListIds: string[]) {
    if (!priceListIds.length) return Promise.resolve([]);
    return db
      .select({
        priceListId: priceListItems.priceListId,
        productId: priceListItems.productId,
        productName: products.name,
        sku: products.sku,
        price: priceListItems.price,
        minQuantity: priceListItems.minQuantity,
      })
      .from(priceListItems)
      .innerJoin(products, and(eq(products.id, priceListItems.productId), eq(products.workspaceId, workspaceId)))
      .where(and(eq(priceListItems.workspaceId, workspaceId), inArray(priceListItems.priceListId, priceListIds)))
      .orderBy(asc(products.name), asc(priceListItems.productId), asc(priceListItems.minQuantity));
  },

  async replaceItems(db: Executor, workspaceId: string, priceListId: string, items: Array<{ productId: string; price: string; minQuantity: string }>): Promise<void> {
    await db.delete(priceListItems).where(and(eq(priceListItems.workspaceId, workspaceId), eq(priceListItems.priceListId, priceListId)));
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      await db.insert(priceListItems).values(chunk.map((item) => ({ ...item, workspaceId, priceListId })));
    }
  },

  /**
   * The price list's price for `quantity` of a product: the item with the largest minimum
   * quantity that `quantity` reaches (volume pricing), or undefined.
   */
  async applicablePrice(db: Executor, workspaceId: string, priceListId: string, productId: string, quantity: string): Promise<{ price: string; minQuantity: string } | undefined> {
    const [row] = await db
      .select({ price: priceListItems.price, minQuantity: priceListItems.minQuantity })
      .from(priceListItems)
      .where(
        and(
          eq(priceListItems.workspaceId, workspaceId),
          eq(priceListItems.priceListId, priceListId),
          eq(priceListItems.productId, productId),
          lte(priceListItems.minQuantity, quantity),
        ),
      )
      .orderBy(desc(priceListItems.minQuantity))
      .limit(1);
    return row;
  },
};
