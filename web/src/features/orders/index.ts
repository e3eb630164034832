export { OrdersListPage } from './OrdersListPage.tsx';
export { OrderEditorPage } from './OrderEditorPage.tsx';
export { PrintOrderPage, PrintQuotePage } from './PrintDocumentPage.tsx';
export { CustomerOrdersSection } from './CustomerOrdersSection.tsx';
