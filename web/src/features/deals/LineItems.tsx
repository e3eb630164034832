import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import { documentTotals, lineNet, parseDecimal } from '#common/money/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { Section, useDebounced } from '../../shared/records/index.ts';
import { SaveErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { useMoney } from './deal-bits.tsx';
import { amountFromApi, amountToApi } from './DealForm.tsx';
import { useMoneySettings, useProducts, useUpdateDeal, type Deal, type DealLineItem, type ProductOption } from './deals.api.ts';

/*
 * What the customer is expected to buy. Totals are previewed with the same functions the server
 * stores them with (common/src/money), so the figure on screen is the figure saved.
 */

export function LineItemsSection({ deal, canEdit }: { deal: Deal; canEdit: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const [editing, setEditing] = useState(false);
  const lines = deal.lineItems ?? [];
  return (
    <Section
      title={t('deals.lineItems')}
      testId="deal-line-items"
      action={
        canEdit ? (
          <Button size="small" startIcon={<EditOutlinedIcon />} onClick={() => setEditing(true)} data-testid="deal-edit-lines">
            {t('deals.editLineItems')}
          </Button>
        ) : undefined
      }
    >
      {lines.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('deals.noLineItems')}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {lines.map((line, i) => (
            <Box key={line.id ?? i} sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }} data-testid="deal-line">
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  {line.description}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {format.number(Number(line.quantity))} × {money(line.unitPrice, deal.currency)}
                  {Number(line.discountPercent) ? ` − ${format.number(Number(line.discountPercent))}٪` : ''}
                </Typography>
              </Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {money(line.netAmount ?? lineNet(line), deal.currency)}
              </Typography>
            </Box>
          ))}
          <Box sx={{ display: 'flex', justifyContent: 'space-between', borderTop: 1, borderColor: 'divider', pt: 1 }}>
            <Typography variant="body2">{t('deals.subtotal')}</Typography>
            <Typography variant="body2" sx={{ fontWeight: 700 }} data-testid="deal-lines-total">
              {money(documentTotals(lines).subtotal, deal.currency)}
            </Typography>
          </Box>
        </Stack>
      )}
      {editing && <LineItemsDialog deal={deal} onClose={() => setEditing(false)} />}
    </Section>
  );
}

type LineDraft = { key: number; productId: string | null; description: string; quantity: string; unitPrice: string; discountPercent: string };

let nextKey = 1;

function LineItemsDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const { t, locale } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const money = useMoney();
  const { moneyDisplay } = useMoneySettings();
  const update = useUpdateDeal();
  const [lines, setLines] = useState<LineDraft[]>(() =>
    (deal.lineItems ?? []).map((l) => ({
      key: nextKey++,
      productId: l.productId,
      description: l.description,
      quantity: l.quantity.replace(/\.?0+$/, ''),
      unitPrice: amountFromApi(l.unitPrice, deal.currency, moneyDisplay),
      discountPercent: l.discountPercent.replace(/\.?0+$/, '') || '0',
    })),
  );
  const [submitted, setSubmitted] = useState(false);

  /** A line as the API and the money functions take it; null while a number is unreadable. */
  const toApi = (l: LineDraft): DealLineItem | null => {
    const quantity = parseDecimal(l.quantity);
    const unitPrice = amountToApi(l.unitPrice || '0', deal.currency, moneyDisplay);
    const discountPercent = parseDecimal(l.discountPercent || '0');
    if (quantity === null || unitPrice === null || discountPercent === null) return null;
    return { productId: l.productId, description: l.description.trim(), quantity, unitPrice, discountPercent };
  };
  const parsed = lines.map(toApi);
  const valid = parsed.every((l) => l !== null && l.description);
  const totals = valid ? documentTotals(parsed as DealLineItem[]) : null;

  const set = (key: number, patch: Partial<LineDraft>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const handleSave = () => {
    setSubmitted(true);
    if (!valid) return;
    update.mutate(
      { id: deal.id, patch: { version: deal.version, lineItems: parsed as DealLineItem[] } },
      {
        onSuccess: () => {
          notify({ key: 'common.saved' });
          onClose();
        },
      },
    );
  };

  const numberInput = (testId: string) => ({ htmlInput: { inputMode: 'decimal' as const, dir: 'ltr', 'data-testid': testId, style: { textAlign: locale === 'fa' ? ('right' as const) : ('left' as const) } } });

  return (
    <Dialog open onClose={update.isPending ? undefined : onClose} fullScreen={phone} maxWidth="md" fullWidth data-testid="line-items-dialog">
      <DialogTitle>{t('deals.editLineItems')}</DialogTitle>
      <DialogContent dividers>
        <SaveErrorAlert error={update.error} onReload={onClose} />
        <Stack spacing={2}>
          {lines.map((line, index) => {
            const api = parsed[index];
            return (
              <Box key={line.key} data-testid="line-editor" sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr 1fr', md: '3fr 1fr 1.5fr 1fr auto' }, alignItems: 'start', pb: 1.5, borderBottom: 1, borderColor: 'divider' }}>
                <Box sx={{ gridColumn: { xs: '1 / -1', md: 'auto' } }}>
                  <ProductPicker
                    value={line.description}
                    error={submitted && !line.description.trim()}
                    onText={(description) => set(line.key, { description, productId: null })}
                    onProduct={(p) => set(line.key, { description: p.name, productId: p.id, unitPrice: amountFromApi(p.price, deal.currency, moneyDisplay) })}
                  />
                </Box>
                <TextField size="small" label={t('deals.quantity')} value={line.quantity} error={submitted && !api} onChange={(e) => set(line.key, { quantity: e.target.value })} slotProps={numberInput('line-quantity')} />
                <TextField size="small" label={t('deals.unitPrice')} value={line.unitPrice} error={submitted && !api} onChange={(e) => set(line.key, { unitPrice: e.target.value })} slotProps={numberInput('line-unit-price')} />
                <TextField size="small" label={t('deals.discountPercent')} value={line.discountPercent} onChange={(e) => set(line.key, { discountPercent: e.target.value })} slotProps={numberInput('line-discount')} />
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, justifyContent: 'flex-end', gridColumn: { xs: '1 / -1', md: 'auto' } }}>
                  <Typography variant="body2" sx={{ fontWeight: 600, minWidth: 96, textAlign: 'end' }} data-testid="line-net">
                    {api ? money(lineNet(api), deal.currency) : '—'}
                  </Typography>
                  <Tooltip title={t('deals.removeLine')}>
                    <IconButton size="small" aria-label={t('deals.removeLine')} onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}>
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </Box>
              </Box>
            );
          })}
          <Box>
            <Button
              startIcon={<AddIcon />}
              onClick={() => setLines((all) => [...all, { key: nextKey++, productId: null, description: '', quantity: '1', unitPrice: '', discountPercent: '0' }])}
              data-testid="line-add"
            >
              {t('deals.addLine')}
            </Button>
          </Box>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography variant="body2" color="text.secondary">
              {t('deals.amountFollowsLines')}
            </Typography>
            <Typography variant="subtitle1" sx={{ fontWeight: 700 }} data-testid="lines-preview-total">
              {t('deals.subtotal')}: {totals ? money(totals.subtotal, deal.currency) : '—'}
            </Typography>
          </Box>
          {submitted && !valid && <Alert severity="error">{t('deals.amountInvalid')}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={update.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={handleSave} loading={update.isPending} data-testid="lines-save">
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A product from the catalogue (its price is filled in), or any free text. */
function ProductPicker({ value, error, onText, onProduct }: { value: string; error: boolean; onText: (text: string) => void; onProduct: (p: ProductOption) => void }) {
  const { t } = useT();
  const q = useDebounced(value, 250);
  const products = useProducts(q);
  return (
    <Autocomplete<ProductOption, false, false, true>
      freeSolo
      size="small"
      options={products.data ?? []}
      inputValue={value}
      onInputChange={(_, next, reason) => {
        if (reason === 'input' || reason === 'clear') onText(next);
      }}
      onChange={(_, next) => {
        if (next && typeof next === 'object') onProduct(next);
      }}
      filterOptions={(x) => x}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.name)}
      renderInput={(params) => (
        <TextField {...params} label={t('deals.product')} error={error} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'line-description' } }} />
      )}
    />
  );
}
