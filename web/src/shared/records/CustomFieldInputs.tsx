import Autocomplete from '@mui/material/Autocomplete';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { toLatinDigits } from '#common/text/index.ts';
import { isApiError } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { DateInput } from '../ui/DateInput.tsx';
import type { CustomFieldDef } from './records.types.ts';

type Props = {
  defs: CustomFieldDef[];
  values: Record<string, unknown>;
  onChange: (key: string, value: unknown) => void;
  error?: unknown;
};

/** One input per custom field, by type; the server's per-field messages (custom.<key>) shown on each. */
export function CustomFieldInputs({ defs, values, onChange, error }: Props) {
  const { locale, t } = useT();
  const active = defs.filter((d) => !d.archivedAt);
  return (
    <>
      {active.map((def) => {
        const label = `${locale === 'fa' ? def.labelFa : def.labelEn}${def.required ? ' *' : ''}`;
        const value = values[def.key];
        const serverMessage = isApiError(error) ? error.errors.find((e) => e.path === `custom.${def.key}` || e.path.endsWith(`.${def.key}`))?.message : undefined;
        const common = { label, error: Boolean(serverMessage), helperText: serverMessage, size: 'small' as const };
        const testId = `custom-${def.key}`;
        const optionLabel = (v: string) => {
          const o = def.options.find((x) => x.value === v);
          return o ? (locale === 'fa' ? o.labelFa : o.labelEn) : v;
        };
        switch (def.type) {
          case 'boolean':
            return (
              <FormControlLabel
                key={def.key}
                control={<Switch checked={value === true} onChange={(e) => onChange(def.key, e.target.checked)} slotProps={{ input: { 'data-testid': testId } as object }} />}
                label={label}
              />
            );
          case 'date':
            return <DateInput key={def.key} {...common} value={typeof value === 'string' ? value : ''} onChange={(iso) => onChange(def.key, iso)} testId={testId} />;
          case 'select':
            return (
              <TextField key={def.key} select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(def.key, e.target.value || null)} slotProps={{ htmlInput: { 'data-testid': testId } }}>
                <MenuItem value="">
                  <em>{t('common.none')}</em>
                </MenuItem>
                {def.options.map((o) => (
                  <MenuItem key={o.value} value={o.value}>
                    {locale === 'fa' ? o.labelFa : o.labelEn}
                  </MenuItem>
                ))}
              </TextField>
            );
          case 'multi_select':
            return (
              <Autocomplete
                key={def.key}
                multiple
                size="small"
                options={def.options.map((o) => o.value)}
                getOptionLabel={optionLabel}
                value={Array.isArray(value) ? (value as string[]) : []}
                onChange={(_, next) => onChange(def.key, next)}
                renderInput={(params) => (
                  <TextField {...params} label={label} error={common.error} helperText={common.helperText} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }} />
                )}
              />
            );
          case 'number':
            return (
              <TextField
                key={def.key}
                {...common}
                value={value === undefined || value === null ? '' : String(value)}
                onChange={(e) => onChange(def.key, e.target.value.trim() === '' ? null : e.target.value)}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': testId } }}
              />
            );
          default:
            return (
              <TextField
                key={def.key}
                {...common}
                value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)}
                onChange={(e) => onChange(def.key, e.target.value === '' ? null : e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': testId } }}
              />
            );
        }
      })}
    </>
  );
}

/** Values as the API wants them: numbers typed in any digits become numbers; untouched keys are left out. */
export function customValuesForApi(defs: CustomFieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const def = defs.find((d) => d.key === key);
    if (def?.type === 'number' && typeof value === 'string') {
      const latin = toLatinDigits(value.trim()).replace(/[٬,]/g, '').replace('٫', '.');
      out[key] = latin === '' ? null : Number.isFinite(Number(latin)) ? Number(latin) : value;
    } else out[key] = value;
  }
  return out;
}
