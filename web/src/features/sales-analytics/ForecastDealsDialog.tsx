import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { ErrorState, LoadingState } from '../../shared/ui/index.ts';
import { useForecastDeals, type CellRef, type DealSummary, type Forecast, type ForecastFilter } from './analytics.api.ts';
import { useAnalyticsFormat } from './analytics-format.ts';
import { CATEGORY_LABELS } from './analytics-labels.ts';

type Props = { forecast: Forecast; filter: ForecastFilter & { from: string; to: string }; cell: CellRef; onClose: () => void };

/** The deals behind a forecast cell or bar, each linking to its page. */
export function ForecastDealsDialog({ forecast, filter, cell, onClose }: Props) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const deals = useForecastDeals(filter, cell);
  const bucket = forecast.buckets.find((b) => b.key === cell.bucket);
  const group = cell.group === undefined ? null : (forecast.groups.find((g) => g.key === cell.group)?.name ?? null);
  const title = t('analytics.forecast.dealsTitle', { category: t(CATEGORY_LABELS[cell.category]), bucket: bucket?.label ?? cell.bucket });
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" fullScreen={phone} data-testid="forecast-deals">
      <DialogTitle>
        {title}
        {group && (
          <Typography variant="body2" color="text.secondary">
            {group}
          </Typography>
        )}
      </DialogTitle>
      <DialogContent dividers sx={{ p: 0 }}>
        {deals.isPending ? (
          <LoadingState />
        ) : deals.isError ? (
          <Box sx={{ p: 2 }}>
            <ErrorState error={deals.error} onRetry={() => void deals.refetch()} />
          </Box>
        ) : items.length === 0 ? (
          <Typography sx={{ p: 3 }} color="text.secondary">
            {t('analytics.forecast.noDeals')}
          </Typography>
        ) : (
          <List disablePadding>
            {items.map((deal, i) => (
              <Box key={deal.id}>
                {i > 0 && <Divider component="li" />}
                <DealRow deal={deal} forecast={forecast} />
              </Box>
            ))}
          </List>
        )}
      </DialogContent>
      <DialogActions>
        {deals.hasNextPage && (
          <Button onClick={() => void deals.fetchNextPage()} disabled={deals.isFetchingNextPage}>
            {t('analytics.forecast.loadMore')}
          </Button>
        )}
        <Button onClick={onClose}>{t('analytics.forecast.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function DealRow({ deal, forecast }: { deal: DealSummary; forecast: Forecast }) {
  const { t } = useT();
  const format = useFormat();
  const money = useAnalyticsFormat(forecast.currency, forecast.moneyDisplay);
  const day = deal.closedOn ?? deal.expectedCloseDate;
  const details = [deal.organization?.name, deal.owner?.name, deal.stage.name, t('analytics.forecast.percent', { value: format.number(deal.probability) })].filter(Boolean);
  return (
    <ListItem sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline', py: 1.25 }} data-testid="forecast-deal">
      <Box sx={{ flex: '1 1 200px', minWidth: 0 }}>
        <Link component={RouterLink} to={`/deals/${deal.id}`} underline="hover" sx={{ fontWeight: 600 }} data-testid="forecast-deal-link">
          {deal.title}
        </Link>
        <Typography variant="body2" color="text.secondary" noWrap>
          {details.join(' · ')}
        </Typography>
      </Box>
      <Box sx={{ textAlign: 'end', flexShrink: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
          {money.money(deal.amountBase)}
        </Typography>
        {day && (
          <Typography variant="caption" color="text.secondary">
            {format.date(day)}
          </Typography>
        )}
      </Box>
    </ListItem>
  );
}
