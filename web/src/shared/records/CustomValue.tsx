import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import type { CustomFieldDef } from './records.types.ts';

/** A custom field's value as the user reads it: option labels, dates in their calendar, yes/no. */
export function CustomValue({ def, value }: { def: CustomFieldDef; value: unknown }) {
  const { t, locale } = useT();
  const format = useFormat();
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <span>{t('common.none')}</span>;
  }
  const optionLabel = (v: unknown) => {
    const option = def.options.find((o) => o.value === v);
    return option ? (locale === 'fa' ? option.labelFa : option.labelEn) : String(v);
  };
  switch (def.type) {
    case 'boolean':
      return <span>{value === true ? t('filters.yes') : t('filters.no')}</span>;
    case 'number':
      return <span>{typeof value === 'number' ? format.number(value) : format.digits(String(value))}</span>;
    case 'date':
      return <span>{typeof value === 'string' ? format.date(value) : String(value)}</span>;
    case 'select':
      return <span>{optionLabel(value)}</span>;
    case 'multi_select':
      return (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Chip key={String(v)} size="small" label={optionLabel(v)} />
          ))}
        </Box>
      );
    case 'person':
      return (
        <Link component={RouterLink} to={`/people/${String(value)}`}>
          {t('records.openLinked')}
        </Link>
      );
    case 'organization':
      return (
        <Link component={RouterLink} to={`/organizations/${String(value)}`}>
          {t('records.openLinked')}
        </Link>
      );
    default:
      return <span>{String(value)}</span>;
  }
}
