import { useMemo, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import HistoryOutlinedIcon from '@mui/icons-material/HistoryOutlined';
import PersonOutlinedIcon from '@mui/icons-material/PersonOutlined';
import SettingsSuggestOutlinedIcon from '@mui/icons-material/SettingsSuggestOutlined';
import VpnKeyOutlinedIcon from '@mui/icons-material/VpnKeyOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { DataTable, EmptyState, LtrText, PageHeader, QueryStates, type Column } from '../../shared/ui/index.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { useAuditLog, type AuditEntry } from './audit-log.api.ts';

const KNOWN_ENTITY_TYPES = ['workspace', 'member', 'invitation', 'api_key', 'user'];
const KNOWN_ACTIONS = [
  'workspace.created',
  'workspace.updated',
  'member.added',
  'member.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'api_key.created',
  'api_key.revoked',
  'user.signed_up',
];

function actionColor(action: string): 'success' | 'error' | 'info' | 'default' {
  if (/(^|[._])(create|created|added|invite|invited|accept|accepted|signed_up)$/.test(action)) return 'success';
  if (/(^|[._])(delete|deleted|remove|removed|revoke|revoked)$/.test(action)) return 'error';
  if (/(^|[._])(update|updated|change|changed)$/.test(action)) return 'info';
  return 'default';
}

function ActorIcon({ type }: { type: string }) {
  if (type === 'api_key') return <VpnKeyOutlinedIcon fontSize="small" color="action" />;
  if (type === 'system') return <SettingsSuggestOutlinedIcon fontSize="small" color="action" />;
  return <PersonOutlinedIcon fontSize="small" color="action" />;
}

/** Remembers every value seen so the filter menus keep their options while filtered. */
function useSeenValues(initial: string[], current: string[]): string[] {
  const seen = useRef(new Set(initial));
  for (const value of current) if (value) seen.current.add(value);
  return Array.from(seen.current);
}

export function AuditLogPage() {
  const { t, tOr } = useT();
  const format = useFormat();
  const [entityType, setEntityType] = useState('');
  const [action, setAction] = useState('');
  const filters = useMemo(() => ({ entityType: entityType || undefined, action: action || undefined }), [entityType, action]);
  const log = useAuditLog(filters);
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const entityLabel = (type: string) => tOr(`audit.entityTypes.${type}`, type);
  // 'member.role_changed' → audit.actions.member.role_changed; unknown ones fall back to the verb, then the raw code.
  const actionLabel = (value: string) => tOr(`audit.actions.${value}`, tOr(`audit.verbs.${value.split('.').at(-1) ?? value}`, value));
  const actorLabel = (entry: AuditEntry) => entry.actor.name ?? tOr(`audit.actorTypes.${entry.actor.type}`, entry.actor.type);

  const entityOptions = useSeenValues(KNOWN_ENTITY_TYPES, [...rows.map((r) => r.entityType), entityType]);
  const actionOptions = useSeenValues(KNOWN_ACTIONS, [...rows.map((r) => r.action), action]);

  const columns: Column<AuditEntry>[] = [
    {
      key: 'time',
      header: t('audit.time'),
      render: (e) => <span title={format.relative(e.occurredAt)}>{format.dateTime(e.occurredAt)}</span>,
      nowrap: true,
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      render: (e) => (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <ActorIcon type={e.actor.type} />
          <span>{actorLabel(e)}</span>
        </Box>
      ),
    },
    {
      key: 'action',
      header: t('audit.action'),
      render: (e) => <Chip size="small" variant="outlined" color={actionColor(e.action)} label={actionLabel(e.action)} />,
    },
    {
      key: 'entity',
      header: t('audit.entity'),
      render: (e) => (
        <Box>
          <Typography variant="body2" component="span">
            {entityLabel(e.entityType)}
          </Typography>{' '}
          <Typography variant="caption" color="text.secondary" component="span" title={e.entityId}>
            <LtrText mono>{e.entityId.length > 10 ? `${e.entityId.slice(0, 8)}…` : e.entityId}</LtrText>
          </Typography>
        </Box>
      ),
    },
  ];

  return (
    <Box data-testid="audit-log-page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />

      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}>
        <TextField
          select
          size="small"
          fullWidth={false}
          label={t('audit.entityType')}
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'audit-filter-entity' }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 180, flex: { xs: '1 1 140px', sm: '0 0 auto' } }}
        >
          <option value="">{t('common.all')}</option>
          {entityOptions.map((value) => (
            <option key={value} value={value}>
              {entityLabel(value)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          fullWidth={false}
          label={t('audit.filterAction')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'audit-filter-action' }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 180, flex: { xs: '1 1 140px', sm: '0 0 auto' } }}
        >
          <option value="">{t('common.all')}</option>
          {actionOptions.map((value) => (
            <option key={value} value={value}>
              {actionLabel(value)}
            </option>
          ))}
        </TextField>
      </Box>

      <Card>
        <QueryStates query={log} rows={rows} empty={<EmptyState icon={<HistoryOutlinedIcon />} message={t('audit.empty')} />}>
          {() => (
            <Box>
              <DataTable
                rows={rows}
                columns={columns}
                rowKey={(e) => e.id}
                testId="audit-list"
                rowTestId="audit-row"
                renderDetail={(e) => <AuditDiff before={e.before} after={e.after} />}
              />
              <Box sx={{ p: 2, textAlign: 'center' }}>
                {log.hasNextPage ? (
                  <Button variant="outlined" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-load-more">
                    {t('common.loadMore')}
                  </Button>
                ) : (
                  <Typography variant="caption" color="text.secondary">
                    {t('audit.end')}
                  </Typography>
                )}
              </Box>
            </Box>
          )}
        </QueryStates>
      </Card>
    </Box>
  );
}
