import TextField from '@mui/material/TextField';
import { setUiLocale, useT, type UiLocale } from '../i18n/index.ts';

/** The signed-out language switcher (the choice is remembered in this browser). */
export function LanguageSelect({ size = 'small' }: { size?: 'small' | 'medium' }) {
  const { t, locale } = useT();
  return (
    <TextField
      select
      size={size}
      label={t('language.label')}
      value={locale}
      onChange={(event) => void setUiLocale(event.target.value as UiLocale)}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'language-select' } }}
      fullWidth={false}
      sx={{ minWidth: 130 }}
    >
      <option value="fa">{t('language.fa')}</option>
      <option value="en">{t('language.en')}</option>
    </TextField>
  );
}
