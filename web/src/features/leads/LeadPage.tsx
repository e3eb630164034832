import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import TransformIcon from '@mui/icons-material/Transform';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactSection,
  DetailsSection,
  EditRecordDialog,
  LEAD_SOURCE_LABELS,
  LEAD_STATUS_LABELS,
  NEXT_LEAD_STATUSES,
  RecordHeader,
  RecordPageLayout,
  RecordPicker,
  RecordRoute,
  Section,
  Timeline,
  leadName,
  useUpdateRecord,
  type Lead,
  type LeadStatus,
  type PickedRecord,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { FormErrorAlert, errorMessage, useNotify } from '../../shared/ui/index.ts';
import { useConvertLead } from './leads.api.ts';
import { ActivityActions } from '../activities/index.ts';
import { TasksPanel } from '../tasks/index.ts';
import { leadForm } from './LeadForm.tsx';
import { LeadStatusChip, ScoreBar } from './LeadsListPage.tsx';

export function LeadPage() {
  return <RecordRoute<Lead> resource="leads" render={(lead, reload) => <LeadView lead={lead} onReload={reload} />} />;
}

const CONVERTIBLE: LeadStatus[] = ['new', 'contacted', 'qualified'];

/** A lead's contact as the one-entry lists the contact card takes. */
const only = (value: string | null) => (value ? [{ value, primary: true }] : []);

function LeadView({ lead, onReload }: { lead: Lead; onReload: () => void }) {
  const { t, locale } = useT();
  const me = useSession();
  const navigate = useNavigate();
  const canWrite = can(me, 'records.write') && !lead.readOnly && !lead.deletedAt;
  const canDelete = can(me, 'records.delete');
  const [converting, setConverting] = useState(false);
  const name = leadName(lead);

  const header = (
    <RecordHeader
      resource="leads"
      record={lead}
      name={name}
      canWrite={canWrite}
      canDelete={canDelete && !lead.readOnly}
      editVariant="outlined"
      leadingActions={
        CONVERTIBLE.includes(lead.status) && (
          <Button variant="contained" color="secondary" startIcon={<TransformIcon />} onClick={() => setConverting(true)} data-testid="lead-convert">
            {t('leads.convert')}
          </Button>
        )
      }
      renderEditDialog={(close) => <EditRecordDialog resource="leads" record={lead} name={name} form={leadForm} onClose={close} onReload={onReload} />}
    >
      {(lead.jobTitle || lead.companyName) && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {[lead.jobTitle, lead.companyName].filter(Boolean).join(t('people.at'))}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1, flexWrap: 'wrap' }}>
        <LeadStatusMenu lead={lead} canChange={canWrite} />
        <Typography variant="body2" color="text.secondary">
          {LEAD_SOURCE_LABELS[lead.source]?.[locale] ?? lead.source}
        </Typography>
      </Box>
      {canWrite && <ActivityActions subject={{ entityType: 'lead', id: lead.id, name }} phones={only(lead.phone)} />}
    </RecordHeader>
  );

  const side = (
    <>
      <ScoreSection lead={lead} />
      <ContactSection emails={only(lead.email)} phones={only(lead.phone)} />
      <TasksPanel subject={{ entityType: 'lead', id: lead.id, name }} canEdit={canWrite} />
      <DetailsSection createdAt={lead.createdAt} items={[{ label: t('leads.fields.notes'), value: lead.notes ? <Box sx={{ whiteSpace: 'pre-wrap' }}>{lead.notes}</Box> : null }]} />
    </>
  );

  return (
    <RecordPageLayout
      resource="leads"
      record={lead}
      name={name}
      canRestore={canDelete}
      banner={lead.status === 'converted' && <ConvertedNotice lead={lead} />}
      header={header}
      side={side}
      timeline={<Timeline entityType="lead" id={lead.id} />}
    >
      {converting && <ConvertLeadDialog lead={lead} onClose={() => setConverting(false)} onDone={(result) => void navigate(result.dealId ? `/deals/${result.dealId}` : `/people/${result.personId}`)} />}
    </RecordPageLayout>
  );
}

function ConvertedNotice({ lead }: { lead: Lead }) {
  const { t } = useT();
  const format = useFormat();
  return (
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
  );
}

/** The status chip; where the lead may move on, it opens a menu of the next statuses. */
function LeadStatusMenu({ lead, canChange }: { lead: Lead; canChange: boolean }) {
  const { t, locale } = useT();
  const notify = useNotify();
  const update = useUpdateRecord<Lead>('leads');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const next = NEXT_LEAD_STATUSES[lead.status] ?? [];
  const label = (status: LeadStatus) => LEAD_STATUS_LABELS[status]?.[locale] ?? status;

  const changeStatus = (status: LeadStatus) => {
    setAnchor(null);
    update.mutate(
      { id: lead.id, patch: { version: lead.version, status } },
      {
        onSuccess: () => notify({ key: 'leads.statusChanged', vars: { status: label(status) } }),
        onError: (e) => notify(errorMessage(e, t('errors.unknown')), 'error'),
      },
    );
  };

  if (!canChange || !next.length) return <LeadStatusChip status={lead.status} />;
  return (
    <>
      <Button size="small" variant="text" endIcon={<KeyboardArrowDownIcon />} onClick={(e) => setAnchor(e.currentTarget)} data-testid="lead-status-menu" sx={{ p: 0, minWidth: 0 }}>
        <LeadStatusChip status={lead.status} />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {next.map((s) => (
          <MenuItem key={s} onClick={() => changeStatus(s)} data-testid={`lead-status-${s}`}>
            <ListItemText primary={t('leads.markAs', { status: label(s) })} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

/** The score and the rules that made it. */
function ScoreSection({ lead }: { lead: Lead }) {
  const { t, locale } = useT();
  const format = useFormat();
  return (
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
  );
}

function ConvertLeadDialog({ lead, onClose, onDone }: { lead: Lead; onClose: () => void; onDone: (result: { personId: string; dealId?: string | null }) => void }) {
  const { t } = useT();
  const notify = useNotify();
  const convert = useConvertLead();
  const [mode, setMode] = useState<'create' | 'existing' | 'none'>(lead.companyName ? 'create' : 'none');
  const [orgName, setOrgName] = useState(lead.companyName ?? '');
  const [existing, setExisting] = useState<PickedRecord | null>(null);
  const [role, setRole] = useState(lead.jobTitle ?? '');
  const [withDeal, setWithDeal] = useState(false);
  const [dealTitle, setDealTitle] = useState(lead.companyName ?? leadName(lead));
  const invalid = (mode === 'create' && !orgName.trim()) || (mode === 'existing' && !existing);

  const handleConvert = () =>
    convert.mutate(
      {
        id: lead.id,
        request: {
          version: lead.version,
          organization: mode === 'create' ? { mode, name: orgName.trim() } : mode === 'existing' ? { mode, organizationId: existing!.id } : { mode },
          ...(mode !== 'none' ? { role: role.trim() || null } : {}),
          ...(withDeal ? { deal: { title: dealTitle.trim() || undefined } } : {}),
        },
      },
      {
        onSuccess: (result) => {
          notify({ key: 'leads.convertedToast', vars: { name: leadName(lead) } });
          onClose();
          onDone(result);
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
        <Box sx={{ mt: 2 }}>
          <FormControlLabel control={<Checkbox checked={withDeal} onChange={(e) => setWithDeal(e.target.checked)} data-testid="convert-with-deal" />} label={t('deals.createDealOnConvert')} />
          {withDeal && (
            <TextField size="small" fullWidth label={t('deals.dealTitleOnConvert')} value={dealTitle} onChange={(e) => setDealTitle(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'convert-deal-title' } }} />
          )}
        </Box>
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
