import type { Services } from '../../app.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { PERMISSIONS } from '../members/members.permissions.ts';

/**
 * The customers part of the demo: organisations of every type, people linked to them with roles,
 * leads at every stage, tags, a custom field and a shared saved view. Fixed data, so every demo is
 * the same; Persian first, with English-speaking partners too.
 */
type DemoOrg = { key: string; name: string; nameLatin?: string; type: string; industry: string; size: string; website?: string; phone?: string; city: string; tags?: string[] };
type DemoPerson = {
  firstName: string; lastName: string; firstNameLatin?: string; lastNameLatin?: string; email?: string; phone?: string; jobTitle?: string;
  org?: string; role?: string; birthday?: string; lastVerifiedAt?: string; tags?: string[]; loyalty?: string; ownerIndex: number;
};
type DemoLead = { firstName: string; lastName: string; email?: string; phone?: string; companyName?: string; jobTitle?: string; source: string; status: string; ownerIndex: number };

const ORGS: DemoOrg[] = [
  { key: 'ava', name: 'صنایع غذایی آوا', nameLatin: 'Ava Food Industries', type: 'customer', industry: 'صنایع غذایی', size: '201-1000', website: 'https://ava-food.example', phone: '021-88776655', city: 'تهران', tags: ['مشتری ویژه'] },
  { key: 'mehr', name: 'پخش دارویی مهر', nameLatin: 'Mehr Pharma Distribution', type: 'distributor', industry: 'دارو', size: '51-200', phone: '031-32221100', city: 'اصفهان' },
  { key: 'sepahan', name: 'فولاد سپاهان نوین', type: 'customer', industry: 'فولاد', size: '1000+', website: 'https://sepahan-steel.example', city: 'اصفهان', tags: ['مشتری ویژه'] },
  { key: 'tlc', name: 'Tehran Logistics Co.', nameLatin: 'Tehran Logistics Co.', type: 'partner', industry: 'Logistics', size: '51-200', website: 'https://tehranlogistics.example', city: 'Tehran' },
  { key: 'abrasa', name: 'نرم‌افزار ابرآسا', type: 'prospect', industry: 'فناوری اطلاعات', size: '11-50', city: 'شیراز', tags: ['نمایشگاه ۱۴۰۴'] },
  { key: 'pars', name: 'چاپ و بسته‌بندی پارس', type: 'supplier', industry: 'چاپ و بسته‌بندی', size: '11-50', phone: '021-66554433', city: 'تهران' },
  { key: 'kish', name: 'Kish Trading FZE', nameLatin: 'Kish Trading FZE', type: 'prospect', industry: 'Trading', size: '1-10', city: 'Kish' },
  { key: 'arman', name: 'هلدینگ سرمایه‌گذاری آرمان', type: 'customer', industry: 'سرمایه‌گذاری', size: '201-1000', city: 'تهران' },
  { key: 'samane', name: 'سامانه‌گستر', type: 'competitor', industry: 'نرم‌افزار CRM', size: '51-200', website: 'https://samanegostar.example', city: 'تهران' },
  { key: 'darchin', name: 'کافه‌های زنجیره‌ای دارچین', type: 'customer', industry: 'خدمات غذایی', size: '51-200', city: 'مشهد', tags: ['معرفی‌شده'] },
];

const PEOPLE: DemoPerson[] = [
  { firstName: 'محمد', lastName: 'حسینی', firstNameLatin: 'Mohammad', lastNameLatin: 'Hosseini', email: 'm.hosseini@ava-food.example', phone: '09121234567', jobTitle: 'مدیر خرید', org: 'ava', role: 'تصمیم‌گیرنده خرید', birthday: '1985-03-21', lastVerifiedAt: '2026-10-01', tags: ['مشتری ویژه'], loyalty: 'gold', ownerIndex: 0 },
  { firstName: 'زهرا', lastName: 'کریمی', firstNameLatin: 'Zahra', lastNameLatin: 'Karimi', email: 'z.karimi@ava-food.example', phone: '09351112233', jobTitle: 'کارشناس تدارکات', org: 'ava', role: 'کاربر', birthday: '1992-11-30', lastVerifiedAt: '2026-09-15', loyalty: 'silver', ownerIndex: 1 },
  { firstName: 'علی', lastName: 'موسوی', email: 'a.mousavi@mehr-pharma.example', phone: '09131231234', jobTitle: 'مدیرعامل', org: 'mehr', role: 'مدیرعامل', birthday: '1978-07-12', lastVerifiedAt: '2025-01-10', tags: ['مشتری ویژه'], loyalty: 'gold', ownerIndex: 0 },
  { firstName: 'فاطمه', lastName: 'رضایی', email: 'f.rezaei@mehr-pharma.example', phone: '09137654321', jobTitle: 'مسئول فنی', org: 'mehr', role: 'کارشناس فنی', lastVerifiedAt: '2026-06-20', ownerIndex: 2 },
  { firstName: 'حسین', lastName: 'جعفری', email: 'h.jafari@sepahan-steel.example', phone: '09133334455', jobTitle: 'مدیر زنجیره تأمین', org: 'sepahan', role: 'تصمیم‌گیرنده', birthday: '1981-12-01', lastVerifiedAt: '2026-11-01', loyalty: 'gold', ownerIndex: 1 },
  { firstName: 'مریم', lastName: 'احمدی', email: 'maryam.ahmadi@sepahan-steel.example', phone: '09139876543', jobTitle: 'کارشناس خرید', org: 'sepahan', role: 'کاربر', ownerIndex: 1 },
  { firstName: 'Emily', lastName: 'Carter', firstNameLatin: 'Emily', lastNameLatin: 'Carter', email: 'emily.carter@tehranlogistics.example', phone: '+447700900123', jobTitle: 'Partnerships Manager', org: 'tlc', role: 'Partner manager', birthday: '1988-05-04', lastVerifiedAt: '2026-08-08', ownerIndex: 3 },
  { firstName: 'James', lastName: 'Whitfield', email: 'j.whitfield@tehranlogistics.example', jobTitle: 'Operations Director', org: 'tlc', role: 'Operations', ownerIndex: 3 },
  { firstName: 'رضا', lastName: 'نوری', email: 'reza@abrasa.example', phone: '09171239876', jobTitle: 'بنیان‌گذار', org: 'abrasa', role: 'مدیرعامل', tags: ['نمایشگاه ۱۴۰۴'], ownerIndex: 2 },
  { firstName: 'سمیرا', lastName: 'قاسمی', email: 's.ghasemi@pars-print.example', phone: '09122223344', jobTitle: 'مدیر فروش', org: 'pars', role: 'فروشنده', lastVerifiedAt: '2024-12-12', ownerIndex: 0 },
  { firstName: 'Omid', lastName: 'Farahani', firstNameLatin: 'Omid', lastNameLatin: 'Farahani', email: 'omid@kishtrading.example', phone: '+971501234567', jobTitle: 'Managing Partner', org: 'kish', role: 'Owner', ownerIndex: 4 },
  { firstName: 'کاوه', lastName: 'صادقی', email: 'k.sadeghi@arman-holding.example', phone: '09125556677', jobTitle: 'معاون مالی', org: 'arman', role: 'تأییدکننده مالی', birthday: '1975-09-23', lastVerifiedAt: '2026-07-07', tags: ['مشتری ویژه'], loyalty: 'gold', ownerIndex: 0 },
  { firstName: 'نگار', lastName: 'طاهری', email: 'negar.taheri@arman-holding.example', phone: '09128889900', jobTitle: 'مدیر فناوری اطلاعات', org: 'arman', role: 'کاربر کلیدی', ownerIndex: 2 },
  { firstName: 'بهنام', lastName: 'یوسفی', email: 'behnam@darchin-cafe.example', phone: '09151112222', jobTitle: 'مدیر عملیات', org: 'darchin', role: 'تصمیم‌گیرنده', tags: ['معرفی‌شده'], loyalty: 'bronze', ownerIndex: 1 },
  { firstName: 'لیلا', lastName: 'مرادی', email: 'leila.moradi@darchin-cafe.example', phone: '09153334444', jobTitle: 'مسئول خرید', org: 'darchin', role: 'خریدار', birthday: '1994-02-14', ownerIndex: 1 },
  { firstName: 'پویا', lastName: 'امینی', email: 'pouya.amini@gmail.com', phone: '09361234567', jobTitle: 'مشاور آزاد', lastVerifiedAt: '2026-03-03', tags: ['خبرنامه'], ownerIndex: 2 },
  { firstName: 'Sophie', lastName: 'Martin', email: 'sophie.martin@example.org', jobTitle: 'Consultant', tags: ['خبرنامه'], ownerIndex: 4 },
  { firstName: 'شیرین', lastName: 'بهرامی', email: 'shirin.bahrami@yahoo.com', phone: '09381239999', birthday: '1990-12-25', ownerIndex: 0 },
];

const LEADS: DemoLead[] = [
  { firstName: 'امیر', lastName: 'شریفی', email: 'amir@novin-foods.example', phone: '09121110000', companyName: 'غذای نوین شمال', jobTitle: 'مدیرعامل', source: 'web', status: 'new', ownerIndex: 0 },
  { firstName: 'نازنین', lastName: 'پاکزاد', email: 'nazanin@rayan-med.example', companyName: 'تجهیزات پزشکی رایان', jobTitle: 'مدیر خرید', source: 'referral', status: 'contacted', ownerIndex: 1 },
  { firstName: 'Daniel', lastName: 'Brooks', email: 'daniel@brooks-imports.example', phone: '+12025550123', companyName: 'Brooks Imports', jobTitle: 'Head of Procurement', source: 'event', status: 'qualified', ownerIndex: 3 },
  { firstName: 'مهدی', lastName: 'کاظمی', email: 'mahdi.kazemi@gmail.com', phone: '09351239876', source: 'campaign', status: 'new', ownerIndex: 2 },
  { firstName: 'سارا', lastName: 'نیک‌نام', email: 's.niknam@zagros-cement.example', companyName: 'سیمان زاگرس', jobTitle: 'کارشناس خرید', source: 'import', status: 'unqualified', ownerIndex: 1 },
  { firstName: 'آرش', lastName: 'فتحی', phone: '09143210987', companyName: 'فروشگاه‌های زنجیره‌ای آرش', jobTitle: 'مالک', source: 'manual', status: 'contacted', ownerIndex: 0 },
  { firstName: 'Hannah', lastName: 'Schmidt', email: 'h.schmidt@alpenhandel.example', companyName: 'Alpen Handel GmbH', jobTitle: 'Director', source: 'web', status: 'qualified', ownerIndex: 4 },
];

export async function seedDemoCustomers(services: Services, workspaceId: string, admin: { id: string; name: string }, teamUserIds: string[]) {
  const ctx: WorkspaceContext = {
    workspaceId,
    actor: { type: 'user', id: admin.id, name: admin.name },
    roleKey: 'admin',
    permissions: new Set(PERMISSIONS),
    locale: 'fa',
  };
  const owners = [admin.id, ...teamUserIds];
  const ownerOf = (index: number) => owners[index % owners.length]!;

  await services.customFields.create(ctx, {
    entityType: 'person',
    key: 'loyalty_level',
    labelFa: 'سطح وفاداری',
    labelEn: 'Loyalty level',
    type: 'select',
    options: [
      { value: 'bronze', labelFa: 'برنزی', labelEn: 'Bronze' },
      { value: 'silver', labelFa: 'نقره‌ای', labelEn: 'Silver' },
      { value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' },
    ],
  });

  const orgIds = new Map<string, string>();
  for (const [index, org] of ORGS.entries()) {
    const created = await services.organizations.create(ctx, {
      name: org.name,
      nameLatin: org.nameLatin,
      type: org.type,
      industry: org.industry,
      size: org.size,
      website: org.website,
      phones: org.phone ? [{ value: org.phone, label: 'office' }] : [],
      addresses: [{ city: org.city, country: org.city === 'Tehran' || org.city === 'Kish' ? 'Iran' : 'ایران' }],
      ownerId: ownerOf(index),
      tags: org.tags ?? [],
      lastVerifiedAt: '2026-09-01',
    });
    orgIds.set(org.key, created.id);
  }

  for (const person of PEOPLE) {
    await services.people.create(ctx, {
      firstName: person.firstName,
      lastName: person.lastName,
      firstNameLatin: person.firstNameLatin,
      lastNameLatin: person.lastNameLatin,
      emails: person.email ? [{ value: person.email, label: 'work', primary: true }] : [],
      phones: person.phone ? [{ value: person.phone, label: 'mobile', primary: true }] : [],
      jobTitle: person.jobTitle,
      birthday: person.birthday,
      lastVerifiedAt: person.lastVerifiedAt,
      ownerId: ownerOf(person.ownerIndex),
      source: 'import',
      consent: { email: true, sms: !!person.phone },
      tags: person.tags ?? [],
      custom: person.loyalty ? { loyalty_level: person.loyalty } : {},
      organizations: person.org ? [{ organizationId: orgIds.get(person.org)!, role: person.role, isPrimary: true }] : [],
    });
  }

  for (const { ownerIndex, ...lead } of LEADS) {
    await services.leads.create(ctx, { ...lead, ownerId: ownerOf(ownerIndex) });
  }

  const vipTag = (await services.tags.list(ctx)).find((t) => t.name === 'مشتری ویژه');
  if (vipTag) {
    await services.views.create(ctx, {
      entityType: 'person',
      name: 'مشتریان ویژه',
      visibility: 'shared',
      filter: { op: 'and', conditions: [{ field: 'tags', op: 'has_any', value: [vipTag.id] }] },
      sort: [{ field: 'lastName', direction: 'asc' }],
      columns: ['displayName', 'jobTitle', 'emails', 'phones', 'ownerId'],
    });
  }
}
