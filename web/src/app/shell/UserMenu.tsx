import { useState } from 'react';
import { useNavigate } from 'react-router';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import LogoutIcon from '@mui/icons-material/Logout';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import { useSignOut } from '../../features/auth/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { LtrText, initialOf } from '../../shared/ui/index.ts';

export function UserMenu() {
  const me = useSession();
  const { t } = useT();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);

  const handleSignOut = () => {
    setAnchor(null);
    signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  };

  return (
    <>
      <Tooltip title={t('shell.userMenu')}>
        <IconButton onClick={(e) => setAnchor(e.currentTarget)} aria-label={t('shell.userMenu')} aria-haspopup="menu" data-testid="user-menu" sx={{ p: 0.5 }}>
          <Avatar sx={{ width: 34, height: 34, fontSize: 15, bgcolor: 'primary.main' }}>{initialOf(me.user.name)}</Avatar>
        </IconButton>
      </Tooltip>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { minWidth: 240, mt: 0.5 } } }}
      >
        <Box sx={{ px: 2, py: 1.25 }}>
          <Typography variant="subtitle2" noWrap data-testid="user-menu-name">
            {me.user.name}
          </Typography>
          <Typography variant="caption" color="text.secondary" noWrap component="div">
            <LtrText>{me.user.email}</LtrText>
          </Typography>
        </Box>
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            void navigate('/settings/account');
          }}
          data-testid="user-menu-settings"
        >
          <ListItemIcon>
            <ManageAccountsOutlinedIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={t('shell.settings')} />
        </MenuItem>
        <MenuItem onClick={handleSignOut} data-testid="sign-out">
          <ListItemIcon>
            <LogoutIcon fontSize="small" sx={{ transform: (th) => (th.direction === 'rtl' ? 'scaleX(-1)' : 'none') }} />
          </ListItemIcon>
          <ListItemText primary={t('shell.signOut')} />
        </MenuItem>
      </Menu>
    </>
  );
}
