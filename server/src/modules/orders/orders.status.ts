import type { OrderStatus, QuoteStatus } from './orders.schema.ts';
import { orderErrors, STATUS_LABELS_FA } from './orders.errors.ts';

/** Where a quote may go from each status (sent → draft reopens it for editing). */
const QUOTE_MOVES: Record<QuoteStatus, readonly QuoteStatus[]> = {
  draft: ['sent'],
  sent: ['draft', 'accepted', 'rejected', 'expired'],
  expired: ['sent'],
  accepted: [],
  rejected: [],
};

const ORDER_RANK: Record<OrderStatus, number> = { draft: 0, confirmed: 1, invoiced: 2, paid: 3, cancelled: -1 };

/** Orders only move forward (a cash sale may go from draft straight to paid); cancelled from any but paid. */
function orderMoveAllowed(from: OrderStatus, to: OrderStatus): boolean {
  if (from === 'cancelled' || from === 'paid') return false;
  if (to === 'cancelled') return true;
  return ORDER_RANK[to] > ORDER_RANK[from];
}

function refuse(from: string, to: string): never {
  throw orderErrors.invalid_status_transition({ params: { from, to, fromFa: STATUS_LABELS_FA[from] ?? from, toFa: STATUS_LABELS_FA[to] ?? to } });
}

export function assertQuoteMove(from: QuoteStatus, to: QuoteStatus): void {
  if (from !== to && !QUOTE_MOVES[from].includes(to)) refuse(from, to);
}

export function assertOrderMove(from: OrderStatus, to: OrderStatus): void {
  if (from !== to && !orderMoveAllowed(from, to)) refuse(from, to);
}

/** Lines and amounts change only while a quote is being written (draft, sent) or an order is a draft. */
export const quoteEditable = (status: QuoteStatus) => status === 'draft' || status === 'sent';
export const orderEditable = (status: OrderStatus) => status === 'draft';

export function assertEditable(editable: boolean, status: string): void {
  if (!editable) throw orderErrors.document_locked({ params: { status, statusFa: STATUS_LABELS_FA[status] ?? status } });
}

/**
 * Whether an order counts as a sale in revenue, customer value and analytics: confirmed, invoiced
 * or paid, and not in the trash. A draft is not a sale yet; a cancelled order never was.
 */
export const COUNTED_ORDER_STATUSES: OrderStatus[] = ['confirmed', 'invoiced', 'paid'];

export function isCountedOrder(order: { status: OrderStatus; deletedAt?: Date | null }): boolean {
  return COUNTED_ORDER_STATUSES.includes(order.status) && !order.deletedAt;
}
