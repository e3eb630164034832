import { useEffect, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { parseDateInput } from '#common/calendar/index.ts';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'defaultValue'> & {
  /** ISO 'YYYY-MM-DD', or '' / null for none. */
  value: string | null | undefined;
  onChange: (iso: string | null) => void;
  testId?: string;
};

/**
 * A date typed in the user's calendar (۱۴۰۳/۰۱/۱۵ in Persian, 2024-04-03 in English; any digits),
 * held as an ISO date. An unreadable entry says so under the field and reports null.
 */
export function DateInput({ value, onChange, testId, helperText, ...rest }: Props) {
  const format = useFormat();
  const { t, locale } = useT();
  const shown = value ? format.date(value, 'short') : '';
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);

  // Follow changes from outside (a reset, a loaded record) without fighting the user's typing.
  useEffect(() => {
    const current = text.trim() ? parseDateInput(text, format.calendar) : null;
    if ((current ?? null) !== (value || null)) {
      setText(shown);
      setInvalid(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, shown]);

  const placeholder = format.calendar === 'jalali' ? format.digits('1403/01/15') : format.digits('2024-04-03');

  return (
    <TextField
      {...rest}
      value={text}
      placeholder={placeholder}
      error={invalid || rest.error}
      helperText={invalid ? t('records.invalidDate') : helperText}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (!next.trim()) {
          setInvalid(false);
          onChange(null);
          return;
        }
        const iso = parseDateInput(next, format.calendar);
        setInvalid(iso === null);
        onChange(iso);
      }}
      slotProps={{ ...rest.slotProps, htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': testId, style: { textAlign: locale === 'fa' ? 'right' : 'left' } } }}
    />
  );
}
