import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../shared/i18n/index.ts';
import { useDebounced } from '../../shared/records/index.ts';
import { LtrText } from '../../shared/ui/index.ts';
import { useMoney } from './money.tsx';
import { useProductSearch, type Product } from './products.api.ts';

export type PickedProduct = Pick<Product, 'id' | 'name'> & Partial<Product>;

type Props = {
  value: PickedProduct | null;
  onChange: (product: Product | null) => void;
  label?: string;
  placeholder?: string;
  testId?: string;
  size?: 'small' | 'medium';
  fullWidth?: boolean;
};

/** Search-as-you-type over active products (name, Latin name, SKU; Persian spellings match on the server). */
export function ProductPicker({ value, onChange, label, placeholder, testId, size = 'small', fullWidth = true }: Props) {
  const { t } = useT();
  const money = useMoney();
  const [input, setInput] = useState('');
  const q = useDebounced(input, 250);
  const results = useProductSearch(value && input === value.name ? '' : q);
  const options: PickedProduct[] = results.data?.items ?? [];
  return (
    <Autocomplete
      size={size}
      fullWidth={fullWidth}
      options={options}
      value={value}
      onChange={(_, next) => onChange((next as Product | null) ?? null)}
      inputValue={input}
      onInputChange={(_, next) => setInput(next)}
      filterOptions={(x) => x}
      loading={results.isFetching}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('salesDocs.noProducts')}
      loadingText={t('common.loading')}
      renderOption={(props, option) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <Box component="li" key={key} {...rest} data-testid="product-option" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body2">{option.name}</Typography>
              {option.sku && (
                <Typography variant="caption" color="text.secondary">
                  <LtrText mono>{option.sku}</LtrText>
                </Typography>
              )}
            </Box>
            {option.price !== undefined && (
              <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {money.format(option.price, option.currency)}
              </Typography>
            )}
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField {...params} label={label} placeholder={placeholder} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }} />
      )}
    />
  );
}
