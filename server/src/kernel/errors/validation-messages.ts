import type { LocalisedText } from './app-error.ts';

type Issue = {
  code: string;
  path?: PropertyKey[];
  message?: string;
  expected?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  values?: unknown[];
  keys?: string[];
};

const faDigits = (value: unknown) => String(value).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** Turns one zod issue into a message a person understands, in both languages. */
export function describeIssue(issue: Issue): LocalisedText {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'undefined'
        ? { fa: 'این فیلد مجاز نیست.', en: 'This field is not allowed.' }
        : { fa: 'این فیلد الزامی است یا نوع آن نادرست است.', en: 'This field is required or has the wrong type.' };
    case 'too_small':
      return issue.origin === 'string'
        ? { fa: `دست‌کم ${faDigits(issue.minimum)} نویسه لازم است.`, en: `Must be at least ${issue.minimum} characters.` }
        : issue.origin === 'array'
          ? { fa: `دست‌کم ${faDigits(issue.minimum)} مورد لازم است.`, en: `Needs at least ${issue.minimum} items.` }
          : { fa: `باید دست‌کم ${faDigits(issue.minimum)} باشد.`, en: `Must be at least ${issue.minimum}.` };
    case 'too_big':
      return issue.origin === 'string'
        ? { fa: `حداکثر ${faDigits(issue.maximum)} نویسه مجاز است.`, en: `Must be at most ${issue.maximum} characters.` }
        : issue.origin === 'array'
          ? { fa: `حداکثر ${faDigits(issue.maximum)} مورد مجاز است.`, en: `Allows at most ${issue.maximum} items.` }
          : { fa: `باید حداکثر ${faDigits(issue.maximum)} باشد.`, en: `Must be at most ${issue.maximum}.` };
    case 'invalid_format':
      return describeFormat(issue.format);
    case 'invalid_value':
      return {
        fa: `مقدار باید یکی از این‌ها باشد: ${(issue.values ?? []).join('، ')}`,
        en: `Must be one of: ${(issue.values ?? []).join(', ')}`,
      };
    case 'unrecognized_keys':
      return { fa: `فیلدهای ناشناخته: ${(issue.keys ?? []).join('، ')}`, en: `Unknown fields: ${(issue.keys ?? []).join(', ')}` };
    case 'custom':
      return { fa: issue.message ?? 'مقدار نامعتبر است.', en: issue.message ?? 'Invalid value.' };
    default:
      return { fa: 'مقدار نامعتبر است.', en: 'Invalid value.' };
  }
}

function describeFormat(format: string | undefined): LocalisedText {
  switch (format) {
    case 'email':
      return { fa: 'نشانی ایمیل معتبر نیست.', en: 'Not a valid email address.' };
    case 'uuid':
      return { fa: 'شناسه معتبر نیست.', en: 'Not a valid identifier.' };
    case 'datetime':
    case 'date':
      return { fa: 'تاریخ معتبر نیست.', en: 'Not a valid date.' };
    case 'url':
      return { fa: 'نشانی اینترنتی معتبر نیست.', en: 'Not a valid URL.' };
    default:
      return { fa: 'قالب مقدار درست نیست.', en: 'The value has the wrong format.' };
  }
}
