import { useMemo } from 'react';
import { formatMoney } from '#common/money/index.ts';
import { formatNumber } from '#common/text/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { MoneyDisplay } from './analytics.api.ts';

export type AnalyticsFormat = {
  /** A decimal-string amount of the workspace currency, e.g. «۱۳۰٬۰۰۰ تومان». */
  money: (amount: string | null | undefined) => string;
  /** A chart value (the same amount as a number, only for drawing) in short form: «۱٫۳ میلیون». */
  axis: (value: number | null) => string;
  /** A ratio 0..1 as a percentage: «۴۲٫۹٪». */
  percent: (ratio: number | null | undefined) => string;
  /** A plain number with the locale's digits. */
  number: (value: number | null | undefined) => string;
};

/**
 * Formats for the forecast and the metrics in the UI language and the workspace's money display
 * (IRR shown as tomans when the workspace says so). Amounts stay decimal strings; the charts get
 * them as numbers for bar heights only, never for arithmetic.
 */
export function useAnalyticsFormat(currency: string, display: MoneyDisplay): AnalyticsFormat {
  const { locale, t } = useT();
  return useMemo(() => {
    const asToman = currency === 'IRR' && display === 'toman';
    return {
      money: (amount) => (amount == null ? t('analytics.metrics.none') : formatMoney(amount, currency, locale, display)),
      axis: (value) => (value == null ? '' : formatNumber(asToman ? value / 10 : value, locale, { notation: 'compact', maximumFractionDigits: 1 })),
      percent: (ratio) => (ratio == null ? t('analytics.metrics.none') : formatNumber(ratio, locale, { style: 'percent', maximumFractionDigits: 1 })),
      number: (value) => (value == null ? t('analytics.metrics.none') : formatNumber(value, locale, { maximumFractionDigits: 1 })),
    };
  }, [currency, display, locale, t]);
}
