import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { useOwners } from '../../shared/records/index.ts';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { DateInput, ErrorState, LoadingState, PageHeader } from '../../shared/ui/index.ts';
import { usePipelineOptions, useSalesMetrics, type SalesMetrics } from './analytics.api.ts';
import { useAnalyticsFormat, type AnalyticsFormat } from './analytics-format.ts';

export function SalesMetricsPage() {
  const { t } = useT();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [pipelineId, setPipelineId] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const metrics = useSalesMetrics({ from: from ?? undefined, to: to ?? undefined, pipelineId: pipelineId || undefined, ownerId: ownerId ?? undefined });
  const pipelines = usePipelineOptions();
  const owners = useOwners();

  return (
    <Box>
      <PageHeader title={t('analytics.metrics.title')} subtitle={t('analytics.metrics.subtitle')} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, minmax(0, 220px))' }, gap: 1.5, mb: 2 }}>
        <DateInput size="small" label={t('analytics.metrics.from')} value={from ?? metrics.data?.from} onChange={setFrom} testId="metrics-from" />
        <DateInput size="small" label={t('analytics.metrics.to')} value={to ?? metrics.data?.to} onChange={setTo} testId="metrics-to" />
        <TextField
          select
          size="small"
          label={t('analytics.forecast.pipeline')}
          value={pipelineId}
          onChange={(e) => setPipelineId(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('analytics.forecast.allPipelines')}</MenuItem>
          {(pipelines.data ?? []).map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('analytics.metrics.owner')}
          value={ownerId ?? ''}
          onChange={(e) => setOwnerId(e.target.value || null)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('analytics.metrics.allOwners')}</MenuItem>
          {(owners.data ?? []).map((o) => (
            <MenuItem key={o.userId} value={o.userId}>
              {o.name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {metrics.isPending ? (
        <LoadingState />
      ) : metrics.isError ? (
        <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : (
        <MetricsBody metrics={metrics.data} />
      )}
    </Box>
  );
}

function MetricsBody({ metrics }: { metrics: SalesMetrics }) {
  const { t, locale } = useT();
  const format = useAnalyticsFormat(metrics.currency, metrics.moneyDisplay);
  const cycle = metrics.salesCycleDays;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' }, gap: 1.5 }} data-testid="metrics-kpis">
        <Kpi
          label={t('analytics.metrics.leadConversion')}
          value={format.percent(metrics.leadConversion.rate)}
          hint={t('analytics.metrics.leadConversionHint', { converted: format.number(metrics.leadConversion.converted), created: format.number(metrics.leadConversion.created) })}
          testId="kpi-lead-conversion"
        />
        <Kpi
          label={t('analytics.metrics.winRate')}
          value={format.percent(metrics.winRate.rate)}
          hint={t('analytics.metrics.winRateHint', { won: format.number(metrics.winRate.won), lost: format.number(metrics.winRate.lost) })}
          testId="kpi-win-rate"
        />
        <Kpi label={t('analytics.metrics.averageDealSize')} value={format.money(metrics.averageDealSize)} testId="kpi-deal-size" />
        <Kpi
          label={t('analytics.metrics.salesCycle')}
          value={cycle.average == null ? t('analytics.metrics.none') : t('analytics.metrics.salesCycleValue', { days: format.number(cycle.average) })}
          hint={cycle.median == null ? undefined : t('analytics.metrics.salesCycleHint', { days: format.number(cycle.median) })}
          testId="kpi-cycle"
        />
        <Kpi
          label={t('analytics.metrics.velocity')}
          value={format.money(metrics.pipelineVelocity.perDay)}
          hint={t('analytics.metrics.velocityHint', { count: format.number(metrics.pipelineVelocity.openDeals) })}
          testId="kpi-velocity"
        />
      </Box>

      <Section title={t('analytics.metrics.funnel')} hint={t('analytics.metrics.funnelHint')} testId="metrics-funnel">
        {metrics.funnel.every((p) => p.stages.every((s) => s.reached === 0)) ? (
          <Nothing />
        ) : (
          metrics.funnel
            .filter((p) => p.stages.some((s) => s.reached > 0))
            .map((pipeline) => (
              <Box key={pipeline.pipelineId} sx={{ mb: 2 }}>
                {metrics.funnel.length > 1 && <Typography variant="subtitle2">{pipeline.name}</Typography>}
                <HorizontalBars
                  labels={pipeline.stages.map((s) => s.name)}
                  values={pipeline.stages.map((s) => s.reached)}
                  seriesLabel={t('analytics.metrics.reached')}
                  valueText={(v) => format.number(v)}
                  axisText={(v) => format.number(v)}
                />
                <SimpleTable
                  head={[t('analytics.forecast.stage'), t('analytics.metrics.reached'), t('analytics.metrics.conversion')]}
                  rows={pipeline.stages.map((s) => [s.name, format.number(s.reached), s.conversionToNext == null ? t('analytics.metrics.none') : format.percent(s.conversionToNext)])}
                />
              </Box>
            ))
        )}
      </Section>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        <Section title={t('analytics.metrics.lostReasons')} testId="metrics-lost-reasons">
          {metrics.lostReasons.length === 0 ? (
            <Nothing />
          ) : (
            <CountAmountChart
              rows={metrics.lostReasons.map((r) => ({ label: r.reason ? (locale === 'fa' ? r.reason.labelFa : r.reason.labelEn) : t('analytics.metrics.noReason'), count: r.count, amount: r.amount }))}
              format={format}
            />
          )}
        </Section>
        <Section title={t('analytics.metrics.competitors')} testId="metrics-competitors">
          {metrics.competitors.length === 0 ? (
            <Nothing />
          ) : (
            <CountAmountChart rows={metrics.competitors.map((c) => ({ label: c.competitor.name, count: c.count, amount: c.amount }))} format={format} />
          )}
        </Section>
      </Box>

      <Section title={t('analytics.metrics.reps')} testId="metrics-reps">
        {metrics.reps.length === 0 ? (
          <Nothing />
        ) : (
          <SimpleTable
            head={[t('analytics.metrics.rep'), t('analytics.metrics.wonCount'), t('analytics.metrics.wonAmount'), t('analytics.metrics.lostCount'), t('analytics.metrics.repWinRate'), t('analytics.metrics.avgCycle')]}
            rows={metrics.reps.map((r) => [
              r.owner?.name ?? t('analytics.metrics.noOwner'),
              format.number(r.wonCount),
              format.money(r.wonAmount),
              format.number(r.lostCount),
              format.percent(r.winRate),
              format.number(r.averageCycleDays),
            ])}
          />
        )}
      </Section>

      <Section title={t('analytics.metrics.activity')} hint={t('analytics.metrics.activityHint')} testId="metrics-activity">
        {metrics.activity.length === 0 ? (
          <Nothing />
        ) : (
          <SimpleTable
            head={(['rep', 'dealsCreated', 'stageMoves', 'dealsWon', 'dealsLost', 'quotesIssued', 'ordersCreated', 'calls', 'meetings'] as const).map((k) => t(`analytics.metrics.${k}` as TKey))}
            rows={metrics.activity.map((a) => [
              a.user?.name ?? t('analytics.metrics.noOwner'),
              format.number(a.dealsCreated),
              format.number(a.stageMoves),
              format.number(a.dealsWon),
              format.number(a.dealsLost),
              format.number(a.quotesIssued),
              format.number(a.ordersCreated),
              format.number(a.calls),
              format.number(a.meetings),
            ])}
          />
        )}
      </Section>
    </Box>
  );
}

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card variant="outlined" data-testid={testId}>
      <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h6" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }} data-testid={`${testId}-value`}>
          {value}
        </Typography>
        {hint && (
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

function Section({ title, hint, testId, children }: { title: string; hint?: string; testId: string; children: ReactNode }) {
  return (
    <Card variant="outlined" data-testid={testId} sx={{ minWidth: 0 }}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ fontSize: '1rem', fontWeight: 700 }}>
          {title}
        </Typography>
        {hint && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {hint}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}

function Nothing() {
  const { t } = useT();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
      {t('analytics.metrics.nothing')}
    </Typography>
  );
}

/** Bars that grow from the start edge (right in Persian), one per label. */
function HorizontalBars({
  labels,
  values,
  seriesLabel,
  valueText,
  axisText,
}: {
  labels: string[];
  values: number[];
  seriesLabel: string;
  valueText: (value: number) => string;
  axisText: (value: number) => string;
}) {
  const rtl = useTheme().direction === 'rtl';
  return (
    <BarChart
      layout="horizontal"
      height={Math.max(140, labels.length * 40 + 50)}
      series={[
        {
          data: values,
          label: seriesLabel,
          valueFormatter: (v: number | null) => (v == null ? '' : valueText(v)),
          barLabel: (item) => (item.value == null ? '' : valueText(item.value)),
        },
      ]}
      yAxis={[{ scaleType: 'band', data: labels, position: rtl ? 'right' : 'left', width: 110 }]}
      xAxis={[{ reverse: rtl, valueFormatter: (v: number) => axisText(v), tickMinStep: 1 }]}
      hideLegend
      skipAnimation
      margin={{ left: 8, right: 8 }}
    />
  );
}

function CountAmountChart({ rows, format }: { rows: { label: string; count: number; amount: string }[]; format: AnalyticsFormat }) {
  const { t } = useT();
  return (
    <>
      <HorizontalBars
        labels={rows.map((r) => r.label)}
        values={rows.map((r) => r.count)}
        seriesLabel={t('analytics.metrics.count')}
        valueText={(v) => format.number(v)}
        axisText={(v) => format.number(v)}
      />
      <SimpleTable head={['', t('analytics.metrics.count'), t('analytics.metrics.amount')]} rows={rows.map((r) => [r.label, format.number(r.count), format.money(r.amount)])} />
    </>
  );
}

function SimpleTable({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            {head.map((h, i) => (
              <TableCell key={i} align={i === 0 ? undefined : 'right'} sx={{ whiteSpace: 'nowrap' }}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, r) => (
            <TableRow key={r}>
              {row.map((value, i) => (
                <TableCell key={i} align={i === 0 ? undefined : 'right'} sx={{ whiteSpace: i === 0 ? undefined : 'nowrap' }}>
                  {value}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
