import { dateParts, DEFAULT_TIME_ZONE } from '#common/calendar/index.ts';
import { round, subtract } from '#common/money/index.ts';
import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page } from '../../kernel/http/pagination.ts';
import { checkCurrency, parseDecimalInput, rateOn } from '../currencies/index.ts';
import { failOnFieldErrors, parseInput } from '../people/index.ts';
import { PRICE_RULE, productsRepository, type PriceListRow } from '../products/index.ts';
import { workspacesRepository } from '../workspaces/index.ts';
import {
  ZOrderCreate,
  ZOrderPatch,
  ZQuoteCreate,
  ZQuotePatch,
  ZQuoteToOrder,
  type TLineInput,
  type TOrderListQuery,
  type TQuoteListQuery,
} from './orders.contract.ts';
import { orderErrors, orderFieldError } from './orders.errors.ts';
import { checkMagnitude, computeDocument, orderLineValues, quoteLineValues, resolveLines, storedLines, type ResolvedLine } from './orders.lines.ts';
import { buildPrint, type PrintLang } from './orders.print.ts';
import { customerRefs, loadOrder, loadQuote, orderSummary, quoteSummary, type Order, type OrderSummary, type Quote, type QuoteSummary } from './orders.public.ts';
import { ordersRepository as repo, type OrderRow, type OrderValues, type QuoteRow, type QuoteValues } from './orders.repository.ts';
import type { OrderStatus } from './orders.schema.ts';
import { assertEditable, assertOrderMove, assertQuoteMove, isCountedOrder, orderEditable, quoteEditable } from './orders.status.ts';

const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

type Settings = { defaultCurrency: string; vatRate: string; timezone: string };

/** The header fields quotes and orders share, as sent (create or patch). */
type HeaderInput = {
  dealId?: string | null;
  organizationId?: string | null;
  personId?: string | null;
  ownerId?: string | null;
  currency?: string;
  priceListId?: string | null;
  discountAmount?: string | number;
};

function isExternalRefConflict(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (e.code === '23505' && String(e.constraint ?? e.message ?? '').includes('orders_external_ref_uq')) return true;
  }
  return false;
}

export function createOrdersService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function settingsOf(executor: Executor, workspaceId: string): Promise<Settings> {
    const ws = await workspacesRepository.find(executor, workspaceId);
    return { defaultCurrency: ws?.defaultCurrency ?? 'IRR', vatRate: ws?.vatRate ?? '10', timezone: ws?.timezone ?? DEFAULT_TIME_ZONE };
  }

  function today(settings: Settings): string {
    const { year, month, day } = dateParts(clock(), settings.timezone);
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  /** Units of the workspace currency per unit of `currency` on `date`; 422 exchange_rate_missing when none is known. */
  async function exchangeRate(executor: Executor, workspaceId: string, currency: string, date: string): Promise<string> {
    const rate = await rateOn(executor, workspaceId, currency, date);
    if (rate === null) throw orderErrors.exchange_rate_missing({ params: { currency }, fieldErrors: [orderFieldError('currency', 'exchange_rate_missing')] });
    return rate;
  }

  /** Customer, deal, owner, currency, price list and document discount: checked against this workspace, every problem reported at once. */
  async function checkHeader(tx: Tx, ctx: WorkspaceContext, input: HeaderInput, errors: FieldError[]) {
    const ws = ctx.workspaceId;
    if (input.organizationId) {
      const [org] = await repo.organizationsByIds(tx, ws, [input.organizationId]);
      if (!org || org.deletedAt) errors.push(orderFieldError('organizationId', 'organization_not_found'));
    }
    if (input.personId) {
      const [person] = await repo.peopleByIds(tx, ws, [input.personId]);
      if (!person || person.deletedAt) errors.push(orderFieldError('personId', 'person_not_found'));
    }
    if (input.dealId && !(await repo.dealExists(tx, ws, input.dealId))) errors.push(orderFieldError('dealId', 'deal_not_found'));
    if (input.ownerId && !(await repo.isMember(tx, ws, input.ownerId))) errors.push(orderFieldError('ownerId', 'owner_not_member'));
    const currency = input.currency !== undefined ? checkCurrency('currency', input.currency, errors) : undefined;
    let priceList: PriceListRow | undefined;
    if (input.priceListId) {
      priceList = await productsRepository.findPriceList(tx, ws, input.priceListId);
      if (!priceList) errors.push(orderFieldError('priceListId', 'price_list_not_found'));
    }
    const discountAmount = input.discountAmount !== undefined ? parseDecimalInput('discountAmount', input.discountAmount, PRICE_RULE, errors) : undefined;
    return { currency, priceList, discountAmount };
  }

  /** The fields of a header a patch may carry as plain values (no lookups needed beyond checkHeader). */
  const linkFields = (input: HeaderInput) => ({
    ...(input.dealId !== undefined ? { dealId: input.dealId } : {}),
    ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
    ...(input.personId !== undefined ? { personId: input.personId } : {}),
    ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
  });

  function failOnMagnitude(computed: ReturnType<typeof computeDocument>, rate: string) {
    const errors: FieldError[] = [];
    checkMagnitude(computed, rate, errors);
    failOnFieldErrors(errors);
  }

  function checkAfter(path: string, date: string | null | undefined, from: string) {
    return date && date < from ? [orderFieldError(path, 'invalid_date_range')] : [];
  }

  // Quotes

  async function audited<T extends QuoteSummary | OrderSummary>(tx: Tx, ctx: WorkspaceContext, action: string, entityType: 'quote' | 'order', after: T, before?: unknown) {
    await recordAudit(tx, ctx, { action, entityType, entityId: after.id, before, after });
  }

  async function createQuoteWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown): Promise<Quote> {
    requirePermission(ctx, 'records.write');
    const input = parseInput(ZQuoteCreate, rawInput);
    const settings = await settingsOf(tx, ctx.workspaceId);
    const errors: FieldError[] = [];
    const header = await checkHeader(tx, ctx, input, errors);
    const currency = header.currency ?? settings.defaultCurrency;
    const issueDate = input.issueDate ?? today(settings);
    errors.push(...checkAfter('validUntil', input.validUntil, issueDate));
    const lines = await resolveLines(tx, ctx.workspaceId, input.lines ?? [], { currency, vatRate: settings.vatRate, priceList: header.priceList, withCost: false }, errors);
    failOnFieldErrors(errors);
    const rate = await exchangeRate(tx, ctx.workspaceId, currency, issueDate);
    const computed = computeDocument(lines, header.discountAmount ?? '0', rate, currency);
    failOnMagnitude(computed, rate);
    const number = await repo.nextNumber(tx, ctx.workspaceId, 'quote');
    const row = await repo.insertQuote(tx, ctx.workspaceId, {
      number,
      status: 'draft',
      title: input.title ?? null,
      dealId: input.dealId ?? null,
      organizationId: input.organizationId ?? null,
      personId: input.personId ?? null,
      ownerId: input.ownerId === undefined ? actingUserId(ctx) : input.ownerId,
      issueDate,
      validUntil: input.validUntil ?? null,
      currency,
      exchangeRate: rate,
      ...documentMoney(computed),
      notes: input.notes ?? null,
      terms: input.terms ?? null,
      createdBy: actingUserId(ctx),
    });
    await repo.replaceQuoteLines(tx, ctx.workspaceId, row.id, quoteLineValues(lines, computed));
    const quote = await loadQuote(tx, ctx.workspaceId, row);
    await audited(tx, ctx, 'quote.created', 'quote', quote);
    return quote;
  }

  const documentMoney = (computed: ReturnType<typeof computeDocument>) => ({
    subtotal: computed.totals.subtotal,
    discountAmount: computed.totals.discountAmount,
    taxTotal: computed.totals.taxTotal,
    total: computed.totals.total,
    totalBase: computed.totalBase,
  });

  async function updateQuoteWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Quote> {
    requirePermission(ctx, 'records.write');
    const { version, status, ...input } = parseInput(ZQuotePatch, rawInput);
    const before = await repo.findQuote(tx, ctx.workspaceId, id, true);
    if (!before) throw orderErrors.quote_not_found();
    if (before.version !== version) throw kernelErrors.version_conflict();
    if (before.deletedAt) throw orderErrors.document_deleted();
    if (status !== undefined) assertQuoteMove(before.status, status);
    const reprices = input.lines !== undefined || input.currency !== undefined || input.discountAmount !== undefined || input.issueDate !== undefined || input.priceListId !== undefined;
    if (reprices) assertEditable(quoteEditable(before.status), before.status);
    const settings = await settingsOf(tx, ctx.workspaceId);
    const errors: FieldError[] = [];
    const header = await checkHeader(tx, ctx, input, errors);
    const currency = header.currency ?? before.currency;
    const issueDate = input.issueDate ?? before.issueDate;
    errors.push(...checkAfter('validUntil', input.validUntil === undefined ? before.validUntil : input.validUntil, issueDate));
    const lines = input.lines
      ? await resolveLines(tx, ctx.workspaceId, input.lines, { currency, vatRate: settings.vatRate, priceList: header.priceList, withCost: false }, errors)
      : storedLines(await repo.quoteLines(tx, ctx.workspaceId, id));
    failOnFieldErrors(errors);
    const changes: Partial<QuoteValues> = {
      ...linkFields(input),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.validUntil !== undefined ? { validUntil: input.validUntil } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.terms !== undefined ? { terms: input.terms } : {}),
      ...(status !== undefined ? { status } : {}),
    };
    let computed: ReturnType<typeof computeDocument> | undefined;
    if (reprices) {
      const rate = currency === before.currency && issueDate === before.issueDate ? before.exchangeRate : await exchangeRate(tx, ctx.workspaceId, currency, issueDate);
      computed = computeDocument(lines, header.discountAmount ?? before.discountAmount, rate, currency);
      failOnMagnitude(computed, rate);
      Object.assign(changes, { currency, issueDate, exchangeRate: rate, ...documentMoney(computed) });
    }
    const row = await repo.updateQuote(tx, ctx.workspaceId, id, version, changes, clock());
    if (!row) throw kernelErrors.version_conflict();
    if (computed) await repo.replaceQuoteLines(tx, ctx.workspaceId, id, quoteLineValues(lines, computed));
    const quote = await loadQuote(tx, ctx.workspaceId, row);
    const action = status !== undefined && status !== before.status ? `quote.${status}` : 'quote.updated';
    await audited(tx, ctx, action, 'quote', quote, quoteSummary(before, await customerRefs(tx, ctx.workspaceId, [before])));
    return quote;
  }

  // Orders

  async function createOrderWithin(tx: Tx, ctx: WorkspaceContext, rawInput: unknown, extra: { source?: OrderValues['source']; quoteId?: string; exchangeRate?: string; status?: OrderStatus } = {}): Promise<Order> {
    requirePermission(ctx, 'records.write');
    const input = parseInput(ZOrderCreate, rawInput);
    const settings = await settingsOf(tx, ctx.workspaceId);
    const errors: FieldError[] = [];
    const header = await checkHeader(tx, ctx, input, errors);
    const currency = header.currency ?? settings.defaultCurrency;
    const orderDate = input.orderDate ?? today(settings);
    errors.push(...checkAfter('dueDate', input.dueDate, orderDate));
    const lines = await resolveLines(tx, ctx.workspaceId, input.lines ?? [], { currency, vatRate: settings.vatRate, priceList: header.priceList, withCost: true }, errors);
    failOnFieldErrors(errors);
    const rate = extra.exchangeRate ?? (await exchangeRate(tx, ctx.workspaceId, currency, orderDate));
    const computed = computeDocument(lines, header.discountAmount ?? '0', rate, currency);
    failOnMagnitude(computed, rate);
    const number = await repo.nextNumber(tx, ctx.workspaceId, 'order');
    const status = extra.status ?? input.status ?? 'draft';
    const row = await repo.insertOrder(tx, ctx.workspaceId, {
      number,
      status,
      source: extra.source ?? (ctx.actor.type === 'api_key' ? 'api' : 'crm'),
      externalRef: input.externalRef ?? null,
      dealId: input.dealId ?? null,
      quoteId: extra.quoteId ?? null,
      organizationId: input.organizationId ?? null,
      personId: input.personId ?? null,
      ownerId: input.ownerId === undefined ? actingUserId(ctx) : input.ownerId,
      orderDate,
      dueDate: input.dueDate ?? null,
      currency,
      exchangeRate: rate,
      ...documentMoney(computed),
      costTotal: computed.totals.costTotal,
      notes: input.notes ?? null,
      createdBy: actingUserId(ctx),
    });
    await repo.replaceOrderLines(tx, ctx.workspaceId, row.id, orderLineValues(lines, computed, { ...row, counted: isCountedOrder(row) }));
    const order = await loadOrder(tx, ctx.workspaceId, row);
    await audited(tx, ctx, 'order.created', 'order', order);
    return order;
  }

  async function updateOrderWithin(tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Order> {
    requirePermission(ctx, 'records.write');
    const { version, status, paidOn, ...input } = parseInput(ZOrderPatch, rawInput);
    const before = await repo.findOrder(tx, ctx.workspaceId, id, true);
    if (!before) throw orderErrors.order_not_found();
    if (before.version !== version) throw kernelErrors.version_conflict();
    if (before.deletedAt) throw orderErrors.document_deleted();
    if (status !== undefined) assertOrderMove(before.status, status);
    const reprices = input.lines !== undefined || input.currency !== undefined || input.discountAmount !== undefined || input.orderDate !== undefined || input.priceListId !== undefined;
    if (reprices) assertEditable(orderEditable(before.status), before.status);
    const settings = await settingsOf(tx, ctx.workspaceId);
    const errors: FieldError[] = [];
    const header = await checkHeader(tx, ctx, input, errors);
    const currency = header.currency ?? before.currency;
    const orderDate = input.orderDate ?? before.orderDate;
    errors.push(...checkAfter('dueDate', input.dueDate === undefined ? before.dueDate : input.dueDate, orderDate));
    const lines = input.lines
      ? await resolveLines(tx, ctx.workspaceId, input.lines, { currency, vatRate: settings.vatRate, priceList: header.priceList, withCost: true }, errors)
      : storedLines(await repo.orderLines(tx, ctx.workspaceId, id));
    failOnFieldErrors(errors);
    const becomesPaid = status === 'paid' && before.status !== 'paid';
    const changes: Partial<OrderValues> = {
      ...linkFields(input),
      ...(input.externalRef !== undefined ? { externalRef: input.externalRef } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(paidOn !== undefined ? { paidOn } : becomesPaid ? { paidOn: today(settings) } : {}),
    };
    let computed: ReturnType<typeof computeDocument> | undefined;
    if (reprices) {
      const rate = currency === before.currency && orderDate === before.orderDate ? before.exchangeRate : await exchangeRate(tx, ctx.workspaceId, currency, orderDate);
      computed = computeDocument(lines, header.discountAmount ?? before.discountAmount, rate, currency);
      failOnMagnitude(computed, rate);
      Object.assign(changes, { currency, orderDate, exchangeRate: rate, ...documentMoney(computed), costTotal: computed.totals.costTotal });
    }
    const row = await repo.updateOrder(tx, ctx.workspaceId, id, version, changes, clock());
    if (!row) throw kernelErrors.version_conflict();
    if (computed) await repo.replaceOrderLines(tx, ctx.workspaceId, id, orderLineValues(lines, computed, { ...row, counted: isCountedOrder(row) }));
    else await repo.syncOrderLines(tx, ctx.workspaceId, row);
    const order = await loadOrder(tx, ctx.workspaceId, row);
    const action = status !== undefined && status !== before.status ? `order.${status}` : 'order.updated';
    await audited(tx, ctx, action, 'order', order, orderSummary(before, await customerRefs(tx, ctx.workspaceId, [before])));
    return order;
  }

  /** Soft delete and restore; an order's lines stop (and start again) counting in analytics with it. */
  async function setOrderDeleted(ctx: WorkspaceContext, id: string, deleted: boolean): Promise<Order> {
    requirePermission(ctx, 'records.delete');
    return mutate(db, ctx, async (tx) => {
      const before = await repo.findOrder(tx, ctx.workspaceId, id, true);
      if (!before) throw orderErrors.order_not_found();
      if (!!before.deletedAt === deleted) return loadOrder(tx, ctx.workspaceId, before);
      const row = (await repo.updateOrder(tx, ctx.workspaceId, id, before.version, { deletedAt: deleted ? clock() : null }, clock()))!;
      await repo.syncOrderLines(tx, ctx.workspaceId, row);
      await recordAudit(tx, ctx, {
        action: deleted ? 'order.deleted' : 'order.restored',
        entityType: 'order',
        entityId: id,
        before: { deletedAt: before.deletedAt, version: before.version, organizationId: before.organizationId, personId: before.personId },
        after: { deletedAt: row.deletedAt, version: row.version, organizationId: row.organizationId, personId: row.personId },
      });
      return loadOrder(tx, ctx.workspaceId, row);
    });
  }

  async function setQuoteDeleted(ctx: WorkspaceContext, id: string, deleted: boolean): Promise<Quote> {
    requirePermission(ctx, 'records.delete');
    return mutate(db, ctx, async (tx) => {
      const before = await repo.findQuote(tx, ctx.workspaceId, id, true);
      if (!before) throw orderErrors.quote_not_found();
      if (!!before.deletedAt === deleted) return loadQuote(tx, ctx.workspaceId, before);
      const row = (await repo.updateQuote(tx, ctx.workspaceId, id, before.version, { deletedAt: deleted ? clock() : null }, clock()))!;
      await recordAudit(tx, ctx, {
        action: deleted ? 'quote.deleted' : 'quote.restored',
        entityType: 'quote',
        entityId: id,
        before: { deletedAt: before.deletedAt, version: before.version, organizationId: before.organizationId, personId: before.personId },
        after: { deletedAt: row.deletedAt, version: row.version, organizationId: row.organizationId, personId: row.personId },
      });
      return loadQuote(tx, ctx.workspaceId, row);
    });
  }

  async function withPrint<T extends Quote | Order>(ctx: WorkspaceContext, kind: 'quote' | 'order', doc: T, lang: PrintLang | undefined) {
    if (!lang) return doc;
    return { ...doc, print: await buildPrint(db, ctx.workspaceId, kind, doc, lang) };
  }

  const withRefConflict = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isExternalRefConflict(error)) throw orderErrors.external_ref_taken({ fieldErrors: [orderFieldError('externalRef', 'external_ref_taken')] });
      throw error;
    }
  };

  const listCriteria = (query: TQuoteListQuery | TOrderListQuery) => ({
    statuses: query.status as never,
    organizationId: query.organizationId,
    personId: query.personId,
    dealId: query.dealId,
    from: query.from,
    to: query.to,
    deleted: query.deleted === 'true',
    cursor: query.cursor,
    limit: query.limit,
  });

  return {
    createQuoteWithin,
    createOrderWithin,

    async listQuotes(ctx: WorkspaceContext, query: TQuoteListQuery): Promise<Page<QuoteSummary>> {
      requirePermission(ctx, 'records.read');
      const rows = await repo.listQuotes(db, ctx.workspaceId, listCriteria(query));
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      const refs = await customerRefs(db, ctx.workspaceId, page.items);
      return { items: page.items.map((r) => quoteSummary(r, refs)), nextCursor: page.nextCursor };
    },

    async getQuote(ctx: WorkspaceContext, id: string, lang?: PrintLang) {
      requirePermission(ctx, 'records.read');
      const row = await repo.findQuote(db, ctx.workspaceId, id);
      if (!row) throw orderErrors.quote_not_found();
      return withPrint(ctx, 'quote', await loadQuote(db, ctx.workspaceId, row), lang);
    },

    async createQuote(ctx: WorkspaceContext, input: unknown): Promise<Quote> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => createQuoteWithin(tx, ctx, input));
    },

    async updateQuote(ctx: WorkspaceContext, id: string, input: unknown): Promise<Quote> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => updateQuoteWithin(tx, ctx, id, input));
    },

    async removeQuote(ctx: WorkspaceContext, id: string): Promise<void> {
      await setQuoteDeleted(ctx, id, true);
    },

    restoreQuote: (ctx: WorkspaceContext, id: string) => setQuoteDeleted(ctx, id, false),

    /**
     * A sent or accepted quote becomes an order with the same lines, discount, currency and
     * exchange rate (the price agreed); the quote is marked accepted and points at the order.
     */
    async convertQuote(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Order> {
      requirePermission(ctx, 'records.write');
      const input = parseInput(ZQuoteToOrder, rawInput ?? {});
      return withRefConflict(() =>
        mutate(db, ctx, async (tx) => {
          const quote = await repo.findQuote(tx, ctx.workspaceId, id, true);
          if (!quote) throw orderErrors.quote_not_found();
          if (input.version !== undefined && input.version !== quote.version) throw kernelErrors.version_conflict();
          if (quote.deletedAt) throw orderErrors.document_deleted();
          if (quote.orderId || (quote.status !== 'sent' && quote.status !== 'accepted')) throw orderErrors.quote_not_convertible();
          const lines = await repo.quoteLines(tx, ctx.workspaceId, id);
          const products = await productsRepository.findMany(tx, ctx.workspaceId, lines.flatMap((l) => (l.productId ? [l.productId] : [])));
          // A product deleted since the quote was written leaves the line as it is, without the link.
          const liveProducts = new Set(products.filter((p) => !p.deletedAt).map((p) => p.id));
          const orderLines: TLineInput[] = lines.map((l) => ({
            productId: l.productId && liveProducts.has(l.productId) ? l.productId : null,
            description: l.description,
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            discountPercent: l.discountPercent,
            taxRate: l.taxRate,
          }));
          const order = await createOrderWithin(
            tx,
            ctx,
            {
              dealId: quote.dealId,
              organizationId: quote.organizationId,
              personId: quote.personId,
              // The quote's owner may have left the workspace since; the order then has none.
              ownerId: quote.ownerId && (await repo.isMember(tx, ctx.workspaceId, quote.ownerId)) ? quote.ownerId : null,
              currency: quote.currency,
              discountAmount: quote.discountAmount,
              notes: quote.notes,
              status: input.status ?? 'draft',
              ...(input.orderDate ? { orderDate: input.orderDate } : {}),
              lines: orderLines,
            },
            { quoteId: quote.id, exchangeRate: quote.exchangeRate },
          );
          const row = await repo.updateQuote(tx, ctx.workspaceId, id, quote.version, { status: 'accepted', orderId: order.id }, clock());
          const after = await loadQuote(tx, ctx.workspaceId, row!);
          await audited(tx, ctx, quote.status === 'accepted' ? 'quote.converted' : 'quote.accepted', 'quote', after, quoteSummary(quote, await customerRefs(tx, ctx.workspaceId, [quote])));
          return order;
        }),
      );
    },

    async listOrders(ctx: WorkspaceContext, query: TOrderListQuery): Promise<Page<OrderSummary>> {
      requirePermission(ctx, 'records.read');
      const rows = await repo.listOrders(db, ctx.workspaceId, listCriteria(query));
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      const refs = await customerRefs(db, ctx.workspaceId, page.items);
      return { items: page.items.map((r) => orderSummary(r, refs)), nextCursor: page.nextCursor };
    },

    async getOrder(ctx: WorkspaceContext, id: string, lang?: PrintLang) {
      requirePermission(ctx, 'records.read');
      const row = await repo.findOrder(db, ctx.workspaceId, id);
      if (!row) throw orderErrors.order_not_found();
      return withPrint(ctx, 'order', await loadOrder(db, ctx.workspaceId, row), lang);
    },

    async createOrder(ctx: WorkspaceContext, input: unknown): Promise<Order> {
      requirePermission(ctx, 'records.write');
      return withRefConflict(() => mutate(db, ctx, (tx) => createOrderWithin(tx, ctx, input)));
    },

    async updateOrder(ctx: WorkspaceContext, id: string, input: unknown): Promise<Order> {
      requirePermission(ctx, 'records.write');
      return withRefConflict(() => mutate(db, ctx, (tx) => updateOrderWithin(tx, ctx, id, input)));
    },

    async removeOrder(ctx: WorkspaceContext, id: string): Promise<void> {
      await setOrderDeleted(ctx, id, true);
    },

    restoreOrder: (ctx: WorkspaceContext, id: string) => setOrderDeleted(ctx, id, false),

    /** What a customer bought: orders, revenue, cost and margin in the workspace currency, first and last order. */
    async customerSummary(ctx: WorkspaceContext, query: { organizationId?: string; personId?: string }) {
      requirePermission(ctx, 'records.read');
      if (!query.organizationId === !query.personId) {
        throw kernelErrors.validation_failed({
          fieldErrors: [
            {
              path: 'organizationId',
              code: 'one_customer_required',
              message: { fa: 'دقیقاً یکی از organizationId یا personId را بفرستید.', en: 'Send exactly one of organizationId or personId.' },
            },
          ],
        });
      }
      const settings = await settingsOf(db, ctx.workspaceId);
      const s = await repo.customerSummary(db, ctx.workspaceId, query);
      return {
        orderCount: s.count,
        revenueBase: round(s.revenue),
        costBase: round(s.cost),
        marginBase: subtract(s.revenue, s.cost),
        firstOrderDate: s.first,
        lastOrderDate: s.last,
        currency: settings.defaultCurrency,
      };
    },

    /** For the order import: settings, rates and the order writes it composes, all on its transaction. */
    internals: { settingsOf, exchangeRate, today, now: clock },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
export type { ResolvedLine, OrderStatus, OrderRow, QuoteRow };
