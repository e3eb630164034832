import { formatDate, type CalendarKind } from '#common/calendar/index.ts';
import { toPersianDigits } from '#common/text/index.ts';
import { escapeHtml } from '../../kernel/html/sanitize.ts';
import type { Locale } from '../../kernel/errors/index.ts';
import type { NotificationEvent } from './notifications.schema.ts';

/** How a reader sees dates: their language and calendar, the workspace's time zone. */
export type ReaderSettings = { locale: Locale; calendar: CalendarKind; timeZone: string };

/** What a notification says about itself: its event, record and the facts fixed when it was made. */
export type NotificationFacts = {
  event: NotificationEvent;
  entityType: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
};

export type RenderedNotification = { title: string; body: string; link: string };

type RecordType = 'person' | 'organization' | 'lead' | 'deal' | 'task';

const RECORD_LABELS: Record<RecordType, { fa: string; faPlural: string; en: string; enPlural: string; list: string }> = {
  person: { fa: 'شخص', faPlural: 'شخص', en: 'Person', enPlural: 'people', list: '/people' },
  organization: { fa: 'سازمان', faPlural: 'سازمان', en: 'Organization', enPlural: 'organizations', list: '/organizations' },
  lead: { fa: 'سرنخ', faPlural: 'سرنخ', en: 'Lead', enPlural: 'leads', list: '/leads' },
  deal: { fa: 'معامله', faPlural: 'معامله', en: 'Deal', enPlural: 'deals', list: '/deals' },
  task: { fa: 'کار', faPlural: 'کار', en: 'Task', enPlural: 'tasks', list: '/tasks' },
};

const isRecordType = (value: unknown): value is RecordType => typeof value === 'string' && value in RECORD_LABELS;
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const num = (value: unknown, locale: Locale): string => (locale === 'fa' ? toPersianDigits(String(value)) : String(value));

/** A date or instant in the reader's calendar; '' when absent or unreadable (never throws while rendering). */
function when(value: unknown, reader: ReaderSettings, withTime: boolean): string {
  if (typeof value !== 'string' || !value) return '';
  try {
    return formatDate(value, { locale: reader.locale, calendar: reader.calendar, timeZone: reader.timeZone, style: 'long', withTime, withWeekday: true });
  } catch {
    return '';
  }
}

/** The web page a notification opens: the record itself, or the list it belongs to. */
export function notificationLink(facts: NotificationFacts): string {
  const { event, entityType, entityId, data } = facts;
  if (event === 'task_due') return '/tasks';
  if (event === 'meeting_soon') return '/calendar';
  if (event === 'birthday' || event === 'anniversary') return entityId ? `/people/${entityId}` : '/people';
  const count = Number(data.count ?? 1);
  const type = isRecordType(data.entityType) ? data.entityType : isRecordType(entityType) ? entityType : null;
  if (!type) return '/';
  if (count > 1) return data.mixed ? '/' : RECORD_LABELS[type].list;
  if (type === 'task' || !entityId) return RECORD_LABELS[type].list;
  return `${RECORD_LABELS[type].list}/${entityId}`;
}

/**
 * Title and body of a notification in the reader's language. Built here from the stored facts
 * each time it is shown or sent, so the same notification reads right in fa and en.
 */
export function renderNotification(facts: NotificationFacts, reader: ReaderSettings): RenderedNotification {
  const fa = reader.locale === 'fa';
  const { data } = facts;
  const link = notificationLink(facts);
  switch (facts.event) {
    case 'task_due': {
      const title = text(data.title) || (fa ? 'کار بی‌عنوان' : 'Untitled task');
      const allDay = data.allDay === true || !data.dueAt;
      const due = allDay ? when(data.dueDate ?? data.dueAt, reader, false) : when(data.dueAt, reader, true);
      return {
        title: fa ? `یادآوری کار: ${title}` : `Task due: ${title}`,
        body: due ? (fa ? `موعد انجام: ${due}` : `Due ${due}`) : fa ? 'موعد این کار رسیده است.' : 'This task is due.',
        link,
      };
    }
    case 'meeting_soon': {
      const call = (data.activityType ?? data.type) === 'call';
      const subject = text(data.subject) || (call ? (fa ? 'تماس' : 'Call') : fa ? 'جلسه' : 'Meeting');
      const starts = when(data.startsAt ?? data.occurredAt, reader, true);
      return {
        title: call ? (fa ? `تماس به‌زودی: ${subject}` : `Call soon: ${subject}`) : fa ? `جلسه به‌زودی: ${subject}` : `Meeting soon: ${subject}`,
        body: starts ? (fa ? `زمان شروع: ${starts}` : `Starts ${starts}`) : '',
        link,
      };
    }
    case 'record_assigned': {
      const count = Math.max(1, Number(data.count ?? 1));
      const type = isRecordType(data.entityType) ? data.entityType : isRecordType(facts.entityType) ? facts.entityType : 'person';
      const by = text(data.actorName);
      const byLine = by ? (fa ? `سپارنده: ${by}` : `Assigned by ${by}`) : '';
      if (count > 1) {
        const label = data.mixed ? (fa ? 'رکورد' : 'records') : fa ? RECORD_LABELS[type].faPlural : RECORD_LABELS[type].enPlural;
        return {
          title: fa ? `${num(count, 'fa')} ${label} به شما سپرده شد` : `${count} ${label} were assigned to you`,
          body: byLine,
          link,
        };
      }
      const name = text(data.name);
      const labels = RECORD_LABELS[type];
      return {
        title: fa ? `${labels.fa}${name ? ` «${name}»` : ''} به شما سپرده شد` : `${labels.en}${name ? ` “${name}”` : ''} was assigned to you`,
        body: byLine,
        link,
      };
    }
    case 'birthday':
    case 'anniversary': {
      const name = text(data.name) || (fa ? 'مشتری' : 'A customer');
      const date = when(data.date, reader, false);
      const birthday = facts.event === 'birthday';
      if (fa) {
        return {
          title: birthday ? `تولد ${name}` : `سالگرد ${name}`,
          body: date ? `${birthday ? 'روز تولد' : 'سالگرد'} ${name}: ${date}` : '',
          link,
        };
      }
      return {
        title: birthday ? `${name}’s birthday` : `${name}’s anniversary`,
        body: date ? `${birthday ? 'Birthday' : 'Anniversary'} on ${date}` : '',
        link,
      };
    }
  }
}

/** The email of a notification: plain text and a small HTML page, right-to-left in Persian. */
export function renderNotificationEmail(message: RenderedNotification, reader: ReaderSettings, absoluteLink: string) {
  const fa = reader.locale === 'fa';
  const open = fa ? 'مشاهده در پیوند' : 'Open in Peyvand';
  const text = [message.title, message.body, '', `${open}: ${absoluteLink}`].filter((line, i) => i !== 1 || line).join('\n');
  const dir = fa ? 'rtl' : 'ltr';
  const html = [
    `<!doctype html><html lang="${reader.locale}" dir="${dir}"><head><meta charset="utf-8"></head>`,
    `<body dir="${dir}" style="font-family: Tahoma, Vazirmatn, sans-serif; text-align: ${fa ? 'right' : 'left'};">`,
    `<h2>${escapeHtml(message.title)}</h2>`,
    message.body ? `<p>${escapeHtml(message.body)}</p>` : '',
    `<p><a href="${escapeHtml(absoluteLink)}">${open}</a></p>`,
    '</body></html>',
  ].join('');
  return { subject: message.title, text, html };
}

/** An SMS: title and body on one short text, no link (gateways often refuse or bill URLs extra). */
export function renderNotificationSms(message: RenderedNotification): string {
  return message.body ? `${message.title}\n${message.body}` : message.title;
}
