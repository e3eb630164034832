import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { contactPointsRepository } from '../../kernel/records/index.ts';
import { membersRepository } from '../members/members.repository.ts';
import { contactPointsOf } from './contact-fields.ts';
import type { BulkResult, TBulkRequest } from './people.contract.ts';
import type { EmailEntry, PhoneEntry } from './people.schema.ts';
import { fieldError } from './people.rules.ts';
import { bulkTagRecords } from './record-bulk.ts';
import { workspaceToday } from './record-list.ts';
import { recordContactsRepository } from './record-contacts.repository.ts';
import { unknownOwner } from './record-lookups.ts';
import type { TagsPort } from './record-ports.ts';
import { failOnFieldErrors } from './validation.ts';

/** What the shared operations read of a person or organisation row. */
export type OperableRow = {
  id: string;
  ownerId: string | null;
  version: number;
  lastVerifiedAt: string | null;
  deletedAt: Date | null;
  mergedIntoId: string | null;
  emails: EmailEntry[];
  phones: PhoneEntry[];
};

/** The repository calls the shared operations make (people and organisations repositories both fit). */
export type OperableRepository<R extends OperableRow> = {
  find(db: Executor, workspaceId: string, id: string): Promise<R | undefined>;
  findMany(db: Executor, workspaceId: string, ids: string[]): Promise<R[]>;
  setDeleted(db: Executor, workspaceId: string, ids: string[], at: Date | null): Promise<R[]>;
  setOwner(db: Executor, workspaceId: string, ids: string[], ownerId: string): Promise<R[]>;
  setLastVerified(db: Executor, workspaceId: string, id: string, isoDate: string): Promise<R | undefined>;
};

export type RecordOperationsDeps<R extends OperableRow, D> = {
  db: AppDb;
  /** Also the prefix of the audit actions (`person.deleted`, `organization.verified`, …). */
  entityType: 'person' | 'organization';
  repo: OperableRepository<R>;
  tags: TagsPort;
  clock: () => Date;
  /** The record is not in this workspace (or was merged away). */
  notFound: () => Error;
  /** The record is in the trash and must be restored before editing. */
  deleted: () => Error;
  /** A bulk request named records that are not there: the field error of each missing id, then the error. */
  missing: { code: string; fa: string; en: string; error: (details: { fieldErrors: FieldError[] }) => Error };
  requireDetail: (executor: Executor, workspaceId: string, id: string) => Promise<D>;
  createWithin: (tx: Tx, ctx: WorkspaceContext, rawInput: unknown) => Promise<D>;
  updateWithin: (tx: Tx, ctx: WorkspaceContext, id: string, rawInput: unknown) => Promise<D>;
  /** Runs after records go to the trash or come back (organisations refresh their people's search keys). */
  afterTrashChange?: (tx: Tx, workspaceId: string, ids: string[]) => Promise<void>;
};

/** Bulk changes skip deleted records: the trash is only emptied or restored. */
const liveIdsOf = (rows: OperableRow[]) => rows.filter((r) => !r.deletedAt).map((r) => r.id);

/** tag/untag need tagIds and assign_owner needs ownerId. */
export function bulkParameterErrors(request: TBulkRequest): FieldError[] {
  if ((request.action === 'tag' || request.action === 'untag') && !request.tagIds?.length) {
    return [fieldError('tagIds', 'required', 'برای این کار، برچسب‌ها را انتخاب کنید.', 'Choose the tags for this action.')];
  }
  if (request.action === 'assign_owner' && !request.ownerId) {
    return [fieldError('ownerId', 'required', 'مسئول جدید را انتخاب کنید.', 'Choose the new owner.')];
  }
  return [];
}

/**
 * The record operations people and organisations share: create/update in their own transaction,
 * soft delete, restore, verify and bulk actions. Entity-specific pieces come in as `deps`.
 */
export function createRecordOperations<R extends OperableRow, D>(deps: RecordOperationsDeps<R, D>) {
  const { db, entityType, repo, tags, clock, notFound, requireDetail } = deps;

  /** A record of this workspace, live or in the trash; merged ones are gone. */
  async function requireUnmerged(executor: Executor, workspaceId: string, id: string): Promise<R> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row || row.mergedIntoId) throw notFound();
    return row;
  }

  /** A live, editable record of this workspace; merged ones are gone, deleted ones must be restored first. */
  async function requireEditable(executor: Executor, workspaceId: string, id: string): Promise<R> {
    const row = await requireUnmerged(executor, workspaceId, id);
    if (row.deletedAt) throw deps.deleted();
    return row;
  }

  /** The rows a bulk request names, all of them in this workspace, or nothing happens. */
  async function requireAll(tx: Executor, workspaceId: string, ids: string[]): Promise<R[]> {
    const rows = (await repo.findMany(tx, workspaceId, ids)).filter((r) => !r.mergedIntoId);
    if (rows.length === ids.length) return rows;
    const found = new Set(rows.map((r) => r.id));
    const { code, fa, en } = deps.missing;
    const fieldErrors = ids.flatMap((id, index) => (found.has(id) ? [] : [fieldError(`ids.${index}`, code, fa, en)]));
    throw deps.missing.error({ fieldErrors });
  }

  async function bulkOwner(tx: Tx, ctx: WorkspaceContext, rows: R[], ownerId: string): Promise<number> {
    const errors: FieldError[] = [];
    if (!(await membersRepository.findByUser(tx, ctx.workspaceId, ownerId))) errors.push(unknownOwner('ownerId'));
    failOnFieldErrors(errors);
    const beforeById = new Map(rows.map((r) => [r.id, r]));
    const updated = await repo.setOwner(tx, ctx.workspaceId, liveIdsOf(rows), ownerId);
    for (const row of updated) {
      const before = beforeById.get(row.id)!;
      await recordAudit(tx, ctx, {
        action: `${entityType}.updated`,
        entityType,
        entityId: row.id,
        before: { ownerId: before.ownerId, version: before.version },
        after: { ownerId: row.ownerId, version: row.version },
      });
    }
    return updated.length;
  }

  async function softDelete(tx: Tx, ctx: WorkspaceContext, ids: string[]): Promise<number> {
    const deleted = await repo.setDeleted(tx, ctx.workspaceId, ids, clock());
    // A deleted record is no longer a duplicate candidate; restore puts the contact points back.
    await recordContactsRepository.removeForMany(tx, ctx.workspaceId, entityType, deleted.map((r) => r.id));
    for (const row of deleted) {
      await recordAudit(tx, ctx, { action: `${entityType}.deleted`, entityType, entityId: row.id, after: { deletedAt: row.deletedAt, version: row.version } });
    }
    if (deps.afterTrashChange) await deps.afterTrashChange(tx, ctx.workspaceId, deleted.map((r) => r.id));
    return deleted.length;
  }

  async function restoreMany(tx: Tx, ctx: WorkspaceContext, ids: string[]): Promise<number> {
    const restored = await repo.setDeleted(tx, ctx.workspaceId, ids, null);
    for (const row of restored) {
      await contactPointsRepository.replace(tx, ctx.workspaceId, entityType, row.id, contactPointsOf(row.emails, row.phones));
      await recordAudit(tx, ctx, { action: `${entityType}.restored`, entityType, entityId: row.id, after: { deletedAt: null, version: row.version } });
    }
    if (deps.afterTrashChange) await deps.afterTrashChange(tx, ctx.workspaceId, restored.map((r) => r.id));
    return restored.length;
  }

  return {
    requireEditable,

    create(ctx: WorkspaceContext, input: unknown): Promise<D> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => deps.createWithin(tx, ctx, input));
    },

    update(ctx: WorkspaceContext, id: string, input: unknown): Promise<D> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, (tx) => deps.updateWithin(tx, ctx, id, input));
    },

    /** Soft delete: the record goes to the trash and can be restored. Deleting twice changes nothing. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.delete');
      await mutate(db, ctx, async (tx) => {
        await requireUnmerged(tx, ctx.workspaceId, id);
        await softDelete(tx, ctx, [id]);
      });
    },

    async restore(ctx: WorkspaceContext, id: string): Promise<D> {
      requirePermission(ctx, 'records.delete');
      return mutate(db, ctx, async (tx) => {
        await requireUnmerged(tx, ctx.workspaceId, id);
        await restoreMany(tx, ctx, [id]);
        return requireDetail(tx, ctx.workspaceId, id);
      });
    },

    /** Marks the details as confirmed today (in the workspace's time zone). */
    async verify(ctx: WorkspaceContext, id: string): Promise<D> {
      requirePermission(ctx, 'records.write');
      return mutate(db, ctx, async (tx, audit) => {
        const before = await requireEditable(tx, ctx.workspaceId, id);
        const { today } = await workspaceToday(tx, ctx.workspaceId, clock);
        const row = (await repo.setLastVerified(tx, ctx.workspaceId, id, today))!;
        await audit({
          action: `${entityType}.verified`,
          entityType,
          entityId: id,
          before: { lastVerifiedAt: before.lastVerifiedAt, version: before.version },
          after: { lastVerifiedAt: row.lastVerifiedAt, version: row.version },
        });
        return requireDetail(tx, ctx.workspaceId, id);
      });
    },

    /** One action on up to 500 records in one transaction: all named records must exist, or nothing changes. */
    async bulk(ctx: WorkspaceContext, request: TBulkRequest): Promise<BulkResult> {
      const destructive = request.action === 'delete' || request.action === 'restore';
      requirePermission(ctx, destructive ? 'records.delete' : 'records.write');
      const ids = [...new Set(request.ids)];
      failOnFieldErrors(bulkParameterErrors(request));
      const changed = await mutate(db, ctx, async (tx) => {
        const rows = await requireAll(tx, ctx.workspaceId, ids);
        switch (request.action) {
          case 'tag':
          case 'untag':
            return bulkTagRecords(tx, ctx, tags, entityType, liveIdsOf(rows), request.tagIds!, request.action === 'tag');
          case 'assign_owner':
            return bulkOwner(tx, ctx, rows, request.ownerId!);
          case 'delete':
            return softDelete(tx, ctx, ids);
          case 'restore':
            return restoreMany(tx, ctx, ids);
        }
      });
      return { action: request.action, matched: ids.length, changed };
    },
  };
}
