import { useMemo, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import AddIcon from '@mui/icons-material/Add';
import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import UnarchiveOutlinedIcon from '@mui/icons-material/UnarchiveOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useOwners } from '../../shared/records/index.ts';
import { ConfirmDialog, DataTable, EmptyState, Form, FormErrorAlert, PageHeader, QueryStates, fieldState, useNotify, type Column } from '../../shared/ui/index.ts';
import { useArchiveTeam, useSaveTeam, useTeams, type MemberRef, type Team } from './territories.api.ts';

type Person = Pick<MemberRef, 'userId' | 'name'>;

/** /settings/teams (sales.configure): sales teams with a manager and members. */
export function TeamsPage() {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const [showArchived, setShowArchived] = useState(false);
  const teams = useTeams(showArchived);
  const archive = useArchiveTeam();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Team | null>(null);

  const columns: Column<Team>[] = [
    {
      key: 'name',
      header: t('teams.name'),
      minWidth: 180,
      render: (team) => (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {team.name}
          </Typography>
          {team.archivedAt && <Chip size="small" label={t('teams.archived')} sx={{ height: 20 }} />}
        </Box>
      ),
    },
    { key: 'manager', header: t('teams.manager'), nowrap: true, render: (team) => team.manager?.name ?? '—' },
    {
      key: 'members',
      header: t('teams.members'),
      render: (team) => (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
          {team.members.slice(0, 4).map((m) => (
            <Chip key={m.userId} size="small" label={m.name} sx={{ height: 22 }} />
          ))}
          {team.members.length > 4 && (
            <Typography variant="caption" color="text.secondary">
              {t('teams.memberCount', { count: format.number(team.members.length) })}
            </Typography>
          )}
        </Box>
      ),
    },
  ];

  return (
    <Box data-testid="teams-page">
      <PageHeader
        title={t('teams.title')}
        subtitle={t('teams.subtitle')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="team-new">
            {t('teams.new')}
          </Button>
        }
      />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <FormControlLabel control={<Switch checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />} label={t('teams.showArchived')} />
      </Box>
      <Card>
        <QueryStates query={teams} rows={teams.data} empty={<EmptyState icon={<GroupsOutlinedIcon />} message={t('teams.empty')} />}>
          {(rows) => (
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(team) => team.id}
              testId="teams-list"
              rowTestId="team-row"
              actions={(team) =>
                team.archivedAt ? (
                  <Tooltip title={t('teams.restore')}>
                    <IconButton size="small" aria-label={t('teams.restore')} onClick={() => archive.mutate({ team, restore: true })}>
                      <UnarchiveOutlinedIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                ) : (
                  <>
                    <Tooltip title={t('teams.edit')}>
                      <IconButton size="small" aria-label={t('teams.edit')} onClick={() => setEditing(team)} data-testid="team-edit">
                        <EditOutlinedIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={t('teams.archive')}>
                      <IconButton size="small" aria-label={t('teams.archive')} onClick={() => setArchiving(team)} data-testid="team-archive">
                        <ArchiveOutlinedIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </>
                )
              }
            />
          )}
        </QueryStates>
      </Card>
      {editing && <TeamDialog team={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={archiving !== null}
        title={t('teams.archiveTitle')}
        body={t('teams.archiveBody', { name: archiving?.name ?? '' })}
        confirmLabel={t('teams.archive')}
        pending={archive.isPending}
        error={archive.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          archive.mutate(
            { team: archiving },
            {
              onSuccess: () => {
                notify({ key: 'teams.archivedToast' });
                setArchiving(null);
              },
            },
          )
        }
      />
    </Box>
  );
}

function TeamDialog({ team, onClose }: { team?: Team; onClose: () => void }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const save = useSaveTeam();
  const owners = useOwners();
  const [name, setName] = useState(team?.name ?? '');
  const [managerId, setManagerId] = useState(team?.managerId ?? '');
  const [members, setMembers] = useState<Person[]>(team?.members ?? []);
  const [submitted, setSubmitted] = useState(false);
  const people = useMemo(() => {
    const byId = new Map<string, Person>((team?.members ?? []).map((m) => [m.userId, m]));
    if (team?.manager) byId.set(team.manager.userId, team.manager);
    for (const o of owners.data ?? []) byId.set(o.userId, o);
    return [...byId.values()];
  }, [owners.data, team]);
  const nameError = submitted && !name.trim() ? t('errors.required') : null;

  const handleSubmit = () => {
    setSubmitted(true);
    if (!name.trim()) return;
    const fields: { name?: string; managerId?: string | null } = {};
    if (!team || name.trim() !== team.name) fields.name = name.trim();
    if (!team || (managerId || null) !== team.managerId) fields.managerId = managerId || null;
    const memberIds = members.map((m) => m.userId);
    const changed = !team || [...memberIds].sort().join() !== team.members.map((m) => m.userId).sort().join();
    save.mutate(
      { existing: team, fields, memberIds: changed ? memberIds : undefined },
      {
        onSuccess: () => {
          notify({ key: 'teams.savedToast' });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} fullWidth maxWidth="sm" fullScreen={phone} data-testid="team-dialog">
      <Form onSubmit={handleSubmit}>
        <DialogTitle>{team ? t('teams.edit') : t('teams.new')}</DialogTitle>
        <DialogContent>
          <FormErrorAlert error={save.error} />
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              label={t('teams.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...fieldState('name', { error: save.error, client: nameError })}
              slotProps={{ htmlInput: { 'data-testid': 'team-name', autoFocus: true } }}
            />
            <TextField
              select
              label={t('teams.manager')}
              value={managerId}
              onChange={(e) => setManagerId(e.target.value)}
              {...fieldState('managerId', { error: save.error })}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'team-manager' } }}
            >
              <MenuItem value="">
                <em>{t('teams.noManager')}</em>
              </MenuItem>
              {people.map((p) => (
                <MenuItem key={p.userId} value={p.userId}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
            <Autocomplete
              multiple
              options={people}
              value={members}
              getOptionLabel={(o) => o.name}
              isOptionEqualToValue={(a, b) => a.userId === b.userId}
              onChange={(_, next) => setMembers(next)}
              renderValue={(selected, getItemProps) =>
                selected.map((o, index) => {
                  const { key, ...itemProps } = getItemProps({ index });
                  return <Chip key={key} size="small" label={o.name} {...itemProps} />;
                })
              }
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={t('teams.members')}
                  {...fieldState('members', { error: save.error })}
                  slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'team-members' } }}
                />
              )}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending} data-testid="team-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
