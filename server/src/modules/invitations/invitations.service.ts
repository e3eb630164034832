import { createHash, randomBytes } from 'node:crypto';
import { mutate, recordAudit } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import type { Locale } from '../../kernel/errors/index.ts';
import { requirePermission, type SignedInUser, type WorkspaceContext } from '../../kernel/http/context.ts';
import { toPage, type Page, type TListQuery } from '../../kernel/http/pagination.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { normaliseEmail, type EnqueueEmail, type IdentityService } from '../identity/identity.service.ts';
import { memberErrors } from '../members/members.errors.ts';
import { membersRepository } from '../members/members.repository.ts';
import { workspacesRepository } from '../workspaces/workspaces.repository.ts';
import { invitationEmail } from './invitations.emails.ts';
import { invitationErrors } from './invitations.errors.ts';
import { invitationsRepository as repo, type InvitationRow } from './invitations.repository.ts';

const VALID_DAYS = 7;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const publicInvitation = (i: InvitationRow) => ({
  id: i.id,
  email: i.email,
  role: i.roleKey,
  status: i.status as 'pending' | 'accepted' | 'revoked',
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
});
export type Invitation = ReturnType<typeof publicInvitation>;

export type InvitationsDeps = {
  db: AppDb;
  identity: IdentityService;
  enqueueEmail: EnqueueEmail;
  publicUrl: string;
  clock?: () => Date;
};

type Headers = Record<string, string | string[] | undefined>;

export function createInvitationsService(deps: InvitationsDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function openInvitation(token: string) {
    const found = await repo.findByTokenHash(db, hashToken(token));
    if (!found) throw invitationErrors.invitation_not_found();
    return found;
  }

  const isUsable = (i: InvitationRow) => i.status === 'pending' && i.expiresAt > clock();

  return {
    async list(ctx: WorkspaceContext, query: TListQuery): Promise<Page<Invitation>> {
      requirePermission(ctx, 'members.manage');
      const rows = await repo.listPending(db, ctx.workspaceId, clock(), query);
      const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
      return { items: page.items.map(publicInvitation), nextCursor: page.nextCursor };
    },

    /** Sends (or re-sends) an invitation; an earlier pending one for the same email is revoked. */
    async invite(ctx: WorkspaceContext, input: { email: string; role: string }): Promise<Invitation> {
      requirePermission(ctx, 'members.manage');
      const email = normaliseEmail(input.email);
      const token = randomBytes(32).toString('base64url');
      return mutate(db, ctx, async (tx, audit) => {
        if (!(await membersRepository.findRole(tx, ctx.workspaceId, input.role))) {
          throw memberErrors.unknown_role({ params: { role: input.role } });
        }
        const existingUser = await identityRepository.findUserByEmail(tx, email);
        if (existingUser && (await membersRepository.findByUser(tx, ctx.workspaceId, existingUser.id))) throw invitationErrors.already_member();
        for (const earlier of await repo.pendingForEmail(tx, ctx.workspaceId, email)) {
          await repo.setStatus(tx, ctx.workspaceId, earlier.id, 'revoked', clock());
        }
        const invitation = await repo.insert(tx, {
          workspaceId: ctx.workspaceId,
          email,
          roleKey: input.role,
          tokenHash: hashToken(token),
          invitedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
          expiresAt: new Date(clock().getTime() + VALID_DAYS * 24 * 3600 * 1000),
        });
        const workspace = await workspacesRepository.find(tx, ctx.workspaceId);
        const url = `${deps.publicUrl}/invite/${token}`;
        await deps.enqueueEmail(invitationEmail(ctx.locale, email, ctx.actor.name, workspace?.name ?? '', url), tx);
        await audit({ action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, after: publicInvitation(invitation) });
        return publicInvitation(invitation);
      });
    },

    async revoke(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'members.manage');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, id);
        if (!before) throw invitationErrors.invitation_not_found();
        const after = await repo.setStatus(tx, ctx.workspaceId, id, 'revoked', clock());
        if (!after) throw invitationErrors.invitation_invalid();
        await audit({ action: 'invitation.revoked', entityType: 'invitation', entityId: id, before: publicInvitation(before), after: publicInvitation(after) });
      });
    },

    /** What the invitee sees before accepting. */
    async view(token: string) {
      const { invitation, workspaceName, inviterName } = await openInvitation(token);
      const status = invitation.status === 'pending' && invitation.expiresAt <= clock() ? 'expired' : invitation.status;
      return {
        workspaceName,
        email: invitation.email,
        role: invitation.roleKey,
        inviterName: inviterName ?? null,
        status: status as 'pending' | 'accepted' | 'revoked' | 'expired',
        expiresAt: invitation.expiresAt,
        accountExists: !!(await identityRepository.findUserByEmail(db, invitation.email)),
      };
    },

    /**
     * The signed-in invitee joins; a newcomer gives a name and password and gets an account in
     * the same step. Returns cookies to set when an account was created.
     */
    async accept(token: string, input: { name?: string; password?: string; locale?: Locale }, signedIn: SignedInUser | undefined, headers: Headers) {
      const { invitation } = await openInvitation(token);
      if (!isUsable(invitation)) throw invitationErrors.invitation_invalid();
      let user = signedIn;
      let setCookie: string[] = [];
      if (user) {
        if (normaliseEmail(user.email) !== invitation.email) throw invitationErrors.email_mismatch();
      } else {
        if (await identityRepository.findUserByEmail(db, invitation.email)) throw invitationErrors.sign_in_required();
        if (!input.name || !input.password) throw invitationErrors.account_details_required();
        const created = await deps.identity.createAccount(
          { name: input.name, email: invitation.email, password: input.password, locale: input.locale ?? 'fa' },
          headers,
        );
        user = created.user;
        setCookie = created.setCookie;
      }
      const member = user;
      await db.transaction(async (tx) => {
        const accepted = await repo.setStatus(tx, invitation.workspaceId, invitation.id, 'accepted', clock());
        if (!accepted) throw invitationErrors.invitation_invalid();
        if (await membersRepository.findByUser(tx, invitation.workspaceId, member.id)) throw invitationErrors.already_member();
        const membership = await membersRepository.insertMembership(tx, { workspaceId: invitation.workspaceId, userId: member.id, roleKey: invitation.roleKey });
        await identityRepository.updateUser(tx, member.id, { activeWorkspaceId: invitation.workspaceId });
        const ctx: WorkspaceContext = {
          workspaceId: invitation.workspaceId,
          actor: { type: 'user', id: member.id, name: member.name },
          roleKey: invitation.roleKey,
          permissions: new Set(),
          locale: member.locale,
        };
        await recordAudit(tx, ctx, { action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id, after: publicInvitation(accepted) });
        await recordAudit(tx, ctx, { action: 'member.added', entityType: 'member', entityId: membership.id, after: membership });
      });
      return { workspaceId: invitation.workspaceId, setCookie };
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
