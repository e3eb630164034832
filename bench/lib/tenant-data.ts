import type { Database } from '#server/kernel/db/database.ts';
import { createDataset, organizationAt, organizationId, personAt, personId, randomMobile, randomPersonName, type Dataset } from './crm-data.ts';
import { jalaliDayRange, jalaliOfEpochDay, formatJalali } from './dates.ts';
import { rowRng, stableUuid, stream, type Prng, type Stream } from './prng.ts';
import { ACTIVITY_SUBJECTS, ACTIVITY_TYPES, CITIES, DEAL_STAGES_FA, LOST_REASONS_FA, NOTES_FA, PRODUCTS } from './vocabulary.ts';

/*
 * Fills one workspace of a running Peyvand database with a realistic history, so list endpoints
 * can be measured on a tenant that has been in use for a while: members (users + memberships)
 * and a long audit log written by them. The customer tables do not exist yet, so the audit log
 * already speaks of people, organisations, deals and orders, with the same Persian snapshots the
 * CSV generator produces; when those modules land, their rows go in here too.
 *
 * Content is a pure function of the seed (identical on both engines); identifiers also depend on
 * the workspace, so two workspaces of one database can be filled from the same seed.
 */

export type TenantDataOptions = {
  workspaceId: string;
  seed?: string;
  members?: number;
  auditRows?: number;
  /** Rows per multi-row INSERT; default 1000 (12 000 parameters, far below PostgreSQL's 65 535). */
  batchSize?: number;
  /** Jalali period the audit entries are spread over, inclusive; default 1403/01/01 – 1404/12/29. */
  from?: string;
  to?: string;
  onProgress?: (table: string, done: number, total: number) => void;
};

export type TenantDataResult = { members: number; auditRows: number; seconds: number; rowsPerSecond: number };

type Member = { userId: string; membershipId: string; name: string; email: string; roleKey: string; createdAt: Date; locale: 'fa' | 'en' };

type Context = {
  workspaceId: string;
  ds: Dataset;
  members: Member[];
  content: Record<'member' | 'audit', Stream>;
  deals: Stream;
  ids: Record<'user' | 'membership' | 'audit' | 'request' | 'deal' | 'activity' | 'order' | 'invitation' | 'apiKey', Stream>;
  start: number;
  span: number;
  auditRows: number;
};

export async function generateTenantData(database: Database, options: TenantDataOptions): Promise<TenantDataResult> {
  const started = performance.now();
  const seed = options.seed ?? 'peyvand';
  const memberCount = options.members ?? 200;
  const auditRows = options.auditRows ?? 200_000;
  const batchSize = options.batchSize ?? 1000;
  const idSeed = `${seed}/${options.workspaceId}`;
  const period = jalaliDayRange(options.from ?? '1403/01/01', options.to ?? '1404/12/29');
  const start = period.first * 86_400_000 - 210 * 60_000;
  const ctx: Context = {
    workspaceId: options.workspaceId,
    // The customers the audit log talks about: the same people the CSV generator writes for this seed.
    ds: createDataset({ seed, size: { people: 1_000_000, organizations: 100_000, activities: 0, orders: 0 } }),
    members: [],
    content: { member: stream(seed, 'tenant-member'), audit: stream(seed, 'tenant-audit') },
    deals: stream(seed, 'tenant-deal'),
    ids: {
      user: stream(idSeed, 'user'),
      membership: stream(idSeed, 'membership'),
      audit: stream(idSeed, 'audit'),
      request: stream(idSeed, 'request'),
      deal: stream(idSeed, 'deal'),
      activity: stream(idSeed, 'activity'),
      order: stream(idSeed, 'order'),
      invitation: stream(idSeed, 'invitation'),
      apiKey: stream(idSeed, 'api-key'),
    },
    start,
    span: (period.last + 1) * 86_400_000 - 210 * 60_000 - start,
    auditRows,
  };
  for (let i = 0; i < memberCount; i++) ctx.members.push(memberAt(ctx, i, memberCount));

  await insertBatches(database, 'users', USER_COLUMNS, memberCount, batchSize, (i) => userValues(ctx, ctx.members[i]!), options.onProgress);
  await insertBatches(database, 'memberships', MEMBERSHIP_COLUMNS, memberCount, batchSize, (i) => membershipValues(ctx, ctx.members[i]!), options.onProgress);
  await insertBatches(database, 'audit_log', AUDIT_COLUMNS, auditRows, batchSize, (i) => auditValues(ctx, i), options.onProgress);
  // What autovacuum would soon do on PostgreSQL (PGlite runs none): statistics for the planner and
  // a visibility map. Done now, it does not land in the middle of a measurement.
  await database.executeSql('VACUUM (ANALYZE) users, memberships, audit_log');
  const seconds = (performance.now() - started) / 1000;
  return { members: memberCount, auditRows, seconds, rowsPerSecond: (2 * memberCount + auditRows) / seconds };
}

async function insertBatches(
  database: Database,
  table: string,
  columns: readonly string[],
  total: number,
  batchSize: number,
  valuesAt: (index: number) => unknown[],
  onProgress: TenantDataOptions['onProgress'],
): Promise<void> {
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let first = 0; first < total; first += batchSize) {
    const last = Math.min(total, first + batchSize);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = first; i < last; i++) {
      const values = valuesAt(i);
      const placeholders = values.map((_, k) => `$${params.length + k + 1}`);
      params.push(...values);
      tuples.push(`(${placeholders.join(', ')})`);
    }
    await database.executeSql(head + tuples.join(', '), params);
    onProgress?.(table, last, total);
  }
}

// ---------------------------------------------------------------------------------------------
// Members

function memberAt(ctx: Context, index: number, count: number): Member {
  const rng = rowRng(ctx.content.member, index);
  const name = randomPersonName(rng, 0.85);
  const roleKey = index === 0 ? 'admin' : rng.weighted(ROLE_WEIGHTS);
  return {
    userId: stableUuid(ctx.ids.user, index),
    membershipId: stableUuid(ctx.ids.membership, index),
    name: name.fullName,
    email: `${name.firstLatin}.${name.lastLatin}.${index}@w${ctx.workspaceId.slice(0, 8)}.peyvand.example`,
    roleKey,
    // Members joined one after another during the half year before the audit period.
    createdAt: new Date(ctx.start - 200 * DAY_MS + Math.floor((index * 180 * DAY_MS) / count) + rng.int(0, 3_600_000)),
    locale: name.locale,
  };
}

const DAY_MS = 86_400_000;

const ROLE_WEIGHTS = [['admin', 4], ['manager', 18], ['member', 78]] as const;

const USER_COLUMNS = ['id', 'name', 'email', 'email_verified', 'locale', 'calendar', 'active_workspace_id', 'created_at', 'updated_at'] as const;

const userValues = (ctx: Context, m: Member) => [
  m.userId, m.name, m.email, true, m.locale, m.locale === 'fa' ? 'jalali' : 'gregorian', ctx.workspaceId, m.createdAt.toISOString(), m.createdAt.toISOString(),
];

const MEMBERSHIP_COLUMNS = ['id', 'workspace_id', 'user_id', 'role_key', 'version', 'created_at', 'updated_at'] as const;

const membershipValues = (ctx: Context, m: Member) => [
  m.membershipId, ctx.workspaceId, m.userId, m.roleKey, 1, m.createdAt.toISOString(), m.createdAt.toISOString(),
];

// ---------------------------------------------------------------------------------------------
// Audit log

const AUDIT_COLUMNS = [
  'id', 'workspace_id', 'occurred_at', 'actor_type', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id',
] as const;

type Change = { action: string; entityType: string; entityId: string; before: unknown; after: unknown };

type ChangeKind = (ctx: Context, rng: Prng, index: number) => Change;

const API_KEY_NAME = 'همگام‌سازی با نرم‌افزار حسابداری';

function auditValues(ctx: Context, index: number): unknown[] {
  const rng = rowRng(ctx.content.audit, index);
  // Spread evenly over the period, oldest first, with jitter inside each slot.
  const occurredAt = new Date(Math.floor(ctx.start + ((index + rng.float()) * ctx.span) / ctx.auditRows));
  const roll = rng.float();
  let actor: [type: string, id: string | null, name: string | null];
  if (roll < 0.9) {
    // A quarter of the team does most of the work.
    const member = ctx.members[Math.min(ctx.members.length - 1, Math.floor(ctx.members.length * Math.pow(rng.float(), 2)))]!;
    actor = ['user', member.userId, member.name];
  } else if (roll < 0.97) actor = ['api_key', stableUuid(ctx.ids.apiKey, 0), API_KEY_NAME];
  else actor = ['system', 'system', 'Peyvand'];
  const change = rng.weighted(CHANGE_KINDS)(ctx, rng, index);
  return [
    stableUuid(ctx.ids.audit, index),
    ctx.workspaceId,
    occurredAt.toISOString(),
    ...actor,
    change.action,
    change.entityType,
    change.entityId,
    change.before === null ? null : JSON.stringify(change.before),
    change.after === null ? null : JSON.stringify(change.after),
    stableUuid(ctx.ids.request, index),
  ];
}

/** The Tehran calendar day of audit entry `index` (3:30 ahead of UTC, no DST since 1402). */
const entryDay = (ctx: Context, index: number) =>
  jalaliOfEpochDay(Math.floor((ctx.start + ((index + 0.5) * ctx.span) / ctx.auditRows + 210 * 60_000) / DAY_MS));

const customerIndex = (rng: Prng, count: number) => Math.floor(count * Math.pow(rng.float(), 1.6));

const personSnapshot = (ctx: Context, index: number) => {
  const p = personAt(ctx.ds, index);
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    mobile: p.mobile || null,
    city: p.city,
    organizationId: p.organizationId || null,
    ownerEmail: p.ownerEmail,
    version: 1,
  };
};

const personCreated: ChangeKind = (ctx, rng) => {
  const index = customerIndex(rng, ctx.ds.size.people);
  return { action: 'person.created', entityType: 'person', entityId: personId(ctx.ds, index), before: null, after: personSnapshot(ctx, index) };
};

const personUpdated: ChangeKind = (ctx, rng) => {
  const index = customerIndex(rng, ctx.ds.size.people);
  const before = personSnapshot(ctx, index);
  const version = rng.int(1, 6);
  const after = rng.chance(0.5)
    ? { ...before, mobile: randomMobile(rng), version: version + 1 }
    : { ...before, city: rng.pick(CITIES)[0], version: version + 1 };
  return { action: 'person.updated', entityType: 'person', entityId: personId(ctx.ds, index), before: { ...before, version }, after };
};

const organizationSnapshot = (ctx: Context, index: number) => {
  const o = organizationAt(ctx.ds, index);
  return { name: o.name, nameEn: o.nameEn, type: o.type, industry: o.industry, city: o.city, phone: o.phone, legalId: o.legalId || null, version: 1 };
};

const organizationCreated: ChangeKind = (ctx, rng) => {
  const index = customerIndex(rng, ctx.ds.size.organizations);
  return { action: 'organization.created', entityType: 'organization', entityId: organizationId(ctx.ds, index), before: null, after: organizationSnapshot(ctx, index) };
};

const organizationUpdated: ChangeKind = (ctx, rng) => {
  const index = customerIndex(rng, ctx.ds.size.organizations);
  const before = { ...organizationSnapshot(ctx, index), type: 'prospect' };
  return {
    action: 'organization.updated',
    entityType: 'organization',
    entityId: organizationId(ctx.ds, index),
    before,
    after: { ...before, type: 'customer', version: 2 },
  };
};

/** 40 000 deals move through the stages; each keeps its title and amount across its entries. */
const DEALS = 40_000;

const dealStageChanged: ChangeKind = (ctx, rng) => {
  const deal = rng.int(0, DEALS - 1);
  const dealRng = rowRng(ctx.deals, deal);
  const [productFa, , min, max] = dealRng.pick(PRODUCTS);
  const title = `${dealRng.chance(0.5) ? 'خرید' : 'تأمین'} ${productFa} برای ${organizationAt(ctx.ds, customerIndex(dealRng, ctx.ds.size.organizations)).name}`;
  const amount = Math.round((dealRng.int(min, max) * dealRng.int(1, 20)) / 1_000_000) * 1_000_000;
  const lastOpen = DEAL_STAGES_FA.length - 3;
  const stage = rng.int(0, lastOpen);
  const next = stage < lastOpen ? stage + 1 : rng.chance(0.3) ? DEAL_STAGES_FA.length - 1 : DEAL_STAGES_FA.length - 2;
  const before = { title, stage: DEAL_STAGES_FA[stage], amount, currency: 'IRR', version: stage + 1 };
  const after: Record<string, unknown> = { ...before, stage: DEAL_STAGES_FA[next], version: stage + 2 };
  if (next === DEAL_STAGES_FA.length - 1) after.lostReason = rng.pick(LOST_REASONS_FA);
  return { action: 'deal.stage_changed', entityType: 'deal', entityId: stableUuid(ctx.ids.deal, deal), before, after };
};

const activityLogged: ChangeKind = (ctx, rng, index) => {
  const type = rng.weighted(ACTIVITY_TYPES);
  const person = customerIndex(rng, ctx.ds.size.people);
  const day = entryDay(ctx, index);
  return {
    action: 'activity.logged',
    entityType: 'activity',
    entityId: stableUuid(ctx.ids.activity, index),
    before: null,
    after: {
      type,
      subject: rng.pick(ACTIVITY_SUBJECTS[type])[0],
      personId: personId(ctx.ds, person),
      occurredOnJalali: formatJalali(day.jy, day.jm, day.jd),
      note: rng.chance(0.4) ? rng.pick(NOTES_FA) : null,
    },
  };
};

const orderCreated: ChangeKind = (ctx, rng, index) => {
  const [product, , min, max] = rng.pick(PRODUCTS);
  const quantity = rng.chance(0.6) ? 1 : rng.int(2, 20);
  const unitPriceIrr = Math.round(rng.int(min, max) / 10_000) * 10_000;
  return {
    action: 'order.created',
    entityType: 'order',
    entityId: stableUuid(ctx.ids.order, index),
    before: null,
    after: {
      number: `SO-${entryDay(ctx, index).jy}-${String(index + 1).padStart(7, '0')}`,
      personId: personId(ctx.ds, customerIndex(rng, ctx.ds.size.people)),
      product,
      quantity,
      unitPriceIrr,
      amountIrr: unitPriceIrr * quantity,
      currency: 'IRR',
      status: 'pending',
    },
  };
};

const memberRoleChanged: ChangeKind = (ctx, rng) => {
  const member = rng.pick(ctx.members);
  const version = rng.int(1, 4);
  const before = { id: member.membershipId, workspaceId: ctx.workspaceId, userId: member.userId, roleKey: 'member', version };
  return { action: 'member.role_changed', entityType: 'member', entityId: member.membershipId, before, after: { ...before, roleKey: 'manager', version: version + 1 } };
};

const invitationCreated: ChangeKind = (ctx, rng, index) => {
  const name = randomPersonName(rng, 0.85);
  const id = stableUuid(ctx.ids.invitation, index);
  return {
    action: 'invitation.created',
    entityType: 'invitation',
    entityId: id,
    before: null,
    after: { id, email: `${name.firstLatin}.${name.lastLatin}@example.ir`, role: rng.weighted(ROLE_WEIGHTS), status: 'pending' },
  };
};

const CHANGE_KINDS: readonly (readonly [ChangeKind, number])[] = [
  [personCreated, 18],
  [personUpdated, 20],
  [organizationCreated, 5],
  [organizationUpdated, 4],
  [dealStageChanged, 15],
  [activityLogged, 25],
  [orderCreated, 11],
  [memberRoleChanged, 1],
  [invitationCreated, 1],
];
