import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { fa, type Translation } from './fa.ts';

export type UiLocale = 'fa' | 'en';
export const UI_LOCALES: readonly UiLocale[] = ['fa', 'en'];
export const DEFAULT_LOCALE: UiLocale = 'fa';

const STORAGE_KEY = 'peyvand.locale';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every translation key, checked by the compiler. */
export type TKey = Leaves<Translation>;
export type TVars = Record<string, string | number>;

export function isUiLocale(value: unknown): value is UiLocale {
  return value === 'fa' || value === 'en';
}

export function readStoredLocale(): UiLocale {
  if (typeof window === 'undefined') return DEFAULT_LOCALE;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isUiLocale(stored)) return stored;
  } catch {
    // storage may be disabled (private mode); fall back to the default
  }
  return DEFAULT_LOCALE;
}

function storeLocale(locale: UiLocale): void {
  if (typeof window === 'undefined') return;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore: the choice simply will not survive a reload
  }
}

export function directionOf(locale: UiLocale): 'rtl' | 'ltr' {
  return locale === 'fa' ? 'rtl' : 'ltr';
}

/** The language the UI shows right now. */
export function currentLocale(): UiLocale {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isUiLocale(lng) ? lng : DEFAULT_LOCALE;
}

function applyToDocument(locale: UiLocale): void {
  if (typeof document === 'undefined') return; // unit tests in Node
  const html = document.documentElement;
  html.lang = locale;
  html.dir = directionOf(locale);
  document.title = locale === 'fa' ? `${fa.app.name}` : `${en.app.name}`;
}

/** Switch the whole UI; also remembered for the signed-out pages. */
export async function setUiLocale(locale: UiLocale): Promise<void> {
  storeLocale(locale);
  if (currentLocale() !== locale || i18next.language !== locale) {
    await i18next.changeLanguage(locale);
  }
}

void i18next.use(initReactI18next).init({
  resources: { fa: { translation: fa }, en: { translation: en } },
  lng: readStoredLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...UI_LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  react: { useSuspense: false },
});

applyToDocument(currentLocale());
i18next.on('languageChanged', (lng) => {
  if (isUiLocale(lng)) applyToDocument(lng);
});

export type Translate = (key: TKey, vars?: TVars) => string;

/**
 * Interpolated values (names, emails, workspace names) are wrapped in Unicode isolates (FSI…PDI)
 * so a Persian name inside an English sentence, or an email inside a Persian one, keeps its own
 * direction and does not scramble the punctuation around it.
 */
function isolate(vars?: TVars): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(vars ?? {})) out[key] = typeof value === 'string' ? `\u2068${value}\u2069` : value;
  return out;
}

/** Typed translation hook; re-renders when the language changes. */
export function useT(): { t: Translate; tOr: (key: string, fallback: string, vars?: TVars) => string; locale: UiLocale } {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const locale: UiLocale = isUiLocale(lng) ? lng : DEFAULT_LOCALE;
  return {
    t: (key, vars) => t(key, isolate(vars)) as string,
    tOr: (key, fallback, vars) => (i18n.exists(key) ? (t(key, isolate(vars)) as string) : fallback),
    locale,
  };
}

/** For non-React code (the API client). */
export function translate(key: TKey, vars?: TVars): string {
  return i18next.t(key, isolate(vars)) as string;
}

export { i18next };
