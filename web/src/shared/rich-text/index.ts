export { RichTextEditor, type RichTextEditorHandle, type RichTextEditorProps } from './RichTextEditor.tsx';
export { safeHref } from './safe-href.ts';
