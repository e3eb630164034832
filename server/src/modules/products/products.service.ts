import { recordAudit, mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page } from '../../kernel/http/pagination.ts';
import { recordSearchKey } from '../../kernel/records/index.ts';
import { applyCustomInput } from '../custom-fields/index.ts';
import { checkCurrency, defaultCurrencyOf, parseDecimalInput } from '../currencies/index.ts';
import { failOnFieldErrors, parseInput } from '../people/index.ts';
import {
  ZPriceListCreate,
  ZPriceListItems,
  ZPriceListPatch,
  ZProductCreate,
  ZProductPatch,
  type TProductListQuery,
} from './products.contract.ts';
import { productErrors, productFieldError } from './products.errors.ts';
import { productsRepository as repo, type PriceListRow, type ProductRow, type ProductValues } from './products.repository.ts';

export const PRICE_RULE = { scale: 2, nonNegative: true, maxWholeDigits: 18 };
export const QUANTITY_RULE = { scale: 3, positive: true, maxWholeDigits: 15 };

/** The API shape of a product (ZProduct): no search key. */
export function publicProduct(p: ProductRow) {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    nameLatin: p.nameLatin,
    description: p.description,
    kind: p.kind,
    unit: p.unit,
    category: p.category,
    price: p.price,
    cost: p.cost,
    currency: p.currency,
    taxExempt: p.taxExempt,
    active: p.active,
    custom: p.custom,
    version: p.version,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    deletedAt: p.deletedAt,
  };
}
export type Product = ReturnType<typeof publicProduct>;

/** Name, Latin name and SKU; the name's key comes first, so an exact name match can read it back. */
export const productSearchKey = (p: Pick<ProductRow, 'name' | 'nameLatin' | 'sku'>) => recordSearchKey([p.name, p.nameLatin, p.sku]);

const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** A SKU the unique index refuses (two creates at the same moment): 409 with the field named. */
function isSkuConflict(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (e.code === '23505' && String(e.constraint ?? e.message ?? '').includes('products_sku_uq')) return true;
  }
  return false;
}

async function withSkuConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isSkuConflict(error)) throw productErrors.sku_taken({ fieldErrors: [productFieldError('sku', 'sku_taken')] });
    throw error;
  }
}

type ProductInput = Partial<Omit<ReturnType<typeof ZProductCreate.parse>, 'custom'>>;

/** Money and currency fields of a create or patch, normalised; problems go to `errors`. */
function moneyFields(input: ProductInput, errors: FieldError[]): Partial<ProductValues> {
  const values: Partial<ProductValues> = {};
  if (input.price !== undefined) values.price = parseDecimalInput('price', input.price, PRICE_RULE, errors);
  if (input.cost !== undefined) values.cost = input.cost === null ? null : parseDecimalInput('cost', input.cost, PRICE_RULE, errors);
  if (input.currency !== undefined) values.currency = checkCurrency('currency', input.currency, errors);
  return values;
}

export function createProductsService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function requireProduct(executor: Executor, workspaceId: string, id: string): Promise<ProductRow> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw productErrors.product_not_found();
    return row;
  }

  async function checkSku(tx: Tx, workspaceId: string, sku: string | null | undefined, exceptId?: string): Promise<FieldError[]> {
    if (!sku) return [];
    return (await repo.skuHolder(tx, workspaceId, sku, exceptId)) ? [productFieldError('sku', 'sku_taken')] : [];
  }

  /** Creates a product inside the caller's transaction (the API, and order imports that may create products). */
  async function createWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<Product> {
    requirePermission(ctx, 'sales.configure');
    const { custom: customInput, ...input } = parseInput(ZProductCreate, rawInput);
    const errors: FieldError[] = [];
    const money = moneyFields(input, errors);
    const { custom, fieldErrors } = await applyCustomInput(tx, ctx.workspaceId, 'product', undefined, customInput);
    errors.push(...fieldErrors);
    failOnFieldErrors(errors);
    const skuTaken = await checkSku(tx, ctx.workspaceId, input.sku);
    if (skuTaken.length) throw productErrors.sku_taken({ fieldErrors: skuTaken });
    const base = {
      sku: input.sku ?? null,
      name: input.name,
      nameLatin: input.nameLatin ?? null,
      description: input.description ?? null,
      kind: input.kind ?? 'product',
      unit: input.unit ?? null,
      category: input.category ?? null,
      price: money.price ?? '0',
      cost: money.cost ?? null,
      currency: money.currency ?? (await defaultCurrencyOf(tx, ctx.workspaceId)),
      taxExempt: input.taxExempt ?? false,
      active: input.active ?? true,
      custom,
      createdBy: actingUserId(ctx),
    };
    const row = await repo.insert(tx, ctx.workspaceId, { ...base, searchKey: productSearchKey(base) });
    const created = publicProduct(row);
    await recordAudit(tx, ctx, { action: 'product.created', entityType: 'product', entityId: row.id, after: created });
    return created;
  }

  async function updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Product> {
    requirePermission(ctx, 'sales.configure');
    const { version, custom: customInput, ...input } = parseInput(ZProductPatch, rawInput);
    const before = await repo.findForUpdate(tx, ctx.workspaceId, id);
    if (!before) throw productErrors.product_not_found();
    if (before.version !== version) throw kernelErrors.version_conflict();
    if (before.deletedAt) throw productErrors.product_deleted();
    const errors: FieldError[] = [];
    const money = moneyFields(input, errors);
    const customResult = customInput ? await applyCustomInput(tx, ctx.workspaceId, 'product', before.custom, customInput) : undefined;
    errors.push(...(customResult?.fieldErrors ?? []));
    failOnFieldErrors(errors);
    if (input.sku !== undefined && input.sku !== before.sku) {
      const skuTaken = await checkSku(tx, ctx.workspaceId, input.sku, id);
      if (skuTaken.length) throw productErrors.sku_taken({ fieldErrors: skuTaken });
    }
    const { price: _p, cost: _c, currency: _cur, ...plain } = input;
    const changes: Partial<ProductValues> = { ...plain, ...money, ...(customResult ? { custom: customResult.custom } : {}) };
    const merged = { ...before, ...changes };
    const row = await repo.update(tx, ctx.workspaceId, id, version, { ...changes, searchKey: productSearchKey(merged) }, clock());
    if (!row) throw kernelErrors.version_conflict();
    const after = publicProduct(row);
    await recordAudit(tx, ctx, { action: 'product.updated', entityType: 'product', entityId: id, before: publicProduct(before), after });
    return after;
  }

  async function setDeleted(ctx: WorkspaceContext, id: string, deleted: boolean): Promise<Product> {
    requirePermission(ctx, 'sales.configure');
    return withSkuConflict(() =>
      mutate(db, ctx, async (tx) => {
        const before = await repo.findForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw productErrors.product_not_found();
        if (!!before.deletedAt === deleted) return publicProduct(before);
        if (!deleted) {
          const skuTaken = await checkSku(tx, ctx.workspaceId, before.sku, id);
          if (skuTaken.length) throw productErrors.sku_taken({ fieldErrors: skuTaken });
        }
        const row = await repo.update(tx, ctx.workspaceId, id, before.version, { deletedAt: deleted ? clock() : null }, clock());
        await recordAudit(tx, ctx, {
          action: deleted ? 'product.deleted' : 'product.restored',
          entityType: 'product',
          entityId: id,
          before: { deletedAt: before.deletedAt, version: before.version },
          after: { deletedAt: row!.deletedAt, version: row!.version },
        });
        return publicProduct(row!);
      }),
    );
  }

  // Price lists

  async function requirePriceList(executor: Executor, workspaceId: string, id: string): Promise<PriceListRow> {
    const row = await repo.findPriceList(executor, workspaceId, id);
    if (!row) throw productErrors.price_list_not_found();
    return row;
  }

  async function priceListView(executor: Executor, workspaceId: string, row: PriceListRow) {
    const items = await repo.itemsOf(executor, workspaceId, [row.id]);
    return {
      id: row.id,
      name: row.name,
      currency: row.currency,
      isDefault: row.isDefault,
      validFrom: row.validFrom,
      validTo: row.validTo,
      version: row.version,
      archivedAt: row.archivedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      items: items.map(({ priceListId: _id, ...item }) => item),
    };
  }

  /** Items normalised and checked: decimal prices and quantities, products of this workspace, no repeated step. */
  async function checkedItems(tx: Tx, workspaceId: string, rawItems: unknown, pathPrefix?: string) {
    const items = parseInput(ZPriceListItems, rawItems, pathPrefix);
    const errors: FieldError[] = [];
    const at = (i: number, field: string) => [pathPrefix, String(i), field].filter(Boolean).join('.');
    const normalised = items.map((item, i) => ({
      productId: item.productId,
      price: parseDecimalInput(at(i, 'price'), item.price, PRICE_RULE, errors) ?? '0',
      minQuantity: parseDecimalInput(at(i, 'minQuantity'), item.minQuantity ?? '1', { ...QUANTITY_RULE, positive: false, nonNegative: true }, errors) ?? '1',
    }));
    const known = new Set((await repo.findMany(tx, workspaceId, items.map((i) => i.productId))).filter((p) => !p.deletedAt).map((p) => p.id));
    const seen = new Set<string>();
    normalised.forEach((item, i) => {
      if (!known.has(item.productId)) errors.push(productFieldError(at(i, 'productId'), 'product_not_found'));
      const step = `${item.productId}:${Number(item.minQuantity)}`;
      if (seen.has(step)) errors.push(productFieldError(at(i, 'minQuantity'), 'duplicate_item'));
      seen.add(step);
    });
    failOnFieldErrors(errors);
    return normalised;
  }

  function checkDates(validFrom: string | null | undefined, validTo: string | null | undefined) {
    if (validFrom && validTo && validTo < validFrom) failOnFieldErrors([productFieldError('validTo', 'invalid_date_range')]);
  }

  /**
   * The unit price of `quantity` of a product: from the price list when it has a step that
   * `quantity` reaches (the largest such minimum quantity wins), else the product's list price.
   */
  async function resolvePrice(executor: Executor, workspaceId: string, product: ProductRow, priceList: PriceListRow | undefined, quantity: string) {
    const item = priceList ? await repo.applicablePrice(executor, workspaceId, priceList.id, product.id, quantity) : undefined;
    if (item && priceList) return { unitPrice: item.price, currency: priceList.currency, priceListId: priceList.id, minQuantity: item.minQuantity, source: 'price_list' as const };
    return { unitPrice: product.price, currency: product.currency, priceListId: null, minQuantity: null, source: 'list_price' as const };
  }

  return {
    createWithin,
    updateWithin,
    resolvePrice,

    async list(ctx: WorkspaceContext, query: TProductListQuery): Promise<Page<Product>> {
      requirePermission(ctx, 'records.read');
      const rows = await repo.list(db, ctx.workspaceId, {
        q: query.q,
        active: query.active === undefined ? undefined : query.active === 'true',
        category: query.category,
        kind: query.kind,
        deleted: query.deleted === 'true',
        cursor: query.cursor,
        limit: query.limit,
      });
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return { items: page.items.map(publicProduct), nextCursor: page.nextCursor };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Product> {
      requirePermission(ctx, 'records.read');
      return publicProduct(await requireProduct(db, ctx.workspaceId, id));
    },

    async create(ctx: WorkspaceContext, input: unknown): Promise<Product> {
      requirePermission(ctx, 'sales.configure');
      return withSkuConflict(() => mutate(db, ctx, (tx) => createWithin(tx, ctx, input)));
    },

    async update(ctx: WorkspaceContext, id: string, input: unknown): Promise<Product> {
      requirePermission(ctx, 'sales.configure');
      return withSkuConflict(() => mutate(db, ctx, (tx) => updateWithin(tx, ctx, id, input)));
    },

    /** Soft delete: quotes and orders keep their lines (and the product id) for history. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      await setDeleted(ctx, id, true);
    },

    restore(ctx: WorkspaceContext, id: string): Promise<Product> {
      return setDeleted(ctx, id, false);
    },

    async price(ctx: WorkspaceContext, id: string, query: { priceListId?: string; quantity?: string }) {
      requirePermission(ctx, 'records.read');
      const errors: FieldError[] = [];
      const quantity = parseDecimalInput('quantity', query.quantity ?? '1', QUANTITY_RULE, errors);
      failOnFieldErrors(errors);
      const product = await requireProduct(db, ctx.workspaceId, id);
      const priceList = query.priceListId ? await requirePriceList(db, ctx.workspaceId, query.priceListId) : undefined;
      const resolved = await resolvePrice(db, ctx.workspaceId, product, priceList, quantity!);
      return { productId: product.id, quantity: quantity!, ...resolved };
    },

    async listPriceLists(ctx: WorkspaceContext, query: { archived?: 'true' | 'false' }) {
      requirePermission(ctx, 'records.read');
      const rows = await repo.listPriceLists(db, ctx.workspaceId, query.archived === 'true');
      const items = await repo.itemsOf(db, ctx.workspaceId, rows.map((r) => r.id));
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          currency: row.currency,
          isDefault: row.isDefault,
          validFrom: row.validFrom,
          validTo: row.validTo,
          version: row.version,
          archivedAt: row.archivedAt,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
          items: items.filter((i) => i.priceListId === row.id).map(({ priceListId: _id, ...item }) => item),
        })),
      };
    },

    async getPriceList(ctx: WorkspaceContext, id: string) {
      requirePermission(ctx, 'records.read');
      return priceListView(db, ctx.workspaceId, await requirePriceList(db, ctx.workspaceId, id));
    },

    async createPriceList(ctx: WorkspaceContext, rawInput: unknown) {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZPriceListCreate, rawInput);
      const errors: FieldError[] = [];
      const currency = input.currency !== undefined ? checkCurrency('currency', input.currency, errors) : undefined;
      failOnFieldErrors(errors);
      checkDates(input.validFrom, input.validTo);
      return mutate(db, ctx, async (tx) => {
        const items = input.items ? await checkedItems(tx, ctx.workspaceId, input.items, 'items') : [];
        const row = await repo.insertPriceList(tx, ctx.workspaceId, {
          name: input.name,
          currency: currency ?? (await defaultCurrencyOf(tx, ctx.workspaceId)),
          isDefault: input.isDefault ?? false,
          validFrom: input.validFrom ?? null,
          validTo: input.validTo ?? null,
        });
        if (row.isDefault) await repo.clearDefault(tx, ctx.workspaceId, row.id);
        if (items.length) await repo.replaceItems(tx, ctx.workspaceId, row.id, items);
        const view = await priceListView(tx, ctx.workspaceId, row);
        await recordAudit(tx, ctx, { action: 'price_list.created', entityType: 'price_list', entityId: row.id, after: view });
        return view;
      });
    },

    async updatePriceList(ctx: WorkspaceContext, id: string, rawInput: unknown) {
      requirePermission(ctx, 'sales.configure');
      const { version, ...input } = parseInput(ZPriceListPatch, rawInput);
      const errors: FieldError[] = [];
      const currency = input.currency !== undefined ? checkCurrency('currency', input.currency, errors) : undefined;
      failOnFieldErrors(errors);
      return mutate(db, ctx, async (tx) => {
        const before = await repo.findPriceListForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw productErrors.price_list_not_found();
        if (before.version !== version) throw kernelErrors.version_conflict();
        checkDates(input.validFrom === undefined ? before.validFrom : input.validFrom, input.validTo === undefined ? before.validTo : input.validTo);
        const row = await repo.updatePriceList(tx, ctx.workspaceId, id, version, { ...input, ...(currency ? { currency } : {}) }, clock());
        if (!row) throw kernelErrors.version_conflict();
        if (row.isDefault) await repo.clearDefault(tx, ctx.workspaceId, row.id);
        const view = await priceListView(tx, ctx.workspaceId, row);
        await recordAudit(tx, ctx, { action: 'price_list.updated', entityType: 'price_list', entityId: id, before, after: { ...view, items: undefined } });
        return view;
      });
    },

    /** The complete new set of items (volume steps by minQuantity) of a price list. */
    async replacePriceListItems(ctx: WorkspaceContext, id: string, rawItems: unknown) {
      requirePermission(ctx, 'sales.configure');
      return mutate(db, ctx, async (tx) => {
        const before = await repo.findPriceListForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw productErrors.price_list_not_found();
        const items = await checkedItems(tx, ctx.workspaceId, rawItems);
        const previous = await priceListView(tx, ctx.workspaceId, before);
        await repo.replaceItems(tx, ctx.workspaceId, id, items);
        const row = await repo.updatePriceList(tx, ctx.workspaceId, id, before.version, {}, clock());
        const view = await priceListView(tx, ctx.workspaceId, row!);
        await recordAudit(tx, ctx, { action: 'price_list.items_replaced', entityType: 'price_list', entityId: id, before: previous.items, after: view.items });
        return view;
      });
    },

    /** Archives a price list: it leaves the pickers; documents priced with it keep their prices. */
    async archivePriceList(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'sales.configure');
      await mutate(db, ctx, async (tx) => {
        const before = await repo.findPriceListForUpdate(tx, ctx.workspaceId, id);
        if (!before) throw productErrors.price_list_not_found();
        if (before.archivedAt) return;
        await repo.updatePriceList(tx, ctx.workspaceId, id, before.version, { archivedAt: clock(), isDefault: false }, clock());
        await recordAudit(tx, ctx, { action: 'price_list.archived', entityType: 'price_list', entityId: id, before: { archivedAt: null }, after: { archivedAt: clock() } });
      });
    },

    /** For quotes, orders and imports: a live price list of this workspace, or 404. */
    requirePriceList,
    findBySkuOrName: repo.findBySkuOrName,
    findMany: repo.findMany,
  };
}

export type ProductsService = ReturnType<typeof createProductsService>;
