import { isIranianMobile } from '#common/identity/index.ts';
import { searchKey } from '#common/text/index.ts';
import type { LeadSource, LeadStatus, ScoreReason } from './leads.schema.ts';

/** What scoring looks at; a pure view of a lead so that imports and forms can score before saving. */
export type ScorableLead = {
  email: string | null;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  source: LeadSource;
  status: LeadStatus;
};

/** One rule: when `applies`, the lead earns `points`, and the reason is shown with both labels. */
export type LeadScoreRule = {
  rule: string;
  points: number;
  labelFa: string;
  labelEn: string;
  applies(lead: ScorableLead): boolean;
};

export type LeadScore = { score: number; reasons: ScoreReason[] };

export const MIN_SCORE = 0;
export const MAX_SCORE = 100;

/**
 * Sums the points of every rule that applies, clamped to 0–100 (the default rules add up to
 * more than 100 on purpose: a lead does not need every signal to be a top lead). Reasons keep the
 * order of the rules, so the same lead always explains itself the same way.
 */
export function scoreLead(lead: ScorableLead, rules: readonly LeadScoreRule[] = DEFAULT_LEAD_SCORE_RULES): LeadScore {
  const reasons = rules
    .filter((r) => r.applies(lead))
    .map(({ rule, points, labelFa, labelEn }) => ({ rule, points, labelFa, labelEn }));
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score: Math.min(MAX_SCORE, Math.max(MIN_SCORE, total)), reasons };
}

/**
 * Free mailbox providers: an address there says nothing about a company. Families such as
 * yahoo.* and hotmail.* are matched by their first label below, whatever the country suffix.
 * chmail.ir, mihanmail.ir and mailfa.com are the common Iranian ones.
 */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'ymail.com', 'rocketmail.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
  'proton.me', 'protonmail.com', 'pm.me', 'mail.com', 'gmx.com', 'gmx.net', 'gmx.de', 'zoho.com', 'yandex.com', 'yandex.ru',
  'mail.ru', 'inbox.ru', 'tutanota.com', 'fastmail.com', 'chmail.ir', 'mihanmail.ir', 'mailfa.com',
]);
const FREE_MAIL_FAMILIES = new Set(['yahoo', 'hotmail', 'outlook', 'live']);

export function isBusinessEmail(email: string | null): boolean {
  const domain = email?.split('@')[1]?.trim().toLowerCase();
  if (!domain || !domain.includes('.')) return false;
  return !FREE_MAIL_DOMAINS.has(domain) && !FREE_MAIL_FAMILIES.has(domain.split('.')[0]!);
}

/**
 * Titles of people who decide or sign. Persian words are compared as search keys (so «مدير»,
 * «مدیر‌عامل» and «رئیس» / «رییس» all match); English ones as whole words, so "headquarters"
 * or "ownership" do not count.
 */
const DECISION_MAKER_FA = ['مدیر', 'رئیس', 'مالک', 'موسس', 'بنیانگذار', 'معاون', 'سرپرست', 'شریک'].map(searchKey);
const DECISION_MAKER_EN = /\b(ceo|cto|cfo|coo|cmo|cio|chief|president|vp|vice president|director|manager|head|owner|founder|co-?founder|partner)\b/i;

// «کارشناس مدیریت» (a management graduate) is not a manager: drop the word before looking for «مدیر».
const NOT_A_TITLE_FA = new RegExp(searchKey('مدیریت'), 'g');

export function isDecisionMakerTitle(jobTitle: string | null): boolean {
  if (!jobTitle?.trim()) return false;
  const key = searchKey(jobTitle).replace(NOT_A_TITLE_FA, '');
  return DECISION_MAKER_EN.test(jobTitle) || DECISION_MAKER_FA.some((word) => key.includes(word));
}

const present = (value: string | null) => !!value && value.trim() !== '';

/**
 * The default rules (a workspace may get its own later; the function takes any list):
 * | rule                  | points | when                                                       |
 * |-----------------------|--------|------------------------------------------------------------|
 * | has_email             | +10    | an email address is known                                  |
 * | has_mobile            | +10    | the phone is an Iranian mobile (can take calls and SMS)     |
 * | has_company           | +15    | a company name is known                                    |
 * | decision_maker        | +20    | the job title names a decision-maker (مدیر, CEO, head…)     |
 * | source_referral       | +20    | came by referral: the warmest source                        |
 * | source_web            | +10    | filled in a web form                                       |
 * | source_campaign       | +10    | answered a campaign                                        |
 * | status_contacted      | +10    | a conversation has started                                 |
 * | status_qualified      | +25    | qualified (a converted lead keeps these points)             |
 * | business_email        | +10    | the email domain is a company's, not a free mailbox         |
 * Only Iranian numbers can be told apart as mobiles; a foreign number earns no mobile points.
 */
export const DEFAULT_LEAD_SCORE_RULES: readonly LeadScoreRule[] = [
  { rule: 'has_email', points: 10, labelFa: 'ایمیل دارد', labelEn: 'Has an email address', applies: (l) => present(l.email) },
  { rule: 'has_mobile', points: 10, labelFa: 'شماره موبایل دارد', labelEn: 'Has a mobile number', applies: (l) => !!l.phone && isIranianMobile(l.phone) },
  { rule: 'has_company', points: 15, labelFa: 'نام شرکت مشخص است', labelEn: 'Company is known', applies: (l) => present(l.companyName) },
  {
    rule: 'decision_maker',
    points: 20,
    labelFa: 'سمت شغلی تصمیم‌گیرنده',
    labelEn: 'Job title suggests a decision-maker',
    applies: (l) => isDecisionMakerTitle(l.jobTitle),
  },
  { rule: 'source_referral', points: 20, labelFa: 'معرفی‌شده', labelEn: 'Came by referral', applies: (l) => l.source === 'referral' },
  { rule: 'source_web', points: 10, labelFa: 'از فرم وب', labelEn: 'Came from a web form', applies: (l) => l.source === 'web' },
  { rule: 'source_campaign', points: 10, labelFa: 'از کمپین', labelEn: 'Came from a campaign', applies: (l) => l.source === 'campaign' },
  { rule: 'status_contacted', points: 10, labelFa: 'با او تماس گرفته شده', labelEn: 'Has been contacted', applies: (l) => l.status === 'contacted' },
  {
    rule: 'status_qualified',
    points: 25,
    labelFa: 'واجد شرایط',
    labelEn: 'Qualified',
    applies: (l) => l.status === 'qualified' || l.status === 'converted',
  },
  { rule: 'business_email', points: 10, labelFa: 'ایمیل سازمانی', labelEn: 'Business email domain', applies: (l) => isBusinessEmail(l.email) },
];
