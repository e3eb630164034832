import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Switch from '@mui/material/Switch';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import MapOutlinedIcon from '@mui/icons-material/MapOutlined';
import UnarchiveOutlinedIcon from '@mui/icons-material/UnarchiveOutlined';
import { regionLabel } from '#common/records/iran-provinces.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { can, useMoney, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, DataTable, EmptyState, PageHeader, QueryStates, useNotify, type Column } from '../../shared/ui/index.ts';
import { TerritoryDialog } from './TerritoryDialog.tsx';
import { inTreeOrder } from './coverage-tree.ts';
import { useArchiveTerritory, useCoverage, useTerritories, type CoverageRow, type Territory } from './territories.api.ts';

const MAX_REGION_CHIPS = 3;


function RegionChips({ regions }: { regions: string[] }) {
  const { t, locale } = useT();
  const format = useFormat();
  if (!regions.length) return null;
  const shown = regions.slice(0, MAX_REGION_CHIPS);
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
      {shown.map((code) => (
        <Chip key={code} size="small" variant="outlined" label={regionLabel(code, locale)} sx={{ height: 22 }} />
      ))}
      {regions.length > shown.length && <Chip size="small" label={t('territories.more', { count: format.digits(regions.length - shown.length) })} sx={{ height: 22 }} />}
    </Box>
  );
}

/** /territories: the coverage of every territory, with create, edit and archive for sales.configure. */
export function TerritoriesPage() {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const notify = useNotify();
  const me = useSession();
  const canConfigure = can(me, 'sales.configure');
  const [showArchived, setShowArchived] = useState(false);
  const coverage = useCoverage(showArchived);
  const territories = useTerritories(true);
  const archive = useArchiveTerritory();
  const [editing, setEditing] = useState<Territory | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Territory | null>(null);

  const territoryOf = (row: CoverageRow) => territories.data?.find((x) => x.id === row.territory?.id);
  const ordered = coverage.data ? inTreeOrder(coverage.data.items) : [];
  const depthOf = new Map(ordered.map(({ row, depth }) => [row.territory?.id, depth]));
  const rows = coverage.data ? [...ordered.map(({ row }) => row), coverage.data.unassigned] : undefined;
  const fy = coverage.data?.fiscalYear;

  const columns: Column<CoverageRow>[] = [
    {
      key: 'territory',
      header: t('territories.territory'),
      minWidth: 200,
      render: (r) =>
        r.territory ? (
          <Box data-testid="coverage-territory" sx={{ paddingInlineStart: (depthOf.get(r.territory.id) ?? 0) * 2.5 }}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {r.territory.name}
              </Typography>
              {territoryOf(r)?.archivedAt && <Chip size="small" label={t('territories.archived')} sx={{ height: 20 }} />}
            </Box>
            <RegionChips regions={r.territory.regions} />
          </Box>
        ) : (
          <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
            {t('territories.unassigned')}
          </Typography>
        ),
    },
    { key: 'reps', header: t('territories.reps'), align: 'end', nowrap: true, render: (r) => (r.territory ? format.number(r.reps) : '—') },
    {
      key: 'organizations',
      header: t('territories.organizations'),
      align: 'end',
      nowrap: true,
      render: (r) => (
        <Box>
          {format.number(r.organizations)}
          {r.organizationsWithoutOwner > 0 && (
            <Typography variant="caption" color="warning.main" component="div">
              {t('territories.withoutOwner')}: {format.number(r.organizationsWithoutOwner)}
            </Typography>
          )}
        </Box>
      ),
    },
    { key: 'openDeals', header: t('territories.openDeals'), align: 'end', nowrap: true, render: (r) => format.number(r.openDeals) },
    { key: 'openPipeline', header: t('territories.openPipeline'), align: 'end', nowrap: true, render: (r) => <span data-testid="coverage-pipeline">{money(r.openPipeline)}</span> },
    {
      key: 'wonThisYear',
      header: t('territories.wonThisYear'),
      align: 'end',
      nowrap: true,
      render: (r) => (
        <Box>
          <span data-testid="coverage-won">{money(r.wonThisYear)}</span>
          <Typography variant="caption" color="text.secondary" component="div">
            {t('territories.wonDeals', { count: format.number(r.wonDeals) })}
          </Typography>
        </Box>
      ),
    },
  ];

  return (
    <Box data-testid="territories-page">
      <PageHeader
        title={t('territories.title')}
        subtitle={t('territories.subtitle')}
        actions={
          canConfigure && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="territory-new">
              {t('territories.new')}
            </Button>
          )
        }
      />
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 2 }}>
        {fy ? (
          <Typography variant="body2" color="text.secondary" data-testid="coverage-fiscal-year">
            {t('territories.fiscalYear', { year: format.digits(fy.label) })} · {t('territories.fiscalYearRange', { start: format.date(fy.start), end: format.date(previousDay(fy.end)) })}
          </Typography>
        ) : (
          <span />
        )}
        <FormControlLabel control={<Switch checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />} label={t('territories.showArchived')} />
      </Box>
      <Card>
        <QueryStates
          query={coverage}
          rows={coverage.data?.items.length ? rows : []}
          empty={<EmptyState icon={<MapOutlinedIcon />} message={t('territories.empty')} />}
        >
          {(loaded) => (
            <DataTable
              rows={loaded}
              columns={columns}
              rowKey={(r) => r.territory?.id ?? 'unassigned'}
              testId="coverage-table"
              rowTestId="coverage-row"
              cardsBelow="md"
              actions={(r) => {
                const territory = territoryOf(r);
                if (!canConfigure || !territory) return null;
                return territory.archivedAt ? (
                  <Tooltip title={t('territories.restore')}>
                    <IconButton size="small" aria-label={t('territories.restore')} onClick={() => archive.mutate({ territory, restore: true })}>
                      <UnarchiveOutlinedIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                ) : (
                  <>
                    <Tooltip title={t('territories.edit')}>
                      <IconButton size="small" aria-label={t('territories.edit')} onClick={() => setEditing(territory)} data-testid="territory-edit">
                        <EditOutlinedIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={t('territories.archive')}>
                      <IconButton size="small" aria-label={t('territories.archive')} onClick={() => setArchiving(territory)} data-testid="territory-archive">
                        <ArchiveOutlinedIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </>
                );
              }}
            />
          )}
        </QueryStates>
      </Card>
      {editing && <TerritoryDialog territory={editing === 'new' ? undefined : editing} territories={territories.data ?? []} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={archiving !== null}
        title={t('territories.archiveTitle')}
        body={t('territories.archiveBody', { name: archiving?.name ?? '' })}
        confirmLabel={t('territories.archive')}
        pending={archive.isPending}
        error={archive.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          archive.mutate(
            { territory: archiving },
            {
              onSuccess: () => {
                notify({ key: 'territories.archivedToast' });
                setArchiving(null);
              },
            },
          )
        }
      />
    </Box>
  );
}

/** The last day of a half-open range [start, end). */
function previousDay(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
