import { formatDate } from '#common/calendar/index.ts';
import { formatMoney, type MoneyDisplay } from '#common/money/index.ts';
import { formatNumber, toPersianDigits } from '#common/text/index.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { workspacesRepository } from '../workspaces/index.ts';
import { STATUS_LABELS_FA } from './orders.errors.ts';
import type { Order, Quote } from './orders.public.ts';
import { ordersRepository as repo } from './orders.repository.ts';
import type { AddressEntry, PhoneEntry } from '../people/people.schema.ts';

export type PrintLang = 'fa' | 'en';

const LABELS = {
  fa: {
    quoteTitle: 'پیش‌فاکتور',
    orderTitle: 'فاکتور فروش',
    number: 'شماره',
    issueDate: 'تاریخ',
    validUntil: 'اعتبار تا',
    orderDate: 'تاریخ',
    dueDate: 'سررسید',
    paidOn: 'تاریخ پرداخت',
    seller: 'فروشنده',
    buyer: 'خریدار',
    nationalId: 'شناسهٔ ملی',
    economicCode: 'کد اقتصادی',
    address: 'نشانی',
    phone: 'تلفن',
    row: 'ردیف',
    description: 'شرح کالا یا خدمات',
    quantity: 'مقدار',
    unitPrice: 'مبلغ واحد',
    discount: 'تخفیف',
    net: 'مبلغ پس از تخفیف',
    tax: 'مالیات و عوارض',
    total: 'جمع کل',
    subtotal: 'جمع',
    documentDiscount: 'تخفیف سند',
    taxTotal: 'مالیات بر ارزش افزوده',
    grandTotal: 'مبلغ قابل پرداخت',
    status: 'وضعیت',
    notes: 'توضیحات',
    terms: 'شرایط',
  },
  en: {
    quoteTitle: 'Quote',
    orderTitle: 'Sales invoice',
    number: 'Number',
    issueDate: 'Date',
    validUntil: 'Valid until',
    orderDate: 'Date',
    dueDate: 'Due',
    paidOn: 'Paid on',
    seller: 'Seller',
    buyer: 'Buyer',
    nationalId: 'National ID',
    economicCode: 'Economic code',
    address: 'Address',
    phone: 'Phone',
    row: '#',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    net: 'Net',
    tax: 'Tax',
    total: 'Total',
    subtotal: 'Subtotal',
    documentDiscount: 'Discount',
    taxTotal: 'VAT',
    grandTotal: 'Amount due',
    status: 'Status',
    notes: 'Notes',
    terms: 'Terms',
  },
} as const;

const STATUS_LABELS_EN: Record<string, string> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
  confirmed: 'Confirmed',
  invoiced: 'Invoiced',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

const addressText = (a: AddressEntry | undefined) => (a ? [a.province, a.city, a.line, a.postalCode].filter(Boolean).join('، ') || null : null);
const phoneText = (p: PhoneEntry | undefined) => p?.raw ?? p?.value ?? null;

/** The buyer block: the organisation (with its national ID, economic code, address) or else the person. */
async function buyerOf(db: Executor, workspaceId: string, doc: Quote | Order) {
  if (doc.organizationId) {
    const [org] = await repo.organizationsByIds(db, workspaceId, [doc.organizationId]);
    if (org) return { name: org.name || org.nameLatin || '', nationalId: org.nationalId, economicCode: org.economicCode, address: addressText(org.addresses[0]), phone: phoneText(org.phones[0]) };
  }
  if (doc.personId) {
    const [p] = await repo.peopleByIds(db, workspaceId, [doc.personId]);
    if (p) return { name: `${p.firstName} ${p.lastName}`.trim() || `${p.firstNameLatin ?? ''} ${p.lastNameLatin ?? ''}`.trim(), nationalId: null, economicCode: null, address: addressText(p.addresses[0]), phone: phoneText(p.phones[0]) };
  }
  return null;
}

/**
 * Display strings of a printable quote or invoice, in the asked language: the title
 * («پیش‌فاکتور» / «فاکتور فروش»), Jalali dates and Persian digits in fa (Gregorian and Latin in
 * en), amounts with formatMoney in the workspace's money display (tomans or rials).
 */
export async function buildPrint(db: Executor, workspaceId: string, kind: 'quote' | 'order', doc: Quote | Order, lang: PrintLang) {
  const ws = await workspacesRepository.find(db, workspaceId);
  const display = (ws?.moneyDisplay ?? 'toman') as MoneyDisplay;
  const labels = LABELS[lang];
  const calendar = lang === 'fa' ? 'jalali' : 'gregorian';
  const date = (value: string | null) => (value ? formatDate(value, { locale: lang, calendar, style: 'long' }) : null);
  const money = (amount: string) => formatMoney(amount, doc.currency, lang, display);
  const digits = (text: string) => (lang === 'fa' ? toPersianDigits(text) : text);
  const percent = (value: string) => `${formatNumber(Number(value), lang, { maximumFractionDigits: 2 })}٪`.replace('٪', lang === 'fa' ? '٪' : '%');
  const dates =
    kind === 'quote'
      ? [
          { label: labels.issueDate, value: date((doc as Quote).issueDate) },
          { label: labels.validUntil, value: date((doc as Quote).validUntil) },
        ]
      : [
          { label: labels.orderDate, value: date((doc as Order).orderDate) },
          { label: labels.dueDate, value: date((doc as Order).dueDate) },
          { label: labels.paidOn, value: date((doc as Order).paidOn) },
        ];
  return {
    lang,
    direction: lang === 'fa' ? ('rtl' as const) : ('ltr' as const),
    title: kind === 'quote' ? labels.quoteTitle : labels.orderTitle,
    number: digits(doc.displayNumber),
    labels: { ...labels },
    dates: dates.flatMap((d) => (d.value === null ? [] : [{ label: d.label, value: d.value }])),
    seller: { name: ws?.name ?? '' },
    buyer: await buyerOf(db, workspaceId, doc),
    lines: doc.lines.map((line, index) => ({
      row: formatNumber(index + 1, lang),
      description: line.description,
      quantity: formatNumber(Number(line.quantity), lang, { maximumFractionDigits: 3 }),
      unitPrice: money(line.unitPrice),
      discount: percent(line.discountPercent),
      net: money(line.netAmount),
      tax: money(line.taxAmount),
      total: money(line.totalAmount),
    })),
    totals: [
      { label: labels.subtotal, value: money(doc.subtotal) },
      ...(Number(doc.discountAmount) ? [{ label: labels.documentDiscount, value: money(doc.discountAmount) }] : []),
      { label: labels.taxTotal, value: money(doc.taxTotal) },
      { label: labels.grandTotal, value: money(doc.total) },
    ],
    status: lang === 'fa' ? (STATUS_LABELS_FA[doc.status] ?? doc.status) : (STATUS_LABELS_EN[doc.status] ?? doc.status),
    notes: doc.notes,
    terms: kind === 'quote' ? (doc as Quote).terms : null,
  };
}
