import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../kernel/db/database.ts';
import { registerMergeHook, type MergeIds } from '../search/index.ts';
import { orderLines, orders, quotes } from './orders.schema.ts';

/*
 * A merged customer's quotes and orders (and the customer copied onto every order line for
 * analytics) move to the survivor, so its revenue, margin and order history stay whole.
 */

type Customer = 'organization' | 'person';

const ordersMergeRepository = {
  async moveCustomer(tx: Tx, workspaceId: string, customer: Customer, { survivorId, mergedId }: MergeIds) {
    const [quoteColumn, orderColumn, lineColumn] =
      customer === 'organization' ? [quotes.organizationId, orders.organizationId, orderLines.organizationId] : [quotes.personId, orders.personId, orderLines.personId];
    const key = customer === 'organization' ? 'organizationId' : 'personId';
    const movedQuotes = await tx
      .update(quotes)
      .set({ [key]: survivorId })
      .where(and(eq(quotes.workspaceId, workspaceId), eq(quoteColumn, mergedId)))
      .returning({ id: quotes.id });
    const movedOrders = await tx
      .update(orders)
      .set({ [key]: survivorId })
      .where(and(eq(orders.workspaceId, workspaceId), eq(orderColumn, mergedId)))
      .returning({ id: orders.id });
    await tx
      .update(orderLines)
      .set({ [key]: survivorId })
      .where(and(eq(orderLines.workspaceId, workspaceId), eq(lineColumn, mergedId)));
    // Counts, not ids: a long-standing customer may have thousands of orders, and this goes into the merge's audit entry.
    return { quotes: movedQuotes.length, orders: movedOrders.length };
  },
};

/** Called once when the app is wired. */
export function registerOrderMergeHooks(): void {
  registerMergeHook('organization', ordersOfMergedOrganization);
  registerMergeHook('person', ordersOfMergedPerson);
}

async function ordersOfMergedOrganization(tx: Tx, ctx: { workspaceId: string }, ids: MergeIds) {
  return ordersMergeRepository.moveCustomer(tx, ctx.workspaceId, 'organization', ids);
}

async function ordersOfMergedPerson(tx: Tx, ctx: { workspaceId: string }, ids: MergeIds) {
  return ordersMergeRepository.moveCustomer(tx, ctx.workspaceId, 'person', ids);
}
