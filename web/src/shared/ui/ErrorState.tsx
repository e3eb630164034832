import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { hasStatus, isApiError } from '../api/index.ts';
import { useT } from '../i18n/index.ts';

/** The localised `detail` of an API error, or a generic sentence. */
export function errorMessage(error: unknown, fallback: string): string {
  if (isApiError(error)) return error.detail;
  return fallback;
}

type Props = { error: unknown; onRetry?: () => void; title?: string };

/** A failed load: says what happened and offers to try again. */
export function ErrorState({ error, onRetry, title }: Props) {
  const { t } = useT();
  return (
    <Alert
      severity="error"
      data-testid="error-state"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title ?? t('errors.loadFailed')}</AlertTitle>
      {errorMessage(error, t('errors.unknown'))}
    </Alert>
  );
}

/** The form-level part of a failed submit (field errors go on the fields). */
export function FormErrorAlert({ error }: { error: unknown }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <Alert severity="error" data-testid="form-error" sx={{ mb: 2 }}>
      {errorMessage(error, t('errors.unknown'))}
    </Alert>
  );
}

/** A failed save: a version conflict (409) offers to load the latest version; anything else shows the server's message. */
export function SaveErrorAlert({ error, onReload, reloadLabel }: { error: unknown; onReload: () => void; reloadLabel?: string }) {
  const { t } = useT();
  if (!error) return null;
  if (!hasStatus(error, 409)) return <FormErrorAlert error={error} />;
  return (
    <Alert
      severity="warning"
      data-testid="version-conflict"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={onReload} data-testid="conflict-reload">
          {reloadLabel ?? t('records.conflictReload')}
        </Button>
      }
    >
      {errorMessage(error, t('records.conflict'))}
    </Alert>
  );
}
