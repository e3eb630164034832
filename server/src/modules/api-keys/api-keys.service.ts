import { createHash, randomBytes } from 'node:crypto';
import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page, type TListQuery } from '../../kernel/http/pagination.ts';
import { ADMIN_ROLE } from '../members/members.permissions.ts';
import { membersRepository } from '../members/members.repository.ts';
import { apiKeyErrors } from './api-keys.errors.ts';
import { apiKeysRepository as repo, type ApiKeyRow } from './api-keys.repository.ts';

const KEY_PREFIX = 'pvk_';
/** lastUsedAt is informational; writing it on every request would double the cost of a read. */
const TOUCH_INTERVAL_MS = 60_000;

export const hashApiKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

const publicKey = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.roleKey,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
});
export type ApiKey = ReturnType<typeof publicKey>;

export function createApiKeysService(db: AppDb, clock: () => Date = () => new Date()) {
  return {
    async list(ctx: WorkspaceContext, query: TListQuery): Promise<Page<ApiKey>> {
      requirePermission(ctx, 'api_keys.manage');
      const rows = await repo.list(db, ctx.workspaceId, query);
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return { items: page.items.map(publicKey), nextCursor: page.nextCursor };
    },

    /** The secret is returned here once and never again: only its hash is stored. */
    async create(ctx: WorkspaceContext, input: { name: string; expiresAt?: Date }): Promise<{ apiKey: ApiKey; secret: string }> {
      requirePermission(ctx, 'api_keys.manage');
      if (input.expiresAt && input.expiresAt <= clock()) throw apiKeyErrors.expiry_in_past();
      const secret = KEY_PREFIX + randomBytes(32).toString('base64url');
      return mutate(db, ctx, async (tx, audit) => {
        const row = await repo.insert(tx, {
          workspaceId: ctx.workspaceId,
          name: input.name,
          prefix: secret.slice(0, 12),
          secretHash: hashApiKey(secret),
          roleKey: ADMIN_ROLE,
          createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
          expiresAt: input.expiresAt ?? null,
        });
        await audit({ action: 'api_key.created', entityType: 'api_key', entityId: row.id, after: publicKey(row) });
        return { apiKey: publicKey(row), secret };
      });
    },

    async revoke(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'api_keys.manage');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, id);
        if (!before) throw apiKeyErrors.api_key_not_found();
        if (before.revokedAt) return;
        const after = await repo.revoke(tx, ctx.workspaceId, id, clock());
        await audit({ action: 'api_key.revoked', entityType: 'api_key', entityId: id, before: publicKey(before), after: after && publicKey(after) });
      });
    },

    /** Resolves a Bearer key to the workspace context it grants, or null. */
    async authenticate(secret: string): Promise<Omit<WorkspaceContext, 'locale'> | null> {
      if (!secret.startsWith(KEY_PREFIX)) return null;
      const now = clock();
      const key = await repo.findActiveByHash(db, hashApiKey(secret), now);
      if (!key) return null;
      const role = await membersRepository.findRole(db, key.workspaceId, key.roleKey);
      if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await repo.touch(db, key.id, now);
      return {
        workspaceId: key.workspaceId,
        actor: { type: 'api_key', id: key.id, name: key.name },
        roleKey: key.roleKey,
        permissions: new Set(role?.permissions ?? []),
      };
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
