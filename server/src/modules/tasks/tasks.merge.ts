import type { Tx } from '../../kernel/db/database.ts';
import { registerMergeHook, type MergeIds } from '../search/index.ts';
import { tasksRepository } from './tasks.repository.ts';

/*
 * When two people or two organisations are merged, the tasks about the merged record become
 * tasks about the survivor, so they show on its page and in its "open tasks".
 */

/** Called once when the app is wired (the hooks are module-level functions, so registering again adds nothing). */
export function registerTaskMergeHooks(): void {
  registerMergeHook('person', tasksOfMergedPerson);
  registerMergeHook('organization', tasksOfMergedOrganization);
}

async function tasksOfMergedPerson(tx: Tx, ctx: { workspaceId: string }, { survivorId, mergedId }: MergeIds) {
  return { taskLinks: await tasksRepository.moveLinks(tx, ctx.workspaceId, 'person', mergedId, survivorId) };
}

async function tasksOfMergedOrganization(tx: Tx, ctx: { workspaceId: string }, { survivorId, mergedId }: MergeIds) {
  return { taskLinks: await tasksRepository.moveLinks(tx, ctx.workspaceId, 'organization', mergedId, survivorId) };
}
