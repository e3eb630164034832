import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import PersonAddAltOutlinedIcon from '@mui/icons-material/PersonAddAltOutlined';
import { api } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactLinks,
  CustomFieldsSection,
  DetailList,
  InlineOwner,
  InlineTags,
  MergePanel,
  RecordPicker,
  SaveErrorAlert,
  Section,
  Timeline,
  VerifyButton,
  useCustomFieldDefs,
  useRecord,
  useRecordAction,
  useUpdateRecord,
  type Organization,
  type PickedRecord,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, ErrorState, LoadingState, LtrText, PersonCell, useNotify } from '../../shared/ui/index.ts';
import { useAddOrganizationPerson, useOrganizationPeople, useRemoveOrganizationPerson } from './organizations.api.ts';
import { OrganizationFormFields, draftOfOrganization, organizationPatch, type OrganizationDraft } from './OrganizationForm.tsx';
import { OrganizationTypeChip } from './OrganizationsListPage.tsx';

export function OrganizationPage() {
  const { id } = useParams();
  const org = useRecord<Organization>('organizations', id);
  if (org.isPending) return <LoadingState />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  return <OrganizationView key={org.data.id} org={org.data} onReload={() => void org.refetch()} />;
}

function OrganizationView({ org, onReload }: { org: Organization; onReload: () => void }) {
  const { t } = useT();
  const format = useFormat();
  const me = useSession();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const navigate = useNavigate();
  const notify = useNotify();
  const defs = useCustomFieldDefs('organization', true);
  const people = useOrganizationPeople(org.id);
  const action = useRecordAction('organizations');
  const canWrite = can(me, 'records.write') && !org.deletedAt;
  const canDelete = can(me, 'records.delete');
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const handleDelete = () =>
    action.mutate(
      { id: org.id, action: 'delete' },
      {
        onSuccess: () => {
          setConfirmDelete(false);
          notify({ key: 'organizations.deleted', vars: { name: org.name } }, 'info', {
            action: { label: { key: 'bulk.undo' }, testId: 'undo-delete', onClick: () => action.mutate({ id: org.id, action: 'restore' }) },
          });
          void navigate('/organizations');
        },
      },
    );

  const website = org.website ? (/^https?:\/\//i.test(org.website) ? org.website : `https://${org.website}`) : null;

  return (
    <Box data-testid="organization-page">
      <Button component={RouterLink} to="/organizations" size="small" startIcon={<ArrowBackIcon sx={{ transform: theme.direction === 'rtl' ? 'scaleX(-1)' : undefined }} />} sx={{ mb: 1 }}>
        {t('organizations.title')}
      </Button>
      {org.deletedAt && (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          action={
            canDelete ? (
              <Button color="inherit" size="small" onClick={() => action.mutate({ id: org.id, action: 'restore' })}>
                {t('bulk.restore')}
              </Button>
            ) : undefined
          }
        >
          {t('records.inTrash')}
        </Alert>
      )}
      <Card sx={{ mb: 2 }}>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <Avatar variant="rounded" sx={{ width: 56, height: 56, bgcolor: 'secondary.main' }}>
              <ApartmentOutlinedIcon />
            </Avatar>
            <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
              <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }} data-testid="organization-name">
                {org.name}
              </Typography>
              {org.nameLatin && (
                <Typography variant="body2" color="text.secondary">
                  <LtrText>{org.nameLatin}</LtrText>
                </Typography>
              )}
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 0.75, flexWrap: 'wrap' }}>
                <OrganizationTypeChip type={org.type} />
                {org.industry && <Typography variant="body2">{org.industry}</Typography>}
              </Box>
              <Box sx={{ mt: 1 }}>
                <InlineTags resource="organizations" id={org.id} version={org.version} tags={org.tags} canEdit={canWrite} />
              </Box>
            </Box>
            <Box sx={{ display: 'flex', gap: 1 }}>
              {canWrite && (
                <Button variant="contained" startIcon={<EditOutlinedIcon />} onClick={() => setEditing(true)} data-testid="organization-edit">
                  {t('records.edit')}
                </Button>
              )}
              {canDelete && !org.deletedAt && (
                <Tooltip title={t('common.delete')}>
                  <IconButton onClick={() => setConfirmDelete(true)} aria-label={t('common.delete')} data-testid="organization-delete">
                    <DeleteOutlineIcon />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
          </Box>
          <Box sx={{ display: 'flex', gap: 3, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {t('records.owner')}:
              </Typography>
              <InlineOwner resource="organizations" id={org.id} version={org.version} ownerId={org.ownerId} canEdit={canWrite} />
            </Box>
            <VerifyButton resource="organizations" id={org.id} lastVerifiedAt={org.lastVerifiedAt} disabled={!canWrite} />
          </Box>
        </CardContent>
      </Card>

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: wide ? 'minmax(300px, 5fr) 7fr' : '1fr', alignItems: 'start' }}>
        <Stack spacing={2}>
          <Section title={t('records.contact')}>
            {org.phones.length || org.emails.length || website ? (
              <Stack spacing={0.75}>
                <ContactLinks emails={org.emails} phones={org.phones} />
                {website && (
                  <Link href={website} target="_blank" rel="noopener noreferrer">
                    <LtrText>{org.website}</LtrText>
                  </Link>
                )}
              </Stack>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {t('records.noContact')}
              </Typography>
            )}
          </Section>
          <OrganizationPeopleSection org={org} canEdit={canWrite} />
          <Section title={t('records.details')}>
            <DetailList
              items={[
                { label: t('organizations.fields.size'), value: org.size ? t('organizations.sizeEmployees', { size: format.digits(org.size) }) : null },
                { label: t('organizations.fields.nationalId'), value: org.nationalId ? <LtrText>{format.digits(org.nationalId)}</LtrText> : null },
                { label: t('organizations.fields.economicCode'), value: org.economicCode ? <LtrText>{format.digits(org.economicCode)}</LtrText> : null },
                { label: t('records.createdAt'), value: format.dateTime(org.createdAt, 'long') },
              ]}
            />
          </Section>
          <CustomFieldsSection defs={defs.data ?? []} values={org.custom} />
          {canWrite && canDelete && <MergePanel entityType="organization" id={org.id} version={org.version} name={org.name} />}
        </Stack>
        <Section title={t('timeline.title')} testId="organization-timeline">
          <Timeline entityType="organization" id={org.id} names={Object.fromEntries((people.data ?? []).map((r) => [r.personId, r.name]))} />
        </Section>
      </Box>

      {editing && <EditOrganizationDialog org={org} onClose={() => setEditing(false)} onReload={onReload} />}
      <ConfirmDialog
        open={confirmDelete}
        title={t('organizations.deleteTitle')}
        body={t('organizations.deleteBody', { name: org.name })}
        confirmLabel={t('common.delete')}
        pending={action.isPending}
        error={action.error}
        onClose={() => setConfirmDelete(false)}
        onConfirm={handleDelete}
      />
    </Box>
  );
}

function OrganizationPeopleSection({ org, canEdit }: { org: Organization; canEdit: boolean }) {
  const { t } = useT();
  const notify = useNotify();
  const people = useOrganizationPeople(org.id);
  const add = useAddOrganizationPerson(org.id);
  const remove = useRemoveOrganizationPerson(org.id);
  const [open, setOpen] = useState(false);
  const [person, setPerson] = useState<PickedRecord | null>(null);
  const [role, setRole] = useState('');
  const rows = people.data ?? [];

  return (
    <Section
      title={t('organizations.people')}
      testId="organization-people"
      action={
        canEdit ? (
          <Button size="small" startIcon={<PersonAddAltOutlinedIcon />} onClick={() => setOpen(true)} data-testid="organization-add-person">
            {t('organizations.addPerson')}
          </Button>
        ) : undefined
      }
    >
      {people.isPending ? (
        <LoadingState minHeight={80} />
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('organizations.noPeople')}
        </Typography>
      ) : (
        <Stack spacing={1.25}>
          {rows.map((r) => (
            <Box key={r.personId} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="organization-person-row">
              <Link component={RouterLink} to={`/people/${r.personId}`} underline="none" color="inherit" sx={{ flex: 1, minWidth: 0 }}>
                <PersonCell name={r.name} subtitle={[...new Set([r.role, r.jobTitle].filter(Boolean))].join(' · ') || undefined} />
              </Link>
              {r.isPrimary && <Chip size="small" variant="outlined" label={t('people.primary')} />}
              {canEdit && (
                <Tooltip title={t('organizations.removePerson')}>
                  <IconButton size="small" disabled={remove.isPending} onClick={() => remove.mutate(r.personId)} aria-label={t('organizations.removePerson')}>
                    <LinkOffIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
          ))}
        </Stack>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="xs" fullWidth data-testid="add-person-dialog">
        <DialogTitle>{t('organizations.addPerson')}</DialogTitle>
        <DialogContent>
          <SaveErrorAlert error={add.error} onReload={() => add.reset()} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <RecordPicker kind="person" value={person} onChange={setPerson} label={t('organizations.person')} excludeIds={rows.map((r) => r.personId)} testId="add-person-picker" />
            <TextField size="small" label={t('people.fields.role')} value={role} onChange={(e) => setRole(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'add-person-role' } }} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!person}
            loading={add.isPending}
            data-testid="add-person-submit"
            onClick={() =>
              person &&
              add.mutate(
                { personId: person.id, role: role.trim() || null },
                {
                  onSuccess: () => {
                    setOpen(false);
                    setPerson(null);
                    setRole('');
                    notify({ key: 'common.saved' });
                  },
                },
              )
            }
          >
            {t('common.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Section>
  );
}

function EditOrganizationDialog({ org, onClose, onReload }: { org: Organization; onClose: () => void; onReload: () => void }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const defs = useCustomFieldDefs('organization');
  const update = useUpdateRecord<Organization>('organizations');
  const [initial, setInitial] = useState<OrganizationDraft>(() => draftOfOrganization(org));
  const [draft, setDraft] = useState<OrganizationDraft>(initial);
  const [version, setVersion] = useState(org.version);
  const [submitted, setSubmitted] = useState(false);

  const handleSave = () => {
    setSubmitted(true);
    if (!draft.name.trim()) return;
    const patch = organizationPatch(initial, draft, defs.data ?? []);
    if (!Object.keys(patch).length) return onClose();
    update.mutate(
      { id: org.id, patch: { version, ...patch } },
      {
        onSuccess: () => {
          notify({ key: 'common.saved' });
          onClose();
        },
      },
    );
  };

  const handleConflictReload = async () => {
    onReload();
    const latest = await api.get<Organization>(`/api/v1/organizations/${encodeURIComponent(org.id)}`);
    setInitial(draftOfOrganization(latest));
    setVersion(latest.version);
    update.reset();
    notify({ key: 'records.conflictReloaded' }, 'info');
  };

  return (
    <Dialog open onClose={update.isPending ? undefined : onClose} fullScreen={phone} maxWidth="md" fullWidth data-testid="organization-edit-dialog">
      <DialogTitle>{t('organizations.editTitle', { name: org.name })}</DialogTitle>
      <DialogContent dividers>
        <SaveErrorAlert error={update.error} onReload={() => void handleConflictReload()} />
        <OrganizationFormFields draft={draft} onChange={setDraft} error={update.error} submitted={submitted} customFields={defs.data ?? []} mode="full" />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={update.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={handleSave} loading={update.isPending} data-testid="organization-edit-save">
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
