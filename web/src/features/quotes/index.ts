export { QuotesListPage } from './QuotesListPage.tsx';
export { QuoteEditorPage } from './QuoteEditorPage.tsx';
