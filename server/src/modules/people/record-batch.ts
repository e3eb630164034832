import type { z } from 'zod';
import type { Tx } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { accepted, isRefusal, orRefusal } from '../../kernel/records/index.ts';
import type { CustomizableEntity } from '../custom-fields/custom-fields.schema.ts';
import { batchLookups, type BatchInput, type RecordLookups } from './record-lookups.ts';
import { parseInput } from './validation.ts';

/** How a service creates many records at once: its contract, its rules for one, its writes for all. */
export type BatchCreateSpec<S extends z.ZodType<BatchInput>, P, R> = {
  entityType: CustomizableEntity;
  /** The create contract, which createWithin parses with. */
  contract: S;
  /** The rules createWithin applies to one input, with lookups read once for the batch. */
  prepare(context: { executor: Tx; ctx: WorkspaceContext; lookups: RecordLookups }, input: z.output<S>): Promise<P>;
  /** Writes every prepared input, in order, with multi-row statements; returns what createWithin returns for each. */
  write(tx: Tx, ctx: WorkspaceContext, prepared: P[]): Promise<R[]>;
};

/**
 * The batch create of people, organisations and leads (imports): each input is parsed and
 * checked exactly as createWithin does, what the rules read is read once for the whole batch,
 * and the service's `write` puts them all in with multi-row INSERTs.
 */
export function batchCreate<S extends z.ZodType<BatchInput>, P, R>(spec: BatchCreateSpec<S, P, R>) {
  /** Every input parsed and checked: its prepared create, or the error createWithin would throw for it. */
  async function prepareAll(tx: Tx, ctx: WorkspaceContext, rawInputs: readonly unknown[]): Promise<Array<P | AppError>> {
    const parsed = await Promise.all(rawInputs.map((raw) => orRefusal(() => parseInput(spec.contract, raw))));
    const lookups = await batchLookups(tx, ctx.workspaceId, spec.entityType, accepted(parsed));
    const prepared: Array<P | AppError> = [];
    for (const input of parsed) prepared.push(isRefusal(input) ? input : await orRefusal(() => spec.prepare({ executor: tx, ctx, lookups }, input)));
    return prepared;
  }

  return {
    /** What createWithin would refuse, per input (undefined: it would be created); writes nothing. */
    async checkMany(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<Array<AppError | undefined>> {
      requirePermission(ctx, 'records.write');
      return (await prepareAll(tx, ctx, inputs)).map((p) => (isRefusal(p) ? p : undefined));
    },

    /**
     * Creates every input in the caller's transaction, in order, or none: an input the rules
     * refuse throws its error (use checkMany to learn which first).
     */
    async createManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: readonly unknown[]): Promise<R[]> {
      requirePermission(ctx, 'records.write');
      const prepared = await prepareAll(tx, ctx, inputs);
      const refused = prepared.find(isRefusal);
      if (refused) throw refused;
      const ready = accepted(prepared);
      return ready.length ? spec.write(tx, ctx, ready) : [];
    },
  };
}
