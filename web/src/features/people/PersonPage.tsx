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
import AddLinkIcon from '@mui/icons-material/AddLink';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { api } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactLinks,
  CustomFieldsSection,
  DetailList,
  InlineOwner,
  InlineTags,
  ORGANIZATION_TYPE_LABELS,
  RecordPicker,
  SaveErrorAlert,
  Section,
  Timeline,
  VerifyButton,
  latinName,
  useCustomFieldDefs,
  MergePanel,
  useRecord,
  useRecordAction,
  useUpdateRecord,
  type PickedRecord,
  type Person,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, ErrorState, LoadingState, LtrText, initialOf, useNotify } from '../../shared/ui/index.ts';
import { createOrganizationNamed } from './people.api.ts';
import { PersonFormFields, draftOfPerson, personClientErrors, personPatchBody, type PersonDraft } from './PersonForm.tsx';

export function PersonPage() {
  const { id } = useParams();
  const { t } = useT();
  const person = useRecord<Person>('people', id);
  if (person.isPending) return <LoadingState />;
  if (person.isError) return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  return <PersonView person={person.data} onReload={() => void person.refetch()} key={person.data.id} backLabel={t('people.title')} />;
}

function PersonView({ person, onReload, backLabel }: { person: Person; onReload: () => void; backLabel: string }) {
  const { t, locale } = useT();
  const format = useFormat();
  const me = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const defs = useCustomFieldDefs('person', true);
  const action = useRecordAction('people');
  const canWrite = can(me, 'records.write') && !person.deletedAt;
  const canDelete = can(me, 'records.delete');
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const latin = latinName(person);
  const primaryOrg = person.organizations?.find((o) => o.isPrimary) ?? person.organizations?.[0];

  const handleDelete = () =>
    action.mutate(
      { id: person.id, action: 'delete' },
      {
        onSuccess: () => {
          setConfirmDelete(false);
          notify({ key: 'people.deleted', vars: { name: person.displayName } }, 'info', {
            action: { label: { key: 'bulk.undo' }, testId: 'undo-delete', onClick: () => action.mutate({ id: person.id, action: 'restore' }) },
          });
          void navigate('/people');
        },
      },
    );

  const header = (
    <Card sx={{ mb: 2 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Avatar sx={{ width: 56, height: 56, fontSize: 24, bgcolor: 'primary.main' }}>{initialOf(person.displayName)}</Avatar>
          <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }} data-testid="person-name">
              {person.displayName}
            </Typography>
            {latin && latin !== person.displayName && (
              <Typography variant="body2" color="text.secondary" data-testid="person-name-latin">
                <LtrText>{latin}</LtrText>
              </Typography>
            )}
            {(person.jobTitle || primaryOrg) && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {person.jobTitle}
                {person.jobTitle && primaryOrg ? t('people.at') : ''}
                {primaryOrg && (
                  <Link component={RouterLink} to={`/organizations/${primaryOrg.organizationId}`}>
                    {primaryOrg.name}
                  </Link>
                )}
              </Typography>
            )}
            <Box sx={{ mt: 1 }}>
              <InlineTags resource="people" id={person.id} version={person.version} tags={person.tags} canEdit={canWrite} />
            </Box>
          </Box>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            {canWrite && (
              <Button variant="contained" startIcon={<EditOutlinedIcon />} onClick={() => setEditing(true)} data-testid="person-edit">
                {t('records.edit')}
              </Button>
            )}
            {canDelete && !person.deletedAt && (
              <Tooltip title={t('common.delete')}>
                <IconButton onClick={() => setConfirmDelete(true)} aria-label={t('common.delete')} data-testid="person-delete">
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
            <InlineOwner resource="people" id={person.id} version={person.version} ownerId={person.ownerId} canEdit={canWrite} />
          </Box>
          <VerifyButton resource="people" id={person.id} lastVerifiedAt={person.lastVerifiedAt} disabled={!canWrite} />
        </Box>
      </CardContent>
    </Card>
  );

  const side = (
    <Stack spacing={2}>
      <Section title={t('records.contact')} testId="person-contact">
        {person.phones.length || person.emails.length ? (
          <ContactLinks emails={person.emails} phones={person.phones} />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('records.noContact')}
          </Typography>
        )}
      </Section>
      <OrganizationsSection person={person} canEdit={canWrite} />
      <Section title={t('records.details')}>
        <DetailList
          items={[
            { label: t('people.fields.birthday'), value: person.birthday ? format.date(person.birthday) : null },
            { label: t('people.fields.anniversary'), value: person.anniversary ? format.date(person.anniversary) : null },
            { label: t('people.fields.source'), value: person.source },
            {
              label: t('people.fields.consent'),
              value: (['email', 'sms', 'phone'] as const).filter((k) => person.consent?.[k]).map((k) => t(`people.consent.${k}`)).join(locale === 'fa' ? '، ' : ', ') || null,
            },
            {
              label: t('records.addresses'),
              value: person.addresses.length ? person.addresses.map((a) => [a.line, a.city, a.province, a.postalCode].filter(Boolean).join(locale === 'fa' ? '، ' : ', ')).join(' | ') : null,
            },
            { label: t('records.createdAt'), value: format.dateTime(person.createdAt, 'long') },
          ]}
        />
      </Section>
      <CustomFieldsSection defs={defs.data ?? []} values={person.custom} />
      {canWrite && can(me, 'records.delete') && <MergePanel entityType="person" id={person.id} version={person.version} name={person.displayName} />}
    </Stack>
  );

  return (
    <Box data-testid="person-page">
      <Button component={RouterLink} to="/people" size="small" startIcon={<ArrowBackIcon sx={{ transform: theme.direction === 'rtl' ? 'scaleX(-1)' : undefined }} />} sx={{ mb: 1 }}>
        {backLabel}
      </Button>
      {person.deletedAt && (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          action={
            canDelete ? (
              <Button color="inherit" size="small" onClick={() => action.mutate({ id: person.id, action: 'restore' })} data-testid="person-restore">
                {t('bulk.restore')}
              </Button>
            ) : undefined
          }
        >
          {t('records.inTrash')}
        </Alert>
      )}
      {header}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: wide ? 'minmax(300px, 5fr) 7fr' : '1fr', alignItems: 'start' }}>
        {side}
        <Section title={t('timeline.title')} testId="person-timeline">
          <Timeline entityType="person" id={person.id} names={Object.fromEntries((person.organizations ?? []).map((o) => [o.organizationId, o.name]))} />
        </Section>
      </Box>
      {editing && <EditPersonDialog person={person} onClose={() => setEditing(false)} onReload={onReload} />}
      <ConfirmDialog
        open={confirmDelete}
        title={t('people.deleteTitle')}
        body={t('people.deleteBody', { name: person.displayName })}
        confirmLabel={t('common.delete')}
        pending={action.isPending}
        error={action.error}
        onClose={() => setConfirmDelete(false)}
        onConfirm={handleDelete}
      />
    </Box>
  );
}

function OrganizationsSection({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t, locale } = useT();
  const notify = useNotify();
  const update = useUpdateRecord<Person>('people');
  const [adding, setAdding] = useState(false);
  const [org, setOrg] = useState<PickedRecord | null>(null);
  const [role, setRole] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const links = person.organizations ?? [];

  const save = async (next: Array<{ organizationId: string; role: string | null; isPrimary: boolean }>) => {
    setBusy(true);
    setError(null);
    try {
      await update.mutateAsync({ id: person.id, patch: { version: person.version, organizations: next } });
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const current = links.map((l) => ({ organizationId: l.organizationId, role: l.role, isPrimary: l.isPrimary }));

  const handleAdd = async () => {
    if (!org) return;
    let organizationId = org.id;
    try {
      if (org.isNew) organizationId = (await createOrganizationNamed(org.title)).id;
    } catch (e) {
      setError(e);
      return;
    }
    const ok = await save([...current, { organizationId, role: role.trim() || null, isPrimary: current.length === 0 }]);
    if (ok) {
      setAdding(false);
      setOrg(null);
      setRole('');
      notify({ key: 'common.saved' });
    }
  };

  return (
    <Section
      title={t('people.organizations')}
      testId="person-organizations"
      action={
        canEdit ? (
          <Button size="small" startIcon={<AddLinkIcon />} onClick={() => setAdding(true)} data-testid="person-add-organization">
            {t('people.linkOrganization')}
          </Button>
        ) : undefined
      }
    >
      {links.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('people.noOrganizations')}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {links.map((l) => (
            <Box key={l.organizationId} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="person-organization-row">
              <ApartmentOutlinedIcon fontSize="small" color="action" />
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Link component={RouterLink} to={`/organizations/${l.organizationId}`} sx={{ fontWeight: 600 }}>
                  {l.name}
                </Link>
                <Typography variant="caption" color="text.secondary" component="div">
                  {[l.role, ORGANIZATION_TYPE_LABELS[l.type]?.[locale]].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
              {l.isPrimary && links.length > 1 && <Chip size="small" label={t('people.primary')} />}
              {canEdit && (
                <Tooltip title={t('people.unlinkOrganization')}>
                  <IconButton size="small" disabled={busy} onClick={() => void save(current.filter((c) => c.organizationId !== l.organizationId))} aria-label={t('people.unlinkOrganization')}>
                    <LinkOffIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
          ))}
        </Stack>
      )}
      {error !== null && !adding ? <SaveErrorAlert error={error} onReload={() => setError(null)} /> : null}
      <Dialog open={adding} onClose={() => setAdding(false)} maxWidth="xs" fullWidth data-testid="link-organization-dialog">
        <DialogTitle>{t('people.linkOrganization')}</DialogTitle>
        <DialogContent>
          <SaveErrorAlert error={error} onReload={() => setError(null)} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <RecordPicker kind="organization" allowCreate value={org} onChange={setOrg} label={t('people.fields.organization')} excludeIds={links.map((l) => l.organizationId)} testId="link-organization-picker" />
            <TextField size="small" label={t('people.fields.role')} value={role} onChange={(e) => setRole(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'link-organization-role' } }} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" disabled={!org} loading={busy} onClick={() => void handleAdd()} data-testid="link-organization-submit">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Section>
  );
}

function EditPersonDialog({ person, onClose, onReload }: { person: Person; onClose: () => void; onReload: () => void }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const defs = useCustomFieldDefs('person');
  const update = useUpdateRecord<Person>('people');
  const [initial, setInitial] = useState<PersonDraft>(() => draftOfPerson(person));
  const [draft, setDraft] = useState<PersonDraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [version, setVersion] = useState(person.version);

  const handleSave = () => {
    setSubmitted(true);
    if (personClientErrors(draft, t)) return;
    const patch = personPatchBody(initial, draft, defs.data ?? []);
    if (!Object.keys(patch).length) {
      onClose();
      return;
    }
    update.mutate(
      { id: person.id, patch: { version, ...patch } },
      {
        onSuccess: () => {
          notify({ key: 'common.saved' });
          onClose();
        },
      },
    );
  };

  /** After a 409: load the latest version and keep the user's edits on top of it. */
  const handleConflictReload = async () => {
    onReload();
    const latest = await api.get<Person>(`/api/v1/people/${encodeURIComponent(person.id)}`);
    const fresh = draftOfPerson(latest);
    setInitial(fresh);
    setVersion(latest.version);
    update.reset();
    notify({ key: 'records.conflictReloaded' }, 'info');
  };

  return (
    <Dialog open onClose={update.isPending ? undefined : onClose} fullScreen={phone} maxWidth="md" fullWidth data-testid="person-edit-dialog">
      <DialogTitle>{t('people.editTitle', { name: person.displayName })}</DialogTitle>
      <DialogContent dividers>
        <SaveErrorAlert error={update.error} onReload={() => void handleConflictReload()} />
        <PersonFormFields draft={draft} onChange={setDraft} error={update.error} submitted={submitted} customFields={defs.data ?? []} mode="full" />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={update.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={handleSave} loading={update.isPending} data-testid="person-edit-save">
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
