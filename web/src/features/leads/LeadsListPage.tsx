import { useMemo, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import TrendingUpOutlinedIcon from '@mui/icons-material/TrendingUpOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { toLatinDigits } from '#common/text/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  DuplicateWarning,
  LEAD_STATUS_LABELS,
  LtrCell,
  leadName,
  useCreateRecord,
  useCustomFieldDefs,
  useDebounced,
  useDuplicateCheck,
  useOwnerName,
  usePhoneText,
  type Lead,
} from '../../shared/records/index.ts';
import { RecordListPage, type RecordColumn } from '../../shared/records/RecordListPage.tsx';
import { useSession } from '../../shared/session/index.ts';
import { FormErrorAlert, LtrText, PersonCell, useNotify } from '../../shared/ui/index.ts';
import { LeadFormFields, emptyLeadDraft, leadBody, leadClientError, type LeadDraft } from './LeadForm.tsx';

const STATUS_COLOR: Record<string, 'default' | 'info' | 'success' | 'warning' | 'secondary'> = {
  new: 'info',
  contacted: 'secondary',
  qualified: 'success',
  unqualified: 'warning',
  converted: 'default',
};

export function LeadStatusChip({ status }: { status: string }) {
  const { locale } = useT();
  return <Chip size="small" color={STATUS_COLOR[status] ?? 'default'} variant={status === 'converted' ? 'filled' : 'outlined'} label={LEAD_STATUS_LABELS[status]?.[locale] ?? status} data-testid="lead-status-chip" />;
}

export function ScoreBar({ score }: { score: number }) {
  const format = useFormat();
  const color = score >= 70 ? 'success' : score >= 40 ? 'warning' : 'inherit';
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, width: '100%', minWidth: 80 }} data-testid="lead-score">
      <LinearProgress variant="determinate" value={Math.max(0, Math.min(100, score))} color={color} sx={{ flex: 1, height: 6, borderRadius: 3 }} />
      <Typography variant="body2" sx={{ minWidth: 24, fontWeight: 600 }}>
        {format.number(score)}
      </Typography>
    </Box>
  );
}

function QuickCreateLeadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const me = useSession();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const notify = useNotify();
  const defs = useCustomFieldDefs('lead');
  const create = useCreateRecord<Lead>('leads');
  const [draft, setDraft] = useState<LeadDraft>(() => emptyLeadDraft(me.user.id));
  const [submitted, setSubmitted] = useState(false);
  const probe = useDebounced(
    useMemo(() => {
      const emails = /@.+\./.test(draft.email) ? [draft.email.trim()] : [];
      const phones = toLatinDigits(draft.phone).replace(/\D/g, '').length >= 7 ? [draft.phone.trim()] : [];
      const nameOk = `${draft.firstName}${draft.lastName}`.trim().length >= 3 && draft.lastName.trim().length >= 2;
      if (!emails.length && !phones.length && !nameOk) return null;
      return { entityType: 'lead' as const, firstName: draft.firstName.trim() || undefined, lastName: draft.lastName.trim() || undefined, emails, phones };
    }, [draft]),
    400,
  );
  const duplicates = useDuplicateCheck(open ? probe : null);

  const reset = () => {
    setDraft(emptyLeadDraft(me.user.id));
    setSubmitted(false);
    create.reset();
  };
  const close = () => {
    if (create.isPending) return;
    reset();
    onClose();
  };
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (leadClientError(draft, t)) return;
    create.mutate(leadBody(draft, defs.data ?? []), {
      onSuccess: (lead) => {
        notify({ key: 'leads.created', vars: { name: leadName(lead) } }, 'success', {
          action: { label: { key: 'records.open' }, onClick: () => void navigate(`/leads/${lead.id}`), testId: 'toast-open' },
        });
        reset();
        onClose();
      },
    });
  };
  return (
    <Dialog open={open} onClose={close} fullScreen={phone} maxWidth="sm" fullWidth data-testid="quick-create-dialog">
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <DialogTitle>{t('leads.quickCreateTitle')}</DialogTitle>
        <DialogContent dividers>
          <FormErrorAlert error={create.error} />
          <DuplicateWarning candidates={duplicates.data ?? []} />
          <LeadFormFields draft={draft} onChange={setDraft} error={create.error} submitted={submitted} customFields={defs.data ?? []} mode="quick" />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={create.isPending} data-testid="quick-create-submit">
            {duplicates.data?.length ? t('records.createAnyway') : t('common.create')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

export function LeadsListPage() {
  const { t } = useT();
  const ownerName = useOwnerName();
  const phoneText = usePhoneText();
  // The columns are the server's fields (custom ones included); these say how some of them look.
  const columns = useMemo<RecordColumn<Lead>[]>(
    () => [
      {
        field: 'name',
        label: t('people.fields.name'),
        sortField: 'lastName',
        locked: true,
        flex: 1.5,
        minWidth: 210,
        render: (l) => (
          <Link component={RouterLink} to={`/leads/${l.id}`} underline="none" color="inherit" sx={{ minWidth: 0 }} data-testid="lead-link">
            <PersonCell name={leadName(l)} email={l.email ?? undefined} />
          </Link>
        ),
      },
      { field: 'status', render: (l) => <LeadStatusChip status={l.status} /> },
      { field: 'score', render: (l) => <ScoreBar score={l.score} /> },
      { field: 'phone', minWidth: 140, render: (l) => (l.phone ? <LtrCell>{phoneText(l.phone)}</LtrCell> : null) },
      { field: 'email', minWidth: 180, render: (l) => (l.email ? <LtrCell>{l.email}</LtrCell> : null) },
      { field: 'ownerId', render: (l) => ownerName(l.ownerId) },
    ],
    [t, ownerName, phoneText],
  );
  return (
    <RecordListPage<Lead>
      testId="leads-page"
      entityType="lead"
      title={t('leads.title')}
      subtitle={t('leads.subtitle')}
      allLabel={t('leads.all')}
      createLabel={t('leads.new')}
      emptyIcon={<TrendingUpOutlinedIcon />}
      emptyMessage={t('leads.empty')}
      columns={columns}
      hrefOf={(l) => `/leads/${l.id}`}
      renderCreate={(props) => <QuickCreateLeadDialog {...props} />}
      renderCard={(l) => (
        <Box>
          <PersonCell name={leadName(l)} email={l.email ?? undefined} />
          <Box sx={{ paddingInlineStart: '48px', mt: 0.75, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <LeadStatusChip status={l.status} />
              {l.companyName && (
                <Typography variant="body2" color="text.secondary">
                  {l.companyName}
                </Typography>
              )}
            </Box>
            <ScoreBar score={l.score} />
          </Box>
        </Box>
      )}
    />
  );
}
