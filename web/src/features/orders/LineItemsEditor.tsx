import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { lineNet, type DocumentTotals } from '#common/money/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { ProductPicker, type PickedProduct } from '../products/ProductPicker.tsx';
import { DecimalInput, MoneyInput, useMoney } from '../products/money.tsx';
import { fetchApplicablePrice, type Product } from '../products/products.api.ts';
import { emptyLine, lineForApi, lineIsValid, type LineDraft } from './line-drafts.ts';

type Props = {
  lines: LineDraft[];
  /** Takes the change as a function of the latest lines (a price list's price arrives later). */
  onChange: (change: (lines: LineDraft[]) => LineDraft[]) => void;
  currency: string;
  vatRate: string;
  readOnly: boolean;
  /** When set, a picked product is priced from this list for the line's quantity. */
  priceListId?: string | null;
};

export function LineItemsEditor({ lines, onChange, currency, vatRate, readOnly, priceListId }: Props) {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const update = (key: number, patch: Partial<LineDraft>) => onChange((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const pickProduct = (line: LineDraft, product: Product | null) => {
    if (!product) return update(line.key, { product: null });
    update(line.key, {
      product,
      description: product.name,
      unitPrice: product.currency === currency ? product.price : line.unitPrice,
      taxRate: product.taxExempt ? '0' : vatRate,
      unitCost: product.cost,
    });
    if (priceListId) {
      // The list's price for this quantity (volume steps), when it has one; the list price stays otherwise.
      fetchApplicablePrice(product.id, priceListId, line.quantity || '1').then(
        (price) => price && update(line.key, { unitPrice: price }),
        () => undefined,
      );
    }
  };

  return (
    <Stack spacing={1.5} data-testid="line-items">
      {!lines.length && (
        <Typography variant="body2" color="text.secondary">
          {t('salesDocs.noLines')}
        </Typography>
      )}
      {lines.map((line, index) => {
        const net = lineIsValid(line) ? lineNet(lineForApi(line)) : null;
        return (
          <Paper key={line.key} variant="outlined" sx={{ p: { xs: 1.5, sm: 2 }, borderRadius: 2 }} data-testid="line-item">
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'auto 2fr 3fr' }, gap: 1.5, alignItems: 'start' }}>
              <Typography variant="body2" color="text.secondary" sx={{ pt: 1, minWidth: 20, display: { xs: 'none', md: 'block' } }}>
                {format.number(index + 1)}
              </Typography>
              {readOnly ? (
                <Typography variant="body2" sx={{ pt: 1 }}>
                  {line.product?.name ?? '—'}
                </Typography>
              ) : (
                <ProductPicker value={line.product} onChange={(p) => pickProduct(line, p)} label={t('salesDocs.product')} placeholder={t('salesDocs.productPlaceholder')} testId="line-product" />
              )}
              <TextField
                size="small"
                label={t('salesDocs.description')}
                value={line.description}
                onChange={(e) => update(line.key, { description: e.target.value })}
                disabled={readOnly}
                error={!line.description.trim() && !readOnly && Boolean(line.unitPrice)}
                slotProps={{ htmlInput: { 'data-testid': 'line-description' } }}
              />
            </Box>
            <Box
              sx={{
                mt: 1.5,
                display: 'grid',
                gridTemplateColumns: { xs: '1fr 1fr', sm: '0.8fr 1.6fr 0.8fr 0.8fr 1.4fr auto' },
                gap: 1.5,
                alignItems: 'start',
              }}
            >
              <DecimalInput label={t('salesDocs.quantity')} value={line.quantity ?? ''} onChange={(v) => update(line.key, { quantity: v })} disabled={readOnly} maxDecimals={3} testId="line-quantity" />
              <MoneyInput label={t('salesDocs.unitPrice')} value={line.unitPrice ?? ''} currency={currency} onChange={(v) => update(line.key, { unitPrice: v })} disabled={readOnly} showFormatted={false} testId="line-unit-price" />
              <DecimalInput label={t('salesDocs.discountPercent')} value={line.discountPercent ?? ''} onChange={(v) => update(line.key, { discountPercent: v })} disabled={readOnly} testId="line-discount" />
              <DecimalInput label={t('salesDocs.taxRate')} value={line.taxRate ?? ''} onChange={(v) => update(line.key, { taxRate: v })} disabled={readOnly} testId="line-tax" />
              <Box sx={{ pt: 0.5 }}>
                <Typography variant="caption" color="text.secondary" component="div">
                  {t('salesDocs.lineTotal')}
                </Typography>
                <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} data-testid="line-net">
                  {net === null ? '—' : money.format(net, currency)}
                </Typography>
              </Box>
              {!readOnly && (
                <IconButton onClick={() => onChange((all) => all.filter((l) => l.key !== line.key))} aria-label={t('salesDocs.removeLine')} data-testid="line-remove" sx={{ justifySelf: 'end' }}>
                  <DeleteOutlineIcon />
                </IconButton>
              )}
            </Box>
          </Paper>
        );
      })}
      {!readOnly && (
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => onChange((all) => [...all, emptyLine(vatRate)])} data-testid="line-add">
            {t('salesDocs.addLine')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

/** Subtotal, document discount, VAT and total, as the server will store them. */
export function TotalsBlock({ totals, currency, discountInput }: { totals: DocumentTotals | null; currency: string; discountInput?: React.ReactNode }) {
  const { t } = useT();
  const money = useMoney();
  const row = (label: string, value: string | null | undefined, testId: string, strong = false) => (
    <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.75, alignItems: 'baseline' }}>
      <Typography variant={strong ? 'subtitle1' : 'body2'} sx={{ fontWeight: strong ? 700 : 400 }}>
        {label}
      </Typography>
      <Typography variant={strong ? 'subtitle1' : 'body2'} sx={{ fontWeight: strong ? 700 : 500, whiteSpace: 'nowrap' }} data-testid={testId} data-amount={value ?? ''}>
        {value == null ? '—' : money.format(value, currency)}
      </Typography>
    </Box>
  );
  return (
    <Box data-testid="totals">
      {row(t('salesDocs.subtotal'), totals?.subtotal, 'totals-subtotal')}
      {discountInput && <Box sx={{ py: 1 }}>{discountInput}</Box>}
      {row(t('salesDocs.discount'), totals?.discountAmount, 'totals-discount')}
      {row(t('salesDocs.tax'), totals?.taxTotal, 'totals-tax')}
      <Box sx={{ borderTop: 1, borderColor: 'divider', mt: 0.5 }} />
      {row(t('salesDocs.grandTotal'), totals?.total, 'totals-total', true)}
    </Box>
  );
}
