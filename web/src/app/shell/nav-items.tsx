import type { ReactNode } from 'react';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import DashboardOutlinedIcon from '@mui/icons-material/DashboardOutlined';
import HistoryOutlinedIcon from '@mui/icons-material/HistoryOutlined';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import ContactsOutlinedIcon from '@mui/icons-material/ContactsOutlined';
import FileUploadOutlinedIcon from '@mui/icons-material/FileUploadOutlined';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import TrendingUpOutlinedIcon from '@mui/icons-material/TrendingUpOutlined';
import TuneOutlinedIcon from '@mui/icons-material/TuneOutlined';
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
    ],
  },
  {
    title: 'nav.customers',
    items: [
      { to: '/people', label: 'nav.people', icon: <ContactsOutlinedIcon />, testId: 'nav-people', permission: 'records.read' },
      { to: '/organizations', label: 'nav.organizations', icon: <BusinessOutlinedIcon />, testId: 'nav-organizations', permission: 'records.read' },
      { to: '/leads', label: 'nav.leads', icon: <TrendingUpOutlinedIcon />, testId: 'nav-leads', permission: 'records.read' },
      { to: '/imports', label: 'nav.imports', icon: <FileUploadOutlinedIcon />, testId: 'nav-imports', permission: 'records.import' },
    ],
  },
  {
    items: [{ to: '/members', label: 'nav.members', icon: <PeopleAltOutlinedIcon />, testId: 'nav-members', permission: 'members.read' }],
  },
  {
    title: 'nav.administration',
    items: [
      { to: '/settings/workspace', label: 'nav.workspaceSettings', icon: <ApartmentOutlinedIcon />, testId: 'nav-workspace-settings', permission: 'workspace.manage' },
      { to: '/settings/custom-fields', label: 'nav.customFields', icon: <TuneOutlinedIcon />, testId: 'nav-custom-fields', permission: 'custom_fields.manage' },
      { to: '/api-keys', label: 'nav.apiKeys', icon: <VpnKeyOutlinedIcon />, testId: 'nav-api-keys', permission: 'api_keys.manage' },
      { to: '/audit-log', label: 'nav.auditLog', icon: <HistoryOutlinedIcon />, testId: 'nav-audit-log', permission: 'audit.read' },
    ],
  },
  {
    items: [{ to: '/settings/account', label: 'nav.accountSettings', icon: <ManageAccountsOutlinedIcon />, testId: 'nav-account-settings' }],
  },
];
