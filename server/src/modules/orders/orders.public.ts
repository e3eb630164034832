import type { Executor } from '../../kernel/db/database.ts';
import { trimDecimal } from '../currencies/index.ts';
import { ordersRepository as repo, type OrderLineRow, type OrderRow, type QuoteLineRow, type QuoteRow } from './orders.repository.ts';

export type Ref = { id: string; name: string } | null;
export type CustomerRefs = { organizations: Map<string, string>; people: Map<string, string> };

const fullName = (first: string, last: string) => `${first} ${last}`.trim();

/** Display names of the organisations and people these documents name, two queries for a whole page. */
export async function customerRefs(db: Executor, workspaceId: string, docs: Array<{ organizationId: string | null; personId: string | null }>): Promise<CustomerRefs> {
  const orgs = await repo.organizationsByIds(db, workspaceId, docs.flatMap((d) => (d.organizationId ? [d.organizationId] : [])));
  const people = await repo.peopleByIds(db, workspaceId, docs.flatMap((d) => (d.personId ? [d.personId] : [])));
  return {
    organizations: new Map(orgs.map((o) => [o.id, o.name || o.nameLatin || ''])),
    people: new Map(people.map((p) => [p.id, fullName(p.firstName, p.lastName) || fullName(p.firstNameLatin ?? '', p.lastNameLatin ?? '') || p.emails[0]?.value || ''])),
  };
}

const ref = (id: string | null, names: Map<string, string>): Ref => (id && names.has(id) ? { id, name: names.get(id)! } : null);

function documentPart(d: QuoteRow | OrderRow, refs: CustomerRefs) {
  return {
    id: d.id,
    number: d.number,
    dealId: d.dealId,
    organizationId: d.organizationId,
    personId: d.personId,
    organization: ref(d.organizationId, refs.organizations),
    person: ref(d.personId, refs.people),
    ownerId: d.ownerId,
    currency: d.currency,
    exchangeRate: trimDecimal(d.exchangeRate),
    subtotal: d.subtotal,
    discountAmount: d.discountAmount,
    taxTotal: d.taxTotal,
    total: d.total,
    totalBase: d.totalBase,
    notes: d.notes,
    version: d.version,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    deletedAt: d.deletedAt,
  };
}

export function quoteSummary(q: QuoteRow, refs: CustomerRefs) {
  return {
    ...documentPart(q, refs),
    displayNumber: `Q-${q.number}`,
    status: q.status,
    title: q.title,
    issueDate: q.issueDate,
    validUntil: q.validUntil,
    terms: q.terms,
    orderId: q.orderId,
  };
}
export type QuoteSummary = ReturnType<typeof quoteSummary>;

export function orderSummary(o: OrderRow, refs: CustomerRefs) {
  return {
    ...documentPart(o, refs),
    displayNumber: `INV-${o.number}`,
    status: o.status,
    source: o.source,
    externalRef: o.externalRef,
    quoteId: o.quoteId,
    orderDate: o.orderDate,
    dueDate: o.dueDate,
    paidOn: o.paidOn,
    costTotal: o.costTotal,
  };
}
export type OrderSummary = ReturnType<typeof orderSummary>;

const linePart = (l: QuoteLineRow | OrderLineRow) => ({
  id: l.id,
  position: l.position,
  productId: l.productId,
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent,
  taxRate: l.taxRate,
  netAmount: l.netAmount,
  taxAmount: l.taxAmount,
  totalAmount: l.totalAmount,
});

export const publicQuoteLine = linePart;
export const publicOrderLine = (l: OrderLineRow) => ({ ...linePart(l), unitCost: l.unitCost, costAmount: l.costAmount, netAmountBase: l.netAmountBase, counted: l.counted });

export async function loadQuote(db: Executor, workspaceId: string, q: QuoteRow) {
  const [refs, lines] = await Promise.all([customerRefs(db, workspaceId, [q]), repo.quoteLines(db, workspaceId, q.id)]);
  return { ...quoteSummary(q, refs), lines: lines.map(publicQuoteLine) };
}
export type Quote = Awaited<ReturnType<typeof loadQuote>>;

export async function loadOrder(db: Executor, workspaceId: string, o: OrderRow) {
  const [refs, lines] = await Promise.all([customerRefs(db, workspaceId, [o]), repo.orderLines(db, workspaceId, o.id)]);
  return { ...orderSummary(o, refs), lines: lines.map(publicOrderLine) };
}
export type Order = Awaited<ReturnType<typeof loadOrder>>;
