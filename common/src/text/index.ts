export { toLatinDigits, toPersianDigits } from './digits.ts';
export { formatNumber } from './number.ts';
export { normalizePersianText, searchKey } from './normalize.ts';
