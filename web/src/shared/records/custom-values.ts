import type { CustomFieldDef } from './records.types.ts';

/** Plain text of a custom value (for cells and sentences). */
export function customValueText(def: CustomFieldDef | undefined, value: unknown, locale: 'fa' | 'en', formatDate: (iso: string) => string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (!def) return Array.isArray(value) ? value.join('، ') : String(value);
  const optionLabel = (v: unknown) => {
    const option = def.options.find((o) => o.value === v);
    return option ? (locale === 'fa' ? option.labelFa : option.labelEn) : String(v);
  };
  if (def.type === 'date' && typeof value === 'string') return formatDate(value);
  if (def.type === 'select') return optionLabel(value);
  if (def.type === 'multi_select' && Array.isArray(value)) return value.map(optionLabel).join(locale === 'fa' ? '، ' : ', ');
  if (def.type === 'boolean') return value === true ? (locale === 'fa' ? 'بله' : 'Yes') : locale === 'fa' ? 'خیر' : 'No';
  return String(value);
}
