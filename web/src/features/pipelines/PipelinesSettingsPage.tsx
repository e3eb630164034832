import { useEffect, useState } from 'react';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import SaveOutlinedIcon from '@mui/icons-material/SaveOutlined';
import StarOutlineIcon from '@mui/icons-material/StarOutlineOutlined';
import { parseDecimal } from '#common/money/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { ErrorState, FormErrorAlert, LoadingState, PageHeader, SaveErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { useLostReasons } from '../deals/deals.api.ts';
import {
  STAGE_KINDS,
  activeStages,
  useAddStage,
  useArchiveLostReason,
  useArchiveStage,
  useCreateLostReason,
  useCreatePipeline,
  useReorderStages,
  usePipelines,
  useUpdatePipeline,
  useUpdateStage,
  type Pipeline,
  type Stage,
  type StageKind,
} from './pipelines.api.ts';

/** /settings/pipelines (sales.configure): pipelines, their stages, and the lost reasons. */
export function PipelinesSettingsPage() {
  const { t } = useT();
  const pipelines = usePipelines();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = pipelines.data ?? [];
  const pipeline = list.find((p) => p.id === selected) ?? list.find((p) => p.isDefault) ?? list[0];

  return (
    <Box data-testid="pipelines-settings">
      <PageHeader
        title={t('pipelines.title')}
        subtitle={t('pipelines.subtitle')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="pipeline-new">
            {t('pipelines.new')}
          </Button>
        }
      />
      {pipelines.isPending ? (
        <LoadingState />
      ) : pipelines.isError ? (
        <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : (
        <Stack spacing={2}>
          {list.length > 1 && (
            <Tabs value={pipeline?.id ?? false} onChange={(_, v: string) => setSelected(v)} variant="scrollable" allowScrollButtonsMobile>
              {list.map((p) => (
                <Tab key={p.id} value={p.id} label={p.isDefault ? `${p.name} ★` : p.name} data-testid="pipeline-tab" />
              ))}
            </Tabs>
          )}
          {pipeline && <PipelineEditor key={pipeline.id} pipeline={pipeline} />}
          <LostReasonsCard />
        </Stack>
      )}
      {creating && <NewPipelineDialog onClose={() => setCreating(false)} onCreated={(p) => setSelected(p.id)} />}
    </Box>
  );
}

function PipelineEditor({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useT();
  const notify = useNotify();
  const update = useUpdatePipeline();
  const reorder = useReorderStages();
  const addStage = useAddStage();
  const [name, setName] = useState(pipeline.name);
  const [archiving, setArchiving] = useState<Stage | null>(null);
  const stages = activeStages(pipeline);
  // The order shown while a reorder is on its way, so the row does not jump back.
  const [order, setOrder] = useState(stages.map((s) => s.id));
  useEffect(() => setOrder(activeStages(pipeline).map((s) => s.id)), [pipeline]);
  const ordered = order.map((id) => stages.find((s) => s.id === id)).filter((s): s is Stage => Boolean(s));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const handleDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const next = arrayMove(order, order.indexOf(String(active.id)), order.indexOf(String(over.id)));
    setOrder(next);
    reorder.mutate({ pipelineId: pipeline.id, stageIds: next }, { onError: () => setOrder(stages.map((s) => s.id)) });
  };

  const saveName = () => {
    if (!name.trim() || name.trim() === pipeline.name) return;
    update.mutate({ id: pipeline.id, patch: { version: pipeline.version, name: name.trim() } }, { onSuccess: () => notify({ key: 'common.saved' }) });
  };

  return (
    <Card>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <SaveErrorAlert error={update.error ?? reorder.error ?? addStage.error} onReload={() => (update.reset(), reorder.reset(), addStage.reset())} />
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
          <TextField size="small" label={t('pipelines.name')} value={name} onChange={(e) => setName(e.target.value)} onBlur={saveName} sx={{ flex: '1 1 220px', maxWidth: 360 }} slotProps={{ htmlInput: { 'data-testid': 'pipeline-name' } }} />
          {pipeline.isDefault ? (
            <Chip color="primary" variant="outlined" label={t('pipelines.default')} />
          ) : (
            <Button size="small" startIcon={<StarOutlineIcon />} onClick={() => update.mutate({ id: pipeline.id, patch: { version: pipeline.version, isDefault: true } })}>
              {t('pipelines.makeDefault')}
            </Button>
          )}
        </Box>
        <Typography variant="subtitle1" component="h2" sx={{ mb: 0.5 }}>
          {t('pipelines.stages')}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1.5 }}>
          {t('pipelines.reorderHint')}
        </Typography>
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={handleDragEnd}>
          <SortableContext items={order} strategy={verticalListSortingStrategy}>
            <Stack spacing={1} data-testid="stage-rows">
              {ordered.map((stage) => (
                <StageRow key={`${stage.id}-${stage.version}`} stage={stage} onArchive={() => setArchiving(stage)} />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
        <Button
          sx={{ mt: 1.5 }}
          startIcon={<AddIcon />}
          loading={addStage.isPending}
          onClick={() => addStage.mutate({ pipelineId: pipeline.id, stage: { name: t('pipelines.newStageName'), probability: 50, kind: 'open' } })}
          data-testid="stage-add"
        >
          {t('pipelines.addStage')}
        </Button>
      </CardContent>
      {archiving && <ArchiveStageDialog stage={archiving} stages={stages} onClose={() => setArchiving(null)} />}
    </Card>
  );
}

function StageRow({ stage, onArchive }: { stage: Stage; onArchive: () => void }) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const update = useUpdateStage();
  const sortable = useSortable({ id: stage.id });
  const [name, setName] = useState(stage.name);
  const [probability, setProbability] = useState(format.digits(stage.probability));
  const [kind, setKind] = useState<StageKind>(stage.kind);
  const [rotting, setRotting] = useState(stage.rottingDays ? format.digits(stage.rottingDays) : '');
  const probabilityValue = parseDecimal(probability);
  const rottingValue = rotting.trim() ? parseDecimal(rotting) : null;
  const wholeOrNull = (value: string | null) => (value === null ? null : Math.round(Number(value)));
  const dirty =
    name !== stage.name || wholeOrNull(probabilityValue) !== stage.probability || kind !== stage.kind || wholeOrNull(rottingValue) !== (stage.rottingDays ?? null);

  const save = () =>
    update.mutate(
      {
        stage,
        patch: {
          version: stage.version,
          name: name.trim(),
          probability: wholeOrNull(probabilityValue) ?? stage.probability,
          kind,
          rottingDays: wholeOrNull(rottingValue),
        },
      },
      { onSuccess: () => notify({ key: 'pipelines.stageSaved' }) },
    );

  const numeric = (testId: string) => ({ htmlInput: { inputMode: 'numeric' as const, 'data-testid': testId } });

  return (
    <Box
      ref={sortable.setNodeRef}
      data-testid="stage-row"
      style={{ transform: CSS.Transform.toString(sortable.transform), transition: sortable.transition }}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1.5, p: 1, bgcolor: 'background.paper', opacity: sortable.isDragging ? 0.6 : 1 }}
    >
      <FormErrorAlert error={update.error} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <IconButton size="small" ref={sortable.setActivatorNodeRef} {...sortable.attributes} {...sortable.listeners} aria-label={t('pipelines.dragHandle', { name: stage.name })} sx={{ cursor: 'grab', touchAction: 'none' }} data-testid="stage-handle">
          <DragIndicatorIcon fontSize="small" />
        </IconButton>
        <TextField size="small" label={t('pipelines.stageName')} value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: '2 1 180px' }} slotProps={{ htmlInput: { 'data-testid': 'stage-name' } }} />
        <TextField size="small" label={t('pipelines.probability')} value={probability} onChange={(e) => setProbability(e.target.value)} error={probabilityValue === null} sx={{ flex: '0 1 110px' }} slotProps={numeric('stage-probability')} />
        <TextField select size="small" label={t('pipelines.kind')} value={kind} onChange={(e) => setKind(e.target.value as StageKind)} sx={{ flex: '0 1 120px' }} slotProps={{ htmlInput: { 'data-testid': 'stage-kind' } }}>
          {STAGE_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {t(`pipelines.kinds.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" label={t('pipelines.rottingDays')} value={rotting} onChange={(e) => setRotting(e.target.value)} error={Boolean(rotting.trim()) && rottingValue === null} sx={{ flex: '0 1 170px' }} slotProps={numeric('stage-rotting')} />
        <Box sx={{ display: 'flex', gap: 0.5, marginInlineStart: 'auto' }}>
          <Tooltip title={t('common.save')}>
            <span>
              <IconButton size="small" color="primary" disabled={!dirty || !name.trim() || update.isPending} onClick={save} aria-label={t('common.save')} data-testid="stage-save">
                <SaveOutlinedIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
          <Tooltip title={t('pipelines.archiveStage')}>
            <IconButton size="small" onClick={onArchive} aria-label={t('pipelines.archiveStage')} data-testid="stage-archive">
              <ArchiveOutlinedIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Box>
      </Box>
    </Box>
  );
}

function ArchiveStageDialog({ stage, stages, onClose }: { stage: Stage; stages: Stage[]; onClose: () => void }) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const archive = useArchiveStage();
  const others = stages.filter((s) => s.id !== stage.id);
  const [moveTo, setMoveTo] = useState(others.find((s) => s.kind === stage.kind)?.id ?? others[0]?.id ?? '');
  return (
    <Dialog open onClose={archive.isPending ? undefined : onClose} maxWidth="xs" fullWidth data-testid="archive-stage-dialog">
      <DialogTitle>{t('pipelines.archiveTitle', { name: stage.name })}</DialogTitle>
      <DialogContent>
        <FormErrorAlert error={archive.error} />
        <DialogContentText sx={{ mb: 2 }}>{t('pipelines.archiveBody')}</DialogContentText>
        <TextField select fullWidth size="small" label={t('pipelines.moveDealsTo')} value={moveTo} onChange={(e) => setMoveTo(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'archive-move-to' } }}>
          {others.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={archive.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="contained"
          color="error"
          loading={archive.isPending}
          onClick={() =>
            archive.mutate(
              { stage, moveTo: moveTo || null },
              {
                onSuccess: (result) => {
                  notify({ key: 'pipelines.archived', vars: { count: format.number(result?.movedDeals ?? 0) } });
                  onClose();
                },
              },
            )
          }
          data-testid="archive-confirm"
        >
          {t('pipelines.archiveStage')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function NewPipelineDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (p: Pipeline) => void }) {
  const { t } = useT();
  const create = useCreatePipeline();
  const [name, setName] = useState('');
  return (
    <Dialog open onClose={create.isPending ? undefined : onClose} maxWidth="xs" fullWidth data-testid="new-pipeline-dialog">
      <DialogTitle>{t('pipelines.newTitle')}</DialogTitle>
      <DialogContent>
        <FormErrorAlert error={create.error} />
        <TextField autoFocus fullWidth size="small" sx={{ mt: 1 }} label={t('pipelines.name')} value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'new-pipeline-name' } }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={create.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="contained"
          disabled={!name.trim()}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { name: name.trim() },
              {
                onSuccess: (p) => {
                  onCreated(p);
                  onClose();
                },
              },
            )
          }
          data-testid="new-pipeline-submit"
        >
          {t('common.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function LostReasonsCard() {
  const { t, locale } = useT();
  const reasons = useLostReasons();
  const create = useCreateLostReason();
  const archive = useArchiveLostReason();
  const [labelFa, setLabelFa] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const add = () =>
    create.mutate(
      { labelFa: labelFa.trim(), labelEn: labelEn.trim() },
      {
        onSuccess: () => {
          setLabelFa('');
          setLabelEn('');
        },
      },
    );
  return (
    <Card data-testid="lost-reasons">
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="subtitle1" component="h2" sx={{ mb: 1.5 }}>
          {t('pipelines.lostReasons')}
        </Typography>
        <FormErrorAlert error={create.error ?? archive.error} />
        {reasons.isPending ? (
          <LoadingState minHeight={60} />
        ) : (reasons.data ?? []).length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('pipelines.noLostReasons')}
          </Typography>
        ) : (
          <Stack spacing={0.5} sx={{ mb: 2 }}>
            {(reasons.data ?? []).map((r) => (
              <Box key={r.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="lost-reason-row">
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {locale === 'fa' ? r.labelFa : r.labelEn}
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ mx: 1 }}>
                    {locale === 'fa' ? r.labelEn : r.labelFa}
                  </Typography>
                </Typography>
                <Tooltip title={t('pipelines.archiveLostReason')}>
                  <IconButton size="small" onClick={() => archive.mutate(r.id)} aria-label={t('pipelines.archiveLostReason')}>
                    <ArchiveOutlinedIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </Box>
            ))}
          </Stack>
        )}
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField size="small" label={t('pipelines.labelFa')} value={labelFa} onChange={(e) => setLabelFa(e.target.value)} sx={{ flex: '1 1 180px' }} slotProps={{ htmlInput: { 'data-testid': 'lost-reason-fa' } }} />
          <TextField size="small" label={t('pipelines.labelEn')} value={labelEn} onChange={(e) => setLabelEn(e.target.value)} sx={{ flex: '1 1 180px' }} slotProps={{ htmlInput: { 'data-testid': 'lost-reason-en', dir: 'ltr' } }} />
          <Button startIcon={<AddIcon />} disabled={!labelFa.trim() || !labelEn.trim()} loading={create.isPending} onClick={add} data-testid="lost-reason-add">
            {t('pipelines.addLostReason')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
