import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { copyText, FormErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { useFeedStatus, useResetFeed, useRevokeFeed } from './calendar.api.ts';

/**
 * The secret iCalendar address. The server keeps only a hash of it, so the address itself is
 * shown right after it is made; later the dialog says since when one is active and offers a new one.
 */
export function FeedDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const fmt = useFormat();
  const notify = useNotify();
  const status = useFeedStatus(open);
  const reset = useResetFeed();
  const revoke = useRevokeFeed();
  const [url, setUrl] = useState<string | null>(null);
  const active = status.data?.createdAt;

  const create = () =>
    reset.mutate(undefined, {
      onSuccess: (created) => {
        setUrl(created.url);
        notify({ key: 'calendarPage.feed.created' }, 'success');
      },
    });
  const copy = async () => {
    if (url && (await copyText(url))) notify({ key: 'calendarPage.feed.copied' }, 'success');
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="calendar-feed-dialog">
      <DialogTitle>{t('calendarPage.feed.title')}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {t('calendarPage.feed.explain')}
          </Typography>
          {url ? (
            <TextField
              size="small"
              value={url}
              fullWidth
              slotProps={{
                htmlInput: { readOnly: true, dir: 'ltr', 'data-testid': 'calendar-feed-url', onFocus: (e: React.FocusEvent<HTMLInputElement>) => e.target.select() },
                input: {
                  endAdornment: (
                    <InputAdornment position="end">
                      <IconButton onClick={copy} aria-label={t('calendarPage.feed.copy')} data-testid="calendar-feed-copy">
                        <ContentCopyIcon fontSize="small" />
                      </IconButton>
                    </InputAdornment>
                  ),
                },
              }}
            />
          ) : active ? (
            <Alert severity="info" data-testid="calendar-feed-active">
              {t('calendarPage.feed.active', { date: fmt.date(active) })}
              {status.data?.lastUsedAt && (
                <Box component="span" sx={{ display: 'block' }}>
                  {t('calendarPage.feed.lastUsed', { date: fmt.dateTime(status.data.lastUsedAt) })}
                </Box>
              )}
            </Alert>
          ) : (
            status.isSuccess && <Alert severity="warning">{t('calendarPage.feed.none')}</Alert>
          )}
          <FormErrorAlert error={reset.error ?? revoke.error} />
        </Box>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {(active || url) && (
          <Button
            color="error"
            onClick={() =>
              revoke.mutate(undefined, {
                onSuccess: () => {
                  setUrl(null);
                  notify({ key: 'calendarPage.feed.revoked' }, 'success');
                },
              })
            }
            disabled={revoke.isPending}
            data-testid="calendar-feed-revoke"
          >
            {t('calendarPage.feed.revoke')}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose}>{t('calendarPage.feed.close')}</Button>
        <Button variant="contained" onClick={create} disabled={reset.isPending} data-testid="calendar-feed-create">
          {t(active || url ? 'calendarPage.feed.reset' : 'calendarPage.feed.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
