import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { useT } from '../i18n/index.ts';

/*
 * The language and calendar choices of the account, the workspace and the signed-out pages:
 * native selects, which phones show with their own pickers.
 */

type ChoiceProps<V> = Omit<TextFieldProps, 'select' | 'value' | 'onChange' | 'slotProps'> & { value: V; onChange: (value: V) => void; testId: string };

function NativeChoice<V extends string>({ value, onChange, testId, options, ...rest }: ChoiceProps<V> & { options: Array<{ value: V; label: string }> }) {
  return (
    <TextField select value={value} onChange={(e) => onChange(e.target.value as V)} {...rest} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId } }}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

export function LocaleField(props: ChoiceProps<Locale>) {
  const { t } = useT();
  return <NativeChoice {...props} options={[{ value: 'fa', label: t('language.fa') }, { value: 'en', label: t('language.en') }]} />;
}

export function CalendarField(props: ChoiceProps<CalendarKind>) {
  const { t } = useT();
  return <NativeChoice {...props} options={[{ value: 'jalali', label: t('calendar.jalali') }, { value: 'gregorian', label: t('calendar.gregorian') }]} />;
}
