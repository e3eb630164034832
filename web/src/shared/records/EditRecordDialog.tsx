import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { useNotify } from '../ui/notify.tsx';
import { SaveErrorAlert } from '../ui/ErrorState.tsx';
import type { RecordForm } from './RecordForm.tsx';
import { rebaseDraft } from './record-patch.ts';
import { useCustomFieldDefs, useUpdateRecord } from './records.api.ts';
import { ENTITY_OF, type RecordResource } from './records.types.ts';

type Props<R, D> = {
  resource: RecordResource;
  record: R;
  name: string;
  form: RecordForm<R, D>;
  onClose: () => void;
  /** Asks the page to load the record again (after a version conflict). */
  onReload: () => void;
};

/** The full form of a record in a dialog; saves only what changed, guarded by the version read. */
export function EditRecordDialog<R extends { id: string; version: number }, D>({ resource, record, name, form, onClose, onReload }: Props<R, D>) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const entity = ENTITY_OF[resource];
  const defs = useCustomFieldDefs(entity);
  const update = useUpdateRecord<R>(resource);
  const [initial, setInitial] = useState<D>(() => form.draftOf(record));
  const [draft, setDraft] = useState<D>(initial);
  const [version, setVersion] = useState(record.version);
  const [submitted, setSubmitted] = useState(false);

  const handleSave = () => {
    setSubmitted(true);
    if (form.clientError(draft, t)) return;
    const patch = form.patchOf(initial, draft, defs.data ?? []);
    if (!Object.keys(patch).length) return onClose();
    update.mutate(
      { id: record.id, patch: { version, ...patch } },
      {
        onSuccess: () => {
          notify({ key: 'common.saved' });
          onClose();
        },
      },
    );
  };

  /** After a 409: load the latest version and keep the user's edits on top of it. */
  const handleConflictReload = async () => {
    onReload();
    const latest = await api.get<R>(`/api/v1/${resource}/${encodeURIComponent(record.id)}`);
    const latestDraft = form.draftOf(latest);
    setDraft((current) => rebaseDraft(initial as object, current as object, latestDraft as object) as D);
    setInitial(latestDraft);
    setVersion(latest.version);
    update.reset();
    notify({ key: 'records.conflictReloaded' }, 'info');
  };

  return (
    <Dialog open onClose={update.isPending ? undefined : onClose} fullScreen={phone} maxWidth="md" fullWidth data-testid={`${entity}-edit-dialog`}>
      <DialogTitle>{t(`${resource}.editTitle`, { name })}</DialogTitle>
      <DialogContent dividers>
        <SaveErrorAlert error={update.error} onReload={() => void handleConflictReload()} />
        <form.Fields draft={draft} onChange={setDraft} error={update.error} submitted={submitted} customFields={defs.data ?? []} mode="full" />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={update.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={handleSave} loading={update.isPending} data-testid={`${entity}-edit-save`}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
