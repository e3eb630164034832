import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import { useT } from '../../shared/i18n/index.ts';
import { errorMessage } from '../../shared/ui/index.ts';
import { fetchActivity, refreshAfterActivity } from './activities.api.ts';
import type { Activity } from './activities.types.ts';
import { editorOf } from './activity-edit.ts';
import { ComposerDialog } from './ActivityComposer.tsx';
import { LogCallDialog } from './LogCallDialog.tsx';

/**
 * Edits an activity from its timeline card: the call dialog for a call that happened, the composer
 * for the rest, both starting from the activity. When the save is refused because someone changed
 * it meanwhile (409), the server's sentence stays on top and the form starts again from the latest
 * version, so the next save is judged against what is really there.
 */
export function EditActivityDialog({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(activity);
  const [conflict, setConflict] = useState<unknown>(null);
  const [reloadError, setReloadError] = useState<unknown>(null);

  const handleConflict = (error: unknown) => {
    setConflict(error);
    setReloadError(null);
    // The card behind the dialog catches up as well.
    refreshAfterActivity(queryClient);
    fetchActivity(activity.id).then(setCurrent, setReloadError);
  };

  const notice = conflict ? (
    <Alert severity="warning" data-testid="version-conflict">
      {errorMessage(conflict, t('errors.unknown'))} {reloadError ? errorMessage(reloadError, t('errors.unknown')) : t('activities.conflictReloaded')}
    </Alert>
  ) : null;

  // Keyed on the version: a reloaded activity is a fresh form (shown at once, the dialog does not fade in again).
  const formKey = `${current.id}:${current.version}`;
  const editor = editorOf(current);
  if (editor === 'call-dialog') return <LogCallDialog key={formKey} open onClose={onClose} subject={null} editing={current} notice={notice} onConflict={handleConflict} />;
  return <ComposerDialog key={formKey} kind={editor} onClose={onClose} subject={null} people={[]} editing={current} notice={notice} onConflict={handleConflict} />;
}
