import { z } from 'zod';

/** Every ISO 4217 code the runtime knows (Node's ICU list), for validating currency inputs. */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrencyCode = (code: string): boolean => KNOWN_CURRENCIES.has(code);

/** A currency code as sent: trimmed and upper-cased here; whether ISO 4217 knows it is checked by `checkCurrency`. */
export const ZCurrency = z.string().trim().toUpperCase().max(3).describe('ISO 4217 code, e.g. IRR, USD, EUR');

/** A decimal as sent: a string in any digits and separators, or a number. `parseMoneyInput` checks it. */
export const ZDecimalInput = z.union([z.string().trim().min(1).max(60), z.number()]);

const ZIsoDate = z.iso.date().describe('YYYY-MM-DD');

export const ZExchangeRate = z.object({
  id: z.uuid(),
  currency: z.string(),
  rate: z.string().describe('Units of the workspace default currency per unit of `currency`, decimal string'),
  validFrom: z.string().describe('YYYY-MM-DD: the rate applies from this day on'),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});

export const ZExchangeRateCreate = z
  .object({
    currency: ZCurrency,
    rate: ZDecimalInput,
    validFrom: ZIsoDate,
  })
  .strict();
export type TExchangeRateCreate = z.infer<typeof ZExchangeRateCreate>;

export const ZExchangeRatePatch = z
  .object({
    rate: ZDecimalInput.optional(),
    validFrom: ZIsoDate.optional(),
  })
  .strict();

export const ZExchangeRateListQuery = z.object({
  currency: ZCurrency.optional(),
  on: ZIsoDate.optional().describe('Only the rate in force on this day (one per currency)'),
});

export const ZRateLookup = z.object({
  currency: z.string(),
  date: z.string(),
  rate: z.string().nullable().describe('null when no rate is known for that day'),
  defaultCurrency: z.string(),
});
