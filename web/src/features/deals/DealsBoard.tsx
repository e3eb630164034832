import { memo, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type PointerActivationConstraint,
} from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import EventOutlinedIcon from '@mui/icons-material/EventOutlined';
import HourglassBottomOutlinedIcon from '@mui/icons-material/HourglassBottomOutlined';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useOwnerName } from '../../shared/records/index.ts';
import type { Stage } from '../pipelines/pipelines.api.ts';
import { isOverdue, rottingDays, stageKindColor, useMoney } from './deal-bits.tsx';
import { daysInStage } from './deal-rules.ts';
import { useLoadMoreColumn, type Board, type BoardColumn, type BoardFilter, type Deal } from './deals.api.ts';
import { useStageMover, type MoveIntent } from './StageMove.tsx';

/*
 * The kanban board of one pipeline. Columns are the stages in board order; in Persian the page is
 * right-to-left, so the flex row (and the drag geometry, which works on screen coordinates) runs
 * from the right. Cards move by mouse or pen (a short drag), by touch (press and hold), by keyboard
 * (Space/Enter to lift, arrows to move between columns, Space/Enter to drop) and by each card's
 * "Move to stage" menu, which is the way on a phone and for assistive technology.
 */

/** Mouse and pen only: on a touch screen a drag would fight scrolling, so touch waits for a long press. */
class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent }: { nativeEvent: PointerEvent }) => nativeEvent.pointerType !== 'touch' && nativeEvent.isPrimary && nativeEvent.button === 0,
    },
  ];
}

const MOUSE: PointerActivationConstraint = { distance: 6 };
const LONG_PRESS: PointerActivationConstraint = { delay: 350, tolerance: 8 };

type DropTarget = { type: 'column'; stageId: string } | { type: 'card'; stageId: string; dealId: string };

/** Cards the pointer is over win over the column around them, so a drop lands next to that card. */
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const found = hits.length ? hits : rectIntersection(args);
  return [...found].sort((a, b) => rank(a.data?.droppableContainer?.data?.current) - rank(b.data?.droppableContainer?.data?.current));
};
const rank = (target: DropTarget | undefined) => (target?.type === 'card' ? 0 : 1);

/** Arrow keys jump a lifted card to the next column left or right, up and down by a card. */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  if (event.code === 'ArrowUp' || event.code === 'ArrowDown') {
    event.preventDefault();
    return { ...currentCoordinates, y: currentCoordinates.y + (event.code === 'ArrowUp' ? -60 : 60) };
  }
  if (event.code !== 'ArrowLeft' && event.code !== 'ArrowRight') return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = droppableContainers
    .getEnabled()
    .filter((c) => (c.data.current as DropTarget | undefined)?.type === 'column')
    .map((c) => droppableRects.get(c.id))
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .filter((r) => (event.code === 'ArrowRight' ? r.left > centre : r.left + r.width < centre))
    .sort((a, b) => Math.abs(a.left - centre) - Math.abs(b.left - centre));
  const next = columns[0];
  if (!next) return currentCoordinates;
  return { x: next.left + (next.width - collisionRect.width) / 2, y: Math.max(currentCoordinates.y, next.top + 60) };
};

type Props = { board: Board; filter: BoardFilter };

export function DealsBoard({ board, filter }: Props) {
  const { t } = useT();
  const mover = useStageMover(filter);
  const [dragging, setDragging] = useState<Deal | null>(null);
  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: MOUSE }),
    useSensor(TouchSensor, { activationConstraint: LONG_PRESS }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );
  const stages = useMemo(() => board.columns.map((c) => c.stage), [board.columns]);
  const dealById = (id: string) => board.columns.flatMap((c) => c.deals).find((d) => d.id === id);
  const stageById = (id: string) => stages.find((s) => s.id === id);

  const handleDragStart = (event: DragStartEvent) => setDragging(dealById(String(event.active.id)) ?? null);

  const handleDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const deal = dealById(String(active.id));
    const target = over?.data.current as DropTarget | undefined;
    const stage = target && stageById(target.stageId);
    if (!deal || !target || !stage) return;
    if (target.type === 'card' && target.dealId === deal.id) return;
    let position: MoveIntent['position'];
    if (target.type === 'card') {
      const dropped = active.rect.current.translated;
      const below = dropped && over ? dropped.top + dropped.height / 2 > over.rect.top + over.rect.height / 2 : false;
      position = below ? { afterId: target.dealId } : { beforeId: target.dealId };
    } else {
      const last = board.columns.find((c) => c.stage.id === stage.id)?.deals.filter((d) => d.id !== deal.id).at(-1);
      position = last ? { afterId: last.id } : {};
    }
    if (stage.id === deal.stageId && target.type === 'column') return;
    mover.request({ deal, stage, position });
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('deals.dragStart', { name: dealById(String(active.id))?.title ?? '' }),
    onDragOver: ({ active, over }) => {
      const stage = over && stageById((over.data.current as DropTarget).stageId);
      return stage ? t('deals.dragOver', { name: dealById(String(active.id))?.title ?? '', stage: stage.name }) : undefined;
    },
    onDragEnd: ({ active, over }) => {
      const stage = over && stageById((over.data.current as DropTarget).stageId);
      return stage ? t('deals.dragEnd', { name: dealById(String(active.id))?.title ?? '', stage: stage.name }) : t('deals.dragCancel', { name: dealById(String(active.id))?.title ?? '' });
    },
    onDragCancel: ({ active }) => t('deals.dragCancel', { name: dealById(String(active.id))?.title ?? '' }),
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisions}
      onDragStart={handleDragStart}
      onDragEnd={handleDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('deals.dragHint') } }}
    >
      <Box
        data-testid="deals-board"
        sx={{
          display: 'flex',
          gap: 1.5,
          overflowX: 'auto',
          alignItems: 'flex-start',
          pb: 2,
          // On a phone one column fills the screen and the row snaps from column to column.
          scrollSnapType: { xs: 'x mandatory', md: 'none' },
          scrollPaddingInline: 8,
          overscrollBehaviorX: 'contain',
        }}
      >
        {board.columns.map((column) => (
          <BoardColumnView key={column.stage.id} column={column} stages={stages} filter={filter} onMove={mover.request} />
        ))}
      </Box>
      <DragOverlay dropAnimation={null}>{dragging ? <DealCardBody deal={dragging} stage={stageById(dragging.stageId)} overlay /> : null}</DragOverlay>
      {mover.dialogs}
    </DndContext>
  );
}

type ColumnProps = { column: BoardColumn; stages: Stage[]; filter: BoardFilter; onMove: (intent: MoveIntent) => void };

function BoardColumnView({ column, stages, filter, onMove }: ColumnProps) {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const loadMore = useLoadMoreColumn(filter);
  const { stage } = column;
  const { setNodeRef, isOver } = useDroppable({ id: `column:${stage.id}`, data: { type: 'column', stageId: stage.id } satisfies DropTarget });
  const color = stageKindColor(stage.kind);
  return (
    <Box
      ref={setNodeRef}
      data-testid="board-column"
      data-stage-id={stage.id}
      data-stage-kind={stage.kind}
      sx={(theme) => ({
        flex: { xs: '0 0 86%', sm: '0 0 300px' },
        maxWidth: 320,
        scrollSnapAlign: 'start',
        bgcolor: isOver ? alpha(theme.palette[color].main, 0.08) : '#f3f5f7',
        outline: isOver ? `2px dashed ${theme.palette[color].main}` : 'none',
        borderRadius: 2,
        p: 1,
        minHeight: 240,
        transition: 'background-color 120ms',
      })}
    >
      <Box sx={(theme) => ({ px: 1, pt: 0.5, pb: 1, borderTop: `3px solid ${theme.palette[color].main}`, borderRadius: 0.5 })}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, flex: 1, minWidth: 0 }} noWrap data-testid="column-name">
            {stage.name}
          </Typography>
          <Chip size="small" label={format.number(column.count)} data-testid="column-count" aria-label={t('deals.count', { count: format.number(column.count) })} />
        </Box>
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="column-total">
          {money(column.totalBase)}
        </Typography>
        {stage.kind === 'open' && (
          <Typography variant="caption" color="text.secondary" data-testid="column-weighted">
            {t('deals.weighted', { amount: money(column.weightedBase) })}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {column.deals.map((deal) => (
          <DraggableCard key={deal.id} deal={deal} stage={stage} stages={stages} onMove={onMove} />
        ))}
        {column.deals.length === 0 && (
          <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center', py: 3 }}>
            {t('deals.columnEmpty')}
          </Typography>
        )}
        {column.nextCursor && (
          <Button size="small" onClick={() => loadMore.mutate({ stageId: stage.id, cursor: column.nextCursor! })} loading={loadMore.isPending} data-testid="column-load-more">
            {t('deals.loadMore')}
          </Button>
        )}
      </Box>
    </Box>
  );
}

type CardProps = { deal: Deal; stage: Stage; stages: Stage[]; onMove: (intent: MoveIntent) => void };

const DraggableCard = memo(function DraggableCard({ deal, stage, stages, onMove }: CardProps) {
  const drag = useDraggable({ id: deal.id, data: { stageId: stage.id } });
  const drop = useDroppable({ id: `card:${deal.id}`, data: { type: 'card', stageId: stage.id, dealId: deal.id } satisfies DropTarget });
  return (
    <Box
      ref={(node: HTMLElement | null) => {
        drag.setNodeRef(node);
        drag.setActivatorNodeRef(node);
        drop.setNodeRef(node);
      }}
      {...drag.attributes}
      {...drag.listeners}
      data-testid="deal-card"
      data-deal-id={deal.id}
      sx={(theme) => ({
        opacity: drag.isDragging ? 0.35 : 1,
        borderRadius: 1.5,
        touchAction: 'manipulation',
        WebkitTouchCallout: 'none',
        userSelect: 'none',
        outline: 'none',
        '&:focus-visible': { boxShadow: `0 0 0 3px ${alpha(theme.palette.primary.main, 0.5)}` },
        boxShadow: drop.isOver && !drag.isDragging ? `0 -3px 0 ${theme.palette.primary.main}` : undefined,
      })}
    >
      <DealCardBody deal={deal} stage={stage} stages={stages} onMove={onMove} />
    </Box>
  );
});

function DealCardBody({ deal, stage, stages, onMove, overlay }: { deal: Deal; stage?: Stage; stages?: Stage[]; onMove?: (intent: MoveIntent) => void; overlay?: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const ownerName = useOwnerName();
  // The server judges rotting too (deal.rotting); the stage's threshold here gives the number of days.
  const idle = rottingDays(deal, stage?.rottingDays ?? null) ?? (deal.rotting ? daysInStage(deal) : null);
  const overdue = isOverdue(deal);
  return (
    <Card sx={{ p: 1.25, cursor: overlay ? 'grabbing' : 'grab', boxShadow: overlay ? 8 : undefined, transform: overlay ? 'rotate(-2deg)' : undefined }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
        <Link
          component={RouterLink}
          to={`/deals/${deal.id}`}
          underline="hover"
          color="inherit"
          draggable={false}
          sx={{ fontWeight: 600, flex: 1, minWidth: 0, typography: 'body2', overflowWrap: 'anywhere' }}
          data-testid="deal-card-title"
        >
          {deal.title}
        </Link>
        {stages && onMove && <MoveMenu deal={deal} stages={stages} onMove={onMove} />}
      </Box>
      <Typography variant="caption" color="text.secondary" component="div" noWrap>
        {deal.organization?.name ?? t('deals.noOrganization')}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 700, mt: 0.5 }} data-testid="deal-card-amount">
        {money(deal.amount, deal.currency)}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 0.5, flexWrap: 'wrap' }}>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 0 }} noWrap>
          {deal.owner?.name ?? ownerName(deal.ownerId)}
        </Typography>
        {deal.expectedCloseDate && (
          <Typography variant="caption" color={overdue ? 'error.main' : 'text.secondary'} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25 }} data-testid="deal-card-close">
            <EventOutlinedIcon sx={{ fontSize: 14 }} />
            {format.date(deal.expectedCloseDate, 'short')}
          </Typography>
        )}
      </Box>
      {(idle !== null || overdue) && (
        <Box sx={{ display: 'flex', gap: 0.5, mt: 0.75, flexWrap: 'wrap' }}>
          {idle !== null && <Chip size="small" color="warning" variant="outlined" icon={<HourglassBottomOutlinedIcon />} label={t('deals.rotting', { days: format.number(idle) })} data-testid="deal-rotting" />}
          {overdue && <Chip size="small" color="error" variant="outlined" label={t('deals.overdue')} data-testid="deal-overdue" />}
        </Box>
      )}
    </Card>
  );
}

/** The card's menu: every other stage of the pipeline, the way to move a card without dragging. */
function MoveMenu({ deal, stages, onMove }: { deal: Deal; stages: Stage[]; onMove: (intent: MoveIntent) => void }) {
  const { t } = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Tooltip title={t('deals.moveTo')}>
        <IconButton
          size="small"
          sx={{ mt: -0.5 }}
          aria-label={t('deals.moveMenu', { name: deal.title })}
          aria-haspopup="menu"
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onClick={(e) => setAnchor(e.currentTarget)}
          data-testid="deal-card-menu"
        >
          <MoreVertIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <ListSubheader sx={{ lineHeight: 2.5 }}>{t('deals.moveTo')}</ListSubheader>
        {stages.map((s) => (
          <MenuItem
            key={s.id}
            disabled={s.id === deal.stageId}
            selected={s.id === deal.stageId}
            onClick={() => {
              setAnchor(null);
              onMove({ deal, stage: s });
            }}
            data-testid={`move-to-${s.id}`}
          >
            <ListItemText primary={s.name} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
