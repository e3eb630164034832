import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import MailOutlinedIcon from '@mui/icons-material/MailOutlined';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import PersonAddAlt1OutlinedIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { can, useRoleName, useRoles, useSession } from '../../shared/session/index.ts';
import {
  ConfirmRowActionDialog,
  DataTable,
  EmptyState,
  ErrorState,
  LoadingState,
  LtrText,
  PageHeader,
  PersonCell,
  QueryStates,
  errorMessage,
  useNotify,
  type Column,
} from '../../shared/ui/index.ts';
import { InviteDialog } from './InviteDialog.tsx';
import {
  useChangeRole,
  useInvitations,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
  type Invitation,
  type Member,
} from './members.api.ts';

function SectionCard({ title, count, children, testId }: { title: string; count?: string; children: ReactNode; testId?: string }) {
  return (
    <Card sx={{ mb: 3 }} data-testid={testId}>
      <Box sx={{ px: { xs: 2, sm: 2.5 }, py: 1.75, display: 'flex', alignItems: 'center', gap: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="subtitle1" component="h2">
          {title}
        </Typography>
        {count && <Chip label={count} size="small" />}
      </Box>
      <Box>{children}</Box>
    </Card>
  );
}

export function MembersPage() {
  const me = useSession();
  const admin = can(me, 'members.manage');
  const { t, locale } = useT();
  const format = useFormat();
  const notify = useNotify();
  const roleName = useRoleName();
  const roles = useRoles();
  const members = useMembers();
  const invitations = useInvitations(admin);
  const changeRole = useChangeRole();
  const removeMember = useRemoveMember();
  const revokeInvitation = useRevokeInvitation();
  const [inviteOpen, setInviteOpen] = useState(false);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  const memberRows = members.data?.pages.flatMap((p) => p.items) ?? [];

  const handleRoleChange = (member: Member, role: string) => {
    if (role === member.role) return;
    changeRole.mutate(
      { member, role },
      {
        onSuccess: () => notify({ key: 'members.roleChanged', vars: { name: member.name } }),
        onError: (error) => notify(errorMessage(error, t('errors.unknown')), 'error'),
      },
    );
  };

  const memberColumns: Column<Member>[] = [
    {
      key: 'member',
      header: t('members.name'),
      minWidth: 240,
      render: (m) => <PersonCell name={m.name} email={m.email} badge={m.userId === me.user.id ? t('common.you') : undefined} />,
    },
    {
      key: 'role',
      header: t('members.role'),
      render: (m) =>
        admin && roles.data ? (
          <TextField
            select
            size="small"
            fullWidth={false}
            value={m.role}
            disabled={changeRole.isPending && changeRole.variables?.member.id === m.id}
            onChange={(e) => handleRoleChange(m, e.target.value)}
            slotProps={{
              select: { native: true },
              htmlInput: { 'data-testid': 'member-role-select', 'aria-label': t('members.changeRole', { name: m.name }) },
            }}
            sx={{ minWidth: 130 }}
          >
            {roles.data.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name[locale]}
              </option>
            ))}
          </TextField>
        ) : (
          <Chip label={roleName(m.role)} size="small" color={m.role === 'admin' ? 'primary' : 'default'} variant="outlined" />
        ),
    },
    { key: 'joined', header: t('members.joined'), render: (m) => format.date(m.createdAt), nowrap: true },
  ];

  const invitationColumns: Column<Invitation>[] = [
    {
      key: 'email',
      header: t('members.email'),
      render: (i) => (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minWidth: 0 }}>
          <MailOutlinedIcon fontSize="small" color="action" />
          <Box component="span" title={i.email} sx={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <LtrText>{i.email}</LtrText>
          </Box>
        </Box>
      ),
    },
    { key: 'role', header: t('members.role'), render: (i) => roleName(i.role) },
    { key: 'invited', header: t('members.invitedAt'), render: (i) => format.date(i.createdAt), nowrap: true },
    { key: 'expires', header: t('members.expiresAt'), render: (i) => (i.expiresAt ? format.date(i.expiresAt) : t('common.none')), nowrap: true },
  ];

  return (
    <Box data-testid="members-page">
      <PageHeader
        title={t('members.title')}
        subtitle={t('members.subtitle')}
        actions={
          admin ? (
            <Button variant="contained" startIcon={<PersonAddAlt1OutlinedIcon />} onClick={() => setInviteOpen(true)} data-testid="invite-open">
              {t('members.invite')}
            </Button>
          ) : undefined
        }
      />

      {members.isPending ? (
        <LoadingState />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <SectionCard
          title={t('members.title')}
          count={format.number(memberRows.length) + (members.hasNextPage ? '+' : '')}
          testId="members-list"
        >
          {memberRows.length === 0 ? (
            <EmptyState icon={<PeopleAltOutlinedIcon />} message={t('members.empty')} />
          ) : (
            <DataTable
              rows={memberRows}
              columns={memberColumns}
              rowKey={(m) => m.id}
              rowTestId="member-row"
              actions={
                admin
                  ? (m) =>
                      m.userId === me.user.id ? null : (
                        <Tooltip title={t('common.remove')}>
                          <IconButton aria-label={t('common.remove')} onClick={() => setToRemove(m)} data-testid="member-remove">
                            <DeleteOutlinedIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      )
                  : undefined
              }
            />
          )}
          {members.hasNextPage && (
            <Box sx={{ p: 2, textAlign: 'center' }}>
              <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Box>
          )}
        </SectionCard>
      )}

      {admin && (
        <SectionCard
          title={t('members.pending')}
          count={invitations.data?.length ? format.number(invitations.data.length) : undefined}
          testId="invitations-list"
        >
          <QueryStates query={invitations} rows={invitations.data} loadingMinHeight={120} empty={<EmptyState icon={<MailOutlinedIcon />} message={t('members.pendingEmpty')} />}>
            {(rows) => (
              <DataTable
                rows={rows}
                columns={invitationColumns}
                rowKey={(i) => i.id}
                rowTestId="invitation-row"
                actions={(i) => (
                  <Button size="small" color="error" onClick={() => setToRevoke(i)} data-testid="invitation-revoke">
                    {t('common.revoke')}
                  </Button>
                )}
              />
            )}
          </QueryStates>
        </SectionCard>
      )}

      <InviteDialog open={inviteOpen} onClose={() => setInviteOpen(false)} />

      <ConfirmRowActionDialog
        row={toRemove}
        title={t('members.removeTitle')}
        body={(member) => t('members.removeBody', { name: member.name })}
        confirmLabel={t('common.remove')}
        mutation={removeMember}
        doneMessage={(member) => ({ key: 'members.removed', vars: { name: member.name } })}
        onDone={() => setToRemove(null)}
      />

      <ConfirmRowActionDialog
        row={toRevoke}
        title={t('members.revokeTitle')}
        body={(invitation) => t('members.revokeBody', { email: invitation.email })}
        confirmLabel={t('common.revoke')}
        mutation={revokeInvitation}
        doneMessage={(invitation) => ({ key: 'members.revoked', vars: { email: invitation.email } })}
        onDone={() => setToRevoke(null)}
      />
    </Box>
  );
}
