import { Suspense, useEffect, useState } from 'react';
import { Link as RouterLink, Outlet, matchPath, useLocation } from 'react-router';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import MenuIcon from '@mui/icons-material/Menu';
import AddIcon from '@mui/icons-material/Add';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import { GlobalSearch } from '../../features/search/index.ts';
import { QuickLogCall } from '../../features/activities/QuickLogCall.tsx';
import { NotificationBell } from '../../features/notifications/index.ts';
import { NewWorkspaceDialog, WorkspaceSwitcher } from '../../features/workspace/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { BrandMark, EmptyState, LoadingState } from '../../shared/ui/index.ts';
import { DRAWER_WIDTH } from '../theme.ts';
import { NAV_SECTIONS } from './nav-items.tsx';
import { UserMenu } from './UserMenu.tsx';

function NavList({ onNavigate }: { onNavigate?: () => void }) {
  const me = useSession();
  const { t } = useT();
  const { pathname } = useLocation();
  const sections = NAV_SECTIONS.map((s) => ({ ...s, items: s.items.filter((i) => !i.permission || can(me, i.permission)) })).filter(
    (s) => s.items.length > 0,
  );

  return (
    <Box component="nav" aria-label={t('nav.main')} sx={{ py: 1, overflowY: 'auto' }} data-testid="nav">
      {sections.map((section, index) => (
        <List
          key={section.title ?? `section-${index}`}
          dense
          subheader={
            section.title ? (
              <ListSubheader disableSticky sx={{ lineHeight: 2.5, fontSize: 12, fontWeight: 600, bgcolor: 'transparent' }}>
                {t(section.title)}
              </ListSubheader>
            ) : undefined
          }
          sx={{ pb: 0.5 }}
        >
          {index > 0 && !section.title && <Divider sx={{ my: 1, mx: 2 }} />}
          {section.items.map((item) => {
            const selected = matchPath({ path: item.to, end: item.end ?? false }, pathname) !== null;
            return (
              <ListItemButton
                key={item.to}
                component={RouterLink}
                to={item.to}
                selected={selected}
                onClick={onNavigate}
                data-testid={item.testId}
                aria-current={selected ? 'page' : undefined}
                sx={{ py: 1, mb: 0.25 }}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>{item.icon}</ListItemIcon>
                <ListItemText primary={t(item.label)} slotProps={{ primary: { sx: { fontWeight: selected ? 700 : 500, fontSize: 14 } } }} />
                {item.badge}
              </ListItemButton>
            );
          })}
        </List>
      ))}
    </Box>
  );
}

function NoWorkspace() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <EmptyState
        testId="no-workspace"
        icon={<ApartmentOutlinedIcon />}
        title={t('shell.noWorkspaceTitle')}
        message={t('shell.noWorkspaceBody')}
        action={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOpen(true)}>
            {t('shell.newWorkspace')}
          </Button>
        }
      />
      <NewWorkspaceDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** App bar with workspace switcher and user menu; navigation drawer, permanent from md up. */
export function AppShell() {
  const me = useSession();
  const { t } = useT();
  const theme = useTheme();
  const desktop = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const [mobileOpen, setMobileOpen] = useState(false);
  const { pathname } = useLocation();

  useEffect(() => setMobileOpen(false), [pathname]);

  return (
    <Box sx={{ display: 'flex', minHeight: '100dvh' }}>
      <AppBar
        position="fixed"
        sx={{ zIndex: (th) => th.zIndex.drawer + 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}
        data-testid="app-bar"
      >
        <Toolbar sx={{ gap: { xs: 0.5, sm: 1 }, px: { xs: 1, sm: 2 } }}>
          {!desktop && (
            <IconButton onClick={() => setMobileOpen(true)} aria-label={t('nav.openMenu')} data-testid="nav-toggle">
              <MenuIcon />
            </IconButton>
          )}
          <Box
            component={RouterLink}
            to="/"
            sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'primary.main', textDecoration: 'none', flexShrink: 0 }}
            aria-label={t('app.name')}
          >
            <BrandMark size={30} />
            <Typography variant="h6" component="span" sx={{ fontWeight: 800, display: { xs: 'none', sm: 'inline' } }}>
              {t('app.name')}
            </Typography>
          </Box>
          <Divider orientation="vertical" flexItem sx={{ mx: 1, my: 1.5, display: { xs: 'none', sm: 'block' } }} />
          {me.workspace && <WorkspaceSwitcher />}
          <Box sx={{ flex: 1 }} />
          {me.workspace && can(me, 'records.read') && <GlobalSearch />}
          {me.workspace && can(me, 'records.write') && <QuickLogCall />}
          {me.workspace && <NotificationBell />}
          <UserMenu />
        </Toolbar>
      </AppBar>

      <Box sx={{ width: { md: DRAWER_WIDTH }, flexShrink: { md: 0 } }}>
        {desktop ? (
          <Drawer
            variant="permanent"
            open
            sx={{ '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', bgcolor: '#fbfcfc' } }}
          >
            <Toolbar />
            <NavList />
          </Drawer>
        ) : (
          <Drawer
            variant="temporary"
            open={mobileOpen}
            onClose={() => setMobileOpen(false)}
            slotProps={{ root: { keepMounted: true } }}
            sx={{ '& .MuiDrawer-paper': { width: Math.min(DRAWER_WIDTH, 300), boxSizing: 'border-box' } }}
            data-testid="nav-drawer"
          >
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, minHeight: 56 }}>
              <BrandMark size={28} />
              <Typography variant="h6" component="span" sx={{ fontWeight: 800, color: 'primary.main' }}>
                {t('app.name')}
              </Typography>
            </Box>
            <Divider />
            <NavList onNavigate={() => setMobileOpen(false)} />
          </Drawer>
        )}
      </Box>

      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, px: { xs: 2, sm: 3, lg: 4 }, pb: 6 }}>
        <Toolbar />
        <Box sx={{ maxWidth: 1180, mx: 'auto', pt: { xs: 2, sm: 3 } }}>
          {me.workspace ? (
            <Suspense fallback={<LoadingState />}>
              <Outlet />
            </Suspense>
          ) : (
            <NoWorkspace />
          )}
        </Box>
      </Box>
    </Box>
  );
}
