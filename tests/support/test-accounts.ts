import { expect } from 'vitest';
import { ApiClient, signUp } from './api-client.ts';
import type { TestServer } from './test-server.ts';

/**
 * Accounts for record API tests: admins who signed a workspace up, and members joined with a
 * built-in role or one made on the spot with chosen permissions. Takes a getter because the server
 * starts in beforeAll.
 */
export function testAccounts(getServer: () => TestServer) {
  const sql = (text: string, values?: unknown[]) => getServer().peyvand.database.executeSql(text, values).then((r) => r.rows);
  const adminsByWorkspace = new Map<string, ApiClient>();

  /** A signed-up admin; `client` speaks `locale`, `main` is the sign-up client. */
  async function admin(locale: 'fa' | 'en' = 'en') {
    const account = await signUp(getServer().url, { locale });
    const client = new ApiClient(getServer().url, { locale });
    client.cookies = account.client.cookies;
    adminsByWorkspace.set(account.workspace.id, client);
    return { ...account, client, main: account.client };
  }

  /** Another user who joins `workspaceId` with `role` (a built-in one, or one made here with `permissions`). */
  async function memberOf(workspaceId: string, role: string, permissions?: string[]) {
    const account = await signUp(getServer().url, { locale: 'en' });
    if (permissions) {
      await sql(`insert into roles (workspace_id, key, name_fa, name_en, permissions) values ($1, $2, $2, $2, $3)`, [workspaceId, role, permissions]);
    }
    await sql('insert into memberships (workspace_id, user_id, role_key) values ($1, $2, $3)', [workspaceId, account.user.id, role]);
    expect((await account.client.post('/api/v1/me/active-workspace', { workspaceId })).status).toBe(204);
    const client = new ApiClient(getServer().url, { locale: 'en' });
    client.cookies = account.client.cookies;
    return { ...account, client };
  }

  const auditOf = (workspaceId: string, entityId: string) =>
    sql('select action, before, after from audit_log where workspace_id = $1 and entity_id = $2 order by occurred_at, action', [workspaceId, entityId]);

  return { sql, admin, memberOf, auditOf, adminsByWorkspace };
}
