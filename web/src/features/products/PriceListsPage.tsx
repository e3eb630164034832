import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import SellOutlinedIcon from '@mui/icons-material/SellOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { DateInput, EmptyState, ErrorState, Form, LoadingState, PageHeader, SaveErrorAlert, fieldState, useNotify } from '../../shared/ui/index.ts';
import { ProductPicker, type PickedProduct } from './ProductPicker.tsx';
import { useCanConfigureSales } from './ProductsPage.tsx';
import { CURRENCIES, DecimalInput, MoneyInput, useMoney } from './money.tsx';
import { usePriceLists, useSavePriceList, useSavePriceListItems, type PriceList } from './products.api.ts';

/** Price lists on one side, the chosen list's prices (with volume steps) on the other. */
export function PriceListsPage() {
  const { t } = useT();
  const lists = usePriceLists();
  const canConfigure = useCanConfigureSales();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const selected = lists.data?.find((l) => l.id === selectedId) ?? lists.data?.[0] ?? null;

  return (
    <Box data-testid="price-lists-page">
      <PageHeader
        title={t('priceLists.title')}
        subtitle={t('priceLists.subtitle')}
        actions={
          canConfigure && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="price-list-new">
              {t('priceLists.new')}
            </Button>
          )
        }
      />
      {lists.isPending ? (
        <LoadingState />
      ) : lists.isError ? (
        <ErrorState error={lists.error} onRetry={() => void lists.refetch()} />
      ) : !lists.data.length ? (
        <Card>
          <EmptyState icon={<SellOutlinedIcon />} message={t('priceLists.empty')} />
        </Card>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '280px 1fr' }, gap: 2, alignItems: 'start' }}>
          <Card>
            <List dense data-testid="price-list-list">
              {lists.data.map((l) => (
                <ListItemButton key={l.id} selected={l.id === selected?.id} onClick={() => setSelectedId(l.id)}>
                  <ListItemText primary={l.name} secondary={l.currency} />
                  {l.isDefault && <Chip size="small" label={t('priceLists.isDefault')} />}
                </ListItemButton>
              ))}
            </List>
          </Card>
          {selected && <PriceListEditor key={`${selected.id}-${selected.version}`} list={selected} canEdit={canConfigure} />}
        </Box>
      )}
      {creating && <PriceListDialog onClose={() => setCreating(false)} onCreated={(l) => setSelectedId(l.id)} />}
    </Box>
  );
}

type ItemDraft = { key: number; product: PickedProduct | null; price: string | null; minQuantity: string | null };

let nextKey = 1;

function PriceListEditor({ list, canEdit }: { list: PriceList; canEdit: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const saveItems = useSavePriceListItems(list.id);
  const toDrafts = () =>
    (list.items ?? []).map<ItemDraft>((i) => ({ key: nextKey++, product: { id: i.productId, name: i.productName, sku: i.sku }, price: i.price, minQuantity: i.minQuantity }));
  const [items, setItems] = useState<ItemDraft[]>(toDrafts);
  useEffect(() => setItems(toDrafts()), [list]); // eslint-disable-line react-hooks/exhaustive-deps
  const update = (key: number, patch: Partial<ItemDraft>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const invalid = items.some((i) => !i.product || !i.price || i.minQuantity === null);

  const handleSave = () =>
    saveItems.mutate(
      items.map((i) => ({ productId: i.product!.id, price: i.price!, minQuantity: i.minQuantity || '1' })),
      { onSuccess: () => notify({ key: 'priceLists.itemsSaved', vars: { name: list.name } }) },
    );

  return (
    <Card data-testid="price-list-editor">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            {list.name}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {list.currency}
            {list.validFrom ? ` · ${t('priceLists.validFrom')} ${format.date(list.validFrom, 'short')}` : ''}
            {list.validTo ? ` · ${t('priceLists.validTo')} ${format.date(list.validTo, 'short')}` : ''}
          </Typography>
        </Box>
        <SaveErrorAlert error={saveItems.error} onReload={() => saveItems.reset()} />
        {!items.length && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('priceLists.noItems')}
          </Typography>
        )}
        <Stack spacing={1.5}>
          {items.map((item) => (
            <Box key={item.key} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '2fr 1.2fr 0.8fr auto' }, gap: 1, alignItems: 'start' }} data-testid="price-list-item">
              <ProductPicker value={item.product} onChange={(p) => update(item.key, { product: p, price: item.price || p?.price || '' })} label={t('salesDocs.product')} testId="price-list-item-product" />
              <MoneyInput label={t('products.fields.price')} value={item.price ?? ''} currency={list.currency} onChange={(v) => update(item.key, { price: v })} disabled={!canEdit} testId="price-list-item-price" />
              <DecimalInput label={t('priceLists.minQuantity')} value={item.minQuantity ?? ''} onChange={(v) => update(item.key, { minQuantity: v })} disabled={!canEdit} />
              {canEdit && (
                <IconButton onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))} aria-label={t('salesDocs.removeLine')}>
                  <DeleteOutlineIcon />
                </IconButton>
              )}
            </Box>
          ))}
        </Stack>
        {canEdit && (
          <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
            <Button startIcon={<AddIcon />} onClick={() => setItems((all) => [...all, { key: nextKey++, product: null, price: '', minQuantity: '1' }])} data-testid="price-list-add-item">
              {t('priceLists.addItem')}
            </Button>
            <Box sx={{ flex: 1 }} />
            <Button variant="contained" disabled={invalid} loading={saveItems.isPending} onClick={handleSave} data-testid="price-list-save-items">
              {t('priceLists.saveItems')}
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

function PriceListDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (list: PriceList) => void }) {
  const { t } = useT();
  const notify = useNotify();
  const money = useMoney();
  const save = useSavePriceList();
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState(money.defaultCurrency);
  const [isDefault, setIsDefault] = useState(false);
  const [validFrom, setValidFrom] = useState<string | null>(null);
  const [validTo, setValidTo] = useState<string | null>(null);

  const handleSubmit = () => {
    if (!name.trim()) return;
    save.mutate(
      { input: { name: name.trim(), currency, isDefault, validFrom, validTo } },
      {
        onSuccess: (list) => {
          notify({ key: 'priceLists.saved', vars: { name: list.name } });
          onCreated(list);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} maxWidth="xs" fullWidth data-testid="price-list-dialog">
      <Form onSubmit={handleSubmit}>
        <DialogTitle>{t('priceLists.new')}</DialogTitle>
        <DialogContent>
          <SaveErrorAlert error={save.error} onReload={onClose} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField size="small" label={t('priceLists.name')} value={name} onChange={(e) => setName(e.target.value)} required {...fieldState('name', { error: save.error })} slotProps={{ htmlInput: { 'data-testid': 'price-list-name', autoFocus: true } }} />
            <TextField select size="small" label={t('products.fields.currency')} value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {[...new Set([money.defaultCurrency, ...CURRENCIES])].map((c) => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              ))}
            </TextField>
            <DateInput size="small" label={t('priceLists.validFrom')} value={validFrom} onChange={setValidFrom} />
            <DateInput size="small" label={t('priceLists.validTo')} value={validTo} onChange={setValidTo} />
            <FormControlLabel control={<Switch checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />} label={t('priceLists.isDefault')} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={!name.trim()} loading={save.isPending} data-testid="price-list-submit">
            {t('common.create')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
