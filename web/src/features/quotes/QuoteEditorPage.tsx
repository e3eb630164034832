import { DocumentEditorPage } from '../orders/DocumentEditorPage.tsx';

export function QuoteEditorPage() {
  return <DocumentEditorPage kind="quote" />;
}
