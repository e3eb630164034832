import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { failOnFieldErrors, parseInput } from '../people/validation.ts';
import { workspacesRepository } from '../workspaces/workspaces.repository.ts';
import { ZExchangeRateCreate, ZExchangeRatePatch } from './currencies.contract.ts';
import { currencyErrors, currencyFieldError } from './currencies.errors.ts';
import { checkCurrency, parseDecimalInput } from './currencies.input.ts';
import { currenciesRepository as repo, type ExchangeRateRow } from './currencies.repository.ts';

export type ExchangeRate = { id: string; currency: string; rate: string; validFrom: string; createdBy: string | null; createdAt: Date };

/** Trailing zeros of numeric(24, 8) dropped: "52000.00000000" reads as "52000". */
export const trimDecimal = (value: string): string => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

const publicRate = (r: ExchangeRateRow): ExchangeRate => ({
  id: r.id,
  currency: r.currency,
  rate: trimDecimal(r.rate),
  validFrom: r.validFrom,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

const RATE_RULE = { scale: 8, positive: true, maxWholeDigits: 16 };

/** The workspace's default currency (IRR unless set otherwise). */
export async function defaultCurrencyOf(db: Executor, workspaceId: string): Promise<string> {
  return (await workspacesRepository.find(db, workspaceId))?.defaultCurrency ?? 'IRR';
}

/**
 * Units of the workspace default currency one unit of `currency` is worth on `isoDate`: "1" for
 * the default currency itself, the latest rate valid from that day or before, or null when none
 * is known (the caller answers 422 exchange_rate_missing).
 */
export async function rateOn(db: Executor, workspaceId: string, currency: string, isoDate: string): Promise<string | null> {
  if (currency === (await defaultCurrencyOf(db, workspaceId))) return '1';
  const rate = await repo.rateOn(db, workspaceId, currency, isoDate);
  return rate === null ? null : trimDecimal(rate);
}

const actorId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

export function createCurrenciesService(deps: { db: AppDb }) {
  const { db } = deps;

  async function requireRate(executor: Executor, workspaceId: string, id: string): Promise<ExchangeRateRow> {
    const row = await repo.find(executor, workspaceId, id);
    if (!row) throw currencyErrors.exchange_rate_not_found();
    return row;
  }

  return {
    async list(ctx: WorkspaceContext, query: { currency?: string; on?: string }): Promise<ExchangeRate[]> {
      requirePermission(ctx, 'records.read');
      const rows = (await repo.list(db, ctx.workspaceId, query.currency)).map(publicRate);
      if (!query.on) return rows;
      // The rate in force on that day, one per currency: rows are newest first per currency.
      const inForce = new Map<string, ExchangeRate>();
      for (const r of rows) if (r.validFrom <= query.on && !inForce.has(r.currency)) inForce.set(r.currency, r);
      return [...inForce.values()];
    },

    async lookup(ctx: WorkspaceContext, currency: string, isoDate: string) {
      requirePermission(ctx, 'records.read');
      const errors: FieldError[] = [];
      const code = checkCurrency('currency', currency, errors);
      failOnFieldErrors(errors);
      return { currency: code!, date: isoDate, rate: await rateOn(db, ctx.workspaceId, code!, isoDate), defaultCurrency: await defaultCurrencyOf(db, ctx.workspaceId) };
    },

    async create(ctx: WorkspaceContext, rawInput: unknown): Promise<ExchangeRate> {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZExchangeRateCreate, rawInput);
      const errors: FieldError[] = [];
      const currency = checkCurrency('currency', input.currency, errors);
      const rate = parseDecimalInput('rate', input.rate, RATE_RULE, errors);
      if (currency && currency === (await defaultCurrencyOf(db, ctx.workspaceId))) errors.push(currencyFieldError('currency', 'default_currency_rate'));
      failOnFieldErrors(errors);
      return mutate(db, ctx, async (tx, audit) => {
        const row = await repo.insert(tx, ctx.workspaceId, { currency: currency!, rate: rate!, validFrom: input.validFrom, createdBy: actorId(ctx) });
        if (!row) throw currencyErrors.exchange_rate_exists();
        const created = publicRate(row);
        await audit({ action: 'exchange_rate.created', entityType: 'exchange_rate', entityId: row.id, after: created });
        return created;
      });
    },

    async update(ctx: WorkspaceContext, id: string, rawInput: unknown): Promise<ExchangeRate> {
      requirePermission(ctx, 'sales.configure');
      const input = parseInput(ZExchangeRatePatch, rawInput);
      const errors: FieldError[] = [];
      const rate = input.rate === undefined ? undefined : parseDecimalInput('rate', input.rate, RATE_RULE, errors);
      failOnFieldErrors(errors);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await requireRate(tx, ctx.workspaceId, id);
        const changes = { ...(rate !== undefined ? { rate } : {}), ...(input.validFrom !== undefined ? { validFrom: input.validFrom } : {}) };
        let row: ExchangeRateRow | undefined;
        try {
          row = await repo.update(tx, ctx.workspaceId, id, changes);
        } catch (error) {
          if (isUniqueViolation(error)) throw currencyErrors.exchange_rate_exists();
          throw error;
        }
        const after = publicRate(row!);
        await audit({ action: 'exchange_rate.updated', entityType: 'exchange_rate', entityId: id, before: publicRate(before), after });
        return after;
      });
    },

    /** Deals and orders keep the rate they were valued at, so removing a rate changes no stored amount. */
    async remove(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'sales.configure');
      await mutate(db, ctx, async (tx, audit) => {
        const row = await repo.remove(tx, ctx.workspaceId, id);
        if (!row) throw currencyErrors.exchange_rate_not_found();
        await audit({ action: 'exchange_rate.deleted', entityType: 'exchange_rate', entityId: id, before: publicRate(row) });
      });
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) if (e.code === '23505') return true;
  return false;
}

export type CurrenciesService = ReturnType<typeof createCurrenciesService>;
