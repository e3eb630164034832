import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import HistoryOutlinedIcon from '@mui/icons-material/HistoryOutlined';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/LoadingState.tsx';
import { useOwnerName, usePhoneText } from './RecordBits.tsx';
import { useFieldCatalog } from './fields.api.ts';
import { useCustomFieldDefs, useTimeline } from './records.api.ts';
import type { RecordType } from './records.types.ts';
import { timelineSentences, type Sentence, type SentenceContext } from './timeline-sentences.ts';
import { timelineRendererFor } from './timeline-renderers.ts';

const TONE_ICON: Record<Sentence['tone'], React.ReactNode> = {
  create: <AddCircleOutlineIcon fontSize="small" />,
  update: <EditOutlinedIcon fontSize="small" />,
  delete: <DeleteOutlineIcon fontSize="small" />,
  info: <InfoOutlinedIcon fontSize="small" />,
};
const TONE_COLOR: Record<Sentence['tone'], 'success' | 'info' | 'error' | 'secondary'> = { create: 'success', update: 'info', delete: 'error', info: 'secondary' };

/** Everything that happened to the record, newest first; scrolling down loads older items. */
export function Timeline({ entityType, id, names, formatValue }: { entityType: RecordType; id: string; names?: Record<string, string>; formatValue?: SentenceContext['formatValue'] }) {
  const { t, tOr, locale } = useT();
  const format = useFormat();
  const ownerName = useOwnerName();
  const phoneText = usePhoneText();
  const customFields = useCustomFieldDefs(entityType, true);
  const { fields } = useFieldCatalog(entityType);
  const timeline = useTimeline(entityType, id);
  const sentinel = useRef<HTMLDivElement | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (timeline.isPending) return <LoadingState minHeight={120} />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const items = timeline.data.pages.flatMap((p) => p.items);
  if (!items.length) return <EmptyState icon={<HistoryOutlinedIcon />} message={t('timeline.empty')} testId="timeline-empty" />;

  const ctx = { entityType, locale, t, tOr, format, ownerName, fields, customFields: customFields.data ?? [], phoneText, subjectId: id, recordName: (_type: string, recordId: string) => names?.[recordId], formatValue };

  return (
    <Box component="ol" data-testid="timeline" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {items.map((item, index) => {
        const Renderer = timelineRendererFor(item.source);
        if (Renderer) {
          return (
            <Box component="li" key={item.id} data-testid="timeline-item" data-kind={item.kind} sx={{ position: 'relative', pb: 2 }}>
              {index < items.length - 1 && <Box sx={{ position: 'absolute', insetInlineStart: 15, top: 34, bottom: 0, width: 2, bgcolor: 'divider' }} aria-hidden />}
              <Renderer item={item} entityType={entityType} subjectId={id} />
            </Box>
          );
        }
        const sentences = timelineSentences(item, ctx);
        const tone = sentences[0]?.tone ?? 'info';
        return (
          <Box component="li" key={item.id} data-testid="timeline-item" data-kind={item.kind} sx={{ display: 'flex', gap: 1.5, position: 'relative', pb: 2 }}>
            {index < items.length - 1 && (
              <Box sx={{ position: 'absolute', insetInlineStart: 15, top: 34, bottom: 0, width: 2, bgcolor: 'divider' }} aria-hidden />
            )}
            <Box
              sx={(theme) => ({
                width: 32,
                height: 32,
                flexShrink: 0,
                borderRadius: '50%',
                display: 'grid',
                placeItems: 'center',
                color: theme.palette[TONE_COLOR[tone]].main,
                bgcolor: alpha(theme.palette[TONE_COLOR[tone]].main, 0.1),
              })}
            >
              {TONE_ICON[tone]}
            </Box>
            <Box sx={{ minWidth: 0, flex: 1, pt: 0.5 }}>
              {sentences.map((s, i) => (
                <Typography key={i} variant="body2" data-testid="timeline-sentence" sx={{ overflowWrap: 'anywhere' }}>
                  {s.text}
                </Typography>
              ))}
              <Typography variant="caption" color="text.secondary" component="time" dateTime={item.occurredAt} title={format.relative(item.occurredAt)} data-testid="timeline-time">
                {format.dateTime(item.occurredAt, 'long')}
              </Typography>
            </Box>
          </Box>
        );
      })}
      <Box ref={sentinel} sx={{ textAlign: 'center', pt: 1 }}>
        {hasNextPage ? (
          <Button size="small" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          <Typography variant="caption" color="text.secondary">
            {t('timeline.end')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
