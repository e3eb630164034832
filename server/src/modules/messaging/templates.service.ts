import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Tx } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { sanitizeRichText } from '../../kernel/html/sanitize.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { parseInput } from '../people/index.ts';
import { ZPreviewInput, ZTemplateCreate, ZTemplateListQuery, ZTemplatePatch } from './messaging.contract.ts';
import { messagingErrors, messagingFieldError } from './messaging.errors.ts';
import { templatesRepository as repo, type TemplateRow } from './messaging.repository.ts';
import { PLACEHOLDERS, renderEmail, renderSms, scanPlaceholders, type RenderedMessage } from './messaging.render.ts';
import type { TemplateChannel } from './messaging.schema.ts';
import { loadRecipient } from './recipients.ts';

const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

export function publicTemplate(row: TemplateRow) {
  return {
    id: row.id,
    channel: row.channel,
    name: row.name,
    subject: row.subject,
    body: row.body,
    locale: row.locale,
    placeholders: scanPlaceholders(row.subject, row.body).used,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type Template = ReturnType<typeof publicTemplate>;

/** 400 naming the first unknown placeholder (and the field it is in), in fa and en. */
export function checkPlaceholders(fields: Record<string, string | null | undefined>): void {
  for (const [path, text] of Object.entries(fields)) {
    const [unknown] = scanPlaceholders(text).unknown;
    if (unknown !== undefined) {
      throw messagingErrors.unknown_placeholder({
        params: { placeholder: `{{${unknown}}}`, allowed: PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') },
        fieldErrors: [messagingFieldError(path, 'unknown_placeholder')],
      });
    }
  }
}

/** The stored form of a body: email bodies sanitised (placeholders survive as text), SMS bodies trimmed. */
export function cleanBody(channel: TemplateChannel, body: string): string {
  return channel === 'email' ? sanitizeRichText(body) : body.trim();
}

/** Content of a template: the subject only exists for email, where it is required, and the body may not be empty. */
function checkContent(channel: TemplateChannel, subject: string | null, body: string): void {
  const errors = [];
  if (channel === 'email' && !subject) errors.push(messagingFieldError('subject', 'subject_required'));
  if (errors.length) throw kernelErrors.validation_failed({ fieldErrors: errors });
  if (!body.trim() || (channel === 'email' && !body.replace(/<[^>]*>/g, '').trim())) throw messagingErrors.message_empty();
}

function isNameConflict(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (e.code === '23505' && String(e.constraint ?? e.message ?? '').includes('message_templates_name_idx')) return true;
  }
  return false;
}

async function withNameConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isNameConflict(error)) throw messagingErrors.template_name_taken();
    throw error;
  }
}

export function createTemplatesService(deps: { db: AppDb; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function requireTemplate(tx: AppDb | Tx, workspaceId: string, id: string, forUpdate = false): Promise<TemplateRow> {
    const row = forUpdate ? await repo.findForUpdate(tx, workspaceId, id) : await repo.find(tx, workspaceId, id);
    if (!row) throw messagingErrors.template_not_found();
    return row;
  }

  async function assertNameFree(tx: Tx, workspaceId: string, channel: TemplateChannel, name: string, exceptId?: string) {
    if (await repo.nameHolder(tx, workspaceId, channel, name, exceptId)) throw messagingErrors.template_name_taken();
  }

  return {
    requireTemplate,

    async list(ctx: WorkspaceContext, rawQuery: unknown): Promise<{ items: Template[] }> {
      requirePermission(ctx, 'records.read');
      const query = parseInput(ZTemplateListQuery, rawQuery);
      return { items: (await repo.list(db, ctx.workspaceId, query.channel)).map(publicTemplate) };
    },

    async get(ctx: WorkspaceContext, id: string): Promise<Template> {
      requirePermission(ctx, 'records.read');
      return publicTemplate(await requireTemplate(db, ctx.workspaceId, id));
    },

    async create(ctx: WorkspaceContext, rawInput: unknown): Promise<Template> {
      requirePermission(ctx, 'messaging.configure');
      const input = parseInput(ZTemplateCreate, rawInput);
      const subject = input.channel === 'email' ? (input.subject ?? null) : null;
      checkPlaceholders({ subject, body: input.body });
      const body = cleanBody(input.channel, input.body);
      checkContent(input.channel, subject, body);
      return withNameConflict(() =>
        mutate(db, ctx, async (tx, audit) => {
          await assertNameFree(tx, ctx.workspaceId, input.channel, input.name);
          const row = await repo.insert(tx, ctx.workspaceId, { channel: input.channel, name: input.name, subject, body, locale: input.locale, createdBy: actingUserId(ctx) });
          const created = publicTemplate(row);
          await audit({ action: 'message_template.created', entityType: 'message_template', entityId: row.id, after: created });
          return created;
        }),
      );
    },

    async update(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<Template> {
      requirePermission(ctx, 'messaging.configure');
      const { version, ...input } = parseInput(ZTemplatePatch, rawInput);
      return withNameConflict(() =>
        mutate(db, ctx, async (tx, audit) => {
          const before = await requireTemplate(tx, ctx.workspaceId, id, true);
          if (before.version !== version) throw kernelErrors.version_conflict();
          const subject = before.channel === 'email' ? (input.subject === undefined ? before.subject : input.subject) : null;
          const rawBody = input.body ?? before.body;
          checkPlaceholders({ subject, body: rawBody });
          const body = input.body === undefined ? before.body : cleanBody(before.channel, input.body);
          checkContent(before.channel, subject, body);
          const name = input.name ?? before.name;
          if (name !== before.name) await assertNameFree(tx, ctx.workspaceId, before.channel, name, id);
          const row = await repo.update(tx, ctx.workspaceId, id, version, { name, subject, body, locale: input.locale ?? before.locale }, clock());
          if (!row) throw kernelErrors.version_conflict();
          const after = publicTemplate(row);
          await audit({ action: 'message_template.updated', entityType: 'message_template', entityId: id, before: publicTemplate(before), after });
          return after;
        }),
      );
    },

    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'messaging.configure');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await requireTemplate(tx, ctx.workspaceId, id, true);
        await repo.update(tx, ctx.workspaceId, id, before.version, { deletedAt: clock() }, clock());
        await audit({ action: 'message_template.deleted', entityType: 'message_template', entityId: id, before: publicTemplate(before) });
      });
    },

    /** The message as a given person would get it, without sending anything. */
    async preview(ctx: WorkspaceContext, rawInput: unknown): Promise<RenderedMessage> {
      requirePermission(ctx, 'records.read');
      const input = parseInput(ZPreviewInput, rawInput);
      const template = input.templateId ? await requireTemplate(db, ctx.workspaceId, input.templateId) : undefined;
      const channel = template?.channel ?? input.channel ?? 'email';
      if (template && input.channel && input.channel !== template.channel) throw messagingErrors.template_channel_mismatch();
      const subject = channel === 'email' ? (input.subject ?? template?.subject ?? '') : null;
      const body = input.body !== undefined ? cleanBody(channel, input.body) : (template?.body ?? '');
      checkPlaceholders({ subject, body });
      const { values } = await loadRecipient(db, ctx.workspaceId, input.personId);
      return channel === 'email' ? renderEmail(subject ?? '', body, values) : renderSms(body, values);
    },
  };
}
export type TemplatesService = ReturnType<typeof createTemplatesService>;
