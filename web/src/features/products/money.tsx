import { useEffect, useMemo, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { formatMoney, inputUnitLabel, parseDecimal, type MoneyDisplay } from '#common/money/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT, type UiLocale } from '../../shared/i18n/index.ts';
import { useSalesSettings } from '../../shared/session/index.ts';
import { fromEntered, groupDigits, toEntered } from './money-units.ts';

export { fromEntered, toEntered } from './money-units.ts';

/** How the workspace shows and taxes money (workspace settings). */
export type MoneySettings = { defaultCurrency: string; moneyDisplay: MoneyDisplay; vatRate: string };

export const CURRENCIES = ['IRR', 'USD', 'EUR', 'AED', 'TRY', 'CNY'] as const;

/** How the workspace shows and taxes money: the sales settings /me carries (no request of its own). */
export function useMoneySettings(): MoneySettings {
  const { defaultCurrency, moneyDisplay, vatRate } = useSalesSettings();
  return useMemo(() => ({ defaultCurrency, moneyDisplay, vatRate }), [defaultCurrency, moneyDisplay, vatRate]);
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

type DecimalInputProps = Omit<TextFieldProps, 'value' | 'onChange' | 'defaultValue'> & {
  /** Canonical decimal string ('' for none). */
  value: string;
  onChange: (value: string | null) => void;
  testId?: string;
  /** Text shown after the number (the unit). */
  suffix?: string;
  /** More decimal places than this is an error (the column's scale: 3 for quantities, 2 for money and rates). */
  maxDecimals?: number;
};

const decimalsOf = (canonical: string) => canonical.split('.')[1]?.replace(/0+$/, '').length ?? 0;

/**
 * A number typed with Persian, Arabic-Indic or Latin digits; shown grouped in the UI language.
 * Reports the canonical decimal string, or null while the text is not a number.
 */
export function DecimalInput({ value, onChange, testId, suffix, helperText, maxDecimals = 2, ...rest }: DecimalInputProps) {
  const { t, locale } = useT();
  const format = useFormat();
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
      helperText={invalid ? t('products.invalidNumber', { places: format.number(maxDecimals) }) : helperText}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (!next.trim()) {
          setInvalid(false);
          onChange('');
          return;
        }
        const parsed = parseDecimal(next);
        const usable = parsed !== null && decimalsOf(parsed) <= maxDecimals ? parsed : null;
        setInvalid(usable === null);
        onChange(usable);
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
