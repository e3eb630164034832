import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Autocomplete from '@mui/material/Autocomplete';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { gregorianMonthNames, jalaliMonthNames } from '#common/calendar/index.ts';
import { compare, formatMoney, parseDecimal, type MoneyDisplay } from '#common/money/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { SaveErrorAlert, SettingsForm, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useUpdateWorkspace, type Workspace } from '../workspace/workspace.api.ts';
import { COMMON_CURRENCIES, currencyLabel } from './currencies.ts';

/** What the VAT field shows for the stored "10.00": "10", in the user's digits. */
const vatForInput = (vatRate: string, digits: (v: string) => string) => digits(vatRate.replace(/\.?0+$/, '') || '0');

/**
 * The workspace's sales settings: default currency, toman/rial display, the month the fiscal
 * year starts in (named in the workspace's calendar) and the VAT rate. Saved with the
 * workspace's version like the rest of its settings.
 */
export function SalesSettingsSection({ workspace, onConflictReload }: { workspace: Workspace; onConflictReload: () => void }) {
  const { t, locale } = useT();
  const format = useFormat();
  const notify = useNotify();
  const update = useUpdateWorkspace();
  const [defaultCurrency, setDefaultCurrency] = useState(workspace.defaultCurrency);
  const [moneyDisplay, setMoneyDisplay] = useState<MoneyDisplay>(workspace.moneyDisplay);
  const [fiscalYearStartMonth, setFiscalYearStartMonth] = useState(workspace.fiscalYearStartMonth);
  const [vatRate, setVatRate] = useState(vatForInput(workspace.vatRate, format.digits));

  const months = workspace.calendar === 'jalali' ? jalaliMonthNames(locale) : gregorianMonthNames(locale);
  const vatParsed = parseDecimal(vatRate);
  const vatChanged = vatParsed === null || compare(vatParsed, workspace.vatRate) !== 0;
  const dirty = defaultCurrency !== workspace.defaultCurrency || moneyDisplay !== workspace.moneyDisplay || fiscalYearStartMonth !== workspace.fiscalYearStartMonth || vatChanged;

  const handleSubmit = () => {
    const patch = {
      version: workspace.version,
      ...(defaultCurrency !== workspace.defaultCurrency ? { defaultCurrency } : {}),
      ...(moneyDisplay !== workspace.moneyDisplay ? { moneyDisplay } : {}),
      ...(fiscalYearStartMonth !== workspace.fiscalYearStartMonth ? { fiscalYearStartMonth } : {}),
      // The server reads any digits; an unreadable entry is sent as typed so its message comes back per field.
      ...(vatChanged ? { vatRate: vatRate.trim() } : {}),
    };
    update.mutate(patch, { onSuccess: () => notify({ key: 'salesSettings.savedToast' }) });
  };

  return (
    <SettingsForm
      onSubmit={handleSubmit}
      alert={<SaveErrorAlert error={update.error} onReload={onConflictReload} reloadLabel={t('workspace.conflictAction')} />}
      pending={update.isPending}
      dirty={dirty}
      saveTestId="sales-settings-save"
    >
      <Autocomplete
        options={COMMON_CURRENCIES}
        value={defaultCurrency}
        disableClearable
        freeSolo
        autoSelect
        onChange={(_, value) => setDefaultCurrency(String(value).trim().toUpperCase())}
        getOptionLabel={(code) => currencyLabel(code, locale)}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('salesSettings.defaultCurrency')}
            {...fieldState('defaultCurrency', { error: update.error, helper: t('salesSettings.defaultCurrencyHelp') })}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'sales-default-currency' } }}
          />
        )}
      />
      <FormControl error={fieldState('moneyDisplay', { error: update.error }).error}>
        <FormLabel id="money-display-label">{t('salesSettings.moneyDisplay')}</FormLabel>
        <RadioGroup row aria-labelledby="money-display-label" value={moneyDisplay} onChange={(e) => setMoneyDisplay(e.target.value as MoneyDisplay)}>
          <FormControlLabel value="toman" control={<Radio slotProps={{ input: { 'data-testid': 'money-display-toman' } as object }} />} label={t('salesSettings.toman')} />
          <FormControlLabel value="rial" control={<Radio slotProps={{ input: { 'data-testid': 'money-display-rial' } as object }} />} label={t('salesSettings.rial')} />
        </RadioGroup>
        <FormHelperText>
          {t('salesSettings.moneyDisplayHelp')}{' '}
          <Typography component="span" variant="caption" sx={{ fontWeight: 600 }} data-testid="money-display-example">
            {t('salesSettings.example', { amount: formatMoney('125000000', 'IRR', locale, moneyDisplay) })}
          </Typography>
        </FormHelperText>
      </FormControl>
      <TextField
        select
        label={t('salesSettings.fiscalYearStartMonth')}
        value={fiscalYearStartMonth}
        onChange={(e) => setFiscalYearStartMonth(Number(e.target.value))}
        {...fieldState('fiscalYearStartMonth', { error: update.error, helper: t('salesSettings.fiscalYearStartMonthHelp') })}
        slotProps={{ htmlInput: { 'data-testid': 'sales-fiscal-month' } }}
      >
        {months.map((name, index) => (
          <MenuItem key={name} value={index + 1}>
            {format.digits(index + 1)}. {name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={t('salesSettings.vatRate')}
        value={vatRate}
        onChange={(e) => setVatRate(e.target.value)}
        {...fieldState('vatRate', { error: update.error, helper: t('salesSettings.vatRateHelp') })}
        slotProps={{ htmlInput: { inputMode: 'decimal', dir: 'ltr', 'data-testid': 'sales-vat-rate', style: { textAlign: locale === 'fa' ? 'right' : 'left' } } }}
      />
      <Link component={RouterLink} to="/settings/exchange-rates" variant="body2" data-testid="exchange-rates-link">
        {t('salesSettings.exchangeRatesLink')}
      </Link>
    </SettingsForm>
  );
}
