import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import CloseIcon from '@mui/icons-material/Close';
import { isApiError } from '../api/index.ts';
import { useT, type TKey } from '../i18n/index.ts';

export type ContactDraft = { value: string; label: string };

const LABELS: Record<'email' | 'phone', string[]> = {
  email: ['work', 'personal', 'other'],
  phone: ['mobile', 'work', 'home', 'fax', 'other'],
};

/** Emails or phones: value + label rows; the first one is the primary. */
export function ContactListEditor({
  kind,
  value,
  onChange,
  error,
  testId,
}: {
  kind: 'email' | 'phone';
  value: ContactDraft[];
  onChange: (rows: ContactDraft[]) => void;
  error?: unknown;
  testId: string;
}) {
  const { t } = useT();
  const rows = value.length ? value : [{ value: '', label: kind === 'email' ? 'work' : 'mobile' }];
  const path = kind === 'email' ? 'emails' : 'phones';
  const messageFor = (index: number) =>
    isApiError(error) ? error.errors.find((e) => e.path === `${path}.${index}` || e.path.startsWith(`${path}.${index}.`))?.message : undefined;
  const set = (index: number, patch: Partial<ContactDraft>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {rows.map((row, index) => {
        const message = messageFor(index);
        return (
          <Box key={index} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              size="small"
              label={index === 0 ? t(kind === 'email' ? 'records.email' : 'records.phone') : t(kind === 'email' ? 'records.otherEmail' : 'records.otherPhone')}
              type={kind === 'email' ? 'email' : 'tel'}
              value={row.value}
              onChange={(e) => set(index, { value: e.target.value })}
              error={Boolean(message)}
              helperText={message}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: kind === 'email' ? 'email' : 'tel', 'data-testid': `${testId}-${index}` } }}
              sx={{ flex: 1 }}
            />
            <TextField select size="small" label={t('records.label')} value={row.label} onChange={(e) => set(index, { label: e.target.value })} sx={{ width: 120, flexShrink: 0 }} fullWidth={false}>
              {LABELS[kind].map((l) => (
                <MenuItem key={l} value={l}>
                  {t(`records.contactLabels.${l}` as TKey)}
                </MenuItem>
              ))}
            </TextField>
            {rows.length > 1 && (
              <IconButton onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={t('common.remove')} sx={{ mt: 0.25 }}>
                <CloseIcon fontSize="small" />
              </IconButton>
            )}
          </Box>
        );
      })}
      <Box>
        <Button size="small" startIcon={<AddIcon />} onClick={() => onChange([...rows, { value: '', label: kind === 'email' ? 'personal' : 'work' }])}>
          {t(kind === 'email' ? 'records.addEmail' : 'records.addPhone')}
        </Button>
      </Box>
    </Box>
  );
}

/** Drafts → API entries (first is primary), blanks dropped. */
export function contactsForApi(rows: ContactDraft[]): Array<{ value: string; label?: string; primary: boolean }> {
  return rows
    .map((r) => ({ value: r.value.trim(), label: r.label || undefined }))
    .filter((r) => r.value)
    .map((r, i) => ({ ...r, primary: i === 0 }));
}

export function contactDrafts(entries: Array<{ value: string; raw?: string; label?: string; primary: boolean }> | undefined, kind: 'email' | 'phone'): ContactDraft[] {
  const sorted = [...(entries ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
  return sorted.map((e) => ({ value: kind === 'phone' ? (e.raw ?? e.value) : e.value, label: e.label ?? (kind === 'email' ? 'work' : 'mobile') }));
}
