import { setUiLocale, useT } from '../i18n/index.ts';
import { LocaleField } from './PreferenceFields.tsx';

/** The signed-out language switcher (the choice is remembered in this browser). */
export function LanguageSelect({ size = 'small' }: { size?: 'small' | 'medium' }) {
  const { t, locale } = useT();
  return (
    <LocaleField size={size} label={t('language.label')} value={locale} onChange={(next) => void setUiLocale(next)} testId="language-select" fullWidth={false} sx={{ minWidth: 130 }} />
  );
}
