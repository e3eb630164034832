import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useT } from '../../shared/i18n/index.ts';
import { ErrorState, LoadingState, PageHeader } from '../../shared/ui/index.ts';
import { useWorkspace } from '../workspace/workspace.api.ts';
import { SalesSettingsSection } from './SalesSettingsSection.tsx';

/** /settings/sales: the sales settings alone, for sales managers who do not administer the workspace. */
export function SalesSettingsPage() {
  const { t } = useT();
  const workspace = useWorkspace();
  const [reloaded, setReloaded] = useState(false);
  return (
    <Box data-testid="sales-settings-page">
      <PageHeader title={t('salesSettings.title')} subtitle={t('salesSettings.subtitle')} />
      {workspace.isPending ? (
        <LoadingState />
      ) : workspace.isError ? (
        <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />
      ) : (
        <>
          {reloaded && (
            <Alert severity="info" sx={{ mb: 2 }} onClose={() => setReloaded(false)}>
              {t('workspace.conflictHint')}
            </Alert>
          )}
          <SalesSettingsSection
            key={workspace.data.version}
            workspace={workspace.data}
            onConflictReload={() => void workspace.refetch().then(() => setReloaded(true))}
          />
        </>
      )}
    </Box>
  );
}
