import Chip from '@mui/material/Chip';
import { useFormat } from '../format/index.ts';
import { useT, type TKey } from '../i18n/index.ts';
import { optionLabel } from './field-catalog.ts';
import { NO_VALUE_OPERATORS, countConditions, isGroup, pruneGroup, type FieldDescriptor, type FilterCondition, type FilterGroup } from './filter-model.ts';
import { useOwnerName } from './RecordBits.tsx';
import { useReferenceTitles, type RecordRef } from './reference-titles.ts';
import { useTags } from './records.api.ts';

/** The applied filter, one chip per condition (a nested group is one chip); ✕ removes it. */
export function FilterChips({ fields, group, onChange }: { fields: FieldDescriptor[]; group: FilterGroup; onChange: (g: FilterGroup) => void }) {
  const { t } = useT();
  const describe = useDescribeCondition(fields, group);
  const pruned = pruneGroup(group);
  if (!pruned.conditions.length) return null;
  const joiner = pruned.op === 'and' ? t('filters.andWord') : t('filters.orWord');
  return (
    <>
      {pruned.conditions.map((item, index) => (
        <Chip
          key={index}
          size="small"
          color="primary"
          variant="outlined"
          data-testid="filter-chip"
          label={`${index > 0 ? `${joiner} ` : ''}${isGroup(item) ? t('filters.groupChip', { count: countConditions(item) }) : describe(item)}`}
          onDelete={() => onChange({ ...pruned, conditions: pruned.conditions.filter((_, i) => i !== index) })}
          sx={{ maxWidth: 360 }}
        />
      ))}
    </>
  );
}

/** People and organisations the conditions of a group point to. */
function referencesIn(fields: FieldDescriptor[], group: FilterGroup | undefined): RecordRef[] {
  if (!group) return [];
  const refs: RecordRef[] = [];
  for (const item of group.conditions) {
    if (isGroup(item)) {
      refs.push(...referencesIn(fields, item));
      continue;
    }
    const kind = fields.find((f) => f.key === item.field && f.type === 'reference')?.references;
    if (kind !== 'person' && kind !== 'organization') continue;
    for (const id of Array.isArray(item.value) ? item.value : [item.value]) if (typeof id === 'string' && id) refs.push({ kind, id });
  }
  return refs;
}

/** «شهر شامل تهران», "Owner is Sara". `group` names the records its conditions point to. */
export function useDescribeCondition(fields: FieldDescriptor[], group?: FilterGroup): (c: FilterCondition) => string {
  const { t, locale } = useT();
  const format = useFormat();
  const ownerName = useOwnerName();
  const tags = useTags();
  const titles = useReferenceTitles(referencesIn(fields, group));
  return (c) => {
    const field = fields.find((f) => f.key === c.field);
    const name = field?.label[locale] ?? c.field;
    const op = t(`filters.ops.${c.op}` as TKey);
    if (NO_VALUE_OPERATORS.has(c.op)) return `${name} ${op}`;
    const one = (v: unknown): string => {
      if (field?.type === 'enum' || field?.type === 'multi_enum') return optionLabel(field, v, locale);
      if (field?.type === 'reference') return titles.get(String(v)) ?? String(v);
      if (field?.type === 'user') return v === 'me' ? t('filters.me') : ownerName(String(v));
      if (field?.type === 'tags') return tags.data?.find((tag) => tag.id === v)?.name ?? String(v);
      if (field?.type === 'boolean') return v === true || v === 'true' ? t('filters.yes') : t('filters.no');
      if ((field?.type === 'date' || field?.type === 'datetime') && typeof v === 'string' && v) return format.date(v, 'short');
      return format.digits(String(v));
    };
    const values = Array.isArray(c.value) ? c.value.map(one) : [one(c.value)];
    const joined = c.op === 'between' ? values.join(` ${t('filters.rangeJoin')} `) : values.join(locale === 'fa' ? '، ' : ', ');
    return `${name} ${op} ${joined}`;
  };
}
