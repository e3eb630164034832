import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import type { Organization, Person } from './records.types.ts';
import { useDebounced } from './useDebounced.ts';

export type PickedRecord = { id: string; title: string; subtitle?: string | null; isNew?: boolean };

type Props = {
  kind: 'person' | 'organization';
  value: PickedRecord | null;
  onChange: (value: PickedRecord | null) => void;
  label: string;
  /** Offer «Create “X”» for a name that is not found (organisations). */
  allowCreate?: boolean;
  excludeIds?: string[];
  testId?: string;
  size?: 'small' | 'medium';
  error?: boolean;
  helperText?: string;
};

/** Search-as-you-type over people or organisations (Persian spelling variants match on the server). */
export function RecordPicker({ kind, value, onChange, label, allowCreate, excludeIds = [], testId, size = 'small', error, helperText }: Props) {
  const { t } = useT();
  const [input, setInput] = useState('');
  const q = useDebounced(input, 250);
  const resource = kind === 'person' ? 'people' : 'organizations';
  const results = useQuery({
    queryKey: ['records', resource, 'picker', q],
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<Person | Organization>>(`/api/v1/${resource}`, { q: q || undefined, limit: 10 }, signal);
      return page.items.map<PickedRecord>((r) =>
        kind === 'person'
          ? { id: r.id, title: (r as Person).displayName, subtitle: (r as Person).jobTitle }
          : { id: r.id, title: (r as Organization).name, subtitle: (r as Organization).nameLatin },
      );
    },
    staleTime: 10_000,
  });
  const found = (results.data ?? []).filter((r) => !excludeIds.includes(r.id));
  const trimmed = input.trim();
  const options =
    allowCreate && trimmed && !found.some((r) => r.title === trimmed) ? [...found, { id: '', title: trimmed, isNew: true } satisfies PickedRecord] : found;

  return (
    <Autocomplete
      size={size}
      options={options}
      value={value}
      onChange={(_, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_, next) => setInput(next)}
      filterOptions={(x) => x}
      loading={results.isFetching}
      getOptionLabel={(o) => o.title}
      isOptionEqualToValue={(a, b) => a.id === b.id && a.title === b.title}
      noOptionsText={t('records.noResults')}
      loadingText={t('common.loading')}
      renderOption={(props, option) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <Box component="li" key={`${option.id}-${option.title}`} {...rest} data-testid="picker-option">
            <Box>
              <Typography variant="body2">{option.isNew ? t('records.createNamed', { name: option.title }) : option.title}</Typography>
              {option.subtitle && (
                <Typography variant="caption" color="text.secondary">
                  {option.subtitle}
                </Typography>
              )}
            </Box>
            {void key}
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }}
        />
      )}
    />
  );
}
