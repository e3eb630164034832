import type { Formatters } from '../format/index.ts';
import type { TKey, TVars } from '../i18n/index.ts';
import { customValueText } from './custom-values.ts';
import { fieldLabel, optionLabel } from './field-catalog.ts';
import type { FieldDescriptor } from './filter-model.ts';
import type { CustomFieldDef, RecordType, TimelineItem } from './records.types.ts';

/*
 * A timeline item as a sentence in the user's language: "Sara changed job title from X to Y".
 * Pure, so it is unit-tested without a browser.
 */

export type SentenceContext = {
  entityType: RecordType;
  locale: 'fa' | 'en';
  t: (key: TKey, vars?: TVars) => string;
  tOr: (key: string, fallback: string, vars?: TVars) => string;
  format: Pick<Formatters, 'date' | 'dateTime' | 'digits' | 'number'>;
  ownerName: (id: string | null | undefined) => string;
  /** The record type's fields as the server describes them (fields.api.ts). */
  fields: readonly FieldDescriptor[];
  customFields: CustomFieldDef[];
  phoneText?: (e164: string) => string;
  /** The record whose page this is; items about other records name them instead of "this …". */
  subjectId?: string;
  /** Names of records the page knows (a person's organisations, an organisation's people). */
  recordName?: (entityType: string, id: string) => string | undefined;
  /** The page's own words for values it knows better (a deal's amounts, stage, line items); undefined: the usual text. */
  formatValue?: (field: string, value: unknown) => string | undefined;
};

export type Sentence = { text: string; tone: 'create' | 'update' | 'delete' | 'info' };

/** Bookkeeping columns that change with every write and say nothing to a reader. */
const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'createdBy', 'searchKey', 'id', 'workspaceId', 'displayName', 'nameKey', 'sortKey']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
}

export function valueText(field: string, value: unknown, ctx: SentenceContext): string {
  const { format, locale } = ctx;
  const sep = locale === 'fa' ? '، ' : ', ';
  if (isEmpty(value)) return '—';
  const own = ctx.formatValue?.(field, value);
  if (own !== undefined) return own;
  if (field.startsWith('custom.')) {
    const def = ctx.customFields.find((d) => d.key === field.slice(7));
    return customValueText(def, value, locale, (iso) => format.date(iso));
  }
  if (field === 'ownerId') return ctx.ownerName(String(value));
  const described = ctx.fields.find((f) => f.key === field);
  if (described?.options && typeof value === 'string') return optionLabel(described, value, locale);
  if (field === 'type' || field === 'status' || field === 'source') {
    const key = field === 'type' ? `organizations.types.${String(value)}` : field === 'status' ? `leads.statuses.${String(value)}` : `leads.sources.${String(value)}`;
    return ctx.tOr(key, String(value));
  }
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (item && typeof item === 'object') {
          const o = item as Record<string, unknown>;
          if (typeof o.value === 'string') return field === 'phones' && ctx.phoneText ? ctx.phoneText(o.value) : o.value;
          if (typeof o.name === 'string') return o.role ? `${o.name} (${String(o.role)})` : o.name;
          return [o.line, o.city, o.province].filter(Boolean).join(sep) || JSON.stringify(o);
        }
        return String(item);
      })
      .join(sep);
  }
  if (typeof value === 'boolean') return value ? ctx.t('filters.yes') : ctx.t('filters.no');
  if (typeof value === 'number') return format.number(value);
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return format.date(value);
    if (ISO_INSTANT.test(value)) return format.dateTime(value);
    if (/^\+\d{8,15}$/.test(value) && ctx.phoneText) return ctx.phoneText(value);
    return format.digits(value);
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (field === 'consent') {
      return (['email', 'sms', 'phone'] as const)
        .filter((k) => o[k] === true)
        .map((k) => ctx.t(`people.consent.${k}`))
        .join(sep) || '—';
    }
    return JSON.stringify(o);
  }
  return String(value);
}

/** Changed fields between before and after; `custom` expands into one entry per custom field. */
export function changedFields(before: unknown, after: unknown): Array<{ field: string; from: unknown; to: unknown }> {
  const b = asRecord(before);
  const a = asRecord(after);
  const out: Array<{ field: string; from: unknown; to: unknown }> = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    if (!(key in a)) continue; // only what the change wrote
    if (key === 'custom') {
      const cb = asRecord(b.custom);
      const ca = asRecord(a.custom);
      for (const ck of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
        if (JSON.stringify(cb[ck] ?? null) !== JSON.stringify(ca[ck] ?? null)) out.push({ field: `custom.${ck}`, from: cb[ck], to: ca[ck] });
      }
      continue;
    }
    if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    out.push({ field: key, from: b[key], to: a[key] });
  }
  return out;
}

function labelOf(field: string, ctx: SentenceContext): string {
  return fieldLabel(ctx.fields, field, ctx.customFields)?.[ctx.locale] ?? field;
}

/** Where a record type's subject words live: the customer records' in `timeline`, deals' in their own strings. */
const subjectKey = (group: 'subjects' | 'someSubjects' | 'named', type: string) => (type === 'deal' ? `deals.timeline.${group}` : `timeline.${group}.${type}`);

/** One sentence per change (an update of three fields gives three sentences). */
export function timelineSentences(item: TimelineItem, ctx: SentenceContext): Sentence[] {
  const { t, tOr } = ctx;
  const actor = item.actor?.name ?? tOr(`audit.actorTypes.${item.actor?.type ?? 'system'}`, t('timeline.someone'));
  const [, verb = item.kind] = item.kind.includes('.') ? [item.kind.slice(0, item.kind.indexOf('.')), item.kind.slice(item.kind.indexOf('.') + 1)] : ['', item.kind];
  const data = asRecord(item.data);
  const ownItem = item.entityType === ctx.entityType && (!ctx.subjectId || item.entityId === ctx.subjectId);
  /**
   * Another record, by name: the server names the records an item refers to (deleted ones too,
   * marked so); else what the page knows; else "an organisation".
   */
  const named = (type: string, id: string) => {
    const reference = item.references?.find((r) => r.entityType === type && r.id === id);
    const name = reference?.name || ctx.recordName?.(type, id);
    if (!name) return tOr(subjectKey('someSubjects', type), type);
    const text = tOr(subjectKey('named', type), name, { name });
    return reference?.deleted ? t('timeline.deletedRecord', { name: text }) : text;
  };
  const subject = ownItem ? tOr(subjectKey('subjects', item.entityType), item.entityType) : named(item.entityType, item.entityId);
  /** An organisation named in a link: "this organisation" on its own page. */
  const organizationOf = (id: string) => (ctx.entityType === 'organization' && id === ctx.subjectId ? t('timeline.subjects.organization') : named('organization', id));

  if (item.entityType === 'quote' || item.entityType === 'order') return salesDocumentSentence(item, verb, actor, ctx);

  switch (verb) {
    case 'created':
    case 'imported':
      return [{ text: t(verb === 'imported' ? 'timeline.imported' : 'timeline.created', { actor, subject }), tone: 'create' }];
    case 'deleted':
      return [{ text: t('timeline.deleted', { actor, subject }), tone: 'delete' }];
    case 'restored':
      return [{ text: t('timeline.restored', { actor, subject }), tone: 'create' }];
    case 'verified':
      return [{ text: t('timeline.verified', { actor }), tone: 'info' }];
    case 'merged':
      return [{ text: t('timeline.merged', { actor }), tone: 'info' }];
    case 'converted':
      return [{ text: t('timeline.converted', { actor }), tone: 'create' }];
    case 'created_from_lead': {
      const lead = asRecord(data.after).leadName;
      return [{ text: t('timeline.createdFromLead', { actor, subject, lead: typeof lead === 'string' && lead ? lead : '—' }), tone: 'create' }];
    }
    case 'stage_changed':
    case 'won':
    case 'lost':
    case 'reopened': {
      // Deals moving through their pipeline (server: deals.service.ts stageAudit).
      const stageName = (side: unknown) => String(asRecord(asRecord(side).stage).name ?? '—');
      const vars = { actor, subject, from: stageName(data.before), to: stageName(data.after) };
      const key = verb === 'stage_changed' ? 'deals.timeline.stageChanged' : verb === 'won' ? 'deals.timeline.won' : verb === 'lost' ? 'deals.timeline.lost' : 'deals.timeline.reopened';
      return [{ text: t(key, vars), tone: verb === 'lost' ? 'delete' : verb === 'won' ? 'create' : 'update' }];
    }
    case 'merged_into':
      return [{ text: t('timeline.mergedInto', { actor }), tone: 'delete' }];
    case 'organization_linked':
    case 'organization_unlinked': {
      const after = asRecord(data.after);
      const before = asRecord(data.before);
      const orgId = String(after.organizationId ?? before.organizationId ?? '');
      const organization = organizationOf(orgId);
      if (verb === 'organization_unlinked') return [{ text: t('timeline.unlinked', { actor, subject, organization }), tone: 'delete' }];
      const role = typeof after.role === 'string' && after.role ? after.role : null;
      if (Object.keys(before).length) return [{ text: t('timeline.roleChanged', { actor, subject, organization, role: role ?? '—' }), tone: 'update' }];
      return [{ text: role ? t('timeline.linkedAs', { actor, subject, organization, role }) : t('timeline.linkedTo', { actor, subject, organization }), tone: 'info' }];
    }
    case 'tagged':
    case 'untagged': {
      const holder = verb === 'tagged' ? asRecord(data.after) : asRecord(data.before);
      const names = (Array.isArray(data.tags) ? data.tags : Array.isArray(holder.tags) ? (holder.tags as unknown[]) : [])
        .map((x) => (typeof x === 'string' ? x : String(asRecord(x).name ?? '')))
        .filter(Boolean);
      return [{ text: t(verb === 'tagged' ? 'timeline.tagged' : 'timeline.untagged', { actor, tags: names.join(ctx.locale === 'fa' ? '، ' : ', ') || '—' }), tone: 'info' }];
    }
    case 'owner_assigned':
    case 'owner_changed':
    case 'handed_over': {
      const to = asRecord(data.after).ownerId;
      return [{ text: t('timeline.ownerChanged', { actor, owner: ctx.ownerName(typeof to === 'string' ? to : null) }), tone: 'update' }];
    }
    case 'person_linked':
    case 'linked':
      return [{ text: t('timeline.linked', { actor }), tone: 'info' }];
    case 'updated': {
      const changes = changedFields(data.before, data.after);
      if (!changes.length) return [{ text: t('timeline.updatedNothing', { actor, subject }), tone: 'update' }];
      return changes.map(({ field, from, to }) => {
        const vars = { actor, field: labelOf(field, ctx), from: valueText(field, from, ctx), to: valueText(field, to, ctx) };
        if (field === 'tags') return { text: t('timeline.tagsChanged', { actor, tags: vars.to }), tone: 'update' as const };
        if (isEmpty(from)) return { text: t('timeline.set', vars), tone: 'update' as const };
        if (isEmpty(to)) return { text: t('timeline.cleared', vars), tone: 'update' as const };
        return { text: t('timeline.changed', vars), tone: 'update' as const };
      });
    }
    default:
      return [{ text: t('timeline.generic', { actor, action: tOr(`audit.actions.${item.kind}`, tOr(`audit.verbs.${verb}`, item.kind)) }), tone: 'info' }];
  }
}

const DOCUMENT_VERBS = new Set(['created', 'imported', 'updated', 'deleted', 'restored']);

/** A quote or an order on a customer's timeline: "Sara issued quote Q-12", "… marked invoice INV-3 as paid". */
function salesDocumentSentence(item: TimelineItem, verb: string, actor: string, ctx: SentenceContext): Sentence[] {
  const { t, tOr } = ctx;
  const data = asRecord(item.data);
  const side = Object.keys(asRecord(data.after)).length ? asRecord(data.after) : asRecord(data.before);
  const kind = item.entityType as 'quote' | 'order';
  const number = typeof side.displayNumber === 'string' ? side.displayNumber : `${kind === 'quote' ? 'Q' : 'INV'}-${String(side.number ?? '?')}`;
  const document = t(`salesDocs.timeline.${kind}`, { number: ctx.format.digits(number) });
  if (DOCUMENT_VERBS.has(verb)) {
    const tone = verb === 'deleted' ? 'delete' : verb === 'updated' ? 'update' : 'create';
    return [{ text: t(`salesDocs.timeline.${verb as 'created'}`, { actor, document }), tone }];
  }
  const status = tOr(`${kind === 'quote' ? 'quotes' : 'orders'}.statuses.${verb}`, verb);
  return [{ text: t('salesDocs.timeline.status', { actor, document, status }), tone: verb === 'cancelled' || verb === 'rejected' ? 'delete' : 'update' }];
}
