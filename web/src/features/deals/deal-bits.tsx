import { useCallback } from 'react';
import Chip from '@mui/material/Chip';
import { formatMoney } from '#common/money/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { StageKind } from '../pipelines/pipelines.api.ts';
import { useMoneySettings, type DealStatus } from './deals.api.ts';

export { isOverdue, rottingDays } from './deal-rules.ts';

/** Amounts in the user's language and the workspace's money display (tomans or rials). */
export function useMoney(): (amount: string | null | undefined, currency?: string) => string {
  const { locale } = useT();
  const { defaultCurrency, moneyDisplay } = useMoneySettings();
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

const STATUS_COLOR: Record<DealStatus, 'default' | 'success' | 'error' | 'info'> = { open: 'info', won: 'success', lost: 'error' };

export function DealStatusChip({ status }: { status: DealStatus }) {
  const { t } = useT();
  return <Chip size="small" color={STATUS_COLOR[status] ?? 'default'} variant={status === 'open' ? 'outlined' : 'filled'} label={t(`deals.status.${status}`)} data-testid="deal-status" />;
}

export const stageKindColor = (kind: StageKind): 'primary' | 'success' | 'error' => (kind === 'won' ? 'success' : kind === 'lost' ? 'error' : 'primary');

/** «۳ روز ۴ ساعت», "3 days 4 hours": the two largest units. */
export function useDuration(): (seconds: number) => string {
  const { t, locale } = useT();
  const format = useFormat();
  return (seconds) => {
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.max(0, Math.floor((seconds % 3600) / 60));
    const parts: string[] = [];
    if (days) parts.push(t('deals.days', { count: format.number(days) }));
    if (hours) parts.push(t('deals.hours', { count: format.number(hours) }));
    if (!days && (minutes || !hours)) parts.push(t('deals.minutes', { count: format.number(minutes) }));
    return parts.slice(0, 2).join(locale === 'fa' ? ' و ' : ' ');
  };
}

/** How a deal's own values read in its timeline: money as money, references by name, lines counted. */
export function useDealValueText(currency: string): (field: string, value: unknown) => string | undefined {
  const { t, locale } = useT();
  const format = useFormat();
  const money = useMoney();
  return useCallback(
    (field, value) => {
      const named = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : undefined);
      if (field === 'amount' && typeof value === 'string') return money(value, currency);
      if (field === 'amountBase' && typeof value === 'string') return money(value);
      if (field === 'lineItems' && Array.isArray(value)) return t('deals.lineCount', { count: format.number(value.length) });
      if (field === 'people' && Array.isArray(value)) return value.map(named).filter(Boolean).join(locale === 'fa' ? '، ' : ', ') || '—';
      if (field === 'lostReason' && value && typeof value === 'object') return String((value as Record<string, unknown>)[locale === 'fa' ? 'labelFa' : 'labelEn'] ?? '—');
      if (field === 'forecastCategory' && typeof value === 'string') return t(`deals.forecast.${value}` as 'deals.forecast.pipeline');
      if (field === 'stage' || field === 'organization' || field === 'competitor' || field === 'owner') return named(value);
      return undefined;
    },
    [t, locale, format, money, currency],
  );
}
