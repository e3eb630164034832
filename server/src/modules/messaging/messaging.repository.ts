import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.ts';
import { users } from '../../kernel/auth/auth.schema.ts';
import { activities, activityLinks, type DeliveryStatus, type LinkedEntityType } from '../activities/activities.schema.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { messageTemplates, type TemplateChannel } from './messaging.schema.ts';

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type TemplateValues = Pick<typeof messageTemplates.$inferInsert, 'channel' | 'name' | 'subject' | 'body' | 'locale' | 'createdBy'>;
export type ActivityRow = typeof activities.$inferSelect;
export type SentActivityValues = Pick<
  typeof activities.$inferInsert,
  'type' | 'subject' | 'bodyHtml' | 'bodyText' | 'occurredAt' | 'phone' | 'emailAddress' | 'templateId' | 'ownerId' | 'createdBy'
>;
export type PersonRow = typeof people.$inferSelect;

const templateScoped = (workspaceId: string, id: string) => and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id));
const activityScoped = (workspaceId: string, id: string) => and(eq(activities.workspaceId, workspaceId), eq(activities.id, id));

export const templatesRepository = {
  async insert(db: Executor, workspaceId: string, values: TemplateValues): Promise<TemplateRow> {
    const [row] = await db
      .insert(messageTemplates)
      .values({ ...values, workspaceId })
      .returning();
    return row!;
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<TemplateRow | undefined> {
    const [row] = await db.select().from(messageTemplates).where(and(templateScoped(workspaceId, id), isNull(messageTemplates.deletedAt)));
    return row;
  },

  async findForUpdate(db: Executor, workspaceId: string, id: string): Promise<TemplateRow | undefined> {
    const [row] = await db
      .select()
      .from(messageTemplates)
      .where(and(templateScoped(workspaceId, id), isNull(messageTemplates.deletedAt)))
      .for('update');
    return row;
  },

  /** Live templates, by channel then name; a workspace keeps a handful, so no paging. */
  list(db: Executor, workspaceId: string, channel?: TemplateChannel): Promise<TemplateRow[]> {
    return db
      .select()
      .from(messageTemplates)
      .where(and(eq(messageTemplates.workspaceId, workspaceId), isNull(messageTemplates.deletedAt), channel ? eq(messageTemplates.channel, channel) : undefined))
      .orderBy(asc(messageTemplates.channel), asc(messageTemplates.name), asc(messageTemplates.id))
      .limit(1000);
  },

  /** A live template of this channel holding the name, other than `exceptId`. */
  async nameHolder(db: Executor, workspaceId: string, channel: TemplateChannel, name: string, exceptId?: string): Promise<string | undefined> {
    const [row] = await db
      .select({ id: messageTemplates.id })
      .from(messageTemplates)
      .where(
        and(
          eq(messageTemplates.workspaceId, workspaceId),
          eq(messageTemplates.channel, channel),
          eq(messageTemplates.name, name),
          isNull(messageTemplates.deletedAt),
          exceptId ? sql`${messageTemplates.id} <> ${exceptId}` : undefined,
        ),
      )
      .limit(1);
    return row?.id;
  },

  /** Null when the version moved on. */
  async update(db: Executor, workspaceId: string, id: string, version: number, values: Partial<TemplateValues> & { deletedAt?: Date | null }, at: Date) {
    const [row] = await db
      .update(messageTemplates)
      .set({ ...values, version: sql`${messageTemplates.version} + 1`, updatedAt: at })
      .where(and(templateScoped(workspaceId, id), eq(messageTemplates.version, version)))
      .returning();
    return row;
  },
};

/** Who a message goes to, with everything its placeholders may ask for. */
export const recipientsRepository = {
  async person(db: Executor, workspaceId: string, id: string): Promise<PersonRow | undefined> {
    const [row] = await db
      .select()
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, id), isNull(people.deletedAt), isNull(people.mergedIntoId)));
    return row;
  },

  /** The person's primary organisation, else the one they joined first. */
  async organizationName(db: Executor, workspaceId: string, personId: string): Promise<string | null> {
    const [row] = await db
      .select({ name: organizations.name })
      .from(personOrganizations)
      .innerJoin(organizations, and(eq(organizations.id, personOrganizations.organizationId), eq(organizations.workspaceId, workspaceId)))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.personId, personId), isNull(organizations.deletedAt)))
      .orderBy(desc(personOrganizations.isPrimary), asc(personOrganizations.createdAt))
      .limit(1);
    return row?.name ?? null;
  },

  async userName(db: Executor, userId: string | null): Promise<string | null> {
    if (!userId) return null;
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
    return row?.name ?? null;
  },

  async workspaceName(db: Executor, workspaceId: string): Promise<string> {
    const [row] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
    return row?.name ?? '';
  },

  async userNames(db: Executor, ids: string[]): Promise<Array<{ id: string; name: string }>> {
    if (!ids.length) return [];
    return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  },
};

/**
 * The activities messaging writes: one per email or SMS sent, linked to the person (and any other
 * records), carrying its delivery state. The activities module reads them like any other.
 */
export const sentActivitiesRepository = {
  async insert(db: Executor, workspaceId: string, values: SentActivityValues): Promise<ActivityRow> {
    const [row] = await db
      .insert(activities)
      .values({ ...values, workspaceId, status: 'done', direction: 'outbound', deliveryStatus: 'queued' })
      .returning();
    return row!;
  },

  async insertLinks(db: Executor, workspaceId: string, activityId: string, occurredAt: Date, links: Array<{ entityType: LinkedEntityType; entityId: string }>) {
    if (!links.length) return;
    await db.insert(activityLinks).values(links.map((l) => ({ workspaceId, activityId, occurredAt, entityType: l.entityType, entityId: l.entityId })));
  },

  async linksOf(db: Executor, workspaceId: string, activityId: string) {
    return db
      .select({ entityType: activityLinks.entityType, entityId: activityLinks.entityId })
      .from(activityLinks)
      .where(and(eq(activityLinks.workspaceId, workspaceId), eq(activityLinks.activityId, activityId)))
      .orderBy(asc(activityLinks.entityType), asc(activityLinks.entityId));
  },

  async find(db: Executor, workspaceId: string, id: string): Promise<ActivityRow | undefined> {
    const [row] = await db.select().from(activities).where(activityScoped(workspaceId, id));
    return row;
  },

  /**
   * Records the outcome of a delivery attempt, only while the activity is still queued: a job run
   * twice (a lost completion) never turns a 'sent' back into anything else.
   */
  async setDelivery(
    db: Executor,
    workspaceId: string,
    id: string,
    values: { deliveryStatus: DeliveryStatus; deliveryError: string | null; providerMessageId?: string | null; deliveredAt?: Date | null },
    at: Date,
  ): Promise<ActivityRow | undefined> {
    const [row] = await db
      .update(activities)
      .set({ ...values, version: sql`${activities.version} + 1`, updatedAt: at })
      .where(and(activityScoped(workspaceId, id), eq(activities.deliveryStatus, 'queued')))
      .returning();
    return row;
  },
};
