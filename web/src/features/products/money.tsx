import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { divide, formatMoney, inputUnitLabel, multiply, parseDecimal, type MoneyDisplay } from '#common/money/index.ts';
import { formatNumber } from '#common/text/index.ts';
import { api } from '../../shared/api/index.ts';
import { useT, type UiLocale } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/index.ts';

/** How the workspace shows and taxes money (workspace settings). */
export type MoneySettings = { defaultCurrency: string; moneyDisplay: MoneyDisplay; vatRate: string };

type WorkspaceMoney = Partial<{ defaultCurrency: string; moneyDisplay: MoneyDisplay; vatRate: string | number }>;

export const CURRENCIES = ['IRR', 'USD', 'EUR', 'AED', 'TRY', 'CNY'] as const;

const settingsOf = (w: WorkspaceMoney | null | undefined): MoneySettings => ({
  defaultCurrency: w?.defaultCurrency ?? 'IRR',
  moneyDisplay: w?.moneyDisplay === 'rial' ? 'rial' : 'toman',
  vatRate: w?.vatRate === undefined || w.vatRate === null ? '10' : String(w.vatRate),
});

/**
 * The money settings of the active workspace: from the session when it carries them, else from
 * GET /workspace (same cache entry as the workspace settings page).
 */
export function useMoneySettings(): MoneySettings {
  const me = useSession();
  const fromSession = me.workspace as WorkspaceMoney | null;
  const known = fromSession?.moneyDisplay !== undefined;
  const workspace = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api.get<WorkspaceMoney>('/api/v1/workspace'),
    enabled: !known,
    staleTime: 5 * 60_000,
  });
  const source = known ? fromSession : workspace.data;
  return useMemo(() => settingsOf(source), [source]);
}

/** Formats amounts (decimal strings) in the workspace's rial/toman display. */
export function useMoney(localeOverride?: UiLocale) {
  const { locale: uiLocale } = useT();
  const locale = localeOverride ?? uiLocale;
  const settings = useMoneySettings();
  return useMemo(
    () => ({
      ...settings,
      format: (amount: string | null | undefined, currency = settings.defaultCurrency) =>
        amount === null || amount === undefined || amount === '' ? '—' : formatMoney(amount, currency, locale, settings.moneyDisplay),
      unit: (currency = settings.defaultCurrency) => inputUnitLabel(currency, locale, settings.moneyDisplay),
    }),
    [settings, locale],
  );
}

/** Tomans are typed for IRR in a toman workspace: a factor of 10 between what is typed and stored. */
const enteredInTomans = (currency: string, display: MoneyDisplay) => currency === 'IRR' && display === 'toman';

/** Stored amount (rials for IRR) → the number the user types. */
export function toEntered(amount: string, currency: string, display: MoneyDisplay): string {
  if (!amount) return '';
  const value = enteredInTomans(currency, display) ? divide(amount, '10', 2) : amount;
  return value.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}

/** What the user typed (any digits, separators) → the stored amount, or null when unreadable. */
export function fromEntered(text: string, currency: string, display: MoneyDisplay): string | null {
  const parsed = parseDecimal(text);
  if (parsed === null) return null;
  return enteredInTomans(currency, display) ? multiply(parsed, '10', 2) : multiply(parsed, '1', 2);
}

/** Groups the digits of a typed number for display in the field (Persian digits in fa). */
function groupDigits(text: string, locale: UiLocale): string {
  const parsed = parseDecimal(text);
  if (parsed === null) return text;
  const [whole, rawFraction] = parsed.split('.');
  // "2.000" from the server reads as "2"; a fraction being typed ("2.5") is kept as typed.
  const fraction = rawFraction?.replace(/0+$/, '') || undefined;
  const grouped = formatNumber(BigInt(whole!), locale);
  const point = locale === 'fa' ? '٫' : '.';
  const fractionDigits = fraction === undefined ? '' : locale === 'fa' ? fraction.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : fraction;
  return fraction === undefined ? (text.trim().match(/[.٫]$/) ? grouped + point : grouped) : `${grouped}${point}${fractionDigits}`;
}

type DecimalInputProps = Omit<TextFieldProps, 'value' | 'onChange' | 'defaultValue'> & {
  /** Canonical decimal string ('' for none). */
  value: string;
  onChange: (value: string | null) => void;
  testId?: string;
  /** Text shown after the number (the unit). */
  suffix?: string;
};

/**
 * A number typed with Persian, Arabic-Indic or Latin digits; shown grouped in the UI language.
 * Reports the canonical decimal string, or null while the text is not a number.
 */
export function DecimalInput({ value, onChange, testId, suffix, helperText, ...rest }: DecimalInputProps) {
  const { t, locale } = useT();
  const [text, setText] = useState(() => (value ? groupDigits(value, locale) : ''));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    // Follow outside changes (a product picked, a reset) without fighting the user's typing.
    if ((parseDecimal(text) ?? '') !== (value ? parseDecimal(value) : '')) {
      setText(value ? groupDigits(value, locale) : '');
      setInvalid(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, locale]);
  return (
    <TextField
      size="small"
      {...rest}
      value={text}
      error={invalid || rest.error}
      helperText={invalid ? t('products.invalidNumber') : helperText}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (!next.trim()) {
          setInvalid(false);
          onChange('');
          return;
        }
        const parsed = parseDecimal(next);
        setInvalid(parsed === null);
        onChange(parsed);
      }}
      onBlur={() => {
        if (parseDecimal(text) !== null) setText(groupDigits(text, locale));
      }}
      slotProps={{
        ...rest.slotProps,
        input: suffix ? { endAdornment: <span style={{ opacity: 0.6, whiteSpace: 'nowrap', fontSize: '0.85em' }}>{suffix}</span> } : undefined,
        htmlInput: { dir: 'ltr', inputMode: 'decimal', 'data-testid': testId, style: { textAlign: locale === 'fa' ? 'right' : 'left' } },
      }}
    />
  );
}

type MoneyInputProps = Omit<DecimalInputProps, 'value' | 'onChange' | 'suffix'> & {
  /** Stored amount (rials for IRR); '' for none. */
  value: string;
  currency: string;
  onChange: (amount: string | null) => void;
  /** Show the formatted amount under the field. */
  showFormatted?: boolean;
};

/** An amount typed in the workspace's unit (tomans for IRR in a toman workspace), held as stored. */
export function MoneyInput({ value, currency, onChange, showFormatted = true, helperText, ...rest }: MoneyInputProps) {
  const money = useMoney();
  const entered = value ? toEntered(value, currency, money.moneyDisplay) : '';
  return (
    <DecimalInput
      {...rest}
      value={entered}
      suffix={money.unit(currency)}
      helperText={helperText ?? (showFormatted && value ? money.format(value, currency) : undefined)}
      onChange={(typed) => {
        if (typed === null) return onChange(null);
        onChange(typed === '' ? '' : fromEntered(typed, currency, money.moneyDisplay));
      }}
    />
  );
}
