import { lazy, Suspense, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import AddIcon from '@mui/icons-material/Add';
import PersonOutlineIcon from '@mui/icons-material/PersonOutlineOutlined';
import SearchIcon from '@mui/icons-material/Search';
import ViewKanbanOutlinedIcon from '@mui/icons-material/ViewKanbanOutlined';
import ViewListOutlinedIcon from '@mui/icons-material/ViewListOutlined';
import { useT } from '../../shared/i18n/index.ts';
import { useDebounced } from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ErrorState, LoadingState, PageHeader } from '../../shared/ui/index.ts';
import { usePipelines, type Pipeline } from '../pipelines/pipelines.api.ts';
import { DealsBoard } from './DealsBoard.tsx';
import { useBoard, type BoardFilter } from './deals.api.ts';
import { QuickCreateDealDialog } from './QuickCreateDealDialog.tsx';

// The list brings the data grid; the board does not need it.
const DealsListPage = lazy(async () => ({ default: (await import('./DealsListPage.tsx')).DealsListPage }));

/**
 * /deals: the board of one pipeline (the default, or ?pipeline=), or the list (?mode=list; an old
 * link's ?view=list says the same). Both offer "New deal".
 */
export function DealsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const listMode = searchParams.get('mode') === 'list' || searchParams.get('view') === 'list';

  // "?view=list" is also how a saved view is named in the list; keep it out of the way.
  useEffect(() => {
    if (searchParams.get('view') !== 'list') return;
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('view');
        next.set('mode', 'list');
        return next;
      },
      { replace: true },
    );
  }, [searchParams, setSearchParams]);

  const setMode = (mode: 'board' | 'list') =>
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('view');
      if (mode === 'list') next.set('mode', 'list');
      else next.delete('mode');
      return next;
    });

  const toggle = <ModeToggle mode={listMode ? 'list' : 'board'} onChange={setMode} />;
  if (listMode)
    return (
      <Suspense fallback={<LoadingState />}>
        <DealsListPage headerExtra={toggle} />
      </Suspense>
    );
  return <BoardPage toggle={toggle} />;
}

function ModeToggle({ mode, onChange }: { mode: 'board' | 'list'; onChange: (mode: 'board' | 'list') => void }) {
  const { t } = useT();
  return (
    <ToggleButtonGroup size="small" exclusive value={mode} onChange={(_, next) => next && onChange(next)} aria-label={t('deals.viewToggle')}>
      <ToggleButton value="board" aria-label={t('deals.board')} data-testid="deals-mode-board">
        <Tooltip title={t('deals.board')}>
          <ViewKanbanOutlinedIcon fontSize="small" />
        </Tooltip>
      </ToggleButton>
      <ToggleButton value="list" aria-label={t('deals.list')} data-testid="deals-mode-list">
        <Tooltip title={t('deals.list')}>
          <ViewListOutlinedIcon fontSize="small" />
        </Tooltip>
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

function BoardPage({ toggle }: { toggle: React.ReactNode }) {
  const { t } = useT();
  const me = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const pipelines = usePipelines();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);

  const wanted = searchParams.get('pipeline');
  const list = pipelines.data ?? [];
  const pipeline: Pipeline | undefined = list.find((p) => p.id === wanted) ?? list.find((p) => p.isDefault) ?? list[0];
  const filter: BoardFilter | null = pipeline ? { pipelineId: pipeline.id, q: q || undefined, owner: mine ? me.user.id : undefined } : null;
  const board = useBoard(filter);

  const choosePipeline = (id: string) =>
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('pipeline', id);
      return next;
    });

  const canWrite = can(me, 'records.write');
  return (
    <Box data-testid="deals-page">
      <PageHeader
        title={t('deals.title')}
        subtitle={t('deals.subtitle')}
        actions={
          <>
            {toggle}
            {canWrite && (
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="quick-create-open">
                {t('deals.new')}
              </Button>
            )}
          </>
        }
      />
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        {list.length > 1 && (
          <TextField
            select
            size="small"
            label={t('deals.pipeline')}
            value={pipeline?.id ?? ''}
            onChange={(e) => choosePipeline(e.target.value)}
            sx={{ minWidth: 200, flex: { xs: '1 1 100%', sm: '0 0 auto' } }}
            slotProps={{ htmlInput: { 'data-testid': 'pipeline-switcher' } }}
          >
            {list.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          size="small"
          placeholder={t('deals.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ flex: { xs: '1 1 100%', sm: '0 1 280px' } }}
          slotProps={{
            input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> },
            htmlInput: { 'data-testid': 'board-search', 'aria-label': t('deals.searchPlaceholder') },
          }}
        />
        <Chip icon={<PersonOutlineIcon />} label={t('deals.onlyMine')} color={mine ? 'primary' : 'default'} variant={mine ? 'filled' : 'outlined'} onClick={() => setMine((v) => !v)} data-testid="board-mine" />
      </Box>
      {pipelines.isPending || (filter && board.isPending) ? (
        <LoadingState />
      ) : pipelines.isError ? (
        <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : board.isError ? (
        <ErrorState error={board.error} title={t('deals.loadError')} onRetry={() => void board.refetch()} />
      ) : board.data && filter ? (
        <DealsBoard board={board.data} filter={filter} />
      ) : null}
      <QuickCreateDealDialog open={creating} onClose={() => setCreating(false)} preset={pipeline ? { pipelineId: pipeline.id } : undefined} />
    </Box>
  );
}
