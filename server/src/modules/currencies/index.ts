export { createCurrenciesService, rateOn, defaultCurrencyOf, trimDecimal, type CurrenciesService, type ExchangeRate } from './currencies.service.ts';
export { registerCurrenciesRoutes } from './currencies.routes.ts';
export { currencyErrors, currencyFieldError } from './currencies.errors.ts';
export { checkCurrency, parseDecimalInput, type DecimalRule } from './currencies.input.ts';
export { ZCurrency, ZDecimalInput, isCurrencyCode } from './currencies.contract.ts';
export { exchangeRates } from './currencies.schema.ts';
