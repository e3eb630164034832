import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import NotificationsNoneOutlinedIcon from '@mui/icons-material/NotificationsNoneOutlined';
import Divider from '@mui/material/Divider';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { makeFormatters, useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { CalendarField, FormErrorAlert, LocaleField, PageHeader, SettingsForm, fieldState, useNotify } from '../../shared/ui/index.ts';
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

  const handleSubmit = () => {
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
      <SettingsForm onSubmit={handleSubmit} alert={<FormErrorAlert error={update.error} />} pending={update.isPending} dirty={dirty} saveTestId="account-save">
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
        <TextField label={t('account.email')} value={me.user.email} disabled helperText={t('account.emailHelp')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
        <Divider />
        <Typography variant="subtitle1" component="h2">
          {t('account.preferences')}
        </Typography>
        <LocaleField label={t('account.language')} value={locale} onChange={handleLocaleChange} {...fieldState('locale', { error: update.error })} testId="account-locale" />
        <CalendarField label={t('account.calendar')} value={calendar} onChange={setCalendar} {...fieldState('calendar', { error: update.error, helper: t('account.calendarHelp') })} testId="account-calendar" />
        <Typography variant="body2" color="text.secondary" data-testid="account-date-preview">
          {t('account.preview', { date: preview })}
        </Typography>
      </SettingsForm>
      <Button component={RouterLink} to="/settings/notifications" startIcon={<NotificationsNoneOutlinedIcon />} sx={{ mt: 2 }} data-testid="account-notifications-link">
        {t('notificationPrefs.accountLink')}
      </Button>
    </Box>
  );
}
