import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import LabelOffOutlinedIcon from '@mui/icons-material/LabelOffOutlined';
import LocalOfferOutlinedIcon from '@mui/icons-material/LocalOfferOutlined';
import PersonAddAltOutlinedIcon from '@mui/icons-material/PersonAddAltOutlined';
import RestoreFromTrashOutlinedIcon from '@mui/icons-material/RestoreFromTrashOutlined';
import { useFormat } from '../format/index.ts';
import { useT, type TKey } from '../i18n/index.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { FormErrorAlert } from '../ui/ErrorState.tsx';
import { useNotify, type ToastMessage } from '../ui/notify.tsx';
import { OwnerSelect, TagsEditor } from './RecordBits.tsx';
import { ensureTagIds, useBulkAction, useCreateTag, useTags, type BulkRequest } from './records.api.ts';
import type { RecordResource } from './records.types.ts';

type Props = {
  resource: RecordResource;
  ids: string[];
  trash: boolean;
  canWrite: boolean;
  canDelete: boolean;
  onClear: () => void;
};

type Pending = null | 'tag' | 'untag' | 'owner' | 'delete';

/** Actions on the selected rows: tag, untag, assign owner, delete (with undo) or restore. */
export function BulkBar({ resource, ids, trash, canWrite, canDelete, onClear }: Props) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const bulk = useBulkAction(resource);
  const tags = useTags();
  const createTag = useCreateTag();
  const [dialog, setDialog] = useState<Pending>(null);
  const [tagNames, setTagNames] = useState<string[]>([]);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const count = ids.length;
  const close = () => {
    setDialog(null);
    setTagNames([]);
    setError(null);
  };

  const counted = (key: TKey, n = count): ToastMessage => ({ key, vars: { count: format.number(n) } });

  /** Runs the action on the selected rows; once it is done the dialog closes, the selection clears and a toast says so. */
  const run = async (request: Omit<BulkRequest, 'ids'>, ...toast: Parameters<typeof notify>) => {
    setBusy(true);
    setError(null);
    try {
      await bulk.mutateAsync({ ids, ...request });
      close();
      onClear();
      notify(...toast);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const handleTag = async (action: 'tag' | 'untag') => {
    if (!tagNames.length) return;
    setBusy(true);
    try {
      const tagIds = resource === 'leads' ? undefined : await ensureTagIds(tagNames, tags.data ?? [], (name) => createTag.mutateAsync(name));
      await run({ action, tagIds, tagNames }, counted(action === 'tag' ? 'bulk.tagged' : 'bulk.untagged'));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const handleOwner = () => run({ action: 'assign_owner', ownerId }, counted('bulk.assigned'));

  const handleDelete = () => {
    const deletedIds = [...ids];
    void run({ action: 'delete' }, counted('bulk.deleted'), 'info', {
      action: {
        label: { key: 'bulk.undo' },
        testId: 'bulk-undo',
        onClick: () =>
          bulk.mutate(
            { ids: deletedIds, action: 'restore' },
            {
              onSuccess: () => notify(counted('bulk.restored', deletedIds.length)),
              onError: (e) => notify(e instanceof Error ? e.message : t('errors.unknown'), 'error'),
            },
          ),
      },
    });
  };

  const handleRestore = () => run({ action: 'restore' }, counted('bulk.restored'));

  return (
    <Paper
      elevation={0}
      data-testid="bulk-bar"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', px: 1.5, py: 1, mb: 1.5, bgcolor: 'primary.main', color: 'primary.contrastText', borderRadius: 2 }}
    >
      <Tooltip title={t('bulk.clear')}>
        <IconButton size="small" color="inherit" onClick={onClear} aria-label={t('bulk.clear')}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Typography variant="body2" sx={{ fontWeight: 600, marginInlineEnd: 'auto' }} data-testid="bulk-count">
        {t('bulk.selected', { count: format.number(count) })}
      </Typography>
      {trash ? (
        canDelete && (
          <Button size="small" color="inherit" startIcon={<RestoreFromTrashOutlinedIcon />} onClick={handleRestore} loading={busy} data-testid="bulk-restore">
            {t('bulk.restore')}
          </Button>
        )
      ) : (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {canWrite && (
            <>
              <Button size="small" color="inherit" startIcon={<LocalOfferOutlinedIcon />} onClick={() => setDialog('tag')} data-testid="bulk-tag">
                {t('bulk.tag')}
              </Button>
              <Button size="small" color="inherit" startIcon={<LabelOffOutlinedIcon />} onClick={() => setDialog('untag')} data-testid="bulk-untag">
                {t('bulk.untag')}
              </Button>
              <Button size="small" color="inherit" startIcon={<PersonAddAltOutlinedIcon />} onClick={() => setDialog('owner')} data-testid="bulk-owner">
                {t('bulk.assignOwner')}
              </Button>
            </>
          )}
          {canDelete && (
            <Button size="small" color="inherit" startIcon={<DeleteOutlineIcon />} onClick={() => setDialog('delete')} data-testid="bulk-delete">
              {t('common.delete')}
            </Button>
          )}
        </Box>
      )}

      <BulkDialog
        open={dialog === 'tag' || dialog === 'untag'}
        title={dialog === 'untag' ? t('bulk.untagTitle', { count: format.number(count) }) : t('bulk.tagTitle', { count: format.number(count) })}
        submitLabel={dialog === 'untag' ? t('bulk.untag') : t('bulk.tag')}
        submitDisabled={!tagNames.length}
        busy={busy}
        error={error}
        onClose={close}
        onSubmit={() => void handleTag(dialog === 'untag' ? 'untag' : 'tag')}
        testId="bulk-tag"
      >
        <TagsEditor value={tagNames} onChange={setTagNames} testId="bulk-tags-input" />
      </BulkDialog>

      <BulkDialog
        open={dialog === 'owner'}
        title={t('bulk.ownerTitle', { count: format.number(count) })}
        submitLabel={t('bulk.assignOwner')}
        busy={busy}
        error={error}
        onClose={close}
        onSubmit={() => void handleOwner()}
        testId="bulk-owner"
      >
        <OwnerSelect value={ownerId} onChange={setOwnerId} testId="bulk-owner-select" />
      </BulkDialog>

      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('bulk.deleteTitle', { count: format.number(count) })}
        body={t('bulk.deleteBody')}
        confirmLabel={t('common.delete')}
        pending={busy}
        error={error}
        onClose={close}
        onConfirm={handleDelete}
      />
    </Paper>
  );
}

type BulkDialogProps = {
  open: boolean;
  title: string;
  submitLabel: string;
  submitDisabled?: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: () => void;
  /** `<testId>-dialog` and `<testId>-submit`. */
  testId: string;
  children: ReactNode;
};

/** Asks the one thing a bulk action needs (which tags, which owner) before running it. */
function BulkDialog({ open, title, submitLabel, submitDisabled, busy, error, onClose, onSubmit, testId, children }: BulkDialogProps) {
  const { t } = useT();
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth data-testid={`${testId}-dialog`}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <FormErrorAlert error={error} />
        <Box sx={{ pt: 1 }}>{children}</Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" loading={busy} disabled={submitDisabled} onClick={onSubmit} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
