import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import { useT } from '../../shared/i18n/index.ts';
import { Form, SaveErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { refreshAfterActivity, useCompleteActivity, type CompletionInput } from './activities.api.ts';
import { CALL_OUTCOMES, type Activity, type CallOutcome } from './activities.types.ts';
import { parseDuration } from './activity-summary.ts';

/**
 * "Done" on a planned call or meeting, in a small dialog: for a call how it went (outcome chips),
 * how long and a note; for a meeting only its minutes, if any. Nothing is required, so a tap on
 * "mark done" straight away still works.
 */
export function CompleteActivityDialog({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useT();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const complete = useCompleteActivity();
  const isCall = activity.type === 'call';
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [durationText, setDurationText] = useState('');
  const [note, setNote] = useState('');
  const duration = durationText.trim() ? parseDuration(durationText) : null;
  const durationInvalid = durationText.trim() !== '' && duration === null;

  const close = () => !complete.isPending && onClose();

  const submit = () => {
    if (durationInvalid) return;
    const completion: CompletionInput = {
      ...(isCall && outcome ? { callOutcome: outcome } : {}),
      ...(isCall && duration !== null ? { durationSeconds: duration } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    // The version is the card's, which follows the timeline: after a conflict it is the latest one.
    complete.mutate(
      { id: activity.id, version: activity.version, ...completion },
      {
        onSuccess: () => {
          notify({ key: 'activities.markedDone' }, 'success');
          onClose();
        },
        onError: () => refreshAfterActivity(queryClient),
      },
    );
  };

  return (
    <Dialog open onClose={close} maxWidth="xs" fullWidth data-testid="complete-dialog">
      <Form onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
        <DialogTitle sx={{ pb: 1 }}>{isCall ? t('activities.complete.callTitle') : t('activities.complete.meetingTitle')}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <SaveErrorAlert error={complete.error} onReload={() => complete.reset()} />
            {isCall && (
              <Box>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                  {t('activities.complete.callHint')}
                </Typography>
                <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }} role="radiogroup" aria-label={t('activities.outcome')}>
                  {CALL_OUTCOMES.map((o) => (
                    <Chip
                      key={o}
                      role="radio"
                      aria-checked={outcome === o}
                      label={t(`activities.outcomes.${o}`)}
                      color={outcome === o ? 'primary' : 'default'}
                      variant={outcome === o ? 'filled' : 'outlined'}
                      onClick={() => setOutcome(outcome === o ? null : o)}
                      data-testid={`complete-outcome-${o}`}
                    />
                  ))}
                </Box>
              </Box>
            )}
            {isCall && (
              <TextField
                size="small"
                label={t('activities.durationLabel')}
                value={durationText}
                onChange={(e) => setDurationText(e.target.value)}
                error={durationInvalid}
                helperText={durationInvalid ? t('activities.durationInvalid') : t('activities.durationHint')}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'decimal', 'data-testid': 'complete-duration' } }}
              />
            )}
            <TextField
              label={isCall ? t('activities.complete.note') : t('activities.complete.minutes')}
              placeholder={isCall ? t('activities.notePlaceholder') : t('activities.complete.minutesPlaceholder')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              multiline
              minRows={isCall ? 2 : 4}
              autoFocus={!isCall}
              slotProps={{ htmlInput: { 'data-testid': 'complete-note' } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 2, py: 1.5 }}>
          <Button onClick={close} disabled={complete.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" color="success" startIcon={<CheckIcon />} loading={complete.isPending} data-testid="complete-submit">
            {t('activities.complete.submit')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
