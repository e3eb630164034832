import { useState } from 'react';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { DEFAULT_TIME_ZONE } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { DateInput } from '../../shared/ui/index.ts';
import { isoToZoned, parseTimeInput, zonedToIso } from './zoned-time.ts';

type Props = {
  label: string;
  /** UTC ISO instant, or null while the entry is incomplete. */
  value: string | null;
  onChange: (iso: string | null) => void;
  testId: string;
  error?: string | null;
};

/**
 * A moment typed as a date in the user's calendar (۱۴۰۵/۰۹/۰۳ in Persian) and a 24-hour time
 * («۱۴:۳۰» or 14:30), on the workspace's wall clock, held as a UTC instant.
 */
export function DateTimeFields({ label, value, onChange, testId, error }: Props) {
  const { t, locale } = useT();
  const format = useFormat();
  const zone = format.timeZone ?? DEFAULT_TIME_ZONE;
  const initial = value ? isoToZoned(value, zone) : null;
  const [date, setDate] = useState<string | null>(initial?.date ?? null);
  const [timeText, setTimeText] = useState(initial ? format.digits(initial.time) : '');
  const time = parseTimeInput(timeText);
  const timeInvalid = timeText.trim() !== '' && time === null;

  const emit = (nextDate: string | null, nextTime: string | null) => onChange(nextDate && nextTime ? zonedToIso(nextDate, nextTime, zone) : null);

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 1.5 }}>
      <DateInput
        label={label}
        size="small"
        value={date}
        onChange={(iso) => {
          setDate(iso);
          emit(iso, time);
        }}
        testId={`${testId}-date`}
        error={Boolean(error)}
        helperText={error ?? undefined}
      />
      <TextField
        label={t('activities.time')}
        size="small"
        value={timeText}
        placeholder={format.digits('14:30')}
        error={timeInvalid}
        helperText={timeInvalid ? t('activities.timeInvalid') : undefined}
        onChange={(e) => {
          setTimeText(e.target.value);
          emit(date, parseTimeInput(e.target.value));
        }}
        slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': `${testId}-time`, style: { textAlign: locale === 'fa' ? 'right' : 'left' } } }}
      />
    </Box>
  );
}
