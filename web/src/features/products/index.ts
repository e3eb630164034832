export { ProductsPage } from './ProductsPage.tsx';
export { PriceListsPage } from './PriceListsPage.tsx';
export { MoneyInput, DecimalInput, useMoney, useMoneySettings } from './money.tsx';
