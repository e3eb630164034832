import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import Inventory2OutlinedIcon from '@mui/icons-material/Inventory2Outlined';
import SearchIcon from '@mui/icons-material/Search';
import { subtract } from '#common/money/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useDebounced } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { ConfirmRowActionDialog, DataTable, EmptyState, LtrText, PageHeader, QueryStates, type Column } from '../../shared/ui/index.ts';
import { ProductDialog } from './ProductDialog.tsx';
import { useMoney } from './money.tsx';
import { useDeleteProduct, useProducts, type Product, type ProductFilters } from './products.api.ts';

/** Products, price lists and sales settings are configured by admins and sales managers. */
export function useCanConfigureSales(): boolean {
  return useSession().permissions.includes('sales.configure');
}

export function ProductsPage() {
  const { t } = useT();
  const money = useMoney();
  const canConfigure = useCanConfigureSales();
  const [q, setQ] = useState('');
  const [active, setActive] = useState<ProductFilters['active']>('');
  const [category, setCategory] = useState('');
  const filters = { q: useDebounced(q.trim(), 250), active, category };
  const products = useProducts(filters);
  const rows = products.data?.pages.flatMap((p) => p.items);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Product | null>(null);
  const remove = useDeleteProduct();
  // Categories seen so far (the unfiltered first page): choices for the filter and the dialog.
  const categories = useMemo(() => [...new Set((rows ?? []).map((p) => p.category).filter((c): c is string => Boolean(c)))].sort(), [rows]);
  const [knownCategories, setKnownCategories] = useState<string[]>([]);
  if (categories.some((c) => !knownCategories.includes(c))) setKnownCategories([...new Set([...knownCategories, ...categories])].sort());

  const columns: Column<Product>[] = [
    {
      key: 'name',
      header: t('products.fields.name'),
      minWidth: 200,
      render: (p) => (
        <Box>
          <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="product-row-name">
            {p.name}
          </Typography>
          {p.nameLatin && (
            <Typography variant="caption" color="text.secondary">
              <LtrText>{p.nameLatin}</LtrText>
            </Typography>
          )}
        </Box>
      ),
    },
    { key: 'sku', header: t('products.fields.sku'), nowrap: true, render: (p) => (p.sku ? <LtrText mono>{p.sku}</LtrText> : '—') },
    { key: 'kind', header: t('products.fields.kind'), render: (p) => t(`products.kinds.${p.kind}`) },
    { key: 'category', header: t('products.fields.category'), render: (p) => p.category ?? '—' },
    { key: 'unit', header: t('products.fields.unit'), render: (p) => p.unit ?? '—' },
    { key: 'price', header: t('products.fields.price'), align: 'end', nowrap: true, render: (p) => <span data-testid="product-row-price">{money.format(p.price, p.currency)}</span> },
    {
      key: 'margin',
      header: t('products.margin'),
      align: 'end',
      nowrap: true,
      render: (p) => (p.cost ? money.format(subtract(p.price, p.cost), p.currency) : '—'),
    },
    {
      key: 'status',
      header: t('products.activeFilter'),
      render: (p) => (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          <Chip size="small" variant={p.active ? 'outlined' : 'filled'} color={p.active ? 'success' : 'default'} label={t(p.active ? 'products.status.active' : 'products.status.inactive')} />
          {p.taxExempt && <Chip size="small" variant="outlined" label={t('products.fields.taxExempt')} />}
        </Box>
      ),
    },
  ];

  return (
    <Box data-testid="products-page">
      <PageHeader
        title={t('products.title')}
        subtitle={canConfigure ? t('products.subtitle') : `${t('products.subtitle')} ${t('products.readOnly')}`}
        actions={
          canConfigure && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="product-new">
              {t('products.new')}
            </Button>
          )
        }
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'minmax(240px, 420px) 160px 200px' }, gap: 1.5, mb: 2 }}>
        <TextField
          size="small"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('products.searchPlaceholder')}
          sx={{ gridColumn: { xs: '1 / -1', md: 'auto' } }}
          slotProps={{
            input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> },
            htmlInput: { 'data-testid': 'product-search', 'aria-label': t('products.searchPlaceholder') },
          }}
        />
        <TextField select size="small" label={t('products.activeFilter')} value={active} onChange={(e) => setActive(e.target.value as ProductFilters['active'])} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
          <MenuItem value="">{t('products.activeAll')}</MenuItem>
          <MenuItem value="true">{t('products.activeOnly')}</MenuItem>
          <MenuItem value="false">{t('products.inactiveOnly')}</MenuItem>
        </TextField>
        <TextField select size="small" label={t('products.fields.category')} value={category} onChange={(e) => setCategory(e.target.value)} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
          <MenuItem value="">{t('products.allCategories')}</MenuItem>
          {knownCategories.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Card>
        <QueryStates
          query={products}
          rows={rows}
          empty={<EmptyState icon={<Inventory2OutlinedIcon />} message={filters.q || active || category ? t('products.noMatches') : t('products.empty')} testId="products-empty" />}
        >
          {(items) => (
            <DataTable
              rows={items}
              columns={columns}
              rowKey={(p) => p.id}
              testId="products-table"
              rowTestId="product-row"
              cardsBelow="md"
              actions={
                canConfigure
                  ? (p) => (
                      <>
                        <Tooltip title={t('common.details')}>
                          <IconButton size="small" onClick={() => setEditing(p)} aria-label={t('products.editTitle', { name: p.name })} data-testid="product-edit">
                            <EditOutlinedIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                        <IconButton size="small" onClick={() => setDeleting(p)} aria-label={t('products.deleteTitle', { name: p.name })} data-testid="product-delete">
                          <DeleteOutlineIcon fontSize="small" />
                        </IconButton>
                      </>
                    )
                  : undefined
              }
            />
          )}
        </QueryStates>
        {products.hasNextPage && (
          <Box sx={{ p: 1.5, textAlign: 'center' }}>
            <Button onClick={() => void products.fetchNextPage()} loading={products.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Box>
        )}
      </Card>
      {editing && <ProductDialog key={editing === 'new' ? 'new' : editing.id} product={editing === 'new' ? null : editing} categories={knownCategories} onClose={() => setEditing(null)} />}
      <ConfirmRowActionDialog
        row={deleting}
        title={deleting ? t('products.deleteTitle', { name: deleting.name }) : ''}
        body={() => t('products.deleteBody')}
        confirmLabel={t('common.delete')}
        mutation={remove}
        doneMessage={(p) => ({ key: 'products.deleted', vars: { name: p.name } })}
        onDone={() => setDeleting(null)}
      />
    </Box>
  );
}
