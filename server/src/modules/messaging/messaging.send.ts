import { normalizeIranianPhone } from '#common/identity/phone.ts';
import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import { kernelErrors, type Locale } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import type { LinkedEntityType } from '../activities/activities.schema.ts';
import { parseInput } from '../people/index.ts';
import { timelineRepository } from '../timeline/timeline.repository.ts';
import { ZSendEmail, ZSendSms, type SentActivity } from './messaging.contract.ts';
import { messagingErrors, messagingFieldError } from './messaging.errors.ts';
import { recipientsRepository, sentActivitiesRepository as repo, type ActivityRow } from './messaging.repository.ts';
import { renderEmail, renderSms } from './messaging.render.ts';
import { smsProvidersRepository } from './sms-providers.repository.ts';
import { checkPlaceholders, cleanBody, type TemplatesService } from './templates.service.ts';
import { loadRecipient, primaryEmail, smsNumber } from './recipients.ts';

export const EMAIL_JOB = 'messaging.email';
export const SMS_JOB = 'messaging.sms';

/** What a delivery job carries: the activity to deliver (its content is read from the row) and the attempt number. */
export type DeliveryJobData = { workspaceId: string; activityId: string; attempt: number; locale: Locale };

type Link = { entityType: LinkedEntityType; entityId: string };

const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** The activity as the activities API shows it: owner and creator by name, links with their records' names. */
export async function sentActivityView(db: Executor, workspaceId: string, row: ActivityRow): Promise<SentActivity> {
  const links = await repo.linksOf(db, workspaceId, row.id);
  const wanted: Record<LinkedEntityType, string[]> = { person: [], organization: [], lead: [], deal: [] };
  for (const l of links) wanted[l.entityType].push(l.entityId);
  const names = new Map((await timelineRepository.recordNames(db, workspaceId, wanted)).map((n) => [`${n.entityType}:${n.id}`, n]));
  const userIds = [...new Set([row.ownerId, row.createdBy].filter((id): id is string => !!id))];
  const users = new Map((await recipientsRepository.userNames(db, userIds)).map((u) => [u.id, u.name]));
  const userRef = (id: string | null) => (id ? { id, name: users.get(id) ?? '' } : null);
  return {
    id: row.id,
    type: row.type as 'email' | 'sms',
    status: row.status,
    subject: row.subject,
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    direction: row.direction,
    occurredAt: row.occurredAt,
    endsAt: row.endsAt,
    durationSeconds: row.durationSeconds,
    callOutcome: row.callOutcome,
    phone: row.phone,
    place: row.place,
    chatChannel: row.chatChannel,
    emailAddress: row.emailAddress,
    deliveryStatus: row.deliveryStatus,
    deliveryError: row.deliveryError,
    deliveredAt: row.deliveredAt,
    templateId: row.templateId,
    reminderMinutes: row.reminderMinutes,
    owner: userRef(row.ownerId),
    createdBy: userRef(row.createdBy),
    links: links.map((l) => {
      const known = names.get(`${l.entityType}:${l.entityId}`);
      return { entityType: l.entityType, entityId: l.entityId, name: known?.name ?? '', deleted: known ? known.deleted : true };
    }),
    attendees: [],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createSendService(deps: { db: AppDb; jobs: JobQueue; templates: TemplatesService; clock?: () => Date }) {
  const { db, jobs, templates } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** The person first, then the extra links, each once; every extra one must be a live record of this workspace. */
  async function checkedLinks(workspaceId: string, personId: string, extra: Link[] = []): Promise<Link[]> {
    const links: Link[] = [{ entityType: 'person', entityId: personId }];
    for (const l of extra) if (!links.some((x) => x.entityType === l.entityType && x.entityId === l.entityId)) links.push(l);
    const wanted: Record<LinkedEntityType, string[]> = { person: [], organization: [], lead: [], deal: [] };
    for (const l of links.slice(1)) wanted[l.entityType].push(l.entityId);
    const live = new Set(
      (await timelineRepository.recordNames(db, workspaceId, wanted)).filter((r) => !r.deleted).map((r) => `${r.entityType}:${r.id}`),
    );
    const missing = links.slice(1).find((l) => !live.has(`${l.entityType}:${l.entityId}`));
    if (missing) throw messagingErrors.link_not_found({ params: { entityType: missing.entityType, entityId: missing.entityId } });
    return links;
  }

  /** Logs the activity and queues its delivery in one transaction: the message is sent iff the activity exists. */
  async function logAndQueue(ctx: WorkspaceContext, job: string, values: Parameters<typeof repo.insert>[2], links: Link[]): Promise<SentActivity> {
    return mutate(db, ctx, async (tx, audit) => {
      const row = await repo.insert(tx, ctx.workspaceId, values);
      await repo.insertLinks(tx, ctx.workspaceId, row.id, row.occurredAt, links);
      await jobs.send<DeliveryJobData>(job, { workspaceId: ctx.workspaceId, activityId: row.id, attempt: 1, locale: ctx.locale }, { tx });
      const created = await sentActivityView(tx, ctx.workspaceId, row);
      await audit({ action: 'activity.created', entityType: 'activity', entityId: row.id, after: created });
      return created;
    });
  }

  return {
    /** Renders an email for the person (template or ad hoc), logs it as an activity and queues it. */
    async sendEmail(ctx: WorkspaceContext, personId: string, rawInput: unknown): Promise<SentActivity> {
      requirePermission(ctx, 'records.write');
      const input = parseInput(ZSendEmail, rawInput);
      const template = input.templateId ? await templates.requireTemplate(db, ctx.workspaceId, input.templateId) : undefined;
      if (template && template.channel !== 'email') throw messagingErrors.template_channel_mismatch();
      const subject = input.subject ?? template?.subject ?? null;
      if (!subject) throw kernelErrors.validation_failed({ fieldErrors: [messagingFieldError('subject', 'subject_required')] });
      checkPlaceholders({ subject, bodyHtml: input.bodyHtml });
      const body = input.bodyHtml !== undefined ? cleanBody('email', input.bodyHtml) : (template?.body ?? '');

      const { person, values } = await loadRecipient(db, ctx.workspaceId, personId);
      if (person.consent?.email === false) throw messagingErrors.email_consent_refused();
      const to = input.to ?? primaryEmail(person);
      if (!to) throw messagingErrors.no_email_address();

      const rendered = renderEmail(subject, body, values);
      if (!rendered.text.trim()) throw messagingErrors.message_empty();
      const links = await checkedLinks(ctx.workspaceId, person.id, input.links);
      return logAndQueue(
        ctx,
        EMAIL_JOB,
        {
          type: 'email',
          subject: rendered.subject,
          bodyHtml: rendered.html,
          bodyText: rendered.text,
          occurredAt: clock(),
          phone: null,
          emailAddress: to,
          templateId: template?.id ?? null,
          ownerId: actingUserId(ctx),
          createdBy: actingUserId(ctx),
        },
        links,
      );
    },

    /** Renders an SMS for the person, logs it as an activity and queues it for the workspace's gateway. */
    async sendSms(ctx: WorkspaceContext, personId: string, rawInput: unknown): Promise<SentActivity> {
      requirePermission(ctx, 'records.write');
      const input = parseInput(ZSendSms, rawInput);
      const template = input.templateId ? await templates.requireTemplate(db, ctx.workspaceId, input.templateId) : undefined;
      if (template && template.channel !== 'sms') throw messagingErrors.template_channel_mismatch();
      checkPlaceholders({ text: input.text });
      const body = input.text !== undefined ? cleanBody('sms', input.text) : (template?.body ?? '');

      let to: string | null = null;
      if (input.to !== undefined) {
        to = normalizeIranianPhone(input.to);
        if (!to) throw kernelErrors.validation_failed({ fieldErrors: [messagingFieldError('to', 'invalid_phone')] });
      }
      const { person, values } = await loadRecipient(db, ctx.workspaceId, personId);
      if (person.consent?.sms === false) throw messagingErrors.sms_consent_refused();
      to ??= smsNumber(person);
      if (!to) throw messagingErrors.no_mobile_number();

      const rendered = renderSms(body, values);
      if (!rendered.text) throw messagingErrors.message_empty();
      // Refused now rather than logged and failed later: without a gateway nothing can be sent.
      const provider = await smsProvidersRepository.find(db, ctx.workspaceId);
      if (!provider?.enabled) throw messagingErrors.sms_provider_not_configured();
      const links = await checkedLinks(ctx.workspaceId, person.id, input.links);
      return logAndQueue(
        ctx,
        SMS_JOB,
        {
          type: 'sms',
          subject: null,
          bodyHtml: null,
          bodyText: rendered.text,
          occurredAt: clock(),
          phone: to,
          emailAddress: null,
          templateId: template?.id ?? null,
          ownerId: actingUserId(ctx),
          createdBy: actingUserId(ctx),
        },
        links,
      );
    },
  };
}
export type SendService = ReturnType<typeof createSendService>;
