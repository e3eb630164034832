import { useMemo, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import HandshakeOutlinedIcon from '@mui/icons-material/HandshakeOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useOwnerName } from '../../shared/records/index.ts';
import { RecordListPage, type RecordColumn } from '../../shared/records/RecordListPage.tsx';
import { DealStatusChip, useMoney } from './deal-bits.tsx';
import type { Deal } from './deals.api.ts';
import { QuickCreateDealDialog } from './QuickCreateDealDialog.tsx';

/** The deals as a list: the server's filters, sorting, saved views and columns, like the customer lists. */
export function DealsListPage({ headerExtra }: { headerExtra?: ReactNode }) {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const ownerName = useOwnerName();
  const columns = useMemo<RecordColumn<Deal>[]>(
    () => [
      {
        field: 'title',
        label: t('deals.fields.title'),
        locked: true,
        flex: 1.6,
        minWidth: 200,
        render: (d) => (
          <Link component={RouterLink} to={`/deals/${d.id}`} sx={{ fontWeight: 600 }} data-testid="deal-link">
            {d.title}
          </Link>
        ),
      },
      { field: 'stage', render: (d) => d.stage?.name ?? null },
      { field: 'status', render: (d) => <DealStatusChip status={d.status} /> },
      { field: 'amount', minWidth: 150, render: (d) => <span data-testid="deal-amount-cell">{money(d.amount, d.currency)}</span> },
      { field: 'amountBase', minWidth: 150, render: (d) => money(d.amountBase) },
      { field: 'organization', render: (d) => d.organization?.name ?? null },
      { field: 'ownerId', render: (d) => d.owner?.name ?? ownerName(d.ownerId) },
      { field: 'expectedCloseDate', render: (d) => (d.expectedCloseDate ? format.date(d.expectedCloseDate, 'short') : null) },
      { field: 'probability', render: (d) => t('deals.probabilityValue', { value: format.number(d.probability) }) },
      { field: 'forecastCategory', render: (d) => t(`deals.forecast.${d.forecastCategory}`) },
    ],
    [t, format, money, ownerName],
  );
  return (
    <RecordListPage<Deal>
      testId="deals-list-page"
      entityType="deal"
      title={t('deals.title')}
      subtitle={t('deals.subtitle')}
      allLabel={t('deals.all')}
      createLabel={t('deals.new')}
      emptyIcon={<HandshakeOutlinedIcon />}
      emptyMessage={t('deals.empty')}
      columns={columns}
      hrefOf={(d) => `/deals/${d.id}`}
      exportable={false}
      bulk={false}
      importable={false}
      headerExtra={headerExtra}
      renderCreate={(props) => <QuickCreateDealDialog {...props} />}
      renderCard={(d) => (
        <Box>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {d.title}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            <DealStatusChip status={d.status} />
            <Typography variant="body2" color="text.secondary">
              {d.stage?.name}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {money(d.amount, d.currency)}
            </Typography>
          </Box>
          {d.organization && (
            <Typography variant="caption" color="text.secondary">
              {d.organization.name}
            </Typography>
          )}
        </Box>
      )}
    />
  );
}
