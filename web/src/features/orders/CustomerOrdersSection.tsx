import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { Section } from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ErrorState, LoadingState, LtrText } from '../../shared/ui/index.ts';
import { useMoney } from '../products/money.tsx';
import { DocumentStatusChip } from './DocumentBits.tsx';
import { RESOURCE_OF_KIND, documentDate, documentNumber, useCustomerDocuments, useCustomerOrderSummary, type DocumentKind, type SalesDocument } from './documents.api.ts';

type Customer = { organizationId?: string; personId?: string };

/** On a customer's page: what they bought (count, revenue, margin, first and last order) and their latest orders and quotes. */
export function CustomerOrdersSection({ organizationId, personId }: Customer) {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const me = useSession();
  const customer: Customer = organizationId ? { organizationId } : { personId };
  const summary = useCustomerOrderSummary(customer);
  const orders = useCustomerDocuments('order', customer);
  const quotes = useCustomerDocuments('quote', customer);
  const query = new URLSearchParams(customer as Record<string, string>).toString();

  const recent = [
    ...(orders.data?.items ?? []).map((doc) => ({ kind: 'order' as DocumentKind, doc })),
    ...(quotes.data?.items ?? []).map((doc) => ({ kind: 'quote' as DocumentKind, doc })),
  ]
    .sort((a, b) => documentDate(b.doc).localeCompare(documentDate(a.doc)) || b.doc.createdAt.localeCompare(a.doc.createdAt))
    .slice(0, 6);

  const s = summary.data;
  const stat = (label: string, value: string, testId: string) => (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );

  return (
    <Section
      title={t('salesDocs.ordersSection')}
      testId="customer-orders"
      action={
        can(me, 'records.write') ? (
          <Button size="small" startIcon={<AddIcon />} component={RouterLink} to={`/quotes/new?${query}`} data-testid="customer-new-quote">
            {t('salesDocs.newQuoteFor')}
          </Button>
        ) : undefined
      }
    >
      {summary.isPending ? (
        <LoadingState minHeight={80} />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : s && s.orderCount > 0 ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))', gap: 1.5, mb: 2 }} data-testid="customer-orders-summary">
          {stat(t('salesDocs.orderCount'), format.number(s.orderCount), 'customer-order-count')}
          {stat(t('salesDocs.revenue'), money.format(s.revenueBase, s.currency), 'customer-revenue')}
          {stat(t('salesDocs.margin'), money.format(s.marginBase, s.currency), 'customer-margin')}
          {s.firstOrderDate && stat(t('salesDocs.firstOrder'), format.date(s.firstOrderDate, 'short'), 'customer-first-order')}
          {s.lastOrderDate && stat(t('salesDocs.lastOrder'), format.date(s.lastOrderDate, 'short'), 'customer-last-order')}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mb: recent.length ? 1.5 : 0 }}>
          {t('salesDocs.noOrders')}
        </Typography>
      )}
      {recent.length > 0 && (
        <>
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1 }}>
            {t('salesDocs.recent')}
          </Typography>
          <Stack spacing={1}>
            {recent.map(({ kind, doc }) => (
              <RecentRow key={`${kind}-${doc.id}`} kind={kind} doc={doc} />
            ))}
          </Stack>
        </>
      )}
    </Section>
  );
}

function RecentRow({ kind, doc }: { kind: DocumentKind; doc: SalesDocument }) {
  const format = useFormat();
  const money = useMoney();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }} data-testid="customer-document-row">
      <Link component={RouterLink} to={`/${RESOURCE_OF_KIND[kind]}/${doc.id}`} variant="body2" sx={{ fontWeight: 600 }}>
        <LtrText>{format.digits(documentNumber(kind, doc.number))}</LtrText>
      </Link>
      <Typography variant="caption" color="text.secondary">
        {format.date(documentDate(doc), 'short')}
      </Typography>
      <DocumentStatusChip kind={kind} status={doc.status} />
      <Typography variant="body2" sx={{ marginInlineStart: 'auto', whiteSpace: 'nowrap' }}>
        {money.format(doc.total, doc.currency)}
      </Typography>
    </Box>
  );
}
