import { Fragment, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Card from '@mui/material/Card';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { BarChart } from '@mui/x-charts/BarChart';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../shared/ui/index.ts';
import { useForecast, usePipelineOptions, type Category, type CellRef, type Figures, type Forecast, type GroupBy, type PeriodKind } from './analytics.api.ts';
import { useAnalyticsFormat, type AnalyticsFormat } from './analytics-format.ts';
import { ForecastDealsDialog } from './ForecastDealsDialog.tsx';
import { CATEGORY_LABELS } from './analytics-labels.ts';

const TABLE_CATEGORIES: Category[] = ['closedWon', 'commit', 'bestCase', 'pipeline', 'weighted'];
/** Best case holds commit and pipeline holds both, so the bars sit side by side, not stacked. */
const CHART_CATEGORIES: Category[] = ['closedWon', 'commit', 'bestCase', 'weighted'];

const GROUP_LABELS: Record<GroupBy, TKey> = {
  none: 'analytics.forecast.groupNone',
  owner: 'analytics.forecast.groupOwner',
  team: 'analytics.forecast.groupTeam',
  territory: 'analytics.forecast.groupTerritory',
};

const NO_GROUP_LABELS: Record<GroupBy, TKey> = {
  none: 'analytics.forecast.total',
  owner: 'analytics.forecast.noOwner',
  team: 'analytics.forecast.noTeam',
  territory: 'analytics.forecast.noTerritory',
};

export function ForecastPage() {
  const { t } = useT();
  const [period, setPeriod] = useState<PeriodKind>('month');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [pipelineId, setPipelineId] = useState('');
  const [cell, setCell] = useState<CellRef | null>(null);
  const filter = { period, groupBy, pipelineId: pipelineId || undefined };
  const forecast = useForecast(filter);
  const pipelines = usePipelineOptions();

  return (
    <Box>
      <PageHeader title={t('analytics.forecast.title')} subtitle={t('analytics.forecast.subtitle')} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2, alignItems: 'center' }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={period}
          onChange={(_, value: PeriodKind | null) => value && setPeriod(value)}
          aria-label={t('analytics.forecast.period')}
          data-testid="forecast-period"
        >
          {(['month', 'quarter', 'year'] as const).map((kind) => (
            <ToggleButton key={kind} value={kind} data-testid={`forecast-period-${kind}`}>
              {t(`analytics.forecast.${kind}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <TextField
          select
          size="small"
          label={t('analytics.forecast.groupBy')}
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as GroupBy)}
          fullWidth={false}
          sx={{ flex: { xs: '1 1 140px', sm: '0 0 200px' } }}
          slotProps={{ select: { inputProps: { 'data-testid': 'forecast-group-by' } } }}
        >
          {(Object.keys(GROUP_LABELS) as GroupBy[]).map((key) => (
            <MenuItem key={key} value={key}>
              {t(GROUP_LABELS[key])}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('analytics.forecast.pipeline')}
          value={pipelineId}
          onChange={(e) => setPipelineId(e.target.value)}
          fullWidth={false}
          sx={{ flex: { xs: '1 1 160px', sm: '0 0 240px' } }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('analytics.forecast.allPipelines')}</MenuItem>
          {(pipelines.data ?? []).map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {forecast.isPending ? (
        <LoadingState />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : (
        <ForecastBody forecast={forecast.data} onOpen={setCell} />
      )}
      {forecast.data && cell && (
        <ForecastDealsDialog
          forecast={forecast.data}
          filter={{ ...filter, from: forecast.data.from, to: forecast.data.to }}
          cell={cell}
          onClose={() => setCell(null)}
        />
      )}
    </Box>
  );
}

/** The buckets worth a row or a bar: every period, plus overdue and undated when they hold deals. */
function visibleBuckets(forecast: Forecast) {
  const withDeals = new Set(forecast.totals.map((row) => row.bucket));
  return forecast.buckets.filter((b) => b.kind === 'period' || withDeals.has(b.key));
}

function ForecastBody({ forecast, onOpen }: { forecast: Forecast; onOpen: (cell: CellRef) => void }) {
  const { t } = useT();
  const format = useAnalyticsFormat(forecast.currency, forecast.moneyDisplay);
  const buckets = visibleBuckets(forecast);
  if (forecast.totals.length === 0) {
    return (
      <Card variant="outlined">
        <EmptyState message={t('analytics.forecast.empty')} testId="forecast-empty" />
      </Card>
    );
  }
  return (
    <>
      <Card variant="outlined" sx={{ p: { xs: 1, sm: 2 }, mb: 2 }}>
        <ForecastChart forecast={forecast} buckets={buckets} format={format} onOpen={onOpen} />
      </Card>
      <ForecastTable forecast={forecast} buckets={buckets} format={format} onOpen={onOpen} />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
        {t('analytics.forecast.notes')}
      </Typography>
    </>
  );
}

type Part = { forecast: Forecast; buckets: Forecast['buckets']; format: AnalyticsFormat; onOpen: (cell: CellRef) => void };

function ForecastChart({ forecast, buckets: inOrder, format, onOpen }: Part) {
  const { t } = useT();
  const theme = useTheme();
  const rtl = theme.direction === 'rtl';
  // Time runs right to left in Persian: the first period sits at the right edge. The data is
  // reversed rather than the axis, since the chart finds a clicked bar by position on a forward axis.
  const buckets = rtl ? [...inOrder].reverse() : inOrder;
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const totals = useMemo(() => new Map(forecast.totals.map((row) => [row.bucket, row])), [forecast.totals]);
  // Bar heights only: the amounts themselves stay decimal strings everywhere else.
  const series = CHART_CATEGORIES.map((category) => ({
    id: category,
    label: t(CATEGORY_LABELS[category]),
    data: buckets.map((b) => Number(totals.get(b.key)?.[category] ?? 0)),
    valueFormatter: (value: number | null) => (value == null ? '' : format.money(String(value))),
  }));
  return (
    <Box data-testid="forecast-chart" aria-label={t('analytics.forecast.chart')} sx={{ width: '100%' }}>
      <BarChart
        // A new set of buckets is a new chart: no hover state carried over from the old one.
        key={buckets.map((b) => b.key).join()}
        height={phone ? 360 : 340}
        series={series}
        skipAnimation
        // Time runs right to left in Persian: the first period sits at the right edge.
        // Labels slant (stand upright on a phone) so every period keeps its name.
        xAxis={[
          {
            scaleType: 'band',
            data: buckets.map((b) => b.label),
            // The chart may ask for a highlighted index that a new period choice no longer has.
            valueFormatter: (label: string | null | undefined) => label ?? '',
            height: phone ? 90 : 70,
            tickLabelStyle: { fontSize: 11, angle: phone ? -90 : -40, textAnchor: rtl ? 'start' : 'end' },
          },
        ]}
        yAxis={[{ position: rtl ? 'right' : 'left', valueFormatter: (value: number) => format.axis(value), width: 56 }]}
        onItemClick={(_, item) => {
          const bucket = buckets[item.dataIndex];
          if (bucket) onOpen({ bucket: bucket.key, category: item.seriesId as Category });
        }}
        slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'top', horizontal: 'center' } } }}
        // Slanted labels lean left: room on the left edge for the last one in Persian.
        margin={{ left: rtl ? 40 : 8, right: 8 }}
      />
    </Box>
  );
}

function groupName(forecast: Forecast, key: string | null, t: (key: TKey) => string): string {
  if (key === null) return t(NO_GROUP_LABELS[forecast.groupBy]);
  return forecast.groups.find((g) => g.key === key)?.name ?? t('analytics.forecast.unknownGroup');
}

function ForecastTable({ forecast, buckets, format, onOpen }: Part) {
  const { t } = useT();
  const totals = new Map(forecast.totals.map((row) => [row.bucket, row]));
  const grouped = forecast.groupBy !== 'none';
  const groupOrder = new Map(forecast.groups.map((g, i) => [g.key, i]));
  const cellsOf = (bucket: string) =>
    forecast.cells.filter((c) => c.bucket === bucket).sort((a, b) => (groupOrder.get(a.group) ?? 0) - (groupOrder.get(b.group) ?? 0));

  const amountCells = (figures: Figures | undefined, bucket: string, group: string | null | undefined, bold = false) =>
    TABLE_CATEGORIES.map((category) => {
      const amount = figures?.[category] ?? '0.00';
      const testId = `forecast-cell-${bucket}-${group === undefined ? 'all' : (group ?? 'unassigned')}-${category}`;
      return (
        <TableCell key={category} align="right" sx={{ whiteSpace: 'nowrap', fontWeight: bold ? 600 : undefined }}>
          {amount === '0.00' ? (
            <Typography component="span" variant="body2" color="text.disabled" data-testid={testId}>
              {format.money('0')}
            </Typography>
          ) : (
            <ButtonBase
              onClick={() => onOpen({ bucket, group, category })}
              data-testid={testId}
              sx={{ font: 'inherit', color: 'primary.main', borderRadius: 0.5, px: 0.5, '&:hover': { textDecoration: 'underline' } }}
            >
              {format.money(amount)}
            </ButtonBase>
          )}
        </TableCell>
      );
    });

  return (
    <Card variant="outlined">
      <TableContainer sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="forecast-table" sx={{ minWidth: 720 }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ position: 'sticky', insetInlineStart: 0, bgcolor: 'background.paper', zIndex: 1 }}>{t('analytics.forecast.bucket')}</TableCell>
              {TABLE_CATEGORIES.map((category) => (
                <TableCell key={category} align="right">
                  {t(CATEGORY_LABELS[category])}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {buckets.map((bucket) => (
              <Fragment key={bucket.key}>
                <TableRow data-testid={`forecast-row-${bucket.key}`} sx={bucket.kind === 'overdue' ? { bgcolor: (theme) => alpha(theme.palette.warning.main, 0.08) } : undefined}>
                  <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap', fontWeight: 600, position: 'sticky', insetInlineStart: 0, bgcolor: 'background.paper' }}>
                    {bucket.label}
                  </TableCell>
                  {amountCells(totals.get(bucket.key), bucket.key, undefined, grouped)}
                </TableRow>
                {grouped &&
                  cellsOf(bucket.key).map((c) => (
                    <TableRow key={`${bucket.key}-${c.group}`}>
                      <TableCell sx={{ pl: 3, whiteSpace: 'nowrap', color: 'text.secondary', position: 'sticky', insetInlineStart: 0, bgcolor: 'background.paper' }}>
                        {groupName(forecast, c.group, t)}
                      </TableCell>
                      {amountCells(c, bucket.key, c.group)}
                    </TableRow>
                  ))}
              </Fragment>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableCell sx={{ fontWeight: 700, position: 'sticky', insetInlineStart: 0, bgcolor: 'background.paper' }}>{t('analytics.forecast.total')}</TableCell>
              {TABLE_CATEGORIES.map((category) => (
                <TableCell key={category} align="right" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} data-testid={`forecast-total-${category}`}>
                  {format.money(forecast.total[category])}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        </Table>
      </TableContainer>
    </Card>
  );
}
