import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import InputAdornment from '@mui/material/InputAdornment';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridRowSelectionModel, type GridSortModel } from '@mui/x-data-grid';
import { enUS as gridEnUS, faIR as gridFaIR } from '@mui/x-data-grid/locales';
import AddIcon from '@mui/icons-material/Add';
import ContactPhoneOutlinedIcon from '@mui/icons-material/ContactPhoneOutlined';
import DeleteSweepOutlinedIcon from '@mui/icons-material/DeleteSweepOutlined';
import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import FileUploadOutlinedIcon from '@mui/icons-material/FileUploadOutlined';
import SearchIcon from '@mui/icons-material/Search';
import TableViewOutlinedIcon from '@mui/icons-material/TableViewOutlined';
import UpdateOutlinedIcon from '@mui/icons-material/UpdateOutlined';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import { can, useSession } from '../session/index.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/LoadingState.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { BulkBar } from './BulkBar.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { FieldValue, fieldValueOf } from './FieldValue.tsx';
import { FilterButton } from './FilterBuilder.tsx';
import { FilterChips } from './FilterChips.tsx';
import { useFieldCatalog } from './fields.api.ts';
import { emptyGroup, filterParam, sameFilter, sortParam, type FieldDescriptor, type FilterGroup, type SortSpec } from './filter-model.ts';
import { exportUrl, useRecordPages, useViews, type ListParams, type SavedView } from './records.api.ts';
import { RESOURCE_OF, type RecordType } from './records.types.ts';
import { useDebounced } from './useDebounced.ts';
import { ViewsMenu } from './ViewsMenu.tsx';

/**
 * How a page shows one column. The columns themselves come from the server's field catalog
 * (every field, labelled in the user's language, sortable and shown by default as it says); a
 * page only adjusts how some of them look, and may add a column that is no single field (the
 * name). Such an extra column needs a label and a render, and comes first.
 */
export type RecordColumn<T> = {
  field: string;
  /** Needed by a column that is not a catalog field; a catalog field is labelled by the server. */
  label?: string;
  /** The API field to sort by; null when the column cannot be sorted. Default: the field, when sortable. */
  sortField?: string | null;
  width?: number;
  flex?: number;
  minWidth?: number;
  /** Default: the value shown by its described type (FieldValue). */
  render?: (row: T) => ReactNode;
  /** Where the value lives when not under the field's key (e.g. consent.email for consentEmail). */
  value?: (row: T) => unknown;
  /** Always shown (the name). */
  locked?: boolean;
  /** Earlier names of this column that saved views may still hold. */
  aliases?: string[];
};

type ListColumn<T> = Required<Pick<RecordColumn<T>, 'field' | 'label' | 'render'>> &
  Pick<RecordColumn<T>, 'width' | 'flex' | 'minWidth' | 'locked' | 'aliases'> & { sortField: string | null; defaultVisible: boolean; custom: boolean };

/** Sizes by type, for fields a page says nothing about. */
function defaultSize(field: FieldDescriptor): Pick<RecordColumn<unknown>, 'minWidth' | 'flex'> {
  if (field.type === 'emails') return { minWidth: 180, flex: 1.3 };
  if (field.type === 'tags' || field.type === 'multi_enum') return { minWidth: 160, flex: 1 };
  if (field.type === 'date' || field.type === 'datetime' || field.type === 'number' || field.type === 'boolean') return { minWidth: 120, flex: 0.8 };
  return { minWidth: 130, flex: 1 };
}

/** The page's extra columns, then every catalog field in catalog order, as the page adjusts them. */
function listColumns<T extends { custom?: Record<string, unknown> }>(fields: FieldDescriptor[], adjust: RecordColumn<T>[], locale: 'fa' | 'en'): ListColumn<T>[] {
  const byField = new Map(adjust.map((c) => [c.field, c]));
  const known = new Set(fields.map((f) => f.key));
  const extra = adjust
    .filter((c) => !known.has(c.field))
    .map<ListColumn<T>>((c) => ({ ...c, label: c.label ?? c.field, render: c.render ?? (() => null), sortField: c.sortField ?? null, defaultVisible: true, custom: false }));
  const described = fields.map<ListColumn<T>>((field) => {
    const page = byField.get(field.key);
    const value = page?.value ?? ((row: T) => fieldValueOf(row, field.key));
    return {
      ...defaultSize(field),
      ...page,
      field: field.key,
      label: page?.label ?? field.label[locale],
      sortField: page?.sortField !== undefined ? page.sortField : field.sortable ? field.key : null,
      defaultVisible: field.defaultColumn,
      custom: field.custom,
      render: page?.render ?? ((row: T) => <FieldValue field={field} value={value(row)} />),
    };
  });
  return [...extra, ...described];
}

type Props<T extends { id: string; custom?: Record<string, unknown> }> = {
  entityType: RecordType;
  title: string;
  subtitle: string;
  allLabel: string;
  /** Extra columns and adjustments of catalog fields' columns. */
  columns: RecordColumn<T>[];
  renderCard: (row: T) => ReactNode;
  hrefOf: (row: T) => string;
  /** The quick-create dialog, opened by the "New" button. */
  renderCreate?: (props: { open: boolean; onClose: () => void }) => ReactNode;
  createLabel: string;
  emptyIcon: ReactNode;
  emptyMessage: string;
  supportsStale?: boolean;
  vcard?: boolean;
  /** Where the server has no CSV export or import of this kind of record (default: both offered). */
  exportable?: boolean;
  importable?: boolean;
  /** Where the server has no bulk endpoint: no row selection (default: offered). */
  bulk?: boolean;
  /** More controls beside the "New" button (e.g. the deals' board/list switch). */
  headerExtra?: ReactNode;
  testId: string;
};

const PAGE_SIZES = [25, 50, 100];

/**
 * A customer list: server-side filter/sort/keyset paging in a data grid (cards on a phone),
 * saved views, column chooser, quick search, bulk actions, export.
 */
export function RecordListPage<T extends { id: string; custom?: Record<string, unknown> }>(props: Props<T>) {
  const { entityType, columns, renderCard, hrefOf, renderCreate, supportsStale, vcard, testId, exportable = true, importable = true, bulk = true, headerExtra } = props;
  const resource = RESOURCE_OF[entityType];
  const { t, locale } = useT();
  const format = useFormat();
  const me = useSession();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [searchParams, setSearchParams] = useSearchParams();
  const catalog = useFieldCatalog(entityType);
  const views = useViews(entityType);

  const canWrite = can(me, 'records.write');
  const canDelete = can(me, 'records.delete');
  const canExport = exportable && can(me, 'records.export');
  const canImport = importable && can(me, 'records.import');
  const selectable = bulk && (canWrite || canDelete);

  // ---------- columns ----------
  const allColumns = useMemo(() => listColumns(catalog.fields, columns, locale), [catalog.fields, columns, locale]);
  const defaultVisible = useMemo(() => allColumns.filter((c) => c.defaultVisible).map((c) => c.field), [allColumns]);
  /** A saved view's columns under their current names. */
  const viewColumns = (names: string[]) => names.map((name) => allColumns.find((c) => c.aliases?.includes(name))?.field ?? name);

  // ---------- list state ----------
  const [activeView, setActiveView] = useState<SavedView | null>(null);
  const [filter, setFilter] = useState<FilterGroup>(emptyGroup());
  const [sort, setSort] = useState<SortSpec | null>(null);
  const [visible, setVisible] = useState<string[] | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const [trash, setTrash] = useState(false);
  const [stale, setStale] = useState(false);
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 25 });
  const [selected, setSelected] = useState<string[]>([]);
  const [createOpen, setCreateOpen] = useState(false);
  const visibleColumns = visible ?? defaultVisible;

  const applyView = (view: SavedView | null) => {
    setActiveView(view);
    setFilter(view?.filter ?? emptyGroup());
    setSort(view?.sort?.[0] ?? null);
    setVisible(view?.columns?.length ? viewColumns(view.columns) : null);
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (view) next.set('view', view.id);
        else next.delete('view');
        return next;
      },
      { replace: true },
    );
  };

  // A view named in the address (a shared link, a reload) is applied once the views arrive.
  const viewFromUrl = searchParams.get('view');
  const appliedUrlView = useRef(false);
  useEffect(() => {
    if (appliedUrlView.current || !views.data) return;
    appliedUrlView.current = true;
    const view = viewFromUrl ? views.data.find((v) => v.id === viewFromUrl) : undefined;
    if (view) applyView(view);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [views.data, viewFromUrl]);

  const params: ListParams = useMemo(
    () => ({ q, filter: filterParam(filter), sort: sortParam(sort), deleted: trash, stale: stale && !trash }),
    [q, filter, sort, trash, stale],
  );
  const list = useRecordPages<T>(resource, params, pagination.pageSize);
  const pages = list.data?.pages ?? [];

  // A new query starts again at its first page, with nothing selected.
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    setPagination((p) => (p.page === 0 ? p : { ...p, page: 0 }));
    setSelected([]);
  }, [paramsKey]);

  // Moving to a page not fetched yet follows the previous page's cursor.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (!phone && pagination.page >= pages.length && pages.length > 0 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [phone, pagination.page, pages.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // While the page asked for is on its way, the previous one stays under the loading overlay.
  const pageIndex = Math.min(pagination.page, Math.max(0, pages.length - 1));
  const gridRows = pages[pageIndex]?.items ?? [];
  const loadedCount = pages.reduce((n, p) => n + p.items.length, 0);
  const allLoaded = pages.flatMap((p) => p.items);
  const rowCount = hasNextPage ? -1 : loadedCount;

  const dirty =
    activeView !== null &&
    (!sameFilter(activeView.filter, filter) ||
      sortParam(activeView.sort?.[0]) !== sortParam(sort) ||
      JSON.stringify(activeView.columns?.length ? viewColumns(activeView.columns) : defaultVisible) !== JSON.stringify(visibleColumns));

  // ---------- grid ----------
  const gridColumns = useMemo<GridColDef<T>[]>(
    () =>
      allColumns.map((c) => ({
        field: c.field,
        headerName: c.label,
        sortable: c.sortField !== null,
        filterable: false,
        hideable: !c.locked,
        width: c.width,
        flex: c.width ? undefined : (c.flex ?? 1),
        minWidth: c.minWidth ?? 120,
        renderCell: (params) => c.render(params.row),
        valueGetter: () => null,
      })),
    [allColumns],
  );
  const sortFieldOf = (column: string) => allColumns.find((c) => c.field === column)?.sortField ?? column;
  const columnOfSort = (field: string) => allColumns.find((c) => (c.sortField ?? c.field) === field)?.field ?? field;
  // Stable references: a new sort model (even an equal one) makes the grid go back to page one.
  const sortColumn = sort ? columnOfSort(sort.field) : null;
  const sortModel = useMemo<GridSortModel>(() => (sort && sortColumn ? [{ field: sortColumn, sort: sort.direction }] : []), [sort, sortColumn]);
  const paginationMeta = useMemo(() => ({ hasNextPage: Boolean(hasNextPage) }), [hasNextPage]);
  const pageSizeOptions = useMemo(() => PAGE_SIZES.map((value) => ({ value, label: format.number(value) })), [format]);

  const visibilityModel = useMemo(() => Object.fromEntries(allColumns.map((c) => [c.field, c.locked || visibleColumns.includes(c.field)])), [allColumns, visibleColumns]);

  const gridLocale = useMemo(() => {
    const base = (locale === 'fa' ? gridFaIR : gridEnUS).components.MuiDataGrid.defaultProps.localeText;
    return {
      ...base,
      noRowsLabel: t('records.noRows'),
      paginationRowsPerPage: t('records.rowsPerPage'),
      paginationItemAriaLabel: (type: 'first' | 'last' | 'next' | 'previous') =>
        type === 'next' ? t('records.nextPage') : type === 'previous' ? t('records.previousPage') : type === 'first' ? t('records.firstPage') : t('records.lastPage'),
      paginationDisplayedRows: ({ from, to, count }: { from: number; to: number; count: number }) =>
        count === -1 || count === undefined
          ? t('records.rangeMore', { from: format.number(from), to: format.number(to) })
          : t('records.rangeOf', { from: format.number(from), to: format.number(to), count: format.number(count) }),
    };
  }, [locale, t, format]);

  const selectionModel: GridRowSelectionModel = useMemo(() => ({ type: 'include', ids: new Set(selected) }), [selected]);
  const handleSelection = (model: GridRowSelectionModel) => {
    if (model.type === 'include') setSelected([...model.ids].map(String));
    else setSelected(gridRows.map((r) => r.id).filter((id) => !model.ids.has(id)));
  };

  const exportParams: ListParams = activeView && !dirty ? { view: activeView.id, q, deleted: trash } : params;

  const toolbar = (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1.5 }}>
      <TextField
        size="small"
        placeholder={t('records.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        sx={{ flex: { xs: '1 1 100%', sm: '1 1 220px' }, maxWidth: { sm: 320 } }}
        slotProps={{
          input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> },
          htmlInput: { 'data-testid': 'list-search', 'aria-label': t('records.searchPlaceholder') },
        }}
      />
      <ViewsMenu
        entityType={entityType}
        allLabel={props.allLabel}
        active={activeView}
        dirty={dirty}
        current={{ filter: filterParam(filter) ? filter : emptyGroup(filter.op), sort: sort ? [sort] : [], columns: visibleColumns }}
        onSelect={applyView}
      />
      <FilterButton fields={catalog.fields} value={filter} onChange={setFilter} />
      {!phone && (
        <ColumnChooser
          columns={allColumns.map((c) => ({ field: c.field, label: c.label, locked: c.locked, custom: c.custom }))}
          visible={visibleColumns}
          onChange={setVisible}
          onReset={() => setVisible(null)}
        />
      )}
      {canExport && <ExportMenu urls={{ csv: exportUrl(resource, 'csv', exportParams), vcf: vcard ? exportUrl(resource, 'vcf', exportParams) : undefined }} />}
      {canImport && (
        <Button component={RouterLink} to={`/imports/new?entityType=${entityType}`} variant="outlined" color="inherit" startIcon={<FileUploadOutlinedIcon />} sx={{ borderColor: 'divider' }} data-testid="list-import">
          {t('records.import')}
        </Button>
      )}
    </Box>
  );

  const quickToggles = (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 1.5 }}>
      {supportsStale && (
        <Chip
          icon={<UpdateOutlinedIcon />}
          label={t('records.stale')}
          color={stale ? 'warning' : 'default'}
          variant={stale ? 'filled' : 'outlined'}
          onClick={() => setStale((v) => !v)}
          disabled={trash}
          data-testid="filter-stale"
        />
      )}
      {canDelete && (
        <Chip
          icon={<DeleteSweepOutlinedIcon />}
          label={t('records.trash')}
          color={trash ? 'error' : 'default'}
          variant={trash ? 'filled' : 'outlined'}
          onClick={() => setTrash((v) => !v)}
          data-testid="filter-trash"
        />
      )}
      <FilterChips fields={catalog.fields} group={filter} onChange={setFilter} />
    </Box>
  );

  let body: ReactNode;
  if (list.isPending || catalog.isPending) body = <LoadingState />;
  else if (list.isError || catalog.isError)
    body = (
      <Box sx={{ p: 2 }}>
        <ErrorState
          error={list.error ?? catalog.error}
          onRetry={() => {
            if (list.isError) void list.refetch();
            if (catalog.isError) void catalog.refetch();
          }}
        />
      </Box>
    );
  else if (loadedCount === 0 && !list.isFetching)
    body = (
      <EmptyState
        testId="list-empty"
        icon={props.emptyIcon}
        title={params.q || params.filter || params.stale ? t('records.noMatchesTitle') : undefined}
        message={params.q || params.filter || params.stale ? t('records.noMatches') : params.deleted ? t('records.trashEmpty') : props.emptyMessage}
        action={
          !params.q && !params.filter && !params.deleted && renderCreate && canWrite ? (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreateOpen(true)}>
              {props.createLabel}
            </Button>
          ) : undefined
        }
      />
    );
  else if (phone)
    body = (
      <Stack divider={<Divider flexItem />} data-testid={`${testId}-cards`}>
        {allLoaded.map((row) => (
          <Box key={row.id} data-testid="record-card" sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5, px: 1, py: 1.25 }}>
            {selectable && (
              <Checkbox
                size="small"
                checked={selected.includes(row.id)}
                onChange={(e) => setSelected((prev) => (e.target.checked ? [...prev, row.id] : prev.filter((id) => id !== row.id)))}
                slotProps={{ input: { 'aria-label': t('bulk.selectRow') } }}
                sx={{ mt: -0.5 }}
              />
            )}
            <Box component={RouterLink} to={hrefOf(row)} sx={{ flex: 1, minWidth: 0, color: 'inherit', textDecoration: 'none' }}>
              {renderCard(row)}
            </Box>
          </Box>
        ))}
        <Box sx={{ p: 2, textAlign: 'center' }}>
          {hasNextPage ? (
            <Button variant="outlined" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} data-testid="list-load-more">
              {t('common.loadMore')}
            </Button>
          ) : (
            <Typography variant="caption" color="text.secondary">
              {t('records.endOfList', { count: format.number(loadedCount) })}
            </Typography>
          )}
        </Box>
      </Stack>
    );
  else
    body = (
      <Box data-testid={`${testId}-grid`}>
        <DataGrid<T>
          rows={gridRows}
          columns={gridColumns}
          getRowId={(r) => r.id}
          autoHeight
          rowHeight={56}
          checkboxSelection={selectable}
          disableRowSelectionOnClick
          keepNonExistentRowsSelected
          rowSelectionModel={selectionModel}
          onRowSelectionModelChange={handleSelection}
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          disableColumnFilter
          rowCount={rowCount}
          paginationMeta={paginationMeta}
          paginationModel={pagination}
          onPaginationModelChange={(model) =>
            setPagination((prev) => (model.pageSize !== prev.pageSize ? { page: 0, pageSize: model.pageSize } : model))
          }
          pageSizeOptions={pageSizeOptions}
          sortModel={sortModel}
          onSortModelChange={(model) => setSort(model[0]?.sort ? { field: sortFieldOf(model[0].field), direction: model[0].sort } : null)}
          columnVisibilityModel={visibilityModel}
          onColumnVisibilityModelChange={(model) => setVisible(allColumns.filter((c) => c.locked || model[c.field] !== false).map((c) => c.field))}
          loading={list.isFetching || pageIndex !== pagination.page}
          localeText={gridLocale}
          sx={{ border: 0, '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center' }, '& .MuiDataGrid-columnHeader': { bgcolor: '#f8fafb' } }}
        />
      </Box>
    );

  return (
    <Box data-testid={testId}>
      <PageHeader
        title={props.title}
        subtitle={props.subtitle}
        actions={
          headerExtra || (renderCreate && canWrite) ? (
            <>
              {headerExtra}
              {renderCreate && canWrite && (
                <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreateOpen(true)} data-testid="quick-create-open">
                  {props.createLabel}
                </Button>
              )}
            </>
          ) : undefined
        }
      />
      {toolbar}
      {quickToggles}
      {selected.length > 0 && (
        <BulkBar resource={resource} ids={selected} trash={trash} canWrite={canWrite} canDelete={canDelete} onClear={() => setSelected([])} />
      )}
      {trash && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('records.trashHint')}
        </Typography>
      )}
      <Card>{body}</Card>
      {renderCreate?.({ open: createOpen, onClose: () => setCreateOpen(false) })}
    </Box>
  );
}

function ExportMenu({ urls }: { urls: { csv: string; vcf?: string } }) {
  const { t } = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Button variant="outlined" color="inherit" startIcon={<FileDownloadOutlinedIcon />} onClick={(e) => setAnchor(e.currentTarget)} sx={{ borderColor: 'divider' }} data-testid="list-export">
        {t('records.export')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem component="a" href={urls.csv} download onClick={() => setAnchor(null)} data-testid="export-csv">
          <ListItemIcon>
            <TableViewOutlinedIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={t('records.exportCsv')} secondary={t('records.exportHint')} />
        </MenuItem>
        {urls.vcf && (
          <MenuItem component="a" href={urls.vcf} download onClick={() => setAnchor(null)} data-testid="export-vcf">
            <ListItemIcon>
              <ContactPhoneOutlinedIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={t('records.exportVcard')} />
          </MenuItem>
        )}
      </Menu>
    </>
  );
}
