import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CalendarKind, Locale } from '#common/calendar/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { CalendarField, ErrorState, LoadingState, LocaleField, LtrText, PageHeader, SaveErrorAlert, SettingsForm, fieldState, useNotify } from '../../shared/ui/index.ts';
import { SalesSettingsSection } from '../sales-settings/SalesSettingsSection.tsx';
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

  const nameError = submitted && !name.trim() ? t('errors.required') : null;
  const dirty =
    name !== workspace.name || defaultLocale !== workspace.defaultLocale || calendar !== workspace.calendar || timezone !== workspace.timezone;

  const handleSubmit = () => {
    setSubmitted(true);
    if (!name.trim()) return;
    update.mutate(
      { version: workspace.version, name: name.trim(), defaultLocale, calendar, timezone },
      { onSuccess: () => notify({ key: 'common.saved' }) },
    );
  };

  return (
    <SettingsForm
      onSubmit={handleSubmit}
      alert={<SaveErrorAlert error={update.error} onReload={onConflictReload} reloadLabel={t('workspace.conflictAction')} />}
      pending={update.isPending}
      dirty={dirty}
      saveTestId="workspace-save"
    >
      <TextField
        label={t('workspace.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fieldState('name', { error: update.error, client: nameError })}
        slotProps={{ htmlInput: { 'data-testid': 'workspace-name' } }}
      />
      <LocaleField
        label={t('workspace.defaultLocale')}
        value={defaultLocale}
        onChange={setDefaultLocale}
        {...fieldState('defaultLocale', { error: update.error, helper: t('workspace.defaultLocaleHelp') })}
        testId="workspace-locale"
      />
      <CalendarField
        label={t('workspace.calendar')}
        value={calendar}
        onChange={setCalendar}
        {...fieldState('calendar', { error: update.error, helper: t('workspace.calendarHelp') })}
        testId="workspace-calendar"
      />
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
    </SettingsForm>
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
          <Typography variant="h6" component="h2" sx={{ mt: 4, mb: 1.5 }} data-testid="sales-settings-heading">
            {t('salesSettings.section')}
          </Typography>
          <SalesSettingsSection key={`sales-${workspace.data.version}`} workspace={workspace.data} onConflictReload={handleConflictReload} />
        </>
      )}
    </Box>
  );
}
