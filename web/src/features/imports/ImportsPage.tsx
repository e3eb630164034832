import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import FileUploadOutlinedIcon from '@mui/icons-material/FileUploadOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { DataTable, EmptyState, PageHeader, QueryStates, type Column } from '../../shared/ui/index.ts';
import { useImports, type ImportJob, type ImportStatus } from './imports.api.ts';
import { useImportEntityLabel } from './import-labels.ts';

const STATUS_COLOR: Record<ImportStatus, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  uploaded: 'default',
  queued: 'info',
  running: 'info',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export function ImportStatusChip({ job }: { job: ImportJob }) {
  const { t } = useT();
  const label = job.dryRun && job.status === 'completed' ? t('imports.statuses.checked') : t(`imports.statuses.${job.status}`);
  return <Chip size="small" variant="outlined" color={STATUS_COLOR[job.status] ?? 'default'} label={label} />;
}

/** Every import of the workspace, newest first. */
export function ImportsPage() {
  const { t } = useT();
  const entityLabel = useImportEntityLabel();
  const format = useFormat();
  const imports = useImports();
  const rows = imports.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<ImportJob>[] = [
    {
      key: 'file',
      header: t('imports.file'),
      render: (j) => (
        <Link component={RouterLink} to={`/imports/${j.id}`} sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          {j.fileName}
        </Link>
      ),
      minWidth: 180,
    },
    { key: 'type', header: t('imports.entityType'), render: (j) => entityLabel(j.entityType) },
    { key: 'status', header: t('imports.status'), render: (j) => <ImportStatusChip job={j} /> },
    { key: 'rows', header: t('imports.rows'), render: (j) => (j.totalRows === null ? '—' : format.number(j.totalRows)), align: 'end' },
    {
      key: 'result',
      header: t('imports.result'),
      render: (j) => (
        <Typography variant="body2" component="span">
          {t('imports.resultSummary', { created: format.number(j.created), updated: format.number(j.updated), skipped: format.number(j.skipped), errors: format.number(j.errors) })}
        </Typography>
      ),
    },
    { key: 'date', header: t('imports.date'), render: (j) => (j.createdAt ? format.dateTime(j.createdAt) : '—'), nowrap: true },
  ];
  return (
    <Box data-testid="imports-page">
      <PageHeader
        title={t('imports.historyTitle')}
        subtitle={t('imports.historySubtitle')}
        actions={
          <Button variant="contained" startIcon={<FileUploadOutlinedIcon />} component={RouterLink} to="/imports/new" data-testid="imports-new">
            {t('imports.newTitle')}
          </Button>
        }
      />
      <Card>
        <QueryStates query={imports} rows={rows} empty={<EmptyState icon={<FileUploadOutlinedIcon />} message={t('imports.empty')} />}>
          {() => (
            <>
              <DataTable rows={rows} columns={columns} rowKey={(j) => j.id} testId="imports-list" rowTestId="import-row" />
              {imports.hasNextPage && (
                <Box sx={{ p: 2, textAlign: 'center' }}>
                  <Button variant="outlined" onClick={() => void imports.fetchNextPage()} loading={imports.isFetchingNextPage}>
                    {t('common.loadMore')}
                  </Button>
                </Box>
              )}
            </>
          )}
        </QueryStates>
      </Card>
    </Box>
  );
}
