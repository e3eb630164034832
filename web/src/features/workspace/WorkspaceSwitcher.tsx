import { useState } from 'react';
import { useNavigate } from 'react-router';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import AddIcon from '@mui/icons-material/Add';
import CheckIcon from '@mui/icons-material/Check';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useT } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { useNotify, errorMessage } from '../../shared/ui/index.ts';
import { NewWorkspaceDialog } from './NewWorkspaceDialog.tsx';
import { useSwitchWorkspace } from './workspace.api.ts';

/** The workspace name in the app bar; opens the list of the user's workspaces and "new workspace". */
export function WorkspaceSwitcher() {
  const me = useSession();
  const { t, tOr } = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const switchTo = useSwitchWorkspace();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [creating, setCreating] = useState(false);
  const current = me.workspace;
  const several = me.workspaces.length > 1;

  const handleSwitch = (id: string) => {
    setAnchor(null);
    if (id === current?.id) return;
    switchTo.mutate(id, {
      onSuccess: () => void navigate('/'),
      onError: (error) => notify(errorMessage(error, t('errors.unknown')), 'error'),
    });
  };

  return (
    <>
      <Button
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        endIcon={<ExpandMoreIcon />}
        loading={switchTo.isPending}
        aria-haspopup="menu"
        aria-label={several ? t('shell.switchWorkspace') : t('shell.currentWorkspace')}
        data-testid="workspace-switcher"
        sx={{ minWidth: 0, maxWidth: { xs: 170, sm: 320 }, fontWeight: 700, fontSize: '0.95rem', px: 1 }}
      >
        <span data-testid="appbar-workspace-name" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {current?.name ?? t('shell.workspaces')}
        </span>
      </Button>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ paper: { sx: { minWidth: 260, maxWidth: 360 } } }}
      >
        <ListSubheader sx={{ lineHeight: 2.5 }}>{several ? t('shell.workspaces') : t('shell.currentWorkspace')}</ListSubheader>
        {me.workspaces.map((w) => (
          <MenuItem key={w.id} selected={w.id === current?.id} onClick={() => handleSwitch(w.id)} data-testid="workspace-option">
            <ListItemIcon>{w.id === current?.id ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>
            <ListItemText
              primary={w.name}
              secondary={w.role ? tOr(`roles.${w.role}`, w.role) : undefined}
              slotProps={{ primary: { noWrap: true } }}
            />
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setCreating(true);
          }}
          data-testid="workspace-new"
        >
          <ListItemIcon>
            <AddIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={t('shell.newWorkspace')} />
        </MenuItem>
      </Menu>
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
