import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useT } from '../../shared/i18n/index.ts';
import { useDebounced } from '../../shared/records/useDebounced.ts';
import { errorMessage } from '../../shared/ui/index.ts';
import { previewTemplate, type PreviewInput } from './messaging.api.ts';
import { placeholderToken } from './PlaceholderPalette.tsx';

/** A document for the sandboxed preview frame: the server's (sanitised, escaped) HTML in a readable page. */
function frameDocument(html: string, dir: 'rtl' | 'ltr'): string {
  return `<!doctype html><html dir="${dir}"><head><meta charset="utf-8"><style>body{font-family:Vazirmatn,Tahoma,system-ui,sans-serif;font-size:14px;line-height:1.8;margin:12px;color:#1f2a2e}a{color:#0b6e69}</style></head><body>${html}</body></html>`;
}

/**
 * What one person would receive: subject, body and the placeholders that had no value. The
 * request is debounced so typing does not send a preview per keystroke.
 */
export function PreviewPanel({ input, channel, dir }: { input: PreviewInput | null; channel: 'email' | 'sms'; dir?: 'rtl' | 'ltr' }) {
  const { t, locale } = useT();
  const debounced = useDebounced(input ? JSON.stringify(input) : '', 400);
  const preview = useQuery({
    queryKey: ['message-templates', 'preview', debounced],
    queryFn: () => previewTemplate(JSON.parse(debounced) as PreviewInput),
    enabled: Boolean(debounced),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
  const direction = dir ?? (locale === 'fa' ? 'rtl' : 'ltr');

  if (!input) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="preview-idle">
        {t('messaging.preview.pickPerson')}
      </Typography>
    );
  }
  return (
    <Box data-testid="message-preview">
      {preview.isFetching && <LinearProgress sx={{ mb: 1 }} />}
      {preview.isError && (
        <Alert severity="error" data-testid="preview-error">
          {errorMessage(preview.error, t('errors.unknown'))}
        </Alert>
      )}
      {preview.data && (
        <>
          {preview.data.missing.length > 0 && (
            <Alert severity="warning" sx={{ mb: 1 }} data-testid="preview-missing">
              {t('messaging.preview.missing', { list: preview.data.missing.map((m) => placeholderToken(m)).join(locale === 'fa' ? '، ' : ', ') })}
            </Alert>
          )}
          {channel === 'email' && (
            <Typography variant="body2" sx={{ mb: 1 }} dir={direction}>
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {t('messaging.preview.subject')}:{' '}
              </Box>
              <Box component="strong" data-testid="preview-subject">
                {preview.data.subject}
              </Box>
            </Typography>
          )}
          {channel === 'email' && preview.data.html !== null ? (
            <Box
              component="iframe"
              title={t('messaging.preview.title')}
              // No scripts, no same-origin access: the preview is only looked at.
              sandbox=""
              srcDoc={frameDocument(preview.data.html, direction)}
              data-testid="preview-frame"
              sx={{ width: '100%', height: 260, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }}
            />
          ) : (
            <Box
              dir={direction}
              data-testid="preview-text"
              sx={{ whiteSpace: 'pre-wrap', p: 1.5, border: 1, borderColor: 'divider', borderRadius: 2, bgcolor: 'action.hover', fontSize: 14, overflowWrap: 'anywhere' }}
            >
              {preview.data.text}
            </Box>
          )}
        </>
      )}
    </Box>
  );
}
