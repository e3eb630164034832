import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RESOURCE_OF, recordsKey, useCustomFieldDefs, useFieldCatalog, type Localised } from '../../shared/records/index.ts';
import { useImportEntityLabel, useOpenListLabel } from './import-labels.ts';
import { DataTable, ErrorState, FormErrorAlert, LoadingState, PageHeader, type Column } from '../../shared/ui/index.ts';
import { ImportSteps } from './ImportSteps.tsx';
import { importListPath, isActive, isRecordImport, useImport, useImportErrors, useImportFields, useImportPreview, useImportStep, type DuplicateMode, type ImportField, type ImportJob, type ImportRowError } from './imports.api.ts';

const SKIP = '';

export function ImportPage() {
  const { id } = useParams();
  const { t } = useT();
  const entityLabel = useImportEntityLabel();
  const job = useImport(id);
  // After a reload the import itself carries no preview: ask for it while the file is still there.
  const needsPreview = Boolean(job.data && !job.data.preview.length && !(job.data.status === 'completed' && !job.data.dryRun));
  const preview = useImportPreview(id ?? '', needsPreview);
  if (job.isPending) return <LoadingState />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const p = preview.data;
  const merged: ImportJob = p
    ? {
        ...job.data,
        header: job.data.header.length ? job.data.header : p.header,
        preview: job.data.preview.length ? job.data.preview : p.preview,
        fields: job.data.fields.length ? job.data.fields : p.fields,
        mapping: Object.keys(job.data.mapping).length ? job.data.mapping : p.mapping,
      }
    : job.data;
  return (
    <Box data-testid="import-page">
      <PageHeader title={t('imports.title', { name: merged.fileName })} subtitle={entityLabel(merged.entityType)} />
      <ImportFlow job={merged} />
    </Box>
  );
}

/** Fields a column can be mapped to: the server's list, else built-in fields and custom fields. */
function useMappableFields(job: ImportJob): ImportField[] {
  const server = useImportFields(job.entityType, job.fields.length === 0);
  // Orders have no field catalogue: their fields come from the server's import adapter only.
  const recordType = isRecordImport(job.entityType) ? job.entityType : 'person';
  const defs = useCustomFieldDefs(recordType);
  const catalog = useFieldCatalog(recordType);
  return useMemo(() => {
    if (job.fields.length) return job.fields;
    if (server.data?.length) return server.data;
    if (!isRecordImport(job.entityType)) return [];
    const builtIn = catalog.fields
      .filter((f) => !f.custom && !['createdAt', 'updatedAt', 'lastVerifiedAt'].includes(f.key))
      .map((f) => ({ key: f.key === 'emails' ? 'email' : f.key === 'phones' ? 'phone' : f.key, label: f.label, required: false }));
    const custom = (defs.data ?? []).map((d) => ({ key: `custom.${d.key}`, label: { fa: d.labelFa, en: d.labelEn }, required: d.required }));
    return [...builtIn, ...custom];
  }, [job.fields, job.entityType, server.data, defs.data, catalog.fields]);
}

function ImportFlow({ job }: { job: ImportJob }) {
  const { t, locale } = useT();
  const openListLabel = useOpenListLabel();
  const fields = useMappableFields(job);
  const step = useImportStep();
  const [mapping, setMapping] = useState<Record<string, string>>(job.mapping);
  const [duplicateMode, setDuplicateMode] = useState<DuplicateMode>(job.duplicateMode);
  const [editing, setEditing] = useState(!job.dryRun && job.status === 'uploaded');
  const label = (l: Localised) => l[locale];

  useEffect(() => {
    // A suggestion that arrives later (field list loaded) fills the still-empty mapping.
    setMapping((current) => (Object.keys(current).length ? current : job.mapping));
  }, [job.mapping]);

  const running = isActive(job.status);
  const finished = job.status === 'completed' && !job.dryRun;
  const queryClient = useQueryClient();
  useEffect(() => {
    // New and updated records: every list and page of this kind must ask again.
    if (!finished) return;
    if (isRecordImport(job.entityType)) void queryClient.invalidateQueries({ queryKey: recordsKey(RESOURCE_OF[job.entityType]) });
    else void queryClient.invalidateQueries({ queryKey: ['sales-documents'] });
  }, [finished, job.entityType, queryClient]);
  const failed = job.status === 'failed' || job.status === 'cancelled';
  const checked = job.dryRun && !running && !failed;
  const activeStep = finished ? 4 : running && !job.dryRun ? 3 : checked && !editing ? 2 : 1;

  const mappedFields = Object.values(mapping).filter(Boolean);
  const missingRequired = fields.filter((f) => f.required && !mappedFields.includes(f.key));

  const configureThen = async (next: 'dry-run' | 'start') => {
    try {
      let current = job;
      const unchanged = JSON.stringify(mapping) === JSON.stringify(job.mapping) && duplicateMode === job.duplicateMode;
      if (!unchanged || job.status === 'uploaded') {
        current = await step.mutateAsync({ job, step: 'configure', mapping: Object.fromEntries(job.header.map((column) => [column, mapping[column] ?? ''])), duplicateMode });
      }
      await step.mutateAsync({ job: current, step: next });
      setEditing(false);
    } catch {
      // shown from step.error
    }
  };

  return (
    <>
      <ImportSteps active={activeStep} />
      <FormErrorAlert error={step.error} />
      {failed && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="import-failed">
          {t('imports.failed')} {job.failureMessage ? `(${job.failureMessage})` : ''}
        </Alert>
      )}

      {running && <ImportProgress job={job} />}

      {!running && (editing || (!checked && !finished)) && !failed && (
        <Stack spacing={2}>
          <Card>
            <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
              <Typography variant="subtitle1" sx={{ mb: 0.5 }}>
                {t('imports.mappingTitle')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {t('imports.mappingHelp')}
              </Typography>
              <Box data-testid="import-mapping" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(140px, 1fr) minmax(140px, 1.2fr) minmax(200px, 1.2fr)' }, gap: { xs: 1, sm: 1.5 }, alignItems: 'center' }}>
                <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', sm: 'block' }, fontWeight: 600 }}>
                  {t('imports.csvColumn')}
                </Typography>
                <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', sm: 'block' }, fontWeight: 600 }}>
                  {t('imports.sample')}
                </Typography>
                <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', sm: 'block' }, fontWeight: 600 }}>
                  {t('imports.field')}
                </Typography>
                {job.header.map((column, index) => {
                  const samples = job.preview
                    .slice(0, 3)
                    .map((row) => row[index])
                    .filter(Boolean);
                  const value = mapping[column] ?? SKIP;
                  return (
                    <Box key={column} sx={{ display: 'contents' }} data-testid="import-mapping-row">
                      <Typography variant="body2" sx={{ fontWeight: 600, pt: { xs: 1.5, sm: 0 }, borderTop: { xs: 1, sm: 0 }, borderColor: 'divider' }}>
                        {column}
                      </Typography>
                      <Typography variant="body2" color="text.secondary" noWrap title={samples.join(' · ')}>
                        {samples.join(' · ') || '—'}
                      </Typography>
                      <TextField
                        select
                        size="small"
                        value={value}
                        onChange={(e) => setMapping((m) => ({ ...m, [column]: e.target.value }))}
                        slotProps={{ htmlInput: { 'data-testid': `import-map-${index}`, 'aria-label': t('imports.fieldFor', { column }) } }}
                      >
                        <MenuItem value={SKIP}>
                          <em>{t('imports.skipColumn')}</em>
                        </MenuItem>
                        {fields.map((f) => (
                          <MenuItem key={f.key} value={f.key} disabled={!f.multiple && mappedFields.includes(f.key) && value !== f.key}>
                            {label(f.label)}
                            {f.required ? ' *' : ''}
                          </MenuItem>
                        ))}
                      </TextField>
                    </Box>
                  );
                })}
              </Box>
              {missingRequired.length > 0 && (
                <Alert severity="warning" sx={{ mt: 2 }}>
                  {t('imports.requiredMissing', { fields: missingRequired.map((f) => label(f.label)).join(locale === 'fa' ? '، ' : ', ') })}
                </Alert>
              )}
            </CardContent>
          </Card>

          <PreviewTable job={job} mapping={mapping} fields={fields} />

          <Card>
            <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
              {isRecordImport(job.entityType) ? (
                <>
                  <FormLabel sx={{ fontWeight: 600, color: 'text.primary' }}>{t('imports.duplicateMode')}</FormLabel>
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                    {t('imports.duplicateHelp')}
                  </Typography>
                  <RadioGroup value={duplicateMode} onChange={(e) => setDuplicateMode(e.target.value as DuplicateMode)} data-testid="import-duplicate-mode">
                    {(['skip', 'update', 'create'] as const).map((m) => (
                      <FormControlLabel key={m} value={m} control={<Radio data-testid={`import-dup-${m}`} />} label={t(`imports.duplicateModes.${m}`)} />
                    ))}
                  </RadioGroup>
                </>
              ) : (
                // Orders match on their external number: importing the same number again updates that order.
                <Typography variant="body2" color="text.secondary" data-testid="import-orders-note">
                  {t('orders.importNote')}
                </Typography>
              )}
              <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
                <Button variant="contained" startIcon={<FactCheckOutlinedIcon />} onClick={() => void configureThen('dry-run')} loading={step.isPending} disabled={missingRequired.length > 0 || mappedFields.length === 0} data-testid="import-dry-run">
                  {t('imports.dryRun')}
                </Button>
                <Button variant="outlined" startIcon={<PlayArrowIcon />} onClick={() => void configureThen('start')} disabled={step.isPending || missingRequired.length > 0 || mappedFields.length === 0} data-testid="import-start-now">
                  {t('imports.startWithoutCheck')}
                </Button>
              </Box>
            </CardContent>
          </Card>
        </Stack>
      )}

      {checked && !editing && (
        <Stack spacing={2} data-testid="import-check-results">
          <Card>
            <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
              <Typography variant="subtitle1" sx={{ mb: 1 }}>
                {t('imports.checkTitle')}
              </Typography>
              <Counts job={job} dry />
              <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
                <Button variant="contained" startIcon={<PlayArrowIcon />} onClick={() => step.mutate({ job, step: 'start' })} loading={step.isPending} data-testid="import-start">
                  {t('imports.start')}
                </Button>
                <Button variant="outlined" onClick={() => setEditing(true)} data-testid="import-edit-mapping">
                  {t('imports.backToMapping')}
                </Button>
              </Box>
            </CardContent>
          </Card>
          {job.errors > 0 && <ImportErrors job={job} fields={fields} />}
        </Stack>
      )}

      {finished && (
        <Stack spacing={2} data-testid="import-done">
          <Alert severity={job.errors ? 'warning' : 'success'} icon={job.errors ? <ErrorOutlineIcon /> : <CheckCircleOutlineIcon />}>
            {job.errors ? t('imports.doneWithErrors') : t('imports.done')}
          </Alert>
          <Card>
            <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
              <Counts job={job} />
              <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
                <Button variant="contained" component={RouterLink} to={importListPath(job.entityType)} data-testid="import-open-list">
                  {openListLabel(job.entityType)}
                </Button>
                <Button variant="outlined" component={RouterLink} to={`/imports/new?entityType=${job.entityType}`}>
                  {t('imports.another')}
                </Button>
                <Button component={RouterLink} to="/imports">
                  {t('imports.history')}
                </Button>
              </Box>
            </CardContent>
          </Card>
          {job.errors > 0 && <ImportErrors job={job} fields={fields} />}
        </Stack>
      )}
    </>
  );
}

function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useT();
  const format = useFormat();
  const total = job.totalRows ?? 0;
  const percent = total ? Math.min(100, Math.round((job.committedRows / total) * 100)) : 0;
  return (
    <Card data-testid="import-progress">
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="subtitle1" sx={{ mb: 1.5 }}>
          {job.dryRun ? t('imports.checking') : t('imports.running')}
        </Typography>
        <LinearProgress variant={total ? 'determinate' : 'indeterminate'} value={percent} sx={{ height: 10, borderRadius: 5 }} data-testid="import-progress-bar" aria-valuenow={percent} />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="import-progress-text">
          {total
            ? t('imports.progress', { done: format.number(job.committedRows), total: format.number(total), percent: format.number(percent) })
            : t('imports.progressUnknown', { done: format.number(job.committedRows) })}
        </Typography>
      </CardContent>
    </Card>
  );
}

function Counts({ job, dry }: { job: ImportJob; dry?: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const items: Array<{ key: string; label: string; value: number; color: 'success' | 'info' | 'default' | 'error' }> = [
    { key: 'created', label: dry ? t('imports.counts.wouldCreate') : t('imports.counts.created'), value: job.created, color: 'success' },
    { key: 'updated', label: dry ? t('imports.counts.wouldUpdate') : t('imports.counts.updated'), value: job.updated, color: 'info' },
    { key: 'skipped', label: t('imports.counts.skipped'), value: job.skipped, color: 'default' },
    { key: 'errors', label: t('imports.counts.errors'), value: job.errors, color: 'error' },
  ];
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }} data-testid="import-counts">
      {job.totalRows !== null && <Chip label={t('imports.counts.rows', { count: format.number(job.totalRows) })} />}
      {items.map((i) => (
        <Chip key={i.key} color={i.value ? i.color : 'default'} variant={i.value ? 'filled' : 'outlined'} label={`${i.label}: ${format.number(i.value)}`} data-testid={`import-count-${i.key}`} />
      ))}
    </Box>
  );
}

function PreviewTable({ job, mapping, fields }: { job: ImportJob; mapping: Record<string, string>; fields: ImportField[] }) {
  const { t, locale } = useT();
  const format = useFormat();
  if (!job.preview.length) return null;
  return (
    <Card>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          {t('imports.previewTitle', { count: format.number(Math.min(job.preview.length, 5)) })}
        </Typography>
        <TableContainer sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 2 }} data-testid="import-preview">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('imports.row')}</TableCell>
                {job.header.map((h) => {
                  const field = fields.find((f) => f.key === mapping[h]);
                  return (
                    <TableCell key={h} sx={{ whiteSpace: 'nowrap' }}>
                      <div>{h}</div>
                      <Typography variant="caption" color={field ? 'primary' : 'text.disabled'}>
                        {field ? `${locale === 'fa' ? '←' : '→'} ${field.label[locale]}` : t('imports.skipColumn')}
                      </Typography>
                    </TableCell>
                  );
                })}
              </TableRow>
            </TableHead>
            <TableBody>
              {job.preview.slice(0, 5).map((row, i) => (
                <TableRow key={i} data-testid="import-preview-row">
                  <TableCell>{format.number(i + 2)}</TableCell>
                  {job.header.map((h, c) => (
                    <TableCell key={h} sx={{ whiteSpace: 'nowrap', color: mapping[h] ? 'text.primary' : 'text.disabled' }}>
                      {row[c] ?? ''}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </CardContent>
    </Card>
  );
}

export function ImportErrors({ job, fields }: { job: ImportJob; fields: ImportField[] }) {
  const { t, locale } = useT();
  const format = useFormat();
  const errors = useImportErrors(job.id, job.errors > 0);
  const rows = errors.data?.pages.flatMap((p) => p.items) ?? [];
  const fieldLabel = (key: string | null) => {
    if (!key) return '—';
    const f = fields.find((x) => x.key === key || x.key === key.split('.')[0]);
    const column = Object.entries(job.mapping).find(([, v]) => v === key)?.[0];
    return f ? `${f.label[locale]}${column && column !== f.label[locale] ? ` (${column})` : ''}` : key;
  };
  const columns: Column<ImportRowError>[] = [
    { key: 'row', header: t('imports.row'), render: (e) => format.number(e.rowNumber), nowrap: true, width: 80 },
    { key: 'field', header: t('imports.field'), render: (e) => fieldLabel(e.field) },
    { key: 'message', header: t('imports.problem'), render: (e) => e.message[locale], minWidth: 240 },
  ];
  return (
    <Card data-testid="import-errors">
      <CardContent sx={{ p: { xs: 2, sm: 3 }, pb: 0 }}>
        <Typography variant="subtitle1">{t('imports.errorsTitle', { count: format.number(job.errors) })}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t('imports.errorsHelp')}
        </Typography>
      </CardContent>
      {errors.isPending ? (
        <LoadingState minHeight={100} />
      ) : errors.isError ? (
        <Box sx={{ p: 2 }}>
          <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />
        </Box>
      ) : (
        <>
          <DataTable rows={rows} columns={columns} rowKey={(e) => e.id ?? `${e.rowNumber}-${e.field}-${e.code}`} testId="import-errors-table" rowTestId="import-error-row" />
          {errors.hasNextPage && (
            <Box sx={{ p: 2, textAlign: 'center' }}>
              <Button variant="outlined" onClick={() => void errors.fetchNextPage()} loading={errors.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Box>
          )}
        </>
      )}
    </Card>
  );
}
