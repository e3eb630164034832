import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT } from '../../shared/i18n/index.ts';
import { textOrNull } from '../../shared/records/index.ts';
import { Form, SaveErrorAlert, fieldState, useNotify } from '../../shared/ui/index.ts';
import { CURRENCIES, MoneyInput, useMoneySettings } from './money.tsx';
import { useSaveProduct, type Product, type ProductInput, type ProductKind } from './products.api.ts';

type Draft = {
  sku: string;
  name: string;
  nameLatin: string;
  description: string;
  kind: ProductKind;
  unit: string;
  category: string;
  /** Stored amounts ('' for none, null while unreadable). */
  price: string | null;
  cost: string | null;
  currency: string;
  taxExempt: boolean;
  active: boolean;
};

const draftOf = (p: Product | null, currency: string): Draft => ({
  sku: p?.sku ?? '',
  name: p?.name ?? '',
  nameLatin: p?.nameLatin ?? '',
  description: p?.description ?? '',
  kind: p?.kind ?? 'product',
  unit: p?.unit ?? '',
  category: p?.category ?? '',
  price: p?.price ?? '',
  cost: p?.cost ?? '',
  currency: p?.currency ?? currency,
  taxExempt: p?.taxExempt ?? false,
  active: p?.active ?? true,
});

const inputOf = (d: Draft): ProductInput => ({
  sku: textOrNull(d.sku),
  name: d.name.trim(),
  nameLatin: textOrNull(d.nameLatin),
  description: textOrNull(d.description),
  kind: d.kind,
  unit: textOrNull(d.unit),
  category: textOrNull(d.category),
  price: d.price || '0',
  cost: d.cost || null,
  currency: d.currency,
  taxExempt: d.taxExempt,
  active: d.active,
});

/** Create (product = null) or edit a product. A stale version answers 409 and offers a reload. */
export function ProductDialog({ product, onClose, categories }: { product: Product | null; onClose: () => void; categories: string[] }) {
  const { t } = useT();
  const notify = useNotify();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const settings = useMoneySettings();
  const save = useSaveProduct();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product, settings.defaultCurrency));
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: 'sku' | 'name' | 'nameLatin' | 'description' | 'unit' | 'category', client?: string | null) => ({
    size: 'small' as const,
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.value),
    ...fieldState(key, { error: save.error, client }),
  });
  const nameProblem = submitted && !draft.name.trim() ? t('products.nameRequired') : null;
  const invalid = !draft.name.trim() || draft.price === null || draft.cost === null;

  const handleSubmit = () => {
    setSubmitted(true);
    if (invalid) return;
    const input = inputOf(draft);
    save.mutate(
      { id: product?.id, input, version: product?.version },
      {
        onSuccess: (saved) => {
          notify({ key: 'products.saved', vars: { name: saved.name } });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth fullScreen={fullScreen} data-testid="product-dialog">
      <Form onSubmit={handleSubmit}>
        <DialogTitle>{product ? t('products.editTitle', { name: product.name }) : t('products.newTitle')}</DialogTitle>
        <DialogContent>
          <SaveErrorAlert error={save.error} onReload={onClose} />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2, pt: 1 }}>
            <TextField {...text('name', nameProblem)} label={t('products.fields.name')} required slotProps={{ htmlInput: { 'data-testid': 'product-name', autoFocus: true } }} />
            <TextField {...text('nameLatin')} label={t('products.fields.nameLatin')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'product-name-latin' } }} />
            <TextField {...text('sku')} label={t('products.fields.sku')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'product-sku' } }} />
            <TextField select size="small" label={t('products.fields.kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as ProductKind)} slotProps={{ htmlInput: { 'data-testid': 'product-kind' } }}>
              <MenuItem value="product">{t('products.kinds.product')}</MenuItem>
              <MenuItem value="service">{t('products.kinds.service')}</MenuItem>
            </TextField>
            <TextField {...text('unit')} label={t('products.fields.unit')} slotProps={{ htmlInput: { 'data-testid': 'product-unit' } }} />
            <TextField
              {...text('category')}
              label={t('products.fields.category')}
              slotProps={{ htmlInput: { list: 'product-categories', 'data-testid': 'product-category' } }}
            />
            <datalist id="product-categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <TextField select size="small" label={t('products.fields.currency')} value={draft.currency} onChange={(e) => set('currency', e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'product-currency' } }}>
              {[...new Set([settings.defaultCurrency, ...CURRENCIES, draft.currency])].map((c) => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              ))}
            </TextField>
            <Box />
            <MoneyInput
              label={t('products.fields.price')}
              value={draft.price ?? ''}
              currency={draft.currency}
              onChange={(v) => set('price', v)}
              testId="product-price"
              {...fieldState('price', { error: save.error })}
            />
            <MoneyInput label={t('products.fields.cost')} value={draft.cost ?? ''} currency={draft.currency} onChange={(v) => set('cost', v)} testId="product-cost" />
            <TextField {...text('description')} multiline minRows={2} label={t('products.fields.description')} sx={{ gridColumn: '1 / -1' }} />
            <FormControlLabel
              control={<Switch checked={draft.taxExempt} onChange={(e) => set('taxExempt', e.target.checked)} slotProps={{ input: { 'data-testid': 'product-tax-exempt' } as object }} />}
              label={t('products.fields.taxExempt')}
            />
            <FormControlLabel
              control={<Switch checked={draft.active} onChange={(e) => set('active', e.target.checked)} slotProps={{ input: { 'data-testid': 'product-active' } as object }} />}
              label={t('products.fields.active')}
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending} disabled={submitted && invalid} data-testid="product-submit">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
