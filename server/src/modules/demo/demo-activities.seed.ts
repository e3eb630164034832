import { and, eq, inArray } from 'drizzle-orm';
import type { Services } from '../../app.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { parseIsoDate, toGregorian, toIsoDate, toJalali } from '#common/calendar/index.ts';
import { PERMISSIONS } from '../members/members.permissions.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';

/**
 * The daily-work part of the demo: months of calls, meetings, notes, chats and logged emails on
 * the customers' timelines, meetings and planned calls ahead on the calendar, the demo user's
 * tasks (overdue, today, upcoming, a monthly Jalali report), email and SMS templates, and the
 * notifications a rep would find on a Monday morning: a task due, a customer assigned to them by
 * their manager, and the birthday of one of their customers today.
 * Times are relative to the moment of seeding, in Tehran time (UTC+03:30, no daylight saving).
 */

const TEHRAN_OFFSET_MINUTES = 210;

type Member = { id: string; name: string };

/** A moment `days` from today at hh:mm Tehran time. */
function tehranAt(now: Date, days: number, hour: number, minute = 0): Date {
  const local = new Date(now.getTime() + TEHRAN_OFFSET_MINUTES * 60_000);
  const utcMidnightOfLocalDay = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days);
  return new Date(utcMidnightOfLocalDay + (hour * 60 + minute - TEHRAN_OFFSET_MINUTES) * 60_000);
}

/** The Tehran calendar day `days` from today, as an ISO date. */
function tehranDay(now: Date, days: number): string {
  return tehranAt(now, days, 12).toISOString().slice(0, 10);
}

type Seeded = { ctxOf(index: number): WorkspaceContext; admin: WorkspaceContext; team: Member[] };

const TEMPLATES = [
  {
    channel: 'email' as const,
    name: 'پیگیری پیش‌فاکتور',
    subject: 'پیش‌فاکتور {{organization|شما}} — پیوند',
    body: '<p dir="rtl">{{first_name|مشتری گرامی}} عزیز، سلام.</p><p dir="rtl">پیش‌فاکتوری که هفتهٔ گذشته فرستادیم هنوز معتبر است. اگر پرسشی دربارهٔ شرایط پرداخت یا زمان راه‌اندازی دارید، همین ایمیل را پاسخ دهید یا با من تماس بگیرید.</p><p dir="rtl">با احترام،<br>{{owner_name}}<br>{{workspace}}</p>',
    locale: 'fa' as const,
  },
  {
    channel: 'email' as const,
    name: 'خوش‌آمد به مشتری تازه',
    subject: 'به خانوادهٔ {{workspace}} خوش آمدید',
    body: '<p dir="rtl">{{full_name|مشتری گرامی}}، خوش آمدید!</p><ul dir="rtl"><li>جلسهٔ راه‌اندازی: در همین هفته هماهنگ می‌کنیم.</li><li>پشتیبانی: شنبه تا چهارشنبه، ۸ تا ۱۷.</li></ul><p dir="rtl">{{owner_name}}</p>',
    locale: 'fa' as const,
  },
  {
    channel: 'email' as const,
    name: 'Meeting follow-up',
    subject: 'Following up on our meeting, {{first_name|there}}',
    body: '<p>Hi {{first_name|there}},</p><p>Thank you for your time today. As promised, I will send the proposal for {{organization|your team}} by the end of the week.</p><p>Best regards,<br>{{owner_name}}, {{workspace}}</p>',
    locale: 'en' as const,
  },
  {
    channel: 'sms' as const,
    name: 'تبریک تولد',
    subject: null,
    body: '{{first_name|دوست}} عزیز، زادروزتان خجسته باد! آرزوی سالی پر از موفقیت داریم. {{workspace}}',
    locale: 'fa' as const,
  },
  {
    channel: 'sms' as const,
    name: 'یادآوری جلسه',
    subject: null,
    body: '{{first_name|}} گرامی، یادآوری جلسهٔ فردا با {{owner_name}}. در صورت تغییر برنامه لطفاً خبر دهید. {{workspace}}',
    locale: 'fa' as const,
  },
];

export async function seedDemoActivities(db: AppDb, services: Services, workspaceId: string, admin: Member, team: Member[], now = new Date()) {
  const contextOf = (member: Member): WorkspaceContext => ({
    workspaceId,
    actor: { type: 'user', id: member.id, name: member.name },
    roleKey: 'admin',
    permissions: new Set(PERMISSIONS),
    locale: 'fa',
  });
  const seeded: Seeded = { admin: contextOf(admin), team, ctxOf: (index) => contextOf(team[index]!) };

  const personRows = await db.select({ id: people.id, email: people.emails, firstName: people.firstName, lastName: people.lastName, ownerId: people.ownerId }).from(people).where(eq(people.workspaceId, workspaceId));
  const personByEmail = new Map(personRows.map((p) => [p.email[0]?.value ?? '', p]));
  const person = (email: string) => {
    const found = personByEmail.get(email);
    if (!found) throw new Error(`demo: no person with email ${email}`);
    return found.id;
  };
  const orgRows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.workspaceId, workspaceId));
  const org = (name: string) => {
    const found = orgRows.find((o) => o.name === name);
    if (!found) throw new Error(`demo: no organisation ${name}`);
    return found.id;
  };
  const link = (entityType: 'person' | 'organization', entityId: string) => ({ entityType, entityId });

  for (const template of TEMPLATES) await services.messaging.templates.create(seeded.admin, template);

  await seedTimelines(services, seeded, now, { person, org, link });
  await seedCalendar(services, seeded, now, { person, org, link, adminId: admin.id });
  await seedTasks(services, seeded, now, { person, org, link, adminId: admin.id });
  await seedNotifications(db, services, seeded, now, { person, workspaceId, adminId: admin.id });
}

type Lookups = {
  person(email: string): string;
  org(name: string): string;
  link(entityType: 'person' | 'organization', entityId: string): { entityType: 'person' | 'organization'; entityId: string };
};

/** What already happened: calls, meetings, notes, chats and emails over the last months. */
async function seedTimelines(services: Services, seeded: Seeded, now: Date, { person, org, link }: Lookups) {
  const hosseini = person('m.hosseini@ava-food.example');
  const mousavi = person('a.mousavi@mehr-pharma.example');
  const jafari = person('h.jafari@sepahan-steel.example');
  const carter = person('emily.carter@tehranlogistics.example');
  const nouri = person('reza@abrasa.example');
  const sadeghi = person('k.sadeghi@arman-holding.example');
  const ava = org('صنایع غذایی آوا');
  const mehr = org('پخش دارویی مهر');
  const sepahan = org('فولاد سپاهان نوین');
  const tlc = org('Tehran Logistics Co.');
  const [ali, maryam, reza, emma] = [0, 1, 2, 3].map((i) => seeded.ctxOf(i)) as [WorkspaceContext, WorkspaceContext, WorkspaceContext, WorkspaceContext];

  await services.activities.logCall(ali, { personId: hosseini, direction: 'outbound', durationSeconds: 420, callOutcome: 'connected', note: 'دربارهٔ تمدید ۴۰ کاربر صحبت شد؛ منتظر تأیید مدیر مالی هستند. قرار شد پیش‌فاکتور جدید با تخفیف ۱۰٪ ارسال شود.', occurredAt: tehranAt(now, -21, 10, 15) });
  await services.activities.logCall(ali, { personId: hosseini, direction: 'outbound', durationSeconds: 0, callOutcome: 'no_answer', occurredAt: tehranAt(now, -9, 11, 40) });
  await services.activities.logCall(ali, { personId: hosseini, direction: 'inbound', durationSeconds: 185, callOutcome: 'connected', note: 'خودشان تماس گرفتند: پیش‌فاکتور را دیده‌اند و جلسهٔ حضوری می‌خواهند.', occurredAt: tehranAt(now, -8, 9, 5) });
  await services.activities.create(ali, {
    type: 'meeting',
    subject: 'جلسهٔ معرفی نسخهٔ حرفه‌ای در دفتر آوا',
    occurredAt: tehranAt(now, -35, 10, 0),
    endsAt: tehranAt(now, -35, 11, 30),
    place: 'تهران، خیابان ولیعصر، دفتر مرکزی آوا',
    bodyHtml: '<p>حاضران از مدیریت خرید و فناوری اطلاعات بودند.</p><ul><li>نیاز اصلی: گزارش فروش روزانهٔ نمایندگی‌ها</li><li>نگرانی: انتقال داده از اکسل</li></ul><p><b>قدم بعدی:</b> نمایش آزمایشی برای ۵ کاربر</p>',
    links: [link('person', hosseini), link('organization', ava)],
    attendees: [{ personId: hosseini }, { userId: ali.actor.id }],
  });
  await services.activities.create(ali, { type: 'note', bodyHtml: '<p>آقای حسینی <b>فقط صبح‌ها</b> پاسخ می‌دهند. ترجیحشان ایمیل برای اسناد و تلفن برای هماهنگی است.</p>', occurredAt: tehranAt(now, -30, 16, 20), links: [link('person', hosseini)] });
  await services.activities.create(ali, { type: 'email', direction: 'inbound', subject: 'درخواست پیش‌فاکتور برای ۴۰ کاربر', emailAddress: 'm.hosseini@ava-food.example', bodyText: 'سلام، لطفاً پیش‌فاکتور اشتراک سالانه برای ۴۰ کاربر را با شرایط پرداخت اقساطی بفرستید.', occurredAt: tehranAt(now, -24, 8, 50), links: [link('person', hosseini), link('organization', ava)] });
  await services.activities.create(ali, { type: 'chat', direction: 'inbound', chatChannel: 'bale', bodyText: 'سلام، فایل آموزشی نسخهٔ موبایل را دارید؟', occurredAt: tehranAt(now, -3, 13, 12), links: [link('person', hosseini)] });

  await services.activities.logCall(reza, { personId: mousavi, direction: 'outbound', durationSeconds: 610, callOutcome: 'connected', note: 'قرارداد پشتیبانی ویژه: می‌خواهند پاسخ‌گویی شبانه هم داشته باشد.', occurredAt: tehranAt(now, -12, 14, 30) });
  await services.activities.create(reza, { type: 'sms', direction: 'outbound', phone: '09131231234', bodyText: 'جناب موسوی، پیش‌نویس قرارداد پشتیبانی به ایمیلتان ارسال شد. پیوند', occurredAt: tehranAt(now, -11, 9, 0), links: [link('person', mousavi), link('organization', mehr)] });
  await services.activities.create(reza, { type: 'chat', direction: 'outbound', chatChannel: 'whatsapp', bodyText: 'نسخهٔ نهایی قرارداد را امروز عصر می‌فرستم.', occurredAt: tehranAt(now, -6, 15, 45), links: [link('person', mousavi)] });

  await services.activities.logCall(maryam, { personId: jafari, direction: 'outbound', durationSeconds: 300, callOutcome: 'callback_requested', note: 'در جلسهٔ هیئت‌مدیره بودند؛ خواستند پنجشنبه دوباره تماس بگیریم.', occurredAt: tehranAt(now, -5, 10, 20) });
  await services.activities.create(maryam, {
    type: 'meeting',
    subject: 'بازدید از کارخانهٔ سپاهان و بررسی نیازهای انبار',
    occurredAt: tehranAt(now, -15, 9, 0),
    endsAt: tehranAt(now, -15, 12, 0),
    place: 'اصفهان، شهرک صنعتی مورچه‌خورت',
    bodyHtml: '<p>بازدید از انبار مرکزی. دادهٔ ۱۲ سال در سامانهٔ قدیمی است؛ <i>انتقال داده</i> کلید معامله است.</p>',
    links: [link('person', jafari), link('organization', sepahan)],
    attendees: [{ personId: jafari }, { userId: maryam.actor.id }],
  });

  await services.activities.logCall(emma, { personId: carter, direction: 'outbound', durationSeconds: 900, callOutcome: 'connected', note: 'Walked through the API integration scope; they need webhooks for shipment status.', occurredAt: tehranAt(now, -7, 16, 0) });
  await services.activities.create(emma, { type: 'email', direction: 'outbound', subject: 'API integration scope', emailAddress: 'emily.carter@tehranlogistics.example', bodyText: 'Hi Emily, attached is the integration scope we discussed: shipment webhooks, order import, and a nightly sync.', occurredAt: tehranAt(now, -6, 11, 0), links: [link('person', carter), link('organization', tlc)] });
  await services.activities.create(emma, { type: 'note', bodyHtml: '<p>Emily prefers <b>English</b> and short calls after 16:00 Tehran time.</p>', occurredAt: tehranAt(now, -20, 17, 0), links: [link('person', carter)] });

  await services.activities.logCall(reza, { personId: nouri, direction: 'inbound', durationSeconds: 240, callOutcome: 'connected', note: 'از نمایشگاه آشنا شدیم؛ برای ۸ کاربر نسخهٔ آزمایشی می‌خواهند.', occurredAt: tehranAt(now, -14, 12, 0) });
  await services.activities.create(seeded.admin, { type: 'note', bodyHtml: '<p>معاون مالی آرمان تصمیم‌گیر نهایی است؛ جلسه با ایشان قبل از پایان فصل.</p>', occurredAt: tehranAt(now, -4, 18, 0), links: [link('person', sadeghi)] });
}

/** What is ahead on the calendar: meetings and planned calls this week and next. */
async function seedCalendar(services: Services, seeded: Seeded, now: Date, { person, org, link, adminId }: Lookups & { adminId: string }) {
  const hosseini = person('m.hosseini@ava-food.example');
  const sadeghi = person('k.sadeghi@arman-holding.example');
  const nouri = person('reza@abrasa.example');
  const jafari = person('h.jafari@sepahan-steel.example');
  const ali = seeded.ctxOf(0);
  await services.activities.create(seeded.admin, {
    type: 'meeting',
    status: 'planned',
    subject: 'جلسهٔ حضوری با آقای حسینی: نهایی‌کردن تمدید',
    occurredAt: tehranAt(now, 1, 10, 30),
    endsAt: tehranAt(now, 1, 11, 30),
    place: 'دفتر آوا',
    links: [link('person', hosseini), link('organization', org('صنایع غذایی آوا'))],
    attendees: [{ personId: hosseini }, { userId: adminId }, { userId: ali.actor.id }],
  });
  await services.activities.create(seeded.admin, {
    type: 'meeting',
    status: 'planned',
    subject: 'ارائهٔ پیشنهاد به هیئت‌مدیرهٔ آرمان',
    occurredAt: tehranAt(now, 3, 14, 0),
    endsAt: tehranAt(now, 3, 15, 30),
    place: 'تهران، برج آرمان، طبقهٔ ۱۲',
    links: [link('person', sadeghi), link('organization', org('هلدینگ سرمایه‌گذاری آرمان'))],
    attendees: [{ personId: sadeghi }, { userId: adminId }],
  });
  await services.activities.create(seeded.admin, { type: 'call', status: 'planned', direction: 'outbound', subject: 'پیگیری نسخهٔ آزمایشی ابرآسا', occurredAt: tehranAt(now, 0, 16, 0), endsAt: tehranAt(now, 0, 16, 15), reminderMinutes: 10, links: [link('person', nouri)] });
  await services.activities.create(seeded.ctxOf(1), { type: 'call', status: 'planned', direction: 'outbound', subject: 'تماس دوباره با آقای جعفری (درخواست خودشان)', occurredAt: tehranAt(now, 2, 11, 0), endsAt: tehranAt(now, 2, 11, 15), links: [link('person', jafari)] });
  await services.activities.create(seeded.admin, { type: 'meeting', status: 'planned', subject: 'جلسهٔ هفتگی تیم فروش', occurredAt: tehranAt(now, 7, 9, 0), endsAt: tehranAt(now, 7, 10, 0), place: 'اتاق جلسات', attendees: [{ userId: adminId }, ...seeded.team.slice(0, 3).map((m) => ({ userId: m.id }))] });
}

/** The demo user's list: something overdue, today's calls, the week ahead, a monthly report. */
async function seedTasks(services: Services, seeded: Seeded, now: Date, { person, org, link, adminId }: Lookups & { adminId: string }) {
  const task = (input: Record<string, unknown>) => services.tasks.create(seeded.admin, { ownerId: adminId, ...input });
  await task({ title: 'ارسال پیش‌فاکتور اصلاح‌شده به آوا', dueDate: tehranDay(now, -2), dueTime: '12:00', priority: 'high', reminderMinutes: 60, links: [link('person', person('m.hosseini@ava-food.example')), link('organization', org('صنایع غذایی آوا'))] });
  await task({ title: 'به‌روزرسانی شماره‌های تماس پخش مهر', dueDate: tehranDay(now, -1), priority: 'low', links: [link('organization', org('پخش دارویی مهر'))] });
  await task({ title: 'تماس با خانم قاسمی دربارهٔ سفارش چاپ کاتالوگ', dueDate: tehranDay(now, 0), dueTime: '11:00', priority: 'normal', reminderMinutes: 15, links: [link('person', person('s.ghasemi@pars-print.example'))] });
  await task({ title: 'آماده‌کردن دموی گزارش فروش نمایندگی‌ها', dueDate: tehranDay(now, 0), dueTime: '17:00', priority: 'urgent', reminderMinutes: 120, links: [link('organization', org('صنایع غذایی آوا'))] });
  await task({ title: 'بررسی قرارداد پشتیبانی ویژه با واحد حقوقی', dueDate: tehranDay(now, 2), priority: 'high', links: [link('organization', org('پخش دارویی مهر'))] });
  await task({ title: 'Send the API sandbox keys to Tehran Logistics', dueDate: tehranDay(now, 4), dueTime: '10:00', priority: 'normal', links: [link('organization', org('Tehran Logistics Co.'))] });
  await task({ title: 'گزارش ماهانهٔ فروش برای مدیرعامل', dueDate: tehranDay(now, 6), dueTime: '09:00', priority: 'normal', reminderMinutes: 1440, recurrence: { frequency: 'monthly', interval: 1, calendar: 'jalali' } });
  await task({ title: 'خواندن گزارش رضایت مشتریان فصل گذشته', priority: 'low' });
  // A manager hands a task to a rep: the rep is told (record assigned).
  await services.tasks.create(seeded.ctxOf(0), { title: 'پیگیری تسویهٔ فاکتور سپاهان', ownerId: seeded.team[2]!.id, dueDate: tehranDay(now, 1), priority: 'high', links: [link('organization', org('فولاد سپاهان نوین'))] });
}

/**
 * Notifications the demo user finds: the manager assigns them a customer and a task, and one of
 * their customers has a birthday today (same Jalali day and month), which the reminders
 * dispatcher announces once the server runs.
 */
async function seedNotifications(db: AppDb, services: Services, seeded: Seeded, now: Date, { person, workspaceId, adminId }: { person(email: string): string; workspaceId: string; adminId: string }) {
  const manager = seeded.ctxOf(0);
  await services.tasks.create(manager, { title: 'تماس خوش‌آمد با مشتری تازه: پویا امینی', ownerId: adminId, dueDate: tehranDay(now, 1), dueTime: '10:00', priority: 'normal', reminderMinutes: 30, links: [{ entityType: 'person', entityId: person('pouya.amini@gmail.com') }] });

  const amini = person('pouya.amini@gmail.com');
  const current = await services.people.get(manager, amini);
  // Born on today's Jalali day and month, 35 Jalali years ago: the birthday reminder fires today.
  const { gy, gm, gd } = parseIsoDate(tehranDay(now, 0))!;
  const today = toJalali(gy, gm, gd);
  const birthday = toIsoDate(toGregorian(today.jy - 35, today.jm, Math.min(today.jd, 29)));
  await services.people.update(manager, amini, { version: current.version, ownerId: adminId, birthday });
  await db
    .update(people)
    .set({ anniversary: tehranDay(now, 3) })
    .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, [person('k.sadeghi@arman-holding.example')])));
}
