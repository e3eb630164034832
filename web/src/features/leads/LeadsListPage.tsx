import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import TrendingUpOutlinedIcon from '@mui/icons-material/TrendingUpOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { LEAD_STATUS_LABELS, LtrCell, leadName, useOwnerName, usePhoneText, type Lead } from '../../shared/records/index.ts';
import { RecordListPage, type RecordColumn } from '../../shared/records/RecordListPage.tsx';
import { PersonCell } from '../../shared/ui/index.ts';
import { QuickCreateLeadDialog } from './QuickCreateLeadDialog.tsx';

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
