import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';

const CHOICES = [5, 10, 15, 30, 60, 120, 1440, 2880] as const;

/** How long before a planned call, a meeting or a task's due time to remind; '' is none. */
export function ReminderSelect({ value, onChange, testId, disabled }: { value: number | null; onChange: (minutes: number | null) => void; testId: string; disabled?: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const label = (m: number) =>
    m >= 1440 && m % 1440 === 0
      ? t('activities.reminderDays', { count: format.number(m / 1440) })
      : m >= 60 && m % 60 === 0
        ? t('activities.reminderHours', { count: format.number(m / 60) })
        : t('activities.reminderMinutes', { count: format.number(m) });
  const choices: number[] = value !== null && !CHOICES.includes(value as (typeof CHOICES)[number]) ? [...CHOICES, value].sort((a, b) => a - b) : [...CHOICES];
  return (
    <TextField
      select
      size="small"
      label={t('activities.reminder')}
      value={value === null ? '' : String(value)}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      disabled={disabled}
      slotProps={{ htmlInput: { 'data-testid': testId }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{t('activities.reminderNone')}</MenuItem>
      {choices.map((m) => (
        <MenuItem key={m} value={String(m)}>
          {label(m)}
        </MenuItem>
      ))}
    </TextField>
  );
}
