import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import TransformIcon from '@mui/icons-material/Transform';
import { api } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactLinks,
  CustomFieldsSection,
  DetailList,
  InlineOwner,
  InlineTags,
  LEAD_SOURCE_LABELS,
  LEAD_STATUS_LABELS,
  NEXT_LEAD_STATUSES,
  RecordPicker,
  SaveErrorAlert,
  Section,
  Timeline,
  leadName,
  useCustomFieldDefs,
  useRecord,
  useRecordAction,
  useUpdateRecord,
  type Lead,
  type LeadStatus,
  type PickedRecord,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, ErrorState, FormErrorAlert, LoadingState, errorMessage, useNotify } from '../../shared/ui/index.ts';
import { useConvertLead } from './leads.api.ts';
import { LeadFormFields, draftOfLead, leadClientError, leadPatch, type LeadDraft } from './LeadForm.tsx';
import { LeadStatusChip, ScoreBar } from './LeadsListPage.tsx';

export function LeadPage() {
  const { id } = useParams();
  const lead = useRecord<Lead>('leads', id);
  if (lead.isPending) return <LoadingState />;
  if (lead.isError) return <ErrorState error={lead.error} onRetry={() => void lead.refetch()} />;
  return <LeadView key={lead.data.id} lead={lead.data} onReload={() => void lead.refetch()} />;
}

const CONVERTIBLE: LeadStatus[] = ['new', 'contacted', 'qualified'];

function LeadView({ lead, onReload }: { lead: Lead; onReload: () => void }) {
  const { t, locale } = useT();
  const format = useFormat();
  const me = useSession();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const navigate = useNavigate();
  const notify = useNotify();
  const defs = useCustomFieldDefs('lead', true);
  const update = useUpdateRecord<Lead>('leads');
  const action = useRecordAction('leads');
  const canWrite = can(me, 'records.write') && !lead.readOnly && !lead.deletedAt;
  const canDelete = can(me, 'records.delete');
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [statusAnchor, setStatusAnchor] = useState<HTMLElement | null>(null);
  const next = NEXT_LEAD_STATUSES[lead.status] ?? [];
  const name = leadName(lead);

  const changeStatus = (status: LeadStatus) => {
    setStatusAnchor(null);
    update.mutate(
      { id: lead.id, patch: { version: lead.version, status } },
      {
        onSuccess: () => notify({ key: 'leads.statusChanged', vars: { status: LEAD_STATUS_LABELS[status]?.[locale] ?? status } }),
        onError: (e) => notify(errorMessage(e, t('errors.unknown')), 'error'),
      },
    );
  };

  return (
    <Box data-testid="lead-page">
      <Button component={RouterLink} to="/leads" size="small" startIcon={<ArrowBackIcon sx={{ transform: theme.direction === 'rtl' ? 'scaleX(-1)' : undefined }} />} sx={{ mb: 1 }}>
        {t('leads.title')}
      </Button>
      {lead.status === 'converted' && (
        <Alert severity="success" sx={{ mb: 2 }} data-testid="lead-converted">
          {t('leads.convertedBanner', { date: lead.convertedAt ? format.date(lead.convertedAt) : '' })}{' '}
          {lead.convertedPersonId && (
            <Link component={RouterLink} to={`/people/${lead.convertedPersonId}`} sx={{ fontWeight: 600 }}>
              {t('leads.openPerson')}
            </Link>
          )}
          {lead.convertedOrganizationId && (
            <>
              {' · '}
              <Link component={RouterLink} to={`/organizations/${lead.convertedOrganizationId}`} sx={{ fontWeight: 600 }}>
                {t('leads.openOrganization')}
              </Link>
            </>
          )}
        </Alert>
      )}
      {lead.deletedAt && (
        <Alert severity="warning" sx={{ mb: 2 }} action={canDelete ? <Button color="inherit" size="small" onClick={() => action.mutate({ id: lead.id, action: 'restore' })}>{t('bulk.restore')}</Button> : undefined}>
          {t('records.inTrash')}
        </Alert>
      )}
      <Card sx={{ mb: 2 }}>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
              <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }} data-testid="lead-name">
                {name}
              </Typography>
              {(lead.jobTitle || lead.companyName) && (
                <Typography variant="body2" sx={{ mt: 0.5 }}>
                  {[lead.jobTitle, lead.companyName].filter(Boolean).join(t('people.at'))}
                </Typography>
              )}
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1, flexWrap: 'wrap' }}>
                {canWrite && next.length > 0 ? (
                  <Button size="small" variant="text" endIcon={<KeyboardArrowDownIcon />} onClick={(e) => setStatusAnchor(e.currentTarget)} data-testid="lead-status-menu" sx={{ p: 0, minWidth: 0 }}>
                    <LeadStatusChip status={lead.status} />
                  </Button>
                ) : (
                  <LeadStatusChip status={lead.status} />
                )}
                <Typography variant="body2" color="text.secondary">
                  {LEAD_SOURCE_LABELS[lead.source]?.[locale] ?? lead.source}
                </Typography>
              </Box>
              <Menu anchorEl={statusAnchor} open={statusAnchor !== null} onClose={() => setStatusAnchor(null)}>
                {next.map((s) => (
                  <MenuItem key={s} onClick={() => changeStatus(s)} data-testid={`lead-status-${s}`}>
                    <ListItemText primary={t('leads.markAs', { status: LEAD_STATUS_LABELS[s]?.[locale] ?? s })} />
                  </MenuItem>
                ))}
              </Menu>
              <Box sx={{ mt: 1 }}>
                <InlineTags resource="leads" id={lead.id} version={lead.version} tags={lead.tags} canEdit={canWrite} />
              </Box>
            </Box>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
              {canWrite && CONVERTIBLE.includes(lead.status) && (
                <Button variant="contained" color="secondary" startIcon={<TransformIcon />} onClick={() => setConverting(true)} data-testid="lead-convert">
                  {t('leads.convert')}
                </Button>
              )}
              {canWrite && (
                <Button variant="outlined" startIcon={<EditOutlinedIcon />} onClick={() => setEditing(true)} data-testid="lead-edit">
                  {t('records.edit')}
                </Button>
              )}
              {canDelete && !lead.deletedAt && !lead.readOnly && (
                <Tooltip title={t('common.delete')}>
                  <IconButton onClick={() => setConfirmDelete(true)} aria-label={t('common.delete')}>
                    <DeleteOutlineIcon />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
          </Box>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
            <Typography variant="body2" color="text.secondary">
              {t('records.owner')}:
            </Typography>
            <InlineOwner resource="leads" id={lead.id} version={lead.version} ownerId={lead.ownerId} canEdit={canWrite} />
          </Box>
        </CardContent>
      </Card>

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: wide ? 'minmax(300px, 5fr) 7fr' : '1fr', alignItems: 'start' }}>
        <Stack spacing={2}>
          <Section title={t('leads.scoreTitle')} testId="lead-score-section">
            <ScoreBar score={lead.score} />
            {lead.scoreReasons.length > 0 ? (
              <Box component="ul" sx={{ m: 0, mt: 1.5, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.75 }} data-testid="score-reasons">
                {lead.scoreReasons.map((r, i) => (
                  <Box component="li" key={r.rule ?? i} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
                    <Typography variant="body2">{locale === 'fa' ? r.labelFa : r.labelEn}</Typography>
                    <Typography variant="body2" sx={{ fontWeight: 600, color: r.points >= 0 ? 'success.main' : 'error.main' }} dir="ltr">
                      {r.points >= 0 ? '+' : '−'}
                      {format.number(Math.abs(r.points))}
                    </Typography>
                  </Box>
                ))}
              </Box>
            ) : (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {t('leads.noScoreReasons')}
              </Typography>
            )}
          </Section>
          <Section title={t('records.contact')}>
            {lead.email || lead.phone ? (
              <ContactLinks emails={lead.email ? [{ value: lead.email, primary: true }] : []} phones={lead.phone ? [{ value: lead.phone, primary: true }] : []} />
            ) : (
              <Typography variant="body2" color="text.secondary">
                {t('records.noContact')}
              </Typography>
            )}
          </Section>
          <Section title={t('records.details')}>
            <DetailList
              items={[
                { label: t('leads.fields.notes'), value: lead.notes ? <Box sx={{ whiteSpace: 'pre-wrap' }}>{lead.notes}</Box> : null },
                { label: t('records.createdAt'), value: format.dateTime(lead.createdAt, 'long') },
              ]}
            />
          </Section>
          <CustomFieldsSection defs={defs.data ?? []} values={lead.custom} />
        </Stack>
        <Section title={t('timeline.title')} testId="lead-timeline">
          <Timeline entityType="lead" id={lead.id} />
        </Section>
      </Box>

      {editing && <EditLeadDialog lead={lead} onClose={() => setEditing(false)} onReload={onReload} />}
      {converting && <ConvertLeadDialog lead={lead} onClose={() => setConverting(false)} onDone={(personId) => void navigate(`/people/${personId}`)} />}
      <ConfirmDialog
        open={confirmDelete}
        title={t('leads.deleteTitle')}
        body={t('leads.deleteBody', { name })}
        confirmLabel={t('common.delete')}
        pending={action.isPending}
        error={action.error}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() =>
          action.mutate(
            { id: lead.id, action: 'delete' },
            {
              onSuccess: () => {
                setConfirmDelete(false);
                notify({ key: 'leads.deleted', vars: { name } }, 'info', {
                  action: { label: { key: 'bulk.undo' }, onClick: () => action.mutate({ id: lead.id, action: 'restore' }) },
                });
                void navigate('/leads');
              },
            },
          )
        }
      />
    </Box>
  );
}

function ConvertLeadDialog({ lead, onClose, onDone }: { lead: Lead; onClose: () => void; onDone: (personId: string) => void }) {
  const { t } = useT();
  const notify = useNotify();
  const convert = useConvertLead();
  const [mode, setMode] = useState<'create' | 'existing' | 'none'>(lead.companyName ? 'create' : 'none');
  const [orgName, setOrgName] = useState(lead.companyName ?? '');
  const [existing, setExisting] = useState<PickedRecord | null>(null);
  const [role, setRole] = useState(lead.jobTitle ?? '');
  const invalid = (mode === 'create' && !orgName.trim()) || (mode === 'existing' && !existing);

  const handleConvert = () =>
    convert.mutate(
      {
        id: lead.id,
        request: {
          version: lead.version,
          organization: mode === 'create' ? { mode, name: orgName.trim() } : mode === 'existing' ? { mode, organizationId: existing!.id } : { mode },
          ...(mode !== 'none' ? { role: role.trim() || null } : {}),
        },
      },
      {
        onSuccess: (result) => {
          notify({ key: 'leads.convertedToast', vars: { name: leadName(lead) } });
          onClose();
          onDone(result.personId);
        },
      },
    );

  return (
    <Dialog open onClose={convert.isPending ? undefined : onClose} maxWidth="sm" fullWidth data-testid="convert-dialog">
      <DialogTitle>{t('leads.convertTitle', { name: leadName(lead) })}</DialogTitle>
      <DialogContent>
        <FormErrorAlert error={convert.error} />
        <DialogContentText sx={{ mb: 2 }}>{t('leads.convertHelp')}</DialogContentText>
        <RadioGroup value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <FormControlLabel value="create" control={<Radio data-testid="convert-mode-create" />} label={t('leads.convertCreateOrg')} />
          {mode === 'create' && (
            <TextField size="small" label={t('organizations.fields.name')} value={orgName} onChange={(e) => setOrgName(e.target.value)} sx={{ mb: 1.5, paddingInlineStart: 4 }} slotProps={{ htmlInput: { 'data-testid': 'convert-org-name' } }} />
          )}
          <FormControlLabel value="existing" control={<Radio data-testid="convert-mode-existing" />} label={t('leads.convertExistingOrg')} />
          {mode === 'existing' && (
            <Box sx={{ mb: 1.5, paddingInlineStart: 4 }}>
              <RecordPicker kind="organization" value={existing} onChange={setExisting} label={t('people.fields.organization')} testId="convert-org-picker" />
            </Box>
          )}
          <FormControlLabel value="none" control={<Radio data-testid="convert-mode-none" />} label={t('leads.convertNoOrg')} />
        </RadioGroup>
        {mode !== 'none' && <TextField size="small" label={t('people.fields.role')} value={role} onChange={(e) => setRole(e.target.value)} sx={{ mt: 2 }} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={convert.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" color="secondary" disabled={invalid} loading={convert.isPending} onClick={handleConvert} data-testid="convert-submit">
          {t('leads.convert')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function EditLeadDialog({ lead, onClose, onReload }: { lead: Lead; onClose: () => void; onReload: () => void }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const defs = useCustomFieldDefs('lead');
  const update = useUpdateRecord<Lead>('leads');
  const [initial, setInitial] = useState<LeadDraft>(() => draftOfLead(lead));
  const [draft, setDraft] = useState<LeadDraft>(initial);
  const [version, setVersion] = useState(lead.version);
  const [submitted, setSubmitted] = useState(false);
  const handleSave = () => {
    setSubmitted(true);
    if (leadClientError(draft, t)) return;
    const patch = leadPatch(initial, draft, defs.data ?? []);
    if (!Object.keys(patch).length) return onClose();
    update.mutate(
      { id: lead.id, patch: { version, ...patch } },
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
    const latest = await api.get<Lead>(`/api/v1/leads/${encodeURIComponent(lead.id)}`);
    setInitial(draftOfLead(latest));
    setVersion(latest.version);
    update.reset();
    notify({ key: 'records.conflictReloaded' }, 'info');
  };
  return (
    <Dialog open onClose={update.isPending ? undefined : onClose} fullScreen={phone} maxWidth="md" fullWidth data-testid="lead-edit-dialog">
      <DialogTitle>{t('leads.editTitle', { name: leadName(lead) })}</DialogTitle>
      <DialogContent dividers>
        <SaveErrorAlert error={update.error} onReload={() => void handleConflictReload()} />
        <LeadFormFields draft={draft} onChange={setDraft} error={update.error} submitted={submitted} customFields={defs.data ?? []} mode="full" />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={update.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={handleSave} loading={update.isPending} data-testid="lead-edit-save">
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
