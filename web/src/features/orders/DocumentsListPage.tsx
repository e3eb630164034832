import { useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RecordPicker, type PickedRecord } from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { DataTable, DateInput, EmptyState, LtrText, PageHeader, QueryStates, type Column } from '../../shared/ui/index.ts';
import { useMoney } from '../products/money.tsx';
import { CustomerName, DocumentStatusChip } from './DocumentBits.tsx';
import { ORDER_STATUSES, QUOTE_STATUSES, RESOURCE_OF_KIND, documentDate, documentNumber, useDocuments, type DocumentKind, type SalesDocument } from './documents.api.ts';

type Props = { kind: DocumentKind; icon: ReactNode; extraActions?: ReactNode };

/** Quotes or orders: status chips, filters by status, customer and date range, newest first. */
export function DocumentsListPage({ kind, icon, extraActions }: Props) {
  const { t, tOr } = useT();
  const format = useFormat();
  const money = useMoney();
  const me = useSession();
  const ns = kind === 'quote' ? 'quotes' : 'orders';
  const path = `/${RESOURCE_OF_KIND[kind]}`;
  const [status, setStatus] = useState('');
  const [organization, setOrganization] = useState<PickedRecord | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const filters = { status: status || undefined, organizationId: organization?.id, from: from ?? undefined, to: to ?? undefined };
  const docs = useDocuments(kind, filters);
  const rows = docs.data?.pages.flatMap((p) => p.items);
  const filtered = Boolean(status || organization || from || to);

  const columns: Column<SalesDocument>[] = [
    {
      key: 'number',
      header: t('salesDocs.number'),
      nowrap: true,
      render: (d) => (
        <Link component={RouterLink} to={`${path}/${d.id}`} sx={{ fontWeight: 600 }} data-testid="document-link">
          <LtrText>{format.digits(documentNumber(kind, d.number))}</LtrText>
        </Link>
      ),
    },
    { key: 'customer', header: t('salesDocs.customer'), minWidth: 180, render: (d) => <CustomerName doc={d} /> },
    { key: 'date', header: t('salesDocs.date'), nowrap: true, render: (d) => format.date(documentDate(d), 'short') },
    { key: 'status', header: t('salesDocs.status'), render: (d) => <DocumentStatusChip kind={kind} status={d.status} /> },
    { key: 'total', header: t('salesDocs.total'), align: 'end', nowrap: true, render: (d) => <span data-testid="document-row-total">{money.format(d.total, d.currency)}</span> },
  ];

  return (
    <Box data-testid={`${ns}-page`}>
      <PageHeader
        title={t(`${ns}.title`)}
        subtitle={t(`${ns}.subtitle`)}
        actions={
          <>
            {extraActions}
            {can(me, 'records.write') && (
              <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to={`${path}/new`} data-testid={`${kind}-new`}>
                {t(`${ns}.new`)}
              </Button>
            )}
          </>
        }
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: '180px minmax(200px, 320px) 160px 160px' }, gap: 1.5, mb: 2 }}>
        <TextField select size="small" label={t('salesDocs.status')} value={status} onChange={(e) => setStatus(e.target.value)} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'document-status-filter' } }}>
          <MenuItem value="">{t('salesDocs.allStatuses')}</MenuItem>
          {(kind === 'quote' ? QUOTE_STATUSES : ORDER_STATUSES).map((s) => (
            <MenuItem key={s} value={s}>
              {tOr(`${ns}.statuses.${s}`, s)}
            </MenuItem>
          ))}
        </TextField>
        <RecordPicker kind="organization" value={organization} onChange={setOrganization} label={t('salesDocs.customer')} testId="document-customer-filter" />
        <DateInput size="small" label={t('salesDocs.from')} value={from} onChange={setFrom} />
        <DateInput size="small" label={t('salesDocs.to')} value={to} onChange={setTo} />
      </Box>
      <Card>
        <QueryStates query={docs} rows={rows} empty={<EmptyState icon={icon} message={filtered ? t('salesDocs.empty') : t(`${ns}.empty`)} testId="documents-empty" />}>
          {(items) => <DataTable rows={items} columns={columns} rowKey={(d) => d.id} testId="documents-table" rowTestId="document-row" />}
        </QueryStates>
        {docs.hasNextPage && (
          <Box sx={{ p: 1.5, textAlign: 'center' }}>
            <Button onClick={() => void docs.fetchNextPage()} loading={docs.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Box>
        )}
      </Card>
    </Box>
  );
}
