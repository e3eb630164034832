import type { Services } from '../../app.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { PERMISSIONS } from '../members/members.permissions.ts';

/**
 * The territories part of the demo: four territories by province, with reps and managers from
 * the demo team (the east has no rep, so the coverage table shows a gap), the demo organisations
 * placed in them by city, and two sales teams. Runs after the customers, before any deals, so
 * deals can take their organisation's territory.
 */

type DemoTerritory = { name: string; description: string; regions: string[]; cities: string[]; reps: number[]; managers: number[] };

// Indices into [admin, ...team]: 1 علی رضایی (manager), 2 مریم کریمی, 3 رضا محمدی, 4 Emma Schultz, 5 David Chen (manager).
const TERRITORIES: DemoTerritory[] = [
  { name: 'تهران و البرز', description: 'پایتخت و کرج', regions: ['IR-23', 'IR-30'], cities: ['تهران', 'Tehran'], reps: [2, 4], managers: [1] },
  { name: 'مرکز', description: 'اصفهان، یزد و استان مرکزی', regions: ['IR-10', 'IR-21', 'IR-00'], cities: ['اصفهان'], reps: [3], managers: [1] },
  { name: 'جنوب و خلیج فارس', description: 'فارس، هرمزگان، بوشهر و کیش', regions: ['IR-07', 'IR-22', 'IR-18', 'کیش'], cities: ['شیراز', 'Kish'], reps: [3], managers: [5] },
  { name: 'شرق', description: 'خراسان‌ها', regions: ['IR-09', 'IR-28', 'IR-29'], cities: ['مشهد'], reps: [], managers: [1] },
];

export async function seedDemoTerritories(services: Services, workspaceId: string, admin: { id: string; name: string }, teamUserIds: string[]) {
  const ctx: WorkspaceContext = { workspaceId, actor: { type: 'user', id: admin.id, name: admin.name }, roleKey: 'admin', permissions: new Set(PERMISSIONS), locale: 'fa' };
  const people = [admin.id, ...teamUserIds];
  const territoryOfCity = new Map<string, string>();
  for (const t of TERRITORIES) {
    const created = await services.territories.create(ctx, {
      name: t.name,
      description: t.description,
      regions: t.regions,
      members: [...t.managers.map((i) => ({ userId: people[i]!, role: 'manager' as const })), ...t.reps.map((i) => ({ userId: people[i]!, role: 'rep' as const }))],
    });
    for (const city of t.cities) territoryOfCity.set(city, created.id);
  }
  const organizations = await services.organizations.list(ctx, { limit: 200 });
  for (const org of organizations.items) {
    const territoryId = org.addresses.map((a) => territoryOfCity.get(a.city ?? '')).find(Boolean);
    if (territoryId) await services.organizations.update(ctx, org.id, { version: org.version, territoryId });
  }
  await services.teams.create(ctx, { name: 'فروش سازمانی', managerId: people[1], members: [{ userId: people[2]! }, { userId: people[3]! }] });
  await services.teams.create(ctx, { name: 'International sales', managerId: people[5], members: [{ userId: people[4]! }] });
}
