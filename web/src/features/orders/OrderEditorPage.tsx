import { DocumentEditorPage } from './DocumentEditorPage.tsx';

export function OrderEditorPage() {
  return <DocumentEditorPage kind="order" />;
}
