import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import BookmarkBorderIcon from '@mui/icons-material/BookmarkBorder';
import CheckIcon from '@mui/icons-material/Check';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import SaveOutlinedIcon from '@mui/icons-material/SaveOutlined';
import SaveAsOutlinedIcon from '@mui/icons-material/SaveAsOutlined';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/index.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { FormErrorAlert } from '../ui/ErrorState.tsx';
import { fieldState } from '../ui/field-errors.ts';
import { useNotify } from '../ui/notify.tsx';
import { useDeleteView, useSaveView, useViews, type SavedView, type SavedViewInput } from './records.api.ts';
import type { RecordType } from './records.types.ts';

type Props = {
  entityType: RecordType;
  allLabel: string;
  active: SavedView | null;
  /** The list differs from the active view (filter, sort or columns). */
  dirty: boolean;
  /** What "save" stores: the list as it is now. */
  current: Omit<SavedViewInput, 'name' | 'visibility'>;
  onSelect: (view: SavedView | null) => void;
};

/** Saved views: pick one, save the current list as a new one, update or delete the active one. */
export function ViewsMenu({ entityType, allLabel, active, dirty, current, onSelect }: Props) {
  const { t } = useT();
  const me = useSession();
  const notify = useNotify();
  const views = useViews(entityType);
  const save = useSaveView(entityType);
  const remove = useDeleteView(entityType);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [saveOpen, setSaveOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);

  const list = views.data ?? [];
  const mine = list.filter((v) => v.visibility === 'private');
  const shared = list.filter((v) => v.visibility === 'shared');
  const canEdit = active !== null && (active.canEdit ?? (active.ownerId === me.user.id || me.permissions.includes('workspace.manage')));

  const pick = (view: SavedView | null) => {
    setAnchor(null);
    onSelect(view);
  };

  const handleUpdate = () => {
    setAnchor(null);
    if (!active) return;
    save.mutate(
      { id: active.id, version: active.version, view: { name: active.name, visibility: active.visibility, ...current } },
      {
        onSuccess: (view) => {
          notify({ key: 'views.updated', vars: { name: view.name } });
          onSelect(view);
        },
        onError: (error) => notify(error instanceof Error ? error.message : t('errors.unknown'), 'error'),
      },
    );
  };

  const item = (view: SavedView) => (
    <MenuItem key={view.id} selected={active?.id === view.id} onClick={() => pick(view)} data-testid="view-option">
      <ListItemIcon>{active?.id === view.id ? <CheckIcon fontSize="small" /> : view.visibility === 'shared' ? <GroupsOutlinedIcon fontSize="small" /> : <LockOutlinedIcon fontSize="small" />}</ListItemIcon>
      <ListItemText primary={view.name} />
    </MenuItem>
  );

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        startIcon={<BookmarkBorderIcon />}
        endIcon={<KeyboardArrowDownIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        data-testid="views-menu"
        sx={{ maxWidth: 260, borderColor: 'divider', '& .label': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
      >
        <Box component="span" className="label">
          {active ? active.name : allLabel}
          {dirty && active ? ' *' : ''}
        </Box>
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { minWidth: 260 } } }}>
        <MenuItem selected={!active} onClick={() => pick(null)} data-testid="view-all">
          <ListItemIcon>{!active ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>
          <ListItemText primary={allLabel} />
        </MenuItem>
        {shared.length > 0 && <ListSubheader sx={{ lineHeight: 2.5 }}>{t('views.shared')}</ListSubheader>}
        {shared.map(item)}
        {mine.length > 0 && <ListSubheader sx={{ lineHeight: 2.5 }}>{t('views.private')}</ListSubheader>}
        {mine.map(item)}
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setSaveOpen(true);
          }}
          data-testid="view-save-as"
        >
          <ListItemIcon>
            <SaveAsOutlinedIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={t('views.saveAs')} />
        </MenuItem>
        {active && canEdit && (
          <MenuItem onClick={handleUpdate} disabled={!dirty} data-testid="view-update">
            <ListItemIcon>
              <SaveOutlinedIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={t('views.update', { name: active.name })} />
          </MenuItem>
        )}
        {active && canEdit && (
          <MenuItem
            onClick={() => {
              setAnchor(null);
              setDeleteOpen(true);
            }}
            data-testid="view-delete"
          >
            <ListItemIcon>
              <DeleteOutlineIcon fontSize="small" color="error" />
            </ListItemIcon>
            <ListItemText primary={t('views.delete')} />
          </MenuItem>
        )}
      </Menu>

      {saveOpen && (
        <SaveViewDialog
          pending={save.isPending}
          error={save.error}
          onClose={() => {
            save.reset();
            setSaveOpen(false);
          }}
          onSave={(name, visibility) =>
            save.mutate(
              { view: { name, visibility, ...current } },
              {
                onSuccess: (view) => {
                  setSaveOpen(false);
                  notify({ key: 'views.saved', vars: { name: view.name } });
                  onSelect(view);
                },
              },
            )
          }
        />
      )}
      <ConfirmDialog
        open={deleteOpen}
        title={t('views.deleteTitle')}
        body={t('views.deleteBody', { name: active?.name ?? '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleteOpen(false)}
        onConfirm={() =>
          active &&
          remove.mutate(active.id, {
            onSuccess: () => {
              setDeleteOpen(false);
              notify({ key: 'views.deleted', vars: { name: active.name } });
              onSelect(null);
            },
          })
        }
      />
    </>
  );
}

function SaveViewDialog({
  pending,
  error,
  onClose,
  onSave,
}: {
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSave: (name: string, visibility: 'private' | 'shared') => void;
}) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<'private' | 'shared'>('private');
  const [submitted, setSubmitted] = useState(false);
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (name.trim()) onSave(name.trim(), visibility);
  };
  return (
    <Dialog open onClose={pending ? undefined : onClose} maxWidth="xs" fullWidth data-testid="view-save-dialog">
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <DialogTitle>{t('views.saveTitle')}</DialogTitle>
        <DialogContent>
          <FormErrorAlert error={error} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              autoFocus
              label={t('views.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...fieldState('name', { error, client: submitted && !name.trim() ? t('errors.required') : null })}
              slotProps={{ htmlInput: { 'data-testid': 'view-name' } }}
            />
            <RadioGroup value={visibility} onChange={(e) => setVisibility(e.target.value as 'private' | 'shared')}>
              <FormControlLabel value="private" control={<Radio />} label={t('views.privateHelp')} />
              <FormControlLabel value="shared" control={<Radio data-testid="view-shared" />} label={t('views.sharedHelp')} />
            </RadioGroup>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={pending} data-testid="view-save-submit">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
