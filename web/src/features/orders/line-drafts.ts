import { currencyScale, documentTotals, round, type DocumentTotals } from '#common/money/index.ts';
import type { PickedProduct } from '../products/ProductPicker.tsx';
import type { DocumentInput, DocumentLine } from './documents.api.ts';

/** A line as typed: numbers are canonical decimal strings, '' when empty, null while unreadable. */
export type LineDraft = {
  key: number;
  product: PickedProduct | null;
  description: string;
  quantity: string | null;
  unitPrice: string | null;
  discountPercent: string | null;
  taxRate: string | null;
  unitCost: string | null;
};

let nextLineKey = 1;

export function emptyLine(vatRate: string): LineDraft {
  return { key: nextLineKey++, product: null, description: '', quantity: '1', unitPrice: '', discountPercent: '0', taxRate: vatRate, unitCost: null };
}

export function lineDraftOf(line: DocumentLine): LineDraft {
  return {
    key: nextLineKey++,
    product: line.productId ? { id: line.productId, name: line.description } : null,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    taxRate: line.taxRate,
    unitCost: line.unitCost ?? null,
  };
}

export const lineIsValid = (l: LineDraft) => [l.quantity, l.unitPrice, l.discountPercent, l.taxRate].every((v) => v !== null);

/**
 * The line as the server stores it: quantities to 3 places, prices and rates to 2 (the numeric
 * scales of the columns), so the preview computes on exactly what will be stored.
 */
export function lineForApi(l: LineDraft): DocumentInput['lines'][number] {
  return {
    productId: l.product?.id ?? null,
    description: l.description.trim(),
    quantity: round(l.quantity || '0', 3).replace(/\.?0+$/, '') || '0',
    unitPrice: round(l.unitPrice || '0', 2),
    discountPercent: round(l.discountPercent || '0', 2),
    taxRate: round(l.taxRate || '0', 2),
    unitCost: l.unitCost ? round(l.unitCost, 2) : null,
  };
}

/** Totals of what is on screen, with the server's own function (common/src/money). */
export function previewTotals(lines: LineDraft[], discount: string | null, currency: string): DocumentTotals | null {
  if (!lines.every(lineIsValid) || discount === null) return null;
  return documentTotals(lines.map(lineForApi), round(discount || '0', 2), currencyScale(currency));
}

