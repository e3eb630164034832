import { useCallback, useContext } from 'react';
import { formatMoney, type MoneyDisplay } from '#common/money/index.ts';
import { useT } from '../i18n/index.ts';
import { SessionContext } from './session.ts';
import type { Me } from './session.types.ts';

/** The workspace's sales settings, as /me carries them (PATCH /workspace changes them). */
export type SalesSettings = {
  /** ISO 4217; totals, forecasts and every *Base amount are in it. */
  defaultCurrency: string;
  /** IRR is stored in rials and shown as tomans (÷10) or rials. */
  moneyDisplay: MoneyDisplay;
  /** First month of the fiscal year in the workspace calendar (1 = Farvardin / January). */
  fiscalYearStartMonth: number;
  /** VAT in percent, decimal string ("10.00"). */
  vatRate: string;
};

/** What a new workspace starts with; also what a page shows before /me answers. */
export const DEFAULT_SALES_SETTINGS: SalesSettings = { defaultCurrency: 'IRR', moneyDisplay: 'toman', fiscalYearStartMonth: 1, vatRate: '10.00' };

export function salesSettingsOf(me: Me | null): SalesSettings {
  const w = me?.workspace;
  return {
    defaultCurrency: w?.defaultCurrency ?? DEFAULT_SALES_SETTINGS.defaultCurrency,
    moneyDisplay: w?.moneyDisplay ?? DEFAULT_SALES_SETTINGS.moneyDisplay,
    fiscalYearStartMonth: w?.fiscalYearStartMonth ?? DEFAULT_SALES_SETTINGS.fiscalYearStartMonth,
    vatRate: w?.vatRate ?? DEFAULT_SALES_SETTINGS.vatRate,
  };
}

/** The active workspace's sales settings, anywhere in the signed-in app (no request of its own). */
export function useSalesSettings(): SalesSettings {
  return salesSettingsOf(useContext(SessionContext));
}

/**
 * Money in the UI language and the workspace's display: «۱۲٬۵۰۰٬۰۰۰ تومان» for "125000000.00"
 * IRR in a toman workspace. The currency defaults to the workspace's (for *Base amounts).
 */
export function useMoney(): (amount: string | null | undefined, currency?: string) => string {
  const { locale } = useT();
  const { defaultCurrency, moneyDisplay } = useSalesSettings();
  return useCallback(
    (amount, currency) => {
      try {
        return formatMoney(amount || '0', currency ?? defaultCurrency, locale, moneyDisplay);
      } catch {
        return String(amount ?? '');
      }
    },
    [locale, defaultCurrency, moneyDisplay],
  );
}
