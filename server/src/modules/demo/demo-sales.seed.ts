import { and, asc, eq } from 'drizzle-orm';
import type { Services } from '../../app.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import { dealStageHistory, deals } from '../deals/deals.schema.ts';
import { PERMISSIONS } from '../members/members.permissions.ts';
import { organizations, personOrganizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';

/**
 * The sales part of the demo: a product catalogue in rials and dollars, two pipelines with deals
 * at every stage (won, lost to a competitor, open across the coming Jalali months), quotes and
 * months of orders with costs, so the board, the forecast, the metrics and the customers' orders
 * all have something true to show. Fixed data: every demo is the same.
 */

type DemoProduct = { key: string; sku: string; name: string; nameLatin: string; kind: 'product' | 'service'; unit: string; category: string; price: string; cost: string; currency?: string; taxExempt?: boolean };

const PRODUCTS: DemoProduct[] = [
  { key: 'crm-pro', sku: 'PV-CRM-PRO', name: 'اشتراک سالانه پیوند حرفه‌ای (هر کاربر)', nameLatin: 'Peyvand Pro yearly seat', kind: 'service', unit: 'کاربر', category: 'اشتراک', price: '48000000', cost: '6000000' },
  { key: 'crm-team', sku: 'PV-CRM-TEAM', name: 'اشتراک سالانه پیوند تیمی (هر کاربر)', nameLatin: 'Peyvand Team yearly seat', kind: 'service', unit: 'کاربر', category: 'اشتراک', price: '24000000', cost: '3500000' },
  { key: 'onboarding', sku: 'SV-ONBOARD', name: 'راه‌اندازی و آموزش', nameLatin: 'Onboarding and training', kind: 'service', unit: 'ساعت', category: 'خدمات', price: '9500000', cost: '4000000' },
  { key: 'migration', sku: 'SV-MIGRATE', name: 'انتقال داده از سامانهٔ قبلی', nameLatin: 'Data migration', kind: 'service', unit: 'پروژه', category: 'خدمات', price: '180000000', cost: '70000000' },
  { key: 'support', sku: 'SV-SUPPORT', name: 'پشتیبانی ویژه ۲۴ ساعته', nameLatin: 'Premium 24/7 support', kind: 'service', unit: 'ماه', category: 'پشتیبانی', price: '35000000', cost: '12000000' },
  { key: 'voip', sku: 'HW-VOIP-01', name: 'گوشی تلفن تحت شبکه', nameLatin: 'VoIP desk phone', kind: 'product', unit: 'عدد', category: 'سخت‌افزار', price: '62000000', cost: '45000000' },
  { key: 'api', sku: 'PV-API', name: 'API Integration package', nameLatin: 'API Integration package', kind: 'service', unit: 'package', category: 'Services', price: '2400', cost: '800', currency: 'USD', taxExempt: true },
];

type DemoDeal = {
  title: string;
  org: string;
  product: string;
  quantity: string;
  /** Stage position in the pipeline (0 = first); 'won' / 'lost' for closed deals. */
  stage: number | 'won' | 'lost';
  /** Days since the deal was opened. */
  ageDays: number;
  /** Days from today to the expected close (open deals). */
  closeInDays?: number;
  category?: 'pipeline' | 'best_case' | 'commit';
  ownerIndex: number;
  lostReason?: number;
  renewal?: boolean;
};

const DEALS: DemoDeal[] = [
  { title: 'پیوند حرفه‌ای برای ۴۰ کاربر آوا', org: 'ava', product: 'crm-pro', quantity: '40', stage: 3, ageDays: 75, closeInDays: 12, category: 'commit', ownerIndex: 0 },
  { title: 'انتقال داده و راه‌اندازی سپاهان', org: 'sepahan', product: 'migration', quantity: '1', stage: 2, ageDays: 40, closeInDays: 35, category: 'best_case', ownerIndex: 1 },
  { title: 'اشتراک تیمی دارچین (۱۵ شعبه)', org: 'darchin', product: 'crm-team', quantity: '15', stage: 1, ageDays: 20, closeInDays: 60, ownerIndex: 1 },
  { title: 'API integration for Tehran Logistics', org: 'tlc', product: 'api', quantity: '3', stage: 2, ageDays: 30, closeInDays: 25, category: 'commit', ownerIndex: 3 },
  { title: 'پیوند حرفه‌ای هلدینگ آرمان', org: 'arman', product: 'crm-pro', quantity: '120', stage: 0, ageDays: 8, closeInDays: 95, ownerIndex: 0 },
  { title: 'ابرآسا: آزمایش و خرید اولیه', org: 'abrasa', product: 'crm-team', quantity: '8', stage: 1, ageDays: 15, closeInDays: 40, ownerIndex: 2 },
  { title: 'Kish Trading starter seats', org: 'kish', product: 'crm-team', quantity: '5', stage: 0, ageDays: 5, closeInDays: 70, ownerIndex: 4 },
  { title: 'پشتیبانی ویژه پخش مهر', org: 'mehr', product: 'support', quantity: '12', stage: 3, ageDays: 50, closeInDays: -6, category: 'commit', ownerIndex: 2 },
  { title: 'گوشی‌های تحت شبکه آوا', org: 'ava', product: 'voip', quantity: '25', stage: 'won', ageDays: 120, ownerIndex: 0 },
  { title: 'اشتراک تیمی پخش مهر', org: 'mehr', product: 'crm-team', quantity: '30', stage: 'won', ageDays: 160, ownerIndex: 2 },
  { title: 'راه‌اندازی و آموزش سپاهان', org: 'sepahan', product: 'onboarding', quantity: '40', stage: 'won', ageDays: 70, ownerIndex: 1 },
  { title: 'پیوند حرفه‌ای دارچین (مرحلهٔ اول)', org: 'darchin', product: 'crm-pro', quantity: '10', stage: 'lost', ageDays: 90, ownerIndex: 1, lostReason: 0 },
  { title: 'CRM for Kish Trading HQ', org: 'kish', product: 'crm-pro', quantity: '6', stage: 'lost', ageDays: 65, ownerIndex: 4, lostReason: 1 },
  { title: 'تمدید اشتراک پخش مهر ۱۴۰۶', org: 'mehr', product: 'crm-team', quantity: '30', stage: 1, ageDays: 10, closeInDays: 110, category: 'best_case', ownerIndex: 2, renewal: true },
  { title: 'تمدید پشتیبانی آوا', org: 'ava', product: 'support', quantity: '12', stage: 0, ageDays: 4, closeInDays: 80, ownerIndex: 0, renewal: true },
];

type DemoOrder = { org: string; product: string; quantity: string; daysAgo: number; status: 'invoiced' | 'paid' | 'cancelled'; discount?: string };

const ORDERS: DemoOrder[] = [
  { org: 'mehr', product: 'crm-team', quantity: '30', daysAgo: 150, status: 'paid' },
  { org: 'mehr', product: 'onboarding', quantity: '16', daysAgo: 148, status: 'paid' },
  { org: 'ava', product: 'voip', quantity: '25', daysAgo: 110, status: 'paid', discount: '50000000' },
  { org: 'sepahan', product: 'onboarding', quantity: '40', daysAgo: 62, status: 'paid' },
  { org: 'mehr', product: 'support', quantity: '3', daysAgo: 60, status: 'paid' },
  { org: 'arman', product: 'onboarding', quantity: '8', daysAgo: 45, status: 'invoiced' },
  { org: 'ava', product: 'support', quantity: '3', daysAgo: 30, status: 'paid' },
  { org: 'darchin', product: 'onboarding', quantity: '4', daysAgo: 20, status: 'cancelled' },
  { org: 'mehr', product: 'support', quantity: '3', daysAgo: 5, status: 'invoiced' },
];

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export async function seedDemoSales(db: AppDb, services: Services, workspaceId: string, admin: { id: string; name: string }, teamUserIds: string[]) {
  const ctx: WorkspaceContext = {
    workspaceId,
    actor: { type: 'user', id: admin.id, name: admin.name },
    roleKey: 'admin',
    permissions: new Set(PERMISSIONS),
    locale: 'fa',
  };
  const owners = [admin.id, ...teamUserIds];
  const ownerOf = (index: number) => owners[index % owners.length]!;
  const today = new Date();
  const daysFromToday = (days: number) => isoDay(new Date(today.getTime() + days * DAY_MS));

  await services.currencies.create(ctx, { currency: 'USD', rate: '1050000', validFrom: '2026-03-21' });
  await services.currencies.create(ctx, { currency: 'EUR', rate: '1180000', validFrom: '2026-03-21' });

  const productIds = new Map<string, string>();
  for (const { key, currency, ...product } of PRODUCTS) {
    const created = await services.products.create(ctx, { ...product, currency: currency ?? 'IRR' });
    productIds.set(key, created.id);
  }
  const productOf = (key: string) => PRODUCTS.find((p) => p.key === key)!;

  const orgRows = await db.select({ id: organizations.id, name: organizations.name, nameLatin: organizations.nameLatin }).from(organizations).where(eq(organizations.workspaceId, workspaceId));
  const orgByName = new Map(orgRows.flatMap((o) => [[o.name, o.id], ...(o.nameLatin ? [[o.nameLatin, o.id] as const] : [])]));
  const ORG_NAMES: Record<string, string> = {
    ava: 'صنایع غذایی آوا', mehr: 'پخش دارویی مهر', sepahan: 'فولاد سپاهان نوین', tlc: 'Tehran Logistics Co.',
    abrasa: 'نرم‌افزار ابرآسا', kish: 'Kish Trading FZE', arman: 'هلدینگ سرمایه‌گذاری آرمان', darchin: 'کافه‌های زنجیره‌ای دارچین', samane: 'سامانه‌گستر',
  };
  const orgId = (key: string) => orgByName.get(ORG_NAMES[key]!)!;
  const primaryPerson = async (organizationId: string) => {
    const [row] = await db
      .select({ id: people.id })
      .from(personOrganizations)
      .innerJoin(people, eq(people.id, personOrganizations.personId))
      .where(and(eq(personOrganizations.workspaceId, workspaceId), eq(personOrganizations.organizationId, organizationId)))
      .orderBy(asc(people.createdAt))
      .limit(1);
    return row?.id;
  };

  const [salesPipeline] = await services.pipelines.list(ctx, {});
  const renewals = await services.pipelines.create(ctx, {
    name: 'تمدید قراردادها',
    stages: [
      { name: 'یادآوری تمدید', probability: 40, kind: 'open' },
      { name: 'ارسال پیشنهاد تمدید', probability: 70, kind: 'open' },
      { name: 'تمدید شد', probability: 100, kind: 'won' },
      { name: 'تمدید نشد', probability: 0, kind: 'lost' },
    ],
  });
  const lostReasons = await services.pipelines.listLostReasons(ctx, {});

  for (const demo of DEALS) {
    const pipeline = demo.renewal ? renewals : salesPipeline!;
    const openStages = pipeline.stages.filter((s) => s.kind === 'open');
    const target =
      demo.stage === 'won' ? pipeline.stages.find((s) => s.kind === 'won')! : demo.stage === 'lost' ? pipeline.stages.find((s) => s.kind === 'lost')! : openStages[demo.stage]!;
    const organizationId = orgId(demo.org);
    const personId = await primaryPerson(organizationId);
    const product = productOf(demo.product);
    const deal = await services.deals.create(ctx, {
      title: demo.title,
      pipelineId: pipeline.id,
      stageId: openStages[0]!.id,
      organizationId,
      people: personId ? [{ personId, role: 'تصمیم‌گیرنده' }] : [],
      ownerId: ownerOf(demo.ownerIndex),
      currency: product.currency ?? 'IRR',
      lineItems: [{ productId: productIds.get(demo.product)!, description: product.name, quantity: demo.quantity, unitPrice: product.price }],
      expectedCloseDate: demo.closeInDays === undefined ? daysFromToday(-demo.ageDays / 4) : daysFromToday(demo.closeInDays),
      forecastCategory: demo.category ?? 'pipeline',
      source: demo.ageDays % 3 === 0 ? 'referral' : 'manual',
    });
    // Walk the deal through the stages before its current one, so its stage history is complete.
    const path = demo.stage === 'won' || demo.stage === 'lost' ? [...openStages.slice(1, 3), target] : openStages.slice(1, (demo.stage as number) + 1);
    for (const stage of path) {
      const lost = stage.kind === 'lost';
      await services.deals.move(ctx, deal.id, {
        stageId: stage.id,
        ...(lost ? { lostReasonId: lostReasons[demo.lostReason ?? 0]!.id, competitorId: demo.lostReason === 1 ? null : orgId('samane'), lostNote: 'قیمت پیشنهادی رقیب ۲۰٪ پایین‌تر بود' } : {}),
      });
    }
    await spreadHistory(db, workspaceId, deal.id, demo.ageDays, today);
  }

  const sentQuote = await services.orders.createQuote(ctx, {
    organizationId: orgId('ava'),
    personId: await primaryPerson(orgId('ava')),
    title: 'پیشنهاد پیوند حرفه‌ای برای ۴۰ کاربر',
    validUntil: daysFromToday(14),
    discountAmount: '80000000',
    lines: [
      { productId: productIds.get('crm-pro')!, quantity: '40' },
      { productId: productIds.get('onboarding')!, quantity: '24' },
      { productId: productIds.get('migration')!, quantity: '1' },
    ],
    terms: 'اعتبار پیش‌فاکتور ۱۴ روز است. پرداخت: ۵۰٪ پیش‌پرداخت، ۵۰٪ پس از راه‌اندازی.',
  });
  await services.orders.updateQuote(ctx, sentQuote.id, { version: sentQuote.version, status: 'sent' });
  await services.orders.createQuote(ctx, {
    organizationId: orgId('tlc'),
    currency: 'USD',
    title: 'API integration proposal',
    validUntil: daysFromToday(30),
    lines: [{ productId: productIds.get('api')!, quantity: '3' }],
  });

  for (const demo of ORDERS) {
    const organizationId = orgId(demo.org);
    const order = await services.orders.createOrder(ctx, {
      organizationId,
      personId: await primaryPerson(organizationId),
      orderDate: daysFromToday(-demo.daysAgo),
      dueDate: daysFromToday(-demo.daysAgo + 30),
      discountAmount: demo.discount,
      lines: [{ productId: productIds.get(demo.product)!, quantity: demo.quantity }],
    });
    await services.orders.updateOrder(ctx, order.id, {
      version: order.version,
      status: demo.status,
      ...(demo.status === 'paid' ? { paidOn: daysFromToday(-demo.daysAgo + 20) } : {}),
    });
  }
}

/**
 * Spreads a freshly made deal's stage history over `ageDays`, evenly per stage, and dates its
 * creation and closing to match, so cycle lengths, time in stage and the forecast read like a real
 * pipeline's rather than one afternoon's.
 */
async function spreadHistory(db: AppDb, workspaceId: string, dealId: string, ageDays: number, today: Date) {
  const stays = await db
    .select({ id: dealStageHistory.id })
    .from(dealStageHistory)
    .where(and(eq(dealStageHistory.workspaceId, workspaceId), eq(dealStageHistory.dealId, dealId)))
    .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id));
  const start = today.getTime() - ageDays * DAY_MS;
  // Closed deals closed a fifth of their age ago; open ones are still in their last stage today.
  const [deal] = await db.select({ status: deals.status }).from(deals).where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, dealId)));
  const closed = deal?.status !== 'open';
  const end = closed ? today.getTime() - (ageDays / 5) * DAY_MS : today.getTime();
  const step = (end - start) / Math.max(1, closed ? stays.length - 1 : stays.length);
  const enteredAt = stays.map((_, index) => new Date(start + index * step));
  for (const [index, stay] of stays.entries()) {
    await db
      .update(dealStageHistory)
      .set({ enteredAt: enteredAt[index]!, leftAt: index + 1 < stays.length ? enteredAt[index + 1]! : null })
      .where(and(eq(dealStageHistory.workspaceId, workspaceId), eq(dealStageHistory.id, stay.id)));
  }
  const last = enteredAt.at(-1)!;
  await db
    .update(deals)
    .set({
      createdAt: new Date(start),
      stageEnteredAt: last,
      ...(closed ? { closedAt: last, closedOn: isoDay(last) } : {}),
    })
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, dealId)));
}
