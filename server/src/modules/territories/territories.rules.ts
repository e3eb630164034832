import { isIranProvinceCode } from '#common/records/iran-provinces.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { territoryFieldError } from './territories.errors.ts';
import { territoriesRepository as repo, workspaceMemberIds, type NameCursor } from './territories.repository.ts';

/*
 * The rules territories and teams share: who may be a member, what a region is, where a parent
 * may sit, and the name-ordered cursor of their lists.
 */

const PROVINCE_CODE = /^ir-\d{2}$/i;

/** Province codes upper-cased and checked against ISO 3166-2:IR; anything else is a free region name. */
export function normaliseRegions(regions: string[], errors: FieldError[]): string[] {
  const out: string[] = [];
  regions.forEach((region, index) => {
    if (!PROVINCE_CODE.test(region)) return void out.push(region);
    const code = region.toUpperCase();
    if (isIranProvinceCode(code)) out.push(code);
    else errors.push({ path: `regions.${index}`, code: 'unknown_province', message: { fa: `استانی با کد «${code}» نیست.`, en: `There is no province with code "${code}".` } });
  });
  return [...new Set(out)];
}

/** Every listed user must be a member of the workspace, and listed once; errors name the array index. */
export async function checkMembers(db: Executor, workspaceId: string, userIds: string[], path: string, errors: FieldError[]): Promise<void> {
  const members = await workspaceMemberIds(db, workspaceId, userIds);
  const seen = new Set<string>();
  userIds.forEach((userId, index) => {
    if (seen.has(userId)) errors.push(territoryFieldError(`${path}.${index}.userId`, 'duplicate_member'));
    else if (!members.has(userId)) errors.push(territoryFieldError(`${path}.${index}.userId`, 'member_not_in_workspace'));
    seen.add(userId);
  });
}

/** How deep a territory tree may go; also bounds the walk up when looking for a cycle. */
const MAX_DEPTH = 20;

/**
 * A parent must be a live territory of the workspace, and not the territory itself or one of
 * its descendants (walking up from the parent must never reach `territoryId`).
 */
export async function checkParent(db: Executor, workspaceId: string, parentId: string, territoryId: string | undefined, errors: FieldError[]): Promise<void> {
  const parent = await repo.find(db, workspaceId, parentId);
  if (!parent) return void errors.push(territoryFieldError('parentId', 'parent_not_found'));
  if (parent.archivedAt) return void errors.push(territoryFieldError('parentId', 'territory_archived'));
  let current: string | null = parent.id;
  for (let depth = 0; current && depth <= MAX_DEPTH; depth += 1) {
    if (current === territoryId) return void errors.push(territoryFieldError('parentId', 'parent_cycle'));
    current = (await repo.find(db, workspaceId, current))?.parentId ?? null;
  }
}

export function encodeNameCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify({ name: row.name, id: row.id })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeNameCursor(cursor: string | undefined): NameCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value?.name === 'string' && typeof value?.id === 'string' && UUID.test(value.id)) return value;
  } catch {
    // reported below
  }
  throw kernelErrors.validation_failed({ fieldErrors: [territoryFieldError('cursor', 'invalid_cursor')] });
}

/** limit + 1 rows fetched: the extra one says there is a next page. */
export function namePage<T extends { name: string; id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null };
}
