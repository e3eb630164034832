import type { ReactNode } from 'react';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import DashboardOutlinedIcon from '@mui/icons-material/DashboardOutlined';
import HistoryOutlinedIcon from '@mui/icons-material/HistoryOutlined';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import VpnKeyOutlinedIcon from '@mui/icons-material/VpnKeyOutlined';
import type { TKey } from '../../shared/i18n/index.ts';
import type { Permission } from '../../shared/session/index.ts';

export type NavItem = {
  to: string;
  label: TKey;
  icon: ReactNode;
  testId: string;
  /** Match the path exactly (the overview at "/"). */
  end?: boolean;
  /** Shown only to those who hold it. */
  permission?: Permission;
};

export type NavSection = { title?: TKey; items: NavItem[] };

/** Only sections that exist; those behind a permission are left out for everyone else. */
export const NAV_SECTIONS: NavSection[] = [
  {
    items: [
      { to: '/', label: 'nav.home', icon: <DashboardOutlinedIcon />, testId: 'nav-home', end: true },
      { to: '/members', label: 'nav.members', icon: <PeopleAltOutlinedIcon />, testId: 'nav-members', permission: 'members.read' },
    ],
  },
  {
    title: 'nav.administration',
    items: [
      { to: '/settings/workspace', label: 'nav.workspaceSettings', icon: <ApartmentOutlinedIcon />, testId: 'nav-workspace-settings', permission: 'workspace.manage' },
      { to: '/api-keys', label: 'nav.apiKeys', icon: <VpnKeyOutlinedIcon />, testId: 'nav-api-keys', permission: 'api_keys.manage' },
      { to: '/audit-log', label: 'nav.auditLog', icon: <HistoryOutlinedIcon />, testId: 'nav-audit-log', permission: 'audit.read' },
    ],
  },
  {
    items: [{ to: '/settings/account', label: 'nav.accountSettings', icon: <ManageAccountsOutlinedIcon />, testId: 'nav-account-settings' }],
  },
];
