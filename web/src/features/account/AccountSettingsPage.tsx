import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { makeFormatters, useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { FormErrorAlert, PageHeader, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useUpdateMe } from './account.api.ts';

export function AccountSettingsPage() {
  const me = useSession();
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const update = useUpdateMe();
  const [name, setName] = useState(me.user.name);
  const [locale, setLocale] = useState<Locale>(me.user.locale);
  const [calendar, setCalendar] = useState<CalendarKind>(me.user.calendar);
  const [submitted, setSubmitted] = useState(false);

  const nameError = submitted && !name.trim() ? t('errors.required') : null;
  const dirty = name.trim() !== me.user.name || locale !== me.user.locale || calendar !== me.user.calendar;
  // The preview speaks the language being chosen, so the choice can be judged before saving.
  const preview = makeFormatters(locale, calendar, format.timeZone).date(new Date(), 'long');

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    const patch: { name?: string; locale?: Locale; calendar?: CalendarKind } = {};
    if (name.trim() !== me.user.name) patch.name = name.trim();
    if (locale !== me.user.locale) patch.locale = locale;
    if (calendar !== me.user.calendar) patch.calendar = calendar;
    update.mutate(patch, { onSuccess: () => notify({ key: 'common.saved' }) });
  };

  const handleLocaleChange = (value: Locale) => {
    setLocale(value);
    // Gregorian is the natural default in English and Jalali in Persian, until the user says otherwise.
    if (calendar === me.user.calendar) setCalendar(value === 'fa' ? 'jalali' : 'gregorian');
  };

  return (
    <Box data-testid="account-settings-page">
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <Card>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Box component="form" noValidate onSubmit={handleSubmit}>
            <FormErrorAlert error={update.error} />
            <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
              <Typography variant="subtitle1" component="h2">
                {t('account.profile')}
              </Typography>
              <TextField
                label={t('account.name')}
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...fieldState('name', { error: update.error, client: nameError })}
                slotProps={{ htmlInput: { 'data-testid': 'account-name' } }}
              />
              <TextField
                label={t('account.email')}
                value={me.user.email}
                disabled
                helperText={t('account.emailHelp')}
                slotProps={{ htmlInput: { dir: 'ltr' } }}
              />
              <Divider />
              <Typography variant="subtitle1" component="h2">
                {t('account.preferences')}
              </Typography>
              <TextField
                select
                label={t('account.language')}
                value={locale}
                onChange={(e) => handleLocaleChange(e.target.value as Locale)}
                {...fieldState('locale', { error: update.error })}
                slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'account-locale' } }}
              >
                <option value="fa">{t('language.fa')}</option>
                <option value="en">{t('language.en')}</option>
              </TextField>
              <TextField
                select
                label={t('account.calendar')}
                value={calendar}
                onChange={(e) => setCalendar(e.target.value as CalendarKind)}
                {...fieldState('calendar', { error: update.error, helper: t('account.calendarHelp') })}
                slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'account-calendar' } }}
              >
                <option value="jalali">{t('calendar.jalali')}</option>
                <option value="gregorian">{t('calendar.gregorian')}</option>
              </TextField>
              <Typography variant="body2" color="text.secondary" data-testid="account-date-preview">
                {t('account.preview', { date: preview })}
              </Typography>
              <Box>
                <Button type="submit" variant="contained" loading={update.isPending} disabled={!dirty} data-testid="account-save">
                  {t('common.save')}
                </Button>
              </Box>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
