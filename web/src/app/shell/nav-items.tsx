import type { ReactNode } from 'react';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import DashboardOutlinedIcon from '@mui/icons-material/DashboardOutlined';
import HistoryOutlinedIcon from '@mui/icons-material/HistoryOutlined';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import ContactsOutlinedIcon from '@mui/icons-material/ContactsOutlined';
import FileUploadOutlinedIcon from '@mui/icons-material/FileUploadOutlined';
import HandshakeOutlinedIcon from '@mui/icons-material/HandshakeOutlined';
import ViewWeekOutlinedIcon from '@mui/icons-material/ViewWeekOutlined';
import Inventory2OutlinedIcon from '@mui/icons-material/Inventory2Outlined';
import ReceiptLongOutlinedIcon from '@mui/icons-material/ReceiptLongOutlined';
import RequestQuoteOutlinedIcon from '@mui/icons-material/RequestQuoteOutlined';
import SellOutlinedIcon from '@mui/icons-material/SellOutlined';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import TrendingUpOutlinedIcon from '@mui/icons-material/TrendingUpOutlined';
import TuneOutlinedIcon from '@mui/icons-material/TuneOutlined';
import MapOutlinedIcon from '@mui/icons-material/MapOutlined';
import PercentOutlinedIcon from '@mui/icons-material/PercentOutlined';
import CurrencyExchangeOutlinedIcon from '@mui/icons-material/CurrencyExchangeOutlined';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import VpnKeyOutlinedIcon from '@mui/icons-material/VpnKeyOutlined';
import InsightsOutlinedIcon from '@mui/icons-material/InsightsOutlined';
import QueryStatsOutlinedIcon from '@mui/icons-material/QueryStatsOutlined';
import SmsOutlinedIcon from '@mui/icons-material/SmsOutlined';
import ArticleOutlinedIcon from '@mui/icons-material/ArticleOutlined';
import TaskAltOutlinedIcon from '@mui/icons-material/TaskAltOutlined';
import CalendarMonthOutlinedIcon from '@mui/icons-material/CalendarMonthOutlined';
import { OverdueBadge } from '../../features/tasks/OverdueBadge.tsx';
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
  /** A small count after the label (overdue tasks). */
  badge?: ReactNode;
};

export type NavSection = { title?: TKey; items: NavItem[] };

/** Only sections that exist; those behind a permission are left out for everyone else. */
export const NAV_SECTIONS: NavSection[] = [
  {
    items: [
      { to: '/', label: 'nav.home', icon: <DashboardOutlinedIcon />, testId: 'nav-home', end: true },
      { to: '/tasks', label: 'tasks.nav', icon: <TaskAltOutlinedIcon />, testId: 'nav-tasks', permission: 'records.read', badge: <OverdueBadge /> },
      { to: '/calendar', label: 'calendarPage.nav', icon: <CalendarMonthOutlinedIcon />, testId: 'nav-calendar', permission: 'records.read' },
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
    title: 'salesNav.section',
    items: [
      { to: '/deals', label: 'deals.nav', icon: <HandshakeOutlinedIcon />, testId: 'nav-deals', permission: 'records.read' },
      { to: '/quotes', label: 'salesNav.quotes', icon: <RequestQuoteOutlinedIcon />, testId: 'nav-quotes', permission: 'records.read' },
      { to: '/orders', label: 'salesNav.orders', icon: <ReceiptLongOutlinedIcon />, testId: 'nav-orders', permission: 'records.read' },
      { to: '/products', label: 'salesNav.products', icon: <Inventory2OutlinedIcon />, testId: 'nav-products', permission: 'records.read' },
      { to: '/price-lists', label: 'salesNav.priceLists', icon: <SellOutlinedIcon />, testId: 'nav-price-lists', permission: 'records.read' },
      { to: '/territories', label: 'territories.nav', icon: <MapOutlinedIcon />, testId: 'nav-territories', permission: 'records.read' },
      { to: '/forecast', label: 'analytics.nav.forecast', icon: <InsightsOutlinedIcon />, testId: 'nav-forecast', permission: 'records.read' },
      { to: '/sales-metrics', label: 'analytics.nav.salesMetrics', icon: <QueryStatsOutlinedIcon />, testId: 'nav-sales-metrics', permission: 'records.read' },
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
      { to: '/settings/pipelines', label: 'pipelines.nav', icon: <ViewWeekOutlinedIcon />, testId: 'nav-pipelines', permission: 'sales.configure' },
      { to: '/settings/sales', label: 'salesSettings.nav', icon: <PercentOutlinedIcon />, testId: 'nav-sales-settings', permission: 'sales.configure' },
      { to: '/settings/exchange-rates', label: 'exchangeRates.nav', icon: <CurrencyExchangeOutlinedIcon />, testId: 'nav-exchange-rates', permission: 'sales.configure' },
      { to: '/settings/teams', label: 'teams.nav', icon: <GroupsOutlinedIcon />, testId: 'nav-teams', permission: 'sales.configure' },
      { to: '/settings/templates', label: 'messaging.nav.templates', icon: <ArticleOutlinedIcon />, testId: 'nav-templates', permission: 'messaging.configure' },
      { to: '/settings/sms', label: 'messaging.nav.sms', icon: <SmsOutlinedIcon />, testId: 'nav-sms-settings', permission: 'messaging.configure' },
      { to: '/api-keys', label: 'nav.apiKeys', icon: <VpnKeyOutlinedIcon />, testId: 'nav-api-keys', permission: 'api_keys.manage' },
      { to: '/audit-log', label: 'nav.auditLog', icon: <HistoryOutlinedIcon />, testId: 'nav-audit-log', permission: 'audit.read' },
    ],
  },
  {
    items: [{ to: '/settings/account', label: 'nav.accountSettings', icon: <ManageAccountsOutlinedIcon />, testId: 'nav-account-settings' }],
  },
];
