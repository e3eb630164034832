import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import AddIcon from '@mui/icons-material/Add';
import CurrencyExchangeOutlinedIcon from '@mui/icons-material/CurrencyExchangeOutlined';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { inputUnitLabel, multiply, parseDecimal } from '#common/money/index.ts';
import { hasStatus } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { can, useMoney, useSalesSettings, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, DataTable, DateInput, EmptyState, Form, FormErrorAlert, LtrText, PageHeader, QueryStates, fieldState, useNotify, type Column } from '../../shared/ui/index.ts';
import { COMMON_CURRENCIES, currencyLabel } from './currencies.ts';
import { useAddExchangeRate, useDeleteExchangeRate, useExchangeRates, type ExchangeRate } from './exchange-rates.api.ts';

/** Today as an ISO date in the browser's zone (the default "valid from"). */
const todayIso = () => new Date().toLocaleDateString('en-CA');

/**
 * Rates are stored as units of the default currency; in a toman workspace with IRR as the base,
 * people think and type in tomans, so the rate is entered in tomans and sent ×10 in rials.
 */
function rateToApi(typed: string, defaultCurrency: string, display: 'toman' | 'rial'): string {
  const parsed = parseDecimal(typed);
  if (parsed === null) return typed.trim();
  return defaultCurrency === 'IRR' && display === 'toman' ? multiply(parsed, '10', 8) : parsed;
}

function AddRateForm() {
  const { t, locale } = useT();
  const notify = useNotify();
  const { defaultCurrency, moneyDisplay } = useSalesSettings();
  const add = useAddExchangeRate();
  const [currency, setCurrency] = useState('USD');
  const [rate, setRate] = useState('');
  const [validFrom, setValidFrom] = useState<string | null>(todayIso());
  const [submitted, setSubmitted] = useState(false);
  const unit = inputUnitLabel(defaultCurrency, locale, moneyDisplay);

  const handleSubmit = () => {
    setSubmitted(true);
    if (!currency || !rate.trim() || !validFrom) return;
    add.mutate(
      { currency, rate: rateToApi(rate, defaultCurrency, moneyDisplay), validFrom },
      {
        onSuccess: () => {
          notify({ key: 'exchangeRates.addedToast' });
          setRate('');
          setSubmitted(false);
        },
      },
    );
  };

  return (
    <Card sx={{ mb: 2 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Form onSubmit={handleSubmit}>
          <FormErrorAlert error={add.error} />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
            <Autocomplete
              sx={{ minWidth: 200 }}
              options={COMMON_CURRENCIES.filter((c) => c !== defaultCurrency)}
              value={currency}
              disableClearable
              freeSolo
              autoSelect
              onChange={(_, value) => setCurrency(String(value).trim().toUpperCase())}
              getOptionLabel={(code) => currencyLabel(code, locale)}
              renderInput={(params) => (
                <TextField
                  {...params}
                  size="small"
                  label={t('exchangeRates.currency')}
                  {...fieldState('currency', { error: add.error })}
                  slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'rate-currency' } }}
                />
              )}
            />
            <TextField
              size="small"
              label={t('exchangeRates.rate')}
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              {...fieldState('rate', { error: add.error, client: submitted && !rate.trim() ? t('errors.required') : null, helper: t('exchangeRates.rateHelp', { currency, unit }) })}
              slotProps={{ htmlInput: { inputMode: 'decimal', dir: 'ltr', 'data-testid': 'rate-value', style: { textAlign: locale === 'fa' ? 'right' : 'left' } } }}
            />
            <DateInput
              size="small"
              label={t('exchangeRates.validFrom')}
              value={validFrom}
              onChange={setValidFrom}
              testId="rate-valid-from"
              {...fieldState('validFrom', { error: add.error, client: submitted && !validFrom ? t('errors.required') : null })}
            />
            <Box>
              <Button type="submit" variant="contained" startIcon={<AddIcon />} loading={add.isPending} sx={{ whiteSpace: 'nowrap' }} data-testid="rate-add">
                {t('exchangeRates.add')}
              </Button>
            </Box>
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
}

/** /settings/exchange-rates: rates per currency and day; the newest one in force is marked. */
export function ExchangeRatesPage() {
  const { t } = useT();
  const format = useFormat();
  const money = useMoney();
  const notify = useNotify();
  const me = useSession();
  const canConfigure = can(me, 'sales.configure');
  const rates = useExchangeRates();
  const remove = useDeleteExchangeRate();
  const [deleting, setDeleting] = useState<ExchangeRate | null>(null);
  const today = todayIso();
  // Rows arrive per currency, newest first: the first one valid by today is the one in force.
  const inForce = new Set<string>();
  const seen = new Set<string>();
  for (const r of rates.data ?? []) {
    if (!seen.has(r.currency) && r.validFrom <= today) {
      inForce.add(r.id);
      seen.add(r.currency);
    }
  }

  const columns: Column<ExchangeRate>[] = [
    { key: 'currency', header: t('exchangeRates.currency'), render: (r) => <LtrText mono>{r.currency}</LtrText>, nowrap: true },
    {
      key: 'rate',
      header: t('exchangeRates.rate'),
      nowrap: true,
      minWidth: 200,
      render: (r) => <span data-testid="rate-amount">{t('exchangeRates.perUnit', { currency: r.currency, amount: money(r.rate) })}</span>,
    },
    { key: 'validFrom', header: t('exchangeRates.validFrom'), render: (r) => format.date(r.validFrom), nowrap: true },
    {
      key: 'status',
      header: '',
      render: (r) => (inForce.has(r.id) ? <Chip size="small" color="success" variant="outlined" label={t('exchangeRates.inForce')} /> : null),
    },
  ];

  return (
    <Box data-testid="exchange-rates-page">
      <PageHeader title={t('exchangeRates.title')} subtitle={t('exchangeRates.subtitle')} />
      {canConfigure && <AddRateForm />}
      <Card>
        {rates.isError && hasStatus(rates.error, 404) ? (
          <Alert severity="info" sx={{ m: 2 }}>
            {t('exchangeRates.unavailable')}
          </Alert>
        ) : (
          <QueryStates query={rates} rows={rates.data} empty={<EmptyState icon={<CurrencyExchangeOutlinedIcon />} message={t('exchangeRates.empty')} />}>
            {(rows) => (
              <DataTable
                rows={rows}
                columns={columns}
                rowKey={(r) => r.id}
                testId="exchange-rates-list"
                rowTestId="exchange-rate-row"
                actions={(r) =>
                  canConfigure ? (
                    <Tooltip title={t('common.delete')}>
                      <IconButton size="small" aria-label={t('common.delete')} onClick={() => setDeleting(r)} data-testid="rate-delete">
                        <DeleteOutlineIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  ) : null
                }
              />
            )}
          </QueryStates>
        )}
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={t('exchangeRates.deleteTitle')}
        body={t('exchangeRates.deleteBody', { currency: deleting?.currency ?? '', date: deleting ? format.date(deleting.validFrom) : '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              notify({ key: 'exchangeRates.deletedToast' });
              setDeleting(null);
            },
          })
        }
      />
    </Box>
  );
}
