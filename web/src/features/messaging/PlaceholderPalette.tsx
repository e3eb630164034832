import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { PLACEHOLDERS, type Placeholder } from './messaging.api.ts';

const LABEL: Record<Placeholder, TKey> = {
  first_name: 'messaging.placeholders.first_name',
  last_name: 'messaging.placeholders.last_name',
  full_name: 'messaging.placeholders.full_name',
  organization: 'messaging.placeholders.organization',
  job_title: 'messaging.placeholders.job_title',
  owner_name: 'messaging.placeholders.owner_name',
  workspace: 'messaging.placeholders.workspace',
  email: 'messaging.placeholders.email',
  phone: 'messaging.placeholders.phone',
};

export const placeholderToken = (name: string) => `{{${name}}}`;

/** Click a chip to put `{{first_name}}` (etc.) where the caret is; explains the fallback syntax. */
export function PlaceholderPalette({ onInsert }: { onInsert: (token: string) => void }) {
  const { t } = useT();
  return (
    <Box data-testid="placeholder-palette">
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.75 }}>
        {t('messaging.placeholders.title')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
        {PLACEHOLDERS.map((name) => (
          <Chip
            key={name}
            size="small"
            variant="outlined"
            clickable
            // Keep the caret where it is in the field being edited.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onInsert(placeholderToken(name))}
            label={
              <span>
                {t(LABEL[name])}{' '}
                <Box component="span" dir="ltr" sx={{ fontFamily: 'monospace', fontSize: 11, color: 'text.secondary' }}>
                  {placeholderToken(name)}
                </Box>
              </span>
            }
            data-testid={`placeholder-${name}`}
          />
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1, mb: 0 }} data-testid="placeholder-fallback-help">
        {t('messaging.placeholders.fallbackHelp')}{' '}
        <Box component="code" dir="ltr" sx={{ unicodeBidi: 'isolate', fontFamily: 'monospace', bgcolor: 'action.hover', px: 0.5, borderRadius: 0.5 }} data-testid="placeholder-fallback-example">
          {`{{first_name|${t('messaging.placeholders.fallbackExample')}}}`}
        </Box>{' '}
        {t('messaging.placeholders.fallbackMissing')}
      </Typography>
    </Box>
  );
}
