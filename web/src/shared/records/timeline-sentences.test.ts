import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../format/index.ts';
import { i18next, type TKey, type TVars } from '../i18n/index.ts';
import type { TimelineItem } from './records.types.ts';
import { changedFields, timelineSentences, type SentenceContext } from './timeline-sentences.ts';

function context(locale: 'fa' | 'en'): SentenceContext {
  const fixed = i18next.getFixedT(locale);
  return {
    entityType: 'person',
    locale,
    t: (key: TKey, vars?: TVars) => fixed(key, vars) as string,
    tOr: (key: string, fallback: string, vars?: TVars) => (i18next.exists(key, { lng: locale }) ? (fixed(key, vars) as string) : fallback),
    format: makeFormatters(locale, locale === 'fa' ? 'jalali' : 'gregorian', 'Asia/Tehran'),
    ownerName: (id) => (id === 'u-2' ? 'Reza' : '—'),
    fields: [
      { key: 'jobTitle', type: 'text', label: { fa: 'سمت', en: 'Job title' }, operators: ['contains'], sortable: true, defaultColumn: true, custom: false },
      { key: 'birthday', type: 'date', label: { fa: 'تاریخ تولد', en: 'Birthday' }, operators: ['eq'], sortable: true, defaultColumn: false, custom: false },
      {
        key: 'type',
        type: 'enum',
        label: { fa: 'نوع', en: 'Type' },
        options: [{ value: 'distributor', label: { fa: 'توزیع‌کننده', en: 'Distributor' } }],
        operators: ['eq'],
        sortable: true,
        defaultColumn: true,
        custom: false,
      },
    ],
    customFields: [
      {
        id: 'f1',
        entityType: 'person',
        key: 'tier',
        labelFa: 'سطح مشتری',
        labelEn: 'Tier',
        type: 'select',
        options: [{ value: 'gold', labelFa: 'طلایی', labelEn: 'Gold' }],
        required: false,
        position: 0,
        version: 1,
        archivedAt: null,
        createdAt: '',
        updatedAt: '',
      },
    ],
    phoneText: (v) => v,
  };
}

const item = (kind: string, data: Record<string, unknown>): TimelineItem => ({
  id: '1',
  occurredAt: '2025-01-01T10:00:00Z',
  source: 'audit',
  kind,
  actor: { type: 'user', id: 'u-1', name: 'Sara' },
  entityType: 'person',
  entityId: 'p-1',
  data,
});

describe('timeline sentences', () => {
  it('says who changed which field from what to what, in English and in Persian', () => {
    const update = item('person.updated', { before: { jobTitle: 'Buyer', version: 1 }, after: { jobTitle: 'Head of purchasing', version: 2 } });
    expect(timelineSentences(update, context('en')).map((s) => s.text)).toEqual(['Sara changed Job title from “Buyer” to “Head of purchasing”']);
    expect(timelineSentences(update, context('fa'))[0]!.text).toBe('Sara سمت را از «Buyer» به «Head of purchasing» تغییر داد');
  });

  it('names custom fields and their option labels, owners by name and dates in the user calendar', () => {
    const update = item('person.updated', {
      before: { custom: { tier: null }, ownerId: 'u-1', birthday: null },
      after: { custom: { tier: 'gold' }, ownerId: 'u-2', birthday: '2024-04-03' },
    });
    const fa = timelineSentences(update, context('fa')).map((s) => s.text);
    expect(fa).toContain('Sara سطح مشتری را «طلایی» ثبت کرد');
    expect(fa).toContain('Sara تاریخ تولد را «۱۵ فروردین ۱۴۰۳» ثبت کرد');
    const en = timelineSentences(update, context('en')).map((s) => s.text);
    expect(en).toContain('Sara set Tier to “Gold”');
    expect(en.some((s) => s.includes('from “—” to “Reza”') || s.includes('to “Reza”'))).toBe(true);
  });

  it('covers creation and unknown kinds', () => {
    expect(timelineSentences(item('person.created', { after: { firstName: 'Ali' } }), context('en'))[0]!.text).toBe('Sara created this person');
    expect(timelineSentences(item('person.something_new', {}), context('en'))[0]!.text).toContain('Sara');
  });

  it('names the other record of a link, and says "this organisation" on its own page', () => {
    const link = { ...item('person.organization_linked', { after: { personId: 'p-1', organizationId: 'o-1', role: 'مدیر خرید', isPrimary: true } }) };
    const onPerson = { ...context('fa'), subjectId: 'p-1', recordName: (_t: string, id: string) => (id === 'o-1' ? 'پخش مهر' : undefined) };
    expect(timelineSentences(link, onPerson)[0]!.text).toBe('Sara این شخص را با نقش «مدیر خرید» به سازمان «پخش مهر» وصل کرد');
    const onOrg = { ...context('en'), entityType: 'organization' as const, subjectId: 'o-1', recordName: (_t: string, id: string) => (id === 'p-1' ? 'Ali Rezaei' : undefined) };
    expect(timelineSentences(link, onOrg)[0]!.text).toBe('Sara linked Ali Rezaei to this organisation as “مدیر خرید”');
  });

  it('names fields and their options as the server describes them, and falls back to the key', () => {
    const update = item('organization.updated', { before: { type: 'customer', shoeSize: 1 }, after: { type: 'distributor', shoeSize: 2 } });
    const fa = timelineSentences(update, { ...context('fa'), entityType: 'organization' }).map((s) => s.text);
    expect(fa[0]).toContain('نوع');
    expect(fa[0]).toContain('«توزیع‌کننده»');
    expect(timelineSentences(update, context('en')).map((s) => s.text)[1]).toContain('shoeSize');
  });

  it('names linked records from the references the server sends, deleted ones marked, without help from the page', () => {
    const link: TimelineItem = {
      ...item('person.organization_linked', { after: { personId: 'p-1', organizationId: 'o-1', role: null, isPrimary: false } }),
      references: [{ entityType: 'organization', id: 'o-1', name: 'آلفا', deleted: false }],
    };
    const onPerson = { ...context('fa'), subjectId: 'p-1' };
    expect(timelineSentences(link, onPerson)[0]!.text).toBe('Sara این شخص را به سازمان «آلفا» وصل کرد');
    expect(timelineSentences(link, { ...context('en'), subjectId: 'p-1' })[0]!.text).toBe('Sara linked this person to آلفا');

    const unlinked: TimelineItem = {
      ...item('person.organization_unlinked', { before: { personId: 'p-1', organizationId: 'o-2' }, after: { personId: 'p-1', organizationId: 'o-2' } }),
      references: [{ entityType: 'organization', id: 'o-2', name: 'Beta Trading', deleted: true }],
    };
    expect(timelineSentences(unlinked, onPerson)[0]!.text).toBe('Sara این شخص را از سازمان «Beta Trading» (حذف‌شده) جدا کرد');
    expect(timelineSentences(unlinked, { ...context('en'), subjectId: 'p-1' })[0]!.text).toBe('Sara unlinked this person from Beta Trading (deleted)');

    // On the organisation's page the person is named; with no name known it stays generic.
    const onOrg = { ...context('en'), entityType: 'organization' as const, subjectId: 'o-1' };
    const withPerson: TimelineItem = { ...link, references: [{ entityType: 'person', id: 'p-1', name: 'Zahra Hosseini', deleted: false }] };
    expect(timelineSentences(withPerson, onOrg)[0]!.text).toBe('Sara linked Zahra Hosseini to this organisation');
    expect(timelineSentences({ ...link, references: [] }, onOrg)[0]!.text).toBe('Sara linked a person to this organisation');
  });

  it('says who the new owner is after a handover', () => {
    const handover = item('person.owner_changed', { before: { ownerId: 'u-1' }, after: { ownerId: 'u-2', handover: true } });
    expect(timelineSentences(handover, context('en'))[0]!.text).toBe('Sara made Reza the owner');
  });

  it('ignores bookkeeping columns when diffing', () => {
    expect(changedFields({ version: 1, updatedAt: 'a', lastName: 'x' }, { version: 2, updatedAt: 'b', lastName: 'x' })).toEqual([]);
  });
});

describe('quotes and orders on a customer timeline', () => {
  const documentItem = (entityType: 'quote' | 'order', kind: string, after: Record<string, unknown>): TimelineItem => ({ ...item(kind, { after }), entityType, entityId: 'd-1' });

  it('name the document by its number, with its new status in the reader’s language', () => {
    const fa = context('fa');
    const en = context('en');
    expect(timelineSentences(documentItem('quote', 'quote.created', { number: 12, displayNumber: 'Q-12' }), fa)[0]!.text).toBe('Sara پیش‌فاکتور Q-۱۲ را صادر کرد');
    expect(timelineSentences(documentItem('order', 'order.paid', { displayNumber: 'INV-3' }), en)[0]!.text).toBe('Sara marked invoice INV-3 as “Paid”');
    expect(timelineSentences(documentItem('order', 'order.paid', { displayNumber: 'INV-3' }), fa)[0]!.text).toBe('Sara وضعیت فاکتور INV-۳ را «پرداخت‌شده» کرد');
    expect(timelineSentences(documentItem('quote', 'quote.rejected', { number: 4 }), en)[0]).toEqual({ text: 'Sara marked quote Q-4 as “Rejected”', tone: 'delete' });
  });
});
