import type { StageKind } from './pipelines.schema.ts';

type Named = { fa: string; en: string };

/** The stages of a new workspace's pipeline, named in the workspace language. */
export const DEFAULT_PIPELINE_NAME: Named = { fa: 'فروش', en: 'Sales' };

export const DEFAULT_STAGES: ReadonlyArray<{ name: Named; probability: number; kind: StageKind }> = [
  { name: { fa: 'ارزیابی اولیه', en: 'Qualification' }, probability: 10, kind: 'open' },
  { name: { fa: 'نیازسنجی', en: 'Needs analysis' }, probability: 25, kind: 'open' },
  { name: { fa: 'ارائه پیشنهاد', en: 'Proposal' }, probability: 50, kind: 'open' },
  { name: { fa: 'مذاکره', en: 'Negotiation' }, probability: 75, kind: 'open' },
  { name: { fa: 'موفق', en: 'Won' }, probability: 100, kind: 'won' },
  { name: { fa: 'ناموفق', en: 'Lost' }, probability: 0, kind: 'lost' },
];

/** Why deals are usually lost; each workspace edits its own list. */
export const DEFAULT_LOST_REASONS: ReadonlyArray<{ labelFa: string; labelEn: string }> = [
  { labelFa: 'قیمت بالا', labelEn: 'Price too high' },
  { labelFa: 'انتخاب رقیب', labelEn: 'Chose a competitor' },
  { labelFa: 'نبود بودجه', labelEn: 'No budget' },
  { labelFa: 'عدم تصمیم‌گیری', labelEn: 'No decision' },
  { labelFa: 'زمان نامناسب', labelEn: 'Bad timing' },
  { labelFa: 'نیاز برطرف نشد', labelEn: 'Needs not met' },
  { labelFa: 'سایر', labelEn: 'Other' },
];
