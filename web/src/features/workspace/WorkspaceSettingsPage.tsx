import { useMemo, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { hasStatus } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { ErrorState, FormErrorAlert, errorMessage, LoadingState, LtrText, PageHeader, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useUpdateWorkspace, useWorkspace, type Workspace } from './workspace.api.ts';

function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['Asia/Tehran', 'UTC', 'Europe/London', 'America/New_York'];
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

function WorkspaceForm({ workspace, onConflictReload }: { workspace: Workspace; onConflictReload: () => void }) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const update = useUpdateWorkspace();
  const [name, setName] = useState(workspace.name);
  const [defaultLocale, setDefaultLocale] = useState<Locale>(workspace.defaultLocale);
  const [calendar, setCalendar] = useState<CalendarKind>(workspace.calendar);
  const [timezone, setTimezone] = useState(workspace.timezone);
  const [submitted, setSubmitted] = useState(false);
  const zones = useMemo(() => timeZoneOptions(workspace.timezone), [workspace.timezone]);
  const conflict = hasStatus(update.error, 409);

  const nameError = submitted && !name.trim() ? t('errors.required') : null;
  const dirty =
    name !== workspace.name || defaultLocale !== workspace.defaultLocale || calendar !== workspace.calendar || timezone !== workspace.timezone;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    update.mutate(
      { version: workspace.version, name: name.trim(), defaultLocale, calendar, timezone },
      { onSuccess: () => notify({ key: 'common.saved' }) },
    );
  };

  return (
    <Card>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Box component="form" noValidate onSubmit={handleSubmit}>
          {conflict ? (
            <Alert
              severity="warning"
              data-testid="version-conflict"
              sx={{ mb: 2 }}
              action={
                <Button color="inherit" size="small" onClick={onConflictReload} data-testid="conflict-reload">
                  {t('workspace.conflictAction')}
                </Button>
              }
            >
              {errorMessage(update.error, t('errors.unknown'))}
            </Alert>
          ) : (
            <FormErrorAlert error={update.error} />
          )}
          <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
            <TextField
              label={t('workspace.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...fieldState('name', { error: update.error, client: nameError })}
              slotProps={{ htmlInput: { 'data-testid': 'workspace-name' } }}
            />
            <TextField
              select
              label={t('workspace.defaultLocale')}
              value={defaultLocale}
              onChange={(e) => setDefaultLocale(e.target.value as Locale)}
              {...fieldState('defaultLocale', { error: update.error, helper: t('workspace.defaultLocaleHelp') })}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'workspace-locale' } }}
            >
              <option value="fa">{t('language.fa')}</option>
              <option value="en">{t('language.en')}</option>
            </TextField>
            <TextField
              select
              label={t('workspace.calendar')}
              value={calendar}
              onChange={(e) => setCalendar(e.target.value as CalendarKind)}
              {...fieldState('calendar', { error: update.error, helper: t('workspace.calendarHelp') })}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'workspace-calendar' } }}
            >
              <option value="jalali">{t('calendar.jalali')}</option>
              <option value="gregorian">{t('calendar.gregorian')}</option>
            </TextField>
            <Autocomplete
              options={zones}
              value={timezone}
              disableClearable
              onChange={(_, value) => setTimezone(value)}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={t('workspace.timezone')}
                  {...fieldState('timezone', { error: update.error, helper: t('workspace.timezoneHelp') })}
                  slotProps={{
                    ...params.slotProps,
                    htmlInput: { ...params.slotProps.htmlInput, dir: 'ltr', 'data-testid': 'workspace-timezone' },
                  }}
                />
              )}
            />
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, color: 'text.secondary' }}>
              <Typography variant="body2">
                {t('workspace.slug')}: <LtrText mono>{workspace.slug}</LtrText>
              </Typography>
              <Typography variant="body2">
                {t('workspace.createdAt')}: {format.date(workspace.createdAt)}
              </Typography>
            </Box>
            <Box>
              <Button type="submit" variant="contained" loading={update.isPending} disabled={!dirty} data-testid="workspace-save">
                {t('common.save')}
              </Button>
            </Box>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}

export function WorkspaceSettingsPage() {
  const { t } = useT();
  const workspace = useWorkspace();
  const [reloaded, setReloaded] = useState(false);

  const handleConflictReload = () => {
    void workspace.refetch().then(() => setReloaded(true));
  };

  return (
    <Box data-testid="workspace-settings-page">
      <PageHeader title={t('workspace.title')} subtitle={t('workspace.subtitle')} />
      {workspace.isPending ? (
        <LoadingState />
      ) : workspace.isError ? (
        <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />
      ) : (
        <>
          {reloaded && (
            <Alert severity="info" sx={{ mb: 2 }} onClose={() => setReloaded(false)} data-testid="conflict-reloaded">
              {t('workspace.conflictHint')}
            </Alert>
          )}
          <WorkspaceForm key={workspace.data.version} workspace={workspace.data} onConflictReload={handleConflictReload} />
        </>
      )}
    </Box>
  );
}
