import type { Tx } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { TaggedEntity, TagsPort } from './record-ports.ts';
import { recordTagsRepository } from './record-tags.repository.ts';
import { failOnFieldErrors } from './validation.ts';

/**
 * Bulk tag or untag of live records through the tags service's batch calls (one statement for
 * all records, each tagged record audited by the tags service). Returns how many records changed.
 */
export async function bulkTagRecords(
  tx: Tx,
  ctx: WorkspaceContext,
  tags: TagsPort,
  entityType: TaggedEntity,
  liveIds: string[],
  tagIds: string[],
  adding: boolean,
): Promise<number> {
  const existing = await recordTagsRepository.existingTagIds(tx, ctx.workspaceId, tagIds);
  failOnFieldErrors(
    tagIds.flatMap((id, index): FieldError[] =>
      existing.has(id)
        ? []
        : [{ path: `tagIds.${index}`, code: 'tag_not_found', message: { fa: 'چنین برچسبی در این فضای کاری نیست.', en: 'No such tag in this workspace.' } }],
    ),
  );
  const current = await recordTagsRepository.tagsOf(tx, ctx.workspaceId, entityType, liveIds);
  const changing = liveIds.filter((id) => {
    const has = new Set((current.get(id) ?? []).map((t) => t.id));
    return adding ? tagIds.some((t) => !has.has(t)) : tagIds.some((t) => has.has(t));
  });
  if (!changing.length) return 0;
  if (adding) await tags.addTags(tx, ctx, entityType, changing, tagIds);
  else await tags.removeTags(tx, ctx, entityType, changing, tagIds);
  return changing.length;
}
