import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import { optionLabel } from './field-catalog.ts';
import type { FieldDescriptor } from './filter-model.ts';
import { LtrCell, TagChips, useOwnerName, usePhoneText } from './RecordBits.tsx';
import { primaryOf, type ContactEntry, type TagRef } from './records.types.ts';

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** A record's value of a field, read by the field's key: `custom.<key>` from `custom`. */
export function fieldValueOf(row: { custom?: Record<string, unknown> }, key: string): unknown {
  if (key.startsWith('custom.')) return row.custom?.[key.slice('custom.'.length)];
  return (row as Record<string, unknown>)[key];
}

/**
 * A value as a list cell shows it, by the type the server describes: option labels, dates in the
 * user's calendar, numbers in their digits, owners by name, the primary email or phone, tags.
 */
export function FieldValue({ field, value }: { field: FieldDescriptor; value: unknown }): ReactNode {
  const { t, locale } = useT();
  const format = useFormat();
  const ownerName = useOwnerName();
  const phoneText = usePhoneText();
  if (isEmpty(value)) return null;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? format.number(value) : format.digits(String(value));
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? format.date(value, 'short') : null;
    case 'boolean':
      return value === true ? t('filters.yes') : t('filters.no');
    case 'enum':
      return optionLabel(field, value, locale);
    case 'multi_enum':
      return (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Chip key={String(v)} size="small" label={optionLabel(field, v, locale)} sx={{ height: 22 }} />
          ))}
        </Box>
      );
    case 'user':
      return ownerName(String(value));
    case 'reference':
      return field.references === 'person' || field.references === 'organization' ? (
        <Link component={RouterLink} to={`/${field.references === 'person' ? 'people' : 'organizations'}/${encodeURIComponent(String(value))}`}>
          {t('records.openLinked')}
        </Link>
      ) : (
        String(value)
      );
    case 'tags':
      return Array.isArray(value) ? <TagChips tags={value as Array<string | TagRef>} /> : null;
    case 'emails':
    case 'phones': {
      const entry = Array.isArray(value) ? primaryOf(value as ContactEntry[]) : undefined;
      if (!entry) return null;
      return <LtrCell>{field.type === 'phones' ? phoneText(entry.value) : entry.value}</LtrCell>;
    }
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
}
