import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useT } from '../../shared/i18n/index.ts';
import { copyText } from '../../shared/ui/index.ts';
import type { CreatedApiKey } from './api-keys.api.ts';

/** Shows a new key's secret exactly once; closing is deliberate (no backdrop or Escape). */
export function ApiKeySecretDialog({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useT();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const handleCopy = async () => {
    if (!created) return;
    setCopyState((await copyText(created.secret)) ? 'copied' : 'failed');
  };

  const handleClose = () => {
    setCopyState('idle');
    onClose();
  };

  return (
    <Dialog open={created !== null} fullWidth maxWidth="sm" data-testid="api-key-secret-dialog">
      <DialogTitle>{created ? t('apiKeys.secretTitle', { name: created.apiKey.name }) : ''}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('apiKeys.secretWarning')}
        </Alert>
        <Box
          sx={{
            display: 'flex',
            alignItems: 'stretch',
            border: 1,
            borderColor: 'divider',
            borderRadius: 2,
            overflow: 'hidden',
            bgcolor: '#f6f8f9',
          }}
          dir="ltr"
        >
          <Box
            component="code"
            data-testid="api-key-secret"
            sx={{
              flex: 1,
              p: 1.5,
              fontFamily: '"Roboto Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              fontSize: 14,
              wordBreak: 'break-all',
              userSelect: 'all',
              direction: 'ltr',
              textAlign: 'start',
            }}
          >
            {created?.secret}
          </Box>
          <Button
            onClick={() => void handleCopy()}
            startIcon={copyState === 'copied' ? <CheckIcon /> : <ContentCopyIcon />}
            sx={{ borderRadius: 0, borderInlineStart: '1px solid', borderColor: 'divider', px: 2, flexShrink: 0 }}
            data-testid="api-key-copy"
          >
            {copyState === 'copied' ? t('common.copied') : t('common.copy')}
          </Button>
        </Box>
        {copyState === 'failed' && (
          <Typography variant="caption" color="error" sx={{ mt: 1, display: 'block' }}>
            {t('common.copyFailed')}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('apiKeys.usage')}
        </Typography>
        <Box
          component="pre"
          dir="ltr"
          sx={{ m: 0, mt: 1, p: 1.5, borderRadius: 2, bgcolor: '#102a30', color: '#d7f2ee', fontSize: 13, overflowX: 'auto', textAlign: 'start' }}
        >
          Authorization: Bearer {created ? `${created.secret.slice(0, 12)}…` : ''}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={handleClose} data-testid="api-key-secret-done">
          {t('apiKeys.secretDone')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
