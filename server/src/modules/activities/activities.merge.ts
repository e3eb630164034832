import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../kernel/db/database.ts';
import { registerMergeHook, type MergeIds } from '../search/index.ts';
import { activityAttendees, activityLinks } from './activities.schema.ts';

/*
 * When two people or two organisations are merged, their activities follow the survivor: links
 * (the survivor's timeline and lists) and, for people, meeting attendance. Where both records
 * were on one activity the survivor's row stays and the merged one's goes, so the primary key
 * (activity, type, id) never collides.
 */

async function moveLinks(tx: Tx, workspaceId: string, entityType: 'person' | 'organization', { survivorId, mergedId }: MergeIds) {
  const survivorActivities = tx
    .select({ activityId: activityLinks.activityId })
    .from(activityLinks)
    .where(and(eq(activityLinks.workspaceId, workspaceId), eq(activityLinks.entityType, entityType), eq(activityLinks.entityId, survivorId)));
  const mine = and(eq(activityLinks.workspaceId, workspaceId), eq(activityLinks.entityType, entityType), eq(activityLinks.entityId, mergedId));
  const dropped = await tx
    .delete(activityLinks)
    .where(and(mine, inArray(activityLinks.activityId, survivorActivities)))
    .returning({ activityId: activityLinks.activityId });
  const moved = await tx.update(activityLinks).set({ entityId: survivorId }).where(mine).returning({ activityId: activityLinks.activityId });
  return { activities: moved.map((m) => m.activityId), activitiesAlreadyWithSurvivor: dropped.map((d) => d.activityId) };
}

async function moveAttendance(tx: Tx, workspaceId: string, { survivorId, mergedId }: MergeIds) {
  const mine = and(eq(activityAttendees.workspaceId, workspaceId), eq(activityAttendees.personId, mergedId));
  const dropped = await tx
    .delete(activityAttendees)
    .where(
      and(
        mine,
        sql`exists (select 1 from ${activityAttendees} s where s.workspace_id = ${workspaceId} and s.activity_id = ${sql.raw('"activity_attendees"."activity_id"')} and s.person_id = ${survivorId})`,
      ),
    )
    .returning({ activityId: activityAttendees.activityId });
  const moved = await tx.update(activityAttendees).set({ personId: survivorId }).where(mine).returning({ activityId: activityAttendees.activityId });
  return { meetings: moved.map((m) => m.activityId), meetingsAlreadyWithSurvivor: dropped.map((d) => d.activityId) };
}

/** Called once when the app is wired. */
export function registerActivityMergeHooks(): void {
  registerMergeHook('person', activitiesOfMergedPerson);
  registerMergeHook('organization', activitiesOfMergedOrganization);
}

async function activitiesOfMergedPerson(tx: Tx, ctx: { workspaceId: string }, ids: MergeIds) {
  const links = await moveLinks(tx, ctx.workspaceId, 'person', ids);
  const attendance = await moveAttendance(tx, ctx.workspaceId, ids);
  return { activityLinks: links.activities.length + links.activitiesAlreadyWithSurvivor.length, activityAttendees: attendance.meetings.length + attendance.meetingsAlreadyWithSurvivor.length };
}

async function activitiesOfMergedOrganization(tx: Tx, ctx: { workspaceId: string }, ids: MergeIds) {
  const links = await moveLinks(tx, ctx.workspaceId, 'organization', ids);
  return { activityLinks: links.activities.length + links.activitiesAlreadyWithSurvivor.length };
}
