import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import MergeTypeIcon from '@mui/icons-material/MergeType';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { errorMessage } from '../ui/ErrorState.tsx';
import { useNotify } from '../ui/notify.tsx';
import { Section } from './DetailBits.tsx';
import { useReasonText } from './DuplicateWarning.tsx';
import { recordsKey, useDuplicatesOf } from './records.api.ts';
import { RESOURCE_OF, type DuplicateCandidate } from './records.types.ts';

type Mergeable = 'person' | 'organization';

/** POST /:resource/:id/merge — `otherId` is merged into `id`; both versions must still be current. */
export function useMergeRecords(entityType: Mergeable) {
  const queryClient = useQueryClient();
  const resource = RESOURCE_OF[entityType];
  return useMutation({
    mutationFn: async ({ id, version, otherId }: { id: string; version: number; otherId: string }) => {
      const other = await api.get<{ version: number }>(`/api/v1/${resource}/${encodeURIComponent(otherId)}`);
      return api.post<{ id: string; version: number; mergedId: string }>(
        `/api/v1/${resource}/${encodeURIComponent(id)}/merge`,
        { otherId, version, otherVersion: other.version },
        { idempotencyKey: newIdempotencyKey() },
      );
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: recordsKey(resource) });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
      await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
    },
  });
}

/** Possible duplicates of this record (GET /duplicates), each mergeable into it; hidden when there are none. */
export function MergePanel({ entityType, id, version, name }: { entityType: Mergeable; id: string; version: number; name: string }) {
  const { t } = useT();
  const notify = useNotify();
  const reasonText = useReasonText();
  const merge = useMergeRecords(entityType);
  const [target, setTarget] = useState<DuplicateCandidate | null>(null);
  const duplicates = useDuplicatesOf(entityType, id);
  const candidates = (duplicates.data ?? []).filter((c) => c.entityType === entityType);
  if (!candidates.length) return null;
  return (
    <Section title={t('duplicates.panelTitle')} testId="merge-panel">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t(entityType === 'person' ? 'duplicates.panelHelp' : 'duplicates.panelHelpOrganization')}
      </Typography>
      <Stack spacing={1.5}>
        {candidates.map((c) => (
          <Box key={c.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }} data-testid="merge-candidate">
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Link component={RouterLink} to={`/${RESOURCE_OF[c.entityType]}/${c.id}`} sx={{ fontWeight: 600 }}>
                {c.title}
              </Link>
              <Typography variant="caption" color="text.secondary" component="div">
                {[c.subtitle, reasonText(c)].filter(Boolean).join(' — ')}
              </Typography>
            </Box>
            <Button size="small" variant="outlined" startIcon={<MergeTypeIcon />} onClick={() => setTarget(c)} data-testid="merge-start">
              {t('duplicates.merge')}
            </Button>
          </Box>
        ))}
      </Stack>
      <ConfirmDialog
        open={target !== null}
        destructive={false}
        title={t('duplicates.mergeTitle')}
        body={t('duplicates.mergeBody', { other: target?.title ?? '', name })}
        confirmLabel={t('duplicates.merge')}
        pending={merge.isPending}
        error={merge.error}
        onClose={() => setTarget(null)}
        onConfirm={() =>
          target &&
          merge.mutate(
            { id, version, otherId: target.id },
            {
              onSuccess: () => {
                notify({ key: 'duplicates.merged', vars: { other: target.title } });
                setTarget(null);
              },
              onError: (e) => notify(errorMessage(e, t('errors.unknown')), 'error'),
            },
          )
        }
      />
    </Section>
  );
}
