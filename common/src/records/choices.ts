/*
 * fa/en labels of the fixed choices of customer records. The server describes its filterable
 * fields with them (GET /api/v1/fields/:entityType) and the web app shows them in forms and chips,
 * so each label is written once.
 */

export type ChoiceLabel = { fa: string; en: string };

export const ORGANIZATION_TYPE_LABELS = {
  customer: { fa: 'مشتری', en: 'Customer' },
  prospect: { fa: 'مشتری بالقوه', en: 'Prospect' },
  partner: { fa: 'شریک تجاری', en: 'Partner' },
  distributor: { fa: 'توزیع‌کننده', en: 'Distributor' },
  supplier: { fa: 'تأمین‌کننده', en: 'Supplier' },
  competitor: { fa: 'رقیب', en: 'Competitor' },
} as const satisfies Record<string, ChoiceLabel>;

export const ORGANIZATION_SIZE_LABELS = {
  '1-10': { fa: '۱ تا ۱۰ نفر', en: '1–10 people' },
  '11-50': { fa: '۱۱ تا ۵۰ نفر', en: '11–50 people' },
  '51-200': { fa: '۵۱ تا ۲۰۰ نفر', en: '51–200 people' },
  '201-1000': { fa: '۲۰۱ تا ۱۰۰۰ نفر', en: '201–1000 people' },
  '1000+': { fa: 'بیش از ۱۰۰۰ نفر', en: 'Over 1000 people' },
} as const satisfies Record<string, ChoiceLabel>;

export const LEAD_STATUS_LABELS = {
  new: { fa: 'جدید', en: 'New' },
  contacted: { fa: 'تماس گرفته شده', en: 'Contacted' },
  qualified: { fa: 'واجد شرایط', en: 'Qualified' },
  unqualified: { fa: 'فاقد شرایط', en: 'Unqualified' },
  converted: { fa: 'تبدیل‌شده', en: 'Converted' },
} as const satisfies Record<string, ChoiceLabel>;

export const LEAD_SOURCE_LABELS = {
  web: { fa: 'فرم وب', en: 'Web form' },
  import: { fa: 'درون‌ریزی', en: 'Import' },
  referral: { fa: 'معرفی', en: 'Referral' },
  campaign: { fa: 'کارزار', en: 'Campaign' },
  manual: { fa: 'دستی', en: 'Manual' },
  api: { fa: 'API', en: 'API' },
  event: { fa: 'رویداد', en: 'Event' },
  other: { fa: 'سایر', en: 'Other' },
} as const satisfies Record<string, ChoiceLabel>;
