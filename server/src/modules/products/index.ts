export { createProductsService, publicProduct, productSearchKey, PRICE_RULE, QUANTITY_RULE, type ProductsService, type Product } from './products.service.ts';
export { registerProductsRoutes } from './products.routes.ts';
export { productsRepository, type ProductRow, type PriceListRow } from './products.repository.ts';
export { productErrors } from './products.errors.ts';
export { ZProduct, ZProductCreate, ZProductPatch, ZProductListQuery, ZPriceList, ZAmountInput, ZCurrencyInput, PRODUCT_KINDS, type TProductCreate } from './products.contract.ts';
