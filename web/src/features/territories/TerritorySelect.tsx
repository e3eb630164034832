import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useT } from '../../shared/i18n/index.ts';
import { useTerritories } from './territories.api.ts';

/**
 * Picks a live territory for a record (an organisation, a deal). A record already in an archived
 * territory keeps showing it, so saving the form does not move the record by accident.
 */
export function TerritorySelect({
  value,
  onChange,
  testId,
  ...rest
}: { value: string | null; onChange: (territoryId: string | null) => void; testId?: string } & Omit<TextFieldProps, 'value' | 'onChange' | 'select' | 'slotProps'>) {
  const { t } = useT();
  const territories = useTerritories(true);
  const options = (territories.data ?? []).filter((x) => !x.archivedAt || x.id === value);
  const known = !value || options.some((x) => x.id === value);
  return (
    <TextField
      select
      label={t('territories.select')}
      value={known ? (value ?? '') : ''}
      onChange={(e) => onChange(e.target.value || null)}
      {...rest}
      slotProps={{ htmlInput: { 'data-testid': testId ?? 'territory-select' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">
        <em>{t('territories.none')}</em>
      </MenuItem>
      {options.map((x) => (
        <MenuItem key={x.id} value={x.id}>
          {x.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
