import { randomBytes } from 'node:crypto';
import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type Actor, type WorkspaceContext } from '../../kernel/http/context.ts';
import { ADMIN_ROLE, BUILT_IN_ROLES } from '../members/members.permissions.ts';
import { membersRepository } from '../members/members.repository.ts';
import { compare, round } from '#common/money/index.ts';
import { checkCurrency, parseDecimalInput } from '../currencies/currencies.input.ts';
import { failOnFieldErrors } from '../people/validation.ts';
import { salesSettingsFieldMessages, workspaceErrors } from './workspaces.errors.ts';
import { workspacesRepository as repo, type WorkspaceChanges, type WorkspaceRow } from './workspaces.repository.ts';

/** What PATCH /workspace accepts: general settings and the sales settings, raw from the edge. */
export type WorkspacePatch = Omit<WorkspaceChanges, 'defaultCurrency' | 'vatRate'> & { version: number; defaultCurrency?: string; vatRate?: string | number };

const SALES_SETTINGS = ['defaultCurrency', 'moneyDisplay', 'fiscalYearStartMonth', 'vatRate'] as const;

/**
 * General settings are the admin's (workspace.manage); the sales settings (currency, money
 * display, fiscal year, VAT) belong to whoever configures sales (sales.configure), like pipelines
 * and products, so a sales manager can set them without administering the workspace.
 */
function requireSettingsPermission(ctx: WorkspaceContext, input: WorkspacePatch): void {
  const keys = Object.keys(input).filter((key) => key !== 'version' && input[key as keyof WorkspacePatch] !== undefined);
  const touchesSales = keys.some((key) => (SALES_SETTINGS as readonly string[]).includes(key));
  const touchesGeneral = keys.some((key) => !(SALES_SETTINGS as readonly string[]).includes(key));
  if (touchesGeneral || !touchesSales) requirePermission(ctx, 'workspace.manage');
  if (touchesSales && !ctx.permissions.has('workspace.manage')) requirePermission(ctx, 'sales.configure');
}

const VAT_RULE = { scale: 2, nonNegative: true, maxWholeDigits: 3 };

/** The sales settings in their stored form (ISO code upper case, VAT with 2 decimals); all problems at once. */
function settingsChanges(raw: Omit<WorkspacePatch, 'version'>): WorkspaceChanges {
  const { defaultCurrency, vatRate, ...rest } = raw;
  const errors: FieldError[] = [];
  const changes: WorkspaceChanges = { ...rest };
  if (defaultCurrency !== undefined) changes.defaultCurrency = checkCurrency('defaultCurrency', defaultCurrency, errors);
  if (vatRate !== undefined) {
    const rate = parseDecimalInput('vatRate', vatRate, VAT_RULE, errors);
    if (rate !== undefined && compare(rate, '100') > 0) {
      errors.push({ path: 'vatRate', code: 'vat_rate_range', message: salesSettingsFieldMessages.vat_rate_range });
    } else if (rate !== undefined) changes.vatRate = round(rate, 2);
  }
  failOnFieldErrors(errors);
  return changes;
}

export type NewWorkspace = { name: string; defaultLocale?: 'fa' | 'en'; calendar?: 'jalali' | 'gregorian'; timezone?: string };

/** A readable slug when the name has Latin letters, always unique thanks to the random tail. */
function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const tail = randomBytes(3).toString('hex');
  return base ? `${base}-${tail}` : `ws-${tail}`;
}

const publicWorkspace = (w: WorkspaceRow) => ({
  id: w.id,
  name: w.name,
  slug: w.slug,
  defaultLocale: w.defaultLocale as 'fa' | 'en',
  calendar: w.calendar as 'jalali' | 'gregorian',
  timezone: w.timezone,
  verificationIntervalDays: w.verificationIntervalDays,
  defaultCurrency: w.defaultCurrency,
  moneyDisplay: w.moneyDisplay,
  fiscalYearStartMonth: w.fiscalYearStartMonth,
  vatRate: w.vatRate,
  version: w.version,
  createdAt: w.createdAt,
});
export type Workspace = ReturnType<typeof publicWorkspace>;

/**
 * Something other modules set up in every new workspace (the default sales pipeline, …), in the
 * creating transaction. Registered once in app.ts, so this module imports none of them.
 */
export type WorkspaceCreationHook = (tx: Executor, workspaceId: string) => Promise<void>;

export function createWorkspacesService(db: AppDb) {
  const creationHooks: WorkspaceCreationHook[] = [];

  /**
   * Creates a workspace with its built-in roles and the creator as admin, inside the caller's
   * transaction (sign-up, invitations and the CLI all need it as one step).
   */
  async function createWithin(tx: Executor, owner: { userId: string; actor: Actor }, input: NewWorkspace): Promise<Workspace> {
    const locale = input.defaultLocale ?? 'fa';
    const workspace = await repo.insert(tx, {
      name: input.name,
      slug: slugFor(input.name),
      defaultLocale: locale,
      calendar: input.calendar ?? (locale === 'fa' ? 'jalali' : 'gregorian'),
      timezone: input.timezone ?? 'Asia/Tehran',
    });
    await membersRepository.insertRoles(tx, workspace.id, BUILT_IN_ROLES);
    const membership = await membersRepository.insertMembership(tx, { workspaceId: workspace.id, userId: owner.userId, roleKey: ADMIN_ROLE });
    const ctx: WorkspaceContext = { workspaceId: workspace.id, actor: owner.actor, roleKey: ADMIN_ROLE, permissions: new Set(), locale };
    await recordAudit(tx, ctx, { action: 'workspace.created', entityType: 'workspace', entityId: workspace.id, after: workspace });
    await recordAudit(tx, ctx, { action: 'member.added', entityType: 'member', entityId: membership.id, after: membership });
    for (const hook of creationHooks) await hook(tx, workspace.id);
    return publicWorkspace(workspace);
  }

  return {
    createWithin,

    registerCreationHook(hook: WorkspaceCreationHook) {
      creationHooks.push(hook);
    },

    create(owner: { userId: string; actor: Actor }, input: NewWorkspace): Promise<Workspace> {
      return db.transaction((tx) => createWithin(tx, owner, input));
    },

    async get(ctx: WorkspaceContext): Promise<Workspace> {
      const row = await repo.find(db, ctx.workspaceId);
      if (!row) throw workspaceErrors.workspace_not_found();
      return publicWorkspace(row);
    },

    async update(ctx: WorkspaceContext, input: WorkspacePatch): Promise<Workspace> {
      requireSettingsPermission(ctx, input);
      const { version, ...raw } = input;
      const changes = settingsChanges(raw);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId);
        if (!before) throw workspaceErrors.workspace_not_found();
        if (changes.defaultCurrency && changes.defaultCurrency !== before.defaultCurrency && (await repo.hasValuedAmounts(tx, ctx.workspaceId))) {
          throw workspaceErrors.default_currency_in_use();
        }
        const after = await repo.update(tx, ctx.workspaceId, version, changes);
        if (!after) throw kernelErrors.version_conflict();
        await audit({ action: 'workspace.updated', entityType: 'workspace', entityId: ctx.workspaceId, before, after });
        return publicWorkspace(after);
      });
    },

    listForUser: (userId: string) => repo.listForUser(db, userId),
    async find(workspaceId: string): Promise<Workspace | undefined> {
      const row = await repo.find(db, workspaceId);
      return row ? publicWorkspace(row) : undefined;
    },
  };
}

export type WorkspacesService = ReturnType<typeof createWorkspacesService>;
