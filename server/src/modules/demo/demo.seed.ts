import type { Services } from '../../app.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { systemContext } from '../../kernel/http/context.ts';
import { membersRepository } from '../members/members.repository.ts';
import { PERMISSIONS } from '../members/members.permissions.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { seedDemoCustomers } from './demo-customers.seed.ts';
import { seedDemoTerritories } from './demo-territories.seed.ts';
import { seedDemoSales } from './demo-sales.seed.ts';
import { seedDemoActivities } from './demo-activities.seed.ts';

export const DEMO_ADMIN = { email: 'demo@peyvand.example', password: 'peyvand-demo-1404', name: 'سارا احمدی' };
export const DEMO_WORKSPACE_NAME = 'بازرگانی نمونهٔ پیوند';

/** The demo team: Persian and English names, every built-in role. Fixed, so every seed is the same. */
const DEMO_TEAM = [
  { name: 'علی رضایی', email: 'ali.rezaei@peyvand.example', role: 'manager', locale: 'fa' as const },
  { name: 'مریم کریمی', email: 'maryam.karimi@peyvand.example', role: 'member', locale: 'fa' as const },
  { name: 'رضا محمدی', email: 'reza.mohammadi@peyvand.example', role: 'member', locale: 'fa' as const },
  { name: 'Emma Schultz', email: 'emma.schultz@peyvand.example', role: 'member', locale: 'en' as const },
  { name: 'David Chen', email: 'david.chen@peyvand.example', role: 'manager', locale: 'en' as const },
];

export type DemoSeedResult = { workspaceId: string; created: boolean; adminEmail: string; adminPassword: string };

/**
 * Creates the demo workspace once; running it again finds it and changes nothing, so
 * `npm start` can call it at every start. Later capabilities extend this with their own data.
 */
export async function seedDemo(db: AppDb, services: Services): Promise<DemoSeedResult> {
  const existing = await identityRepository.findUserByEmail(db, DEMO_ADMIN.email);
  if (existing?.activeWorkspaceId) {
    return { workspaceId: existing.activeWorkspaceId, created: false, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password };
  }
  const headers = {};
  const admin = existing ?? (await services.identity.createAccount({ ...DEMO_ADMIN, locale: 'fa' }, headers)).user;
  const workspace = await services.workspaces.create(
    { userId: admin.id, actor: { type: 'user', id: admin.id, name: admin.name } },
    { name: DEMO_WORKSPACE_NAME, defaultLocale: 'fa', calendar: 'jalali', timezone: 'Asia/Tehran' },
  );
  await identityRepository.updateUser(db, admin.id, { activeWorkspaceId: workspace.id });
  const teamUserIds: string[] = [];
  for (const person of DEMO_TEAM) {
    const member =
      (await identityRepository.findUserByEmail(db, person.email)) ??
      (await services.identity.createAccount({ name: person.name, email: person.email, password: DEMO_ADMIN.password, locale: person.locale }, headers)).user;
    await db.transaction(async (tx) => {
      const membership = await membersRepository.insertMembership(tx, { workspaceId: workspace.id, userId: member.id, roleKey: person.role });
      await identityRepository.updateUser(tx, member.id, { activeWorkspaceId: workspace.id });
      await recordAudit(tx, systemContext(workspace.id, PERMISSIONS), { action: 'member.added', entityType: 'member', entityId: membership.id, after: membership });
    });
    teamUserIds.push(member.id);
  }
  await seedDemoCustomers(services, workspace.id, { id: admin.id, name: admin.name }, teamUserIds);
  await seedDemoTerritories(services, workspace.id, { id: admin.id, name: admin.name }, teamUserIds);
  await seedDemoSales(db, services, workspace.id, { id: admin.id, name: admin.name }, teamUserIds);
  const team = DEMO_TEAM.map((member, index) => ({ id: teamUserIds[index]!, name: member.name }));
  await seedDemoActivities(db, services, workspace.id, { id: admin.id, name: admin.name }, team);
  return { workspaceId: workspace.id, created: true, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password };
}
