import { searchKey } from '#common/text/index.ts';
import { mutate, recordAudit, recordAuditMany } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor, Tx } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { tagErrors } from './tags.errors.ts';
import { tagsRepository as repo, type TagRef, type TagRow, type Tagging, type TagUsage } from './tags.repository.ts';
import type { TaggableEntity } from './tags.schema.ts';

export const TAG_NAME_MAX = 64;
/** A record with more tags than this is a mistake (e.g. a CSV column mapped to tags by accident). */
export const TAGS_PER_RECORD_MAX = 100;

export type Tag = { id: string; name: string; color: string | null; createdAt: Date };
export type TagWithUsage = Tag & { usage: TagUsage & { total: number } };
export type { TagRef };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const byName = new Intl.Collator('fa').compare;

const toTag = (row: TagRow): Tag => ({ id: row.id, name: row.name, color: row.color, createdAt: row.createdAt });
const toRef = (row: TagRef): TagRef => ({ id: row.id, name: row.name, color: row.color });
/** What the timeline shows of a tag: enough to read, nothing that changes with a recolour. */
const auditRefs = (refs: TagRef[]) => refs.map((t) => ({ id: t.id, name: t.name }));

/**
 * The shown name keeps what was typed (tidied spaces); the key folds Persian letter variants,
 * ZWNJ and spacing, so «مشتري ويژه», «مشتری ویژه» and «مشتری‌ویژه» are one tag.
 */
export function normaliseTagName(raw: string): { name: string; nameKey: string } {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length > TAG_NAME_MAX) throw tagErrors.tag_name_too_long({ params: { max: TAG_NAME_MAX } });
  const nameKey = searchKey(name);
  if (!nameKey) throw tagErrors.tag_name_empty();
  return { name, nameKey };
}

function requireUuids(path: string, ids: string[]): void {
  const bad = ids.findIndex((id) => !UUID_RE.test(id));
  if (bad >= 0) {
    throw kernelErrors.validation_failed({
      fieldErrors: [{ path: `${path}.${bad}`, code: 'invalid_format', message: { fa: 'شناسه معتبر نیست.', en: 'Not a valid identifier.' } }],
    });
  }
}

/** One audit entry per record, listing the tags it gained or lost, so it shows on that record's timeline. */
async function auditTaggings(tx: Tx, ctx: WorkspaceContext, action: 'record.tagged' | 'record.untagged', changed: Tagging[], tagsById: Map<string, TagRef>) {
  const byRecord = new Map<string, Tagging[]>();
  for (const t of changed) byRecord.set(`${t.entityType}:${t.entityId}`, [...(byRecord.get(`${t.entityType}:${t.entityId}`) ?? []), t]);
  const entries = [...byRecord.values()].map((group) => {
    const refs = auditRefs(group.map((t) => tagsById.get(t.tagId)!).filter(Boolean));
    const { entityType, entityId } = group[0]!;
    return { action, entityType, entityId, ...(action === 'record.tagged' ? { after: { tags: refs } } : { before: { tags: refs } }) };
  });
  await recordAuditMany(tx, ctx, entries);
}

export function createTagsService(db: AppDb) {
  /** Existing tags by id, and tags by name (created when new), in the order given, without duplicates. */
  async function resolveTags(tx: Tx, ctx: WorkspaceContext, namesOrIds: string[]): Promise<TagRow[]> {
    const lookup = await lookUpTags(tx, ctx, namesOrIds);
    return lookup.pick(namesOrIds);
  }

  /**
   * Finds (and creates, once, the missing names of) every tag named in `namesOrIds`; `pick`
   * then answers resolveTags for any sublist of them without another query.
   */
  async function lookUpTags(tx: Tx, ctx: WorkspaceContext, namesOrIds: string[]) {
    const split = (list: string[]) => {
      const items = list.map((item) => item.trim()).filter(Boolean);
      return { ids: items.filter((item) => UUID_RE.test(item)).map((id) => id.toLowerCase()), names: items.filter((item) => !UUID_RE.test(item)).map(normaliseTagName) };
    };
    const { ids, names } = split(namesOrIds);
    const byId = await repo.findByIds(tx, ctx.workspaceId, [...new Set(ids)]);
    const missing = ids.filter((id) => !byId.some((t) => t.id === id));
    if (missing.length) throw tagErrors.unknown_tags({ params: { ids: [...new Set(missing)].join(', ') } });
    const byKey = new Map((await repo.findByNameKeys(tx, ctx.workspaceId, [...new Set(names.map((n) => n.nameKey))])).map((t) => [t.nameKey, t]));
    for (const { name, nameKey } of names) {
      if (!byKey.has(nameKey)) byKey.set(nameKey, (await createTag(tx, ctx, { name, nameKey, color: null })).row);
    }
    return {
      pick(list: string[]): TagRow[] {
        const wanted = split(list);
        const all = [...byId.filter((t) => wanted.ids.includes(t.id)), ...wanted.names.map((n) => byKey.get(n.nameKey)!)];
        return [...new Map(all.map((t) => [t.id, t])).values()];
      },
    };
  }

  /** Inserts the tag, or returns the one that already has this name (also when another request just made it). */
  async function createTag(tx: Tx, ctx: WorkspaceContext, values: { name: string; nameKey: string; color: string | null }): Promise<{ row: TagRow; created: boolean }> {
    const inserted = await repo.insertIfAbsent(tx, { workspaceId: ctx.workspaceId, ...values });
    if (inserted) {
      await recordAudit(tx, ctx, { action: 'tag.created', entityType: 'tag', entityId: inserted.id, after: toTag(inserted) });
      return { row: inserted, created: true };
    }
    const [existing] = await repo.findByNameKeys(tx, ctx.workspaceId, [values.nameKey]);
    return { row: existing!, created: false };
  }

  return {
    async list(ctx: WorkspaceContext): Promise<TagWithUsage[]> {
      requirePermission(ctx, 'records.read');
      const rows = await repo.listWithUsage(db, ctx.workspaceId);
      return rows
        .map(({ tag, person, organization, lead, deal }) => ({ ...toTag(tag), usage: { person, organization, lead, deal, total: person + organization + lead + deal } }))
        .sort((a, b) => byName(a.name, b.name));
    },

    /** Creating a name that exists (in any spelling variant) returns the existing tag unchanged. */
    async create(ctx: WorkspaceContext, input: { name: string; color?: string | null }): Promise<{ tag: Tag; created: boolean }> {
      requirePermission(ctx, 'records.write');
      const { name, nameKey } = normaliseTagName(input.name);
      return mutate(db, ctx, async (tx) => {
        const { row, created } = await createTag(tx, ctx, { name, nameKey, color: input.color?.toLowerCase() ?? null });
        return { tag: toTag(row), created };
      });
    },

    async update(ctx: WorkspaceContext, id: string, changes: { name?: string; color?: string | null }): Promise<Tag> {
      requirePermission(ctx, 'records.write');
      const renamed = changes.name === undefined ? undefined : normaliseTagName(changes.name);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, id);
        if (!before) throw tagErrors.tag_not_found();
        if (renamed && renamed.nameKey !== before.nameKey) {
          const [other] = await repo.findByNameKeys(tx, ctx.workspaceId, [renamed.nameKey]);
          if (other) throw tagErrors.tag_name_taken({ params: { name: other.name } });
        }
        const after = await repo.update(tx, ctx.workspaceId, id, {
          ...renamed,
          ...(changes.color !== undefined ? { color: changes.color?.toLowerCase() ?? null } : {}),
        });
        await audit({ action: 'tag.updated', entityType: 'tag', entityId: id, before: toTag(before), after: toTag(after!) });
        return toTag(after!);
      });
    },

    /** Removes the tag from every record too; each record's timeline says it lost the tag. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'records.write');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, id);
        if (!before) throw tagErrors.tag_not_found();
        const usages = await repo.taggingsOfTag(tx, ctx.workspaceId, id);
        await repo.delete(tx, ctx.workspaceId, id);
        await audit({ action: 'tag.deleted', entityType: 'tag', entityId: id, before: { ...toTag(before), usageCount: usages.length } });
        await auditTaggings(tx, ctx, 'record.untagged', usages.map((u) => ({ ...u, tagId: id })), new Map([[id, before]]));
      });
    },

    /**
     * Makes the record carry exactly these tags (names or ids; unknown names become new tags), in
     * the caller's transaction. Returns the record's tags. The caller checks the record exists.
     */
    async setTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggableEntity, entityId: string, tagNamesOrIds: string[]): Promise<TagRef[]> {
      requirePermission(ctx, 'records.write');
      if (tagNamesOrIds.length > TAGS_PER_RECORD_MAX) throw tagErrors.too_many_tags({ params: { max: TAGS_PER_RECORD_MAX } });
      requireUuids('entityId', [entityId]);
      const wanted = await resolveTags(tx, ctx, tagNamesOrIds);
      const current = await repo.tagsOfEntities(tx, ctx.workspaceId, entityType, [entityId]);
      const wantedIds = new Set(wanted.map((t) => t.id));
      const currentIds = new Set(current.map((t) => t.id));
      const added = await repo.insertTaggings(
        tx,
        ctx.workspaceId,
        wanted.filter((t) => !currentIds.has(t.id)).map((t) => ({ tagId: t.id, entityType, entityId })),
      );
      const removed = await repo.deleteTaggings(tx, ctx.workspaceId, entityType, [entityId], current.filter((t) => !wantedIds.has(t.id)).map((t) => t.id));
      const tagsById = new Map<string, TagRef>([...current, ...wanted].map((t) => [t.id, t]));
      await auditTaggings(tx, ctx, 'record.tagged', added, tagsById);
      await auditTaggings(tx, ctx, 'record.untagged', removed, tagsById);
      return wanted.map(toRef).sort((a, b) => byName(a.name, b.name));
    },

    /**
     * setTags for many records just created (they carry no tag yet), in one go: every name is
     * looked up once and a missing one created once; one record.tagged entry per record tagged.
     */
    async tagNewRecords(tx: Tx, ctx: WorkspaceContext, entityType: TaggableEntity, records: Array<{ entityId: string; tags: string[] }>): Promise<void> {
      requirePermission(ctx, 'records.write');
      const tagged = records.filter((r) => r.tags.length);
      if (!tagged.length) return;
      if (tagged.some((r) => r.tags.length > TAGS_PER_RECORD_MAX)) throw tagErrors.too_many_tags({ params: { max: TAGS_PER_RECORD_MAX } });
      requireUuids('entityIds', tagged.map((r) => r.entityId));
      const lookup = await lookUpTags(tx, ctx, tagged.flatMap((r) => r.tags));
      const tagsById = new Map<string, TagRef>();
      const rows = tagged.flatMap(({ entityId, tags: list }) =>
        lookup.pick(list).map((t) => {
          tagsById.set(t.id, t);
          return { tagId: t.id, entityType, entityId };
        }),
      );
      const added = await repo.insertTaggings(tx, ctx.workspaceId, rows);
      await auditTaggings(tx, ctx, 'record.tagged', added, tagsById);
    },

    /** Bulk action: adds the tags to every record; returns how many taggings were new. */
    async addTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggableEntity, entityIds: string[], tagIds: string[]): Promise<number> {
      requirePermission(ctx, 'records.write');
      requireUuids('entityIds', entityIds);
      requireUuids('tagIds', tagIds);
      const found = await requireTags(tx, ctx.workspaceId, tagIds);
      const pairs = [...new Set(entityIds)].flatMap((entityId) => [...found.keys()].map((tagId) => ({ tagId, entityType, entityId })));
      const added = await repo.insertTaggings(tx, ctx.workspaceId, pairs);
      await auditTaggings(tx, ctx, 'record.tagged', added, found);
      return added.length;
    },

    /** Bulk action: removes the tags from every record; returns how many taggings went. */
    async removeTags(tx: Tx, ctx: WorkspaceContext, entityType: TaggableEntity, entityIds: string[], tagIds: string[]): Promise<number> {
      requirePermission(ctx, 'records.write');
      requireUuids('entityIds', entityIds);
      requireUuids('tagIds', tagIds);
      const found = await requireTags(tx, ctx.workspaceId, tagIds);
      const removed = await repo.deleteTaggings(tx, ctx.workspaceId, entityType, [...new Set(entityIds)], [...found.keys()]);
      await auditTaggings(tx, ctx, 'record.untagged', removed, found);
      return removed.length;
    },

    /** Tags of each record (every id is in the map, [] when untagged), sorted by name. For lists and exports. */
    tagsFor,
  };
}

export async function tagsFor(db: Executor, workspaceId: string, entityType: TaggableEntity, ids: string[]): Promise<Map<string, TagRef[]>> {
  const byRecord = new Map<string, TagRef[]>(ids.map((id) => [id, []]));
  const valid = [...new Set(ids)].filter((id) => UUID_RE.test(id));
  for (const { entityId, ...tag } of await repo.tagsOfEntities(db, workspaceId, entityType, valid)) byRecord.get(entityId)?.push(tag);
  for (const refs of byRecord.values()) refs.sort((a, b) => byName(a.name, b.name));
  return byRecord;
}

async function requireTags(db: Executor, workspaceId: string, tagIds: string[]): Promise<Map<string, TagRef>> {
  const ids = [...new Set(tagIds.map((id) => id.toLowerCase()))];
  const found = await repo.findByIds(db, workspaceId, ids);
  const missing = ids.filter((id) => !found.some((t) => t.id === id));
  if (missing.length) throw tagErrors.unknown_tags({ params: { ids: missing.join(', ') } });
  return new Map(found.map((t) => [t.id, toRef(t)]));
}

export type TagsService = ReturnType<typeof createTagsService>;
