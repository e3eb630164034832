import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Tx } from '../../kernel/db/database.ts';
import { defineErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { membersRepository } from '../members/members.repository.ts';
import { handoverRepository as repo, type OwnedRecordType } from './handover.repository.ts';

export const handoverErrors = defineErrors({
  handover_same_user: { status: 400, fa: 'کاربر مبدأ و مقصد نمی‌توانند یکی باشند.', en: 'The two users must be different.' },
  handover_not_member: {
    status: 400,
    fa: 'کاربر مقصد عضو این فضای کاری نیست.',
    en: 'The receiving user is not a member of this workspace.',
  },
});

/**
 * Something a departing user owns that must move with the handover. Records are built in; later
 * capabilities (tasks, deals, tickets) register their own so one action moves everything.
 */
export type HandoverTarget = {
  name: string;
  /** Moves the items and returns them; `version` and `deleted` (in the trash) go into their audit entries when known. */
  move(tx: Tx, workspaceId: string, fromUserId: string, toUserId: string): Promise<Array<string | { id: string; version?: number; deleted?: boolean }>>;
};

const RECORD_TYPES: OwnedRecordType[] = ['person', 'organization', 'lead'];

export function createHandoverService(db: AppDb) {
  const targets: HandoverTarget[] = RECORD_TYPES.map((type) => ({
    name: type,
    move: (tx, ws, from, to) => repo.reassignOwner(tx, ws, type, from, to),
  }));

  return {
    registerTarget(target: HandoverTarget) {
      targets.push(target);
    },

    /**
     * Moves every record and open item of one user to another in one audited transaction:
     * live records and those in the trash; never merged records or converted leads (history).
     */
    async handOver(ctx: WorkspaceContext, input: { fromUserId: string; toUserId: string }) {
      requirePermission(ctx, 'records.handover');
      if (input.fromUserId === input.toUserId) throw handoverErrors.handover_same_user();
      return mutate(db, ctx, async (tx, audit) => {
        if (!(await membersRepository.findByUser(tx, ctx.workspaceId, input.toUserId))) throw handoverErrors.handover_not_member();
        const moved: Record<string, number> = {};
        for (const target of targets) {
          const items = (await target.move(tx, ctx.workspaceId, input.fromUserId, input.toUserId)).map((m) => (typeof m === 'string' ? { id: m } : m));
          moved[target.name] = items.length;
          for (const item of items) {
            const version = item.version === undefined ? {} : { version: item.version };
            await audit({
              action: `${target.name}.owner_changed`,
              entityType: target.name,
              entityId: item.id,
              before: { ownerId: input.fromUserId, ...(item.version === undefined ? {} : { version: item.version - 1 }) },
              after: { ownerId: input.toUserId, handover: true, ...version, ...(item.deleted ? { inTrash: true } : {}) },
            });
          }
        }
        await audit({ action: 'handover.completed', entityType: 'user', entityId: input.fromUserId, after: { toUserId: input.toUserId, moved } });
        return { moved };
      });
    },
  };
}

export type HandoverService = ReturnType<typeof createHandoverService>;
