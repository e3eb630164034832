import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useT } from '../i18n/index.ts';
import { usePhoneText } from './RecordBits.tsx';
import { RESOURCE_OF, type DuplicateCandidate } from './records.types.ts';

export function useReasonText(): (c: DuplicateCandidate) => string {
  const { t, tOr, locale } = useT();
  const phoneText = usePhoneText();
  return (c) =>
    c.reasons
      .map((r) => tOr(`duplicates.reasons.${r.code}`, r.code, { value: r.code === 'same_phone' ? phoneText(r.value) : r.value }))
      .filter(Boolean)
      .join(locale === 'fa' ? '، ' : ', ') || t('duplicates.similar');
}

/** "This may already exist": candidates with why they match, each a link to its page. */
export function DuplicateWarning({ candidates, action }: { candidates: DuplicateCandidate[]; action?: (c: DuplicateCandidate) => ReactNode }) {
  const { t } = useT();
  const reasonText = useReasonText();
  if (!candidates.length) return null;
  return (
    <Alert severity="warning" data-testid="duplicate-warning" sx={{ mb: 2 }}>
      <AlertTitle>{t('duplicates.title')}</AlertTitle>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.75 }}>
        {candidates.slice(0, 5).map((c) => (
          <Box component="li" key={c.id} data-testid="duplicate-candidate" sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Link component={RouterLink} to={`/${RESOURCE_OF[c.entityType]}/${c.id}`} target="_blank" sx={{ fontWeight: 600 }}>
              {c.title}
            </Link>
            {c.subtitle && (
              <Typography variant="caption" color="text.secondary">
                {c.subtitle}
              </Typography>
            )}
            <Typography variant="caption">— {reasonText(c)}</Typography>
            {action?.(c)}
          </Box>
        ))}
      </Box>
    </Alert>
  );
}
