import type { Tx } from '../../kernel/db/database.ts';
import type { FilterGroup, SortSpec } from '../../kernel/filters/filter.types.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';

/*
 * What people and organisations need from the tags and views modules, written as the narrow
 * shapes those modules' services satisfy. Services receive them as dependencies (wired once in
 * app.ts), so these modules never import the other services and tests can run with the real ones.
 */

export type TaggedEntity = 'person' | 'organization' | 'lead';

export type TagsPort = {
  /** Replaces the record's tags with `tags` (names or ids; unknown names are created), in the caller's transaction. */
  setTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggedEntity, entityId: string, tags: string[]): Promise<unknown>;
  /** Batch create: gives records just created their tags (names or ids), each name looked up or created once. */
  tagNewRecords(tx: Tx, ctx: WorkspaceContext, entityType: TaggedEntity, records: Array<{ entityId: string; tags: string[] }>): Promise<void>;
  /** Bulk: adds existing tags to many records at once, auditing each record tagged. */
  addTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggedEntity, entityIds: string[], tagIds: string[]): Promise<number>;
  /** Bulk: removes tags from many records at once, auditing each record untagged. */
  removeTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggedEntity, entityIds: string[], tagIds: string[]): Promise<number>;
};

export type ResolvedView = { entityType: string; filter: FilterGroup; sort?: SortSpec[] | null };

export type ViewsPort = {
  /** The saved view the caller may use (own or shared); throws a 404 AppError otherwise. */
  resolveView(ctx: WorkspaceContext, id: string): Promise<ResolvedView>;
};

