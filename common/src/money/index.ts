export { MONEY_SCALE, add, compare, divide, fromUnits, multiply, parseDecimal, percentOf, round, subtract, toUnits } from './decimal.ts';
export { currencyScale, documentTotals, lineNet, type DocumentTotals, type LineInput, type LineTotals } from './lines.ts';
export { formatMoney, inputUnitLabel, type MoneyDisplay } from './format.ts';
