import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { AuthLayout } from '../features/auth/index.ts';
import { PrintLayout } from '../features/orders/PrintLayout.tsx';
import { PublicOnly, RequireAuth, RequirePermission, RootLayout } from './guards.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { NotFoundPage, RouteErrorPage } from './shell/StatusPages.tsx';

/** React.lazy for a named export: each feature page is its own chunk. */
function lazyPage<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const SignInPage = lazyPage(() => import('../features/auth/SignInPage.tsx'), 'SignInPage');
const SignUpPage = lazyPage(() => import('../features/auth/SignUpPage.tsx'), 'SignUpPage');
const ForgotPasswordPage = lazyPage(() => import('../features/auth/ForgotPasswordPage.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../features/auth/ResetPasswordPage.tsx'), 'ResetPasswordPage');
const AcceptInvitationPage = lazyPage(() => import('../features/auth/AcceptInvitationPage.tsx'), 'AcceptInvitationPage');
const WorkspaceOverviewPage = lazyPage(() => import('../features/workspace/WorkspaceOverviewPage.tsx'), 'WorkspaceOverviewPage');
const WorkspaceSettingsPage = lazyPage(() => import('../features/workspace/WorkspaceSettingsPage.tsx'), 'WorkspaceSettingsPage');
const AccountSettingsPage = lazyPage(() => import('../features/account/AccountSettingsPage.tsx'), 'AccountSettingsPage');
const MembersPage = lazyPage(() => import('../features/members/MembersPage.tsx'), 'MembersPage');
const ApiKeysPage = lazyPage(() => import('../features/api-keys/ApiKeysPage.tsx'), 'ApiKeysPage');
const AuditLogPage = lazyPage(() => import('../features/audit-log/AuditLogPage.tsx'), 'AuditLogPage');
const PeopleListPage = lazyPage(() => import('../features/people/PeopleListPage.tsx'), 'PeopleListPage');
const PersonPage = lazyPage(() => import('../features/people/PersonPage.tsx'), 'PersonPage');
const OrganizationsListPage = lazyPage(() => import('../features/organizations/OrganizationsListPage.tsx'), 'OrganizationsListPage');
const OrganizationPage = lazyPage(() => import('../features/organizations/OrganizationPage.tsx'), 'OrganizationPage');
const LeadsListPage = lazyPage(() => import('../features/leads/LeadsListPage.tsx'), 'LeadsListPage');
const LeadPage = lazyPage(() => import('../features/leads/LeadPage.tsx'), 'LeadPage');
const ImportsPage = lazyPage(() => import('../features/imports/ImportsPage.tsx'), 'ImportsPage');
const NewImportPage = lazyPage(() => import('../features/imports/NewImportPage.tsx'), 'NewImportPage');
const ImportPage = lazyPage(() => import('../features/imports/ImportPage.tsx'), 'ImportPage');
const CustomFieldsPage = lazyPage(() => import('../features/custom-fields/CustomFieldsPage.tsx'), 'CustomFieldsPage');
const TerritoriesPage = lazyPage(() => import('../features/territories/TerritoriesPage.tsx'), 'TerritoriesPage');
const TeamsPage = lazyPage(() => import('../features/territories/TeamsPage.tsx'), 'TeamsPage');
const SalesSettingsPage = lazyPage(() => import('../features/sales-settings/SalesSettingsPage.tsx'), 'SalesSettingsPage');
const ExchangeRatesPage = lazyPage(() => import('../features/sales-settings/ExchangeRatesPage.tsx'), 'ExchangeRatesPage');
const DealsPage = lazyPage(() => import('../features/deals/DealsPage.tsx'), 'DealsPage');
const DealPage = lazyPage(() => import('../features/deals/DealPage.tsx'), 'DealPage');
const ForecastPage = lazyPage(() => import('../features/sales-analytics/ForecastPage.tsx'), 'ForecastPage');
const SalesMetricsPage = lazyPage(() => import('../features/sales-analytics/SalesMetricsPage.tsx'), 'SalesMetricsPage');
const PipelinesSettingsPage = lazyPage(() => import('../features/pipelines/PipelinesSettingsPage.tsx'), 'PipelinesSettingsPage');
const ProductsPage = lazyPage(() => import('../features/products/ProductsPage.tsx'), 'ProductsPage');
const PriceListsPage = lazyPage(() => import('../features/products/PriceListsPage.tsx'), 'PriceListsPage');
const QuotesListPage = lazyPage(() => import('../features/quotes/QuotesListPage.tsx'), 'QuotesListPage');
const QuoteEditorPage = lazyPage(() => import('../features/quotes/QuoteEditorPage.tsx'), 'QuoteEditorPage');
const OrdersListPage = lazyPage(() => import('../features/orders/OrdersListPage.tsx'), 'OrdersListPage');
const OrderEditorPage = lazyPage(() => import('../features/orders/OrderEditorPage.tsx'), 'OrderEditorPage');
const PrintQuotePage = lazyPage(() => import('../features/orders/PrintDocumentPage.tsx'), 'PrintQuotePage');
const PrintOrderPage = lazyPage(() => import('../features/orders/PrintDocumentPage.tsx'), 'PrintOrderPage');
const TasksPage = lazyPage(() => import('../features/tasks/TasksPage.tsx'), 'TasksPage');
const CalendarPage = lazyPage(() => import('../features/calendar/CalendarPage.tsx'), 'CalendarPage');
const NotificationsPage = lazyPage(() => import('../features/notifications/NotificationsPage.tsx'), 'NotificationsPage');
const NotificationPreferencesPage = lazyPage(() => import('../features/notifications/NotificationPreferencesPage.tsx'), 'NotificationPreferencesPage');
const TemplatesPage = lazyPage(() => import('../features/messaging/TemplatesPage.tsx'), 'TemplatesPage');
const SmsSettingsPage = lazyPage(() => import('../features/messaging/SmsSettingsPage.tsx'), 'SmsSettingsPage');

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          element: <PublicOnly />,
          children: [
            {
              element: <AuthLayout />,
              children: [
                { path: 'sign-in', element: <SignInPage /> },
                { path: 'sign-up', element: <SignUpPage /> },
                { path: 'forgot-password', element: <ForgotPasswordPage /> },
              ],
            },
          ],
        },
        {
          // Reachable signed in or out.
          element: <AuthLayout />,
          children: [
            { path: 'reset-password', element: <ResetPasswordPage /> },
            { path: 'invite/:token', element: <AcceptInvitationPage /> },
          ],
        },
        {
          element: <RequireAuth />,
          children: [
            {
              // Printable quotes and invoices: outside the shell, no navigation.
              element: <RequirePermission permission="records.read" />,
              children: [
                {
                  element: <PrintLayout />,
                  children: [
                    { path: 'print/quotes/:id', element: <PrintQuotePage /> },
                    { path: 'print/orders/:id', element: <PrintOrderPage /> },
                  ],
                },
              ],
            },
            {
              element: <AppShell />,
              children: [
                { index: true, element: <WorkspaceOverviewPage /> },
                { path: 'settings/account', element: <AccountSettingsPage /> },
                { path: 'notifications', element: <NotificationsPage /> },
                { path: 'settings/notifications', element: <NotificationPreferencesPage /> },
                {
                  // Everyone who reads records may see the templates; writing needs messaging.configure (the page hides it).
                  element: <RequirePermission permission="records.read" />,
                  children: [{ path: 'settings/templates', element: <TemplatesPage /> }],
                },
                {
                  element: <RequirePermission permission="messaging.configure" />,
                  children: [{ path: 'settings/sms', element: <SmsSettingsPage /> }],
                },
                {
                  element: <RequirePermission permission="records.read" />,
                  children: [
                    { path: 'people', element: <PeopleListPage /> },
                    { path: 'people/:id', element: <PersonPage /> },
                    { path: 'organizations', element: <OrganizationsListPage /> },
                    { path: 'organizations/:id', element: <OrganizationPage /> },
                    { path: 'leads', element: <LeadsListPage /> },
                    { path: 'leads/:id', element: <LeadPage /> },
                    { path: 'territories', element: <TerritoriesPage /> },
                    { path: 'settings/exchange-rates', element: <ExchangeRatesPage /> },
                    { path: 'deals', element: <DealsPage /> },
                    { path: 'deals/:id', element: <DealPage /> },
                    { path: 'forecast', element: <ForecastPage /> },
                    { path: 'sales-metrics', element: <SalesMetricsPage /> },
                    { path: 'quotes', element: <QuotesListPage /> },
                    { path: 'quotes/new', element: <QuoteEditorPage /> },
                    { path: 'quotes/:id', element: <QuoteEditorPage /> },
                    { path: 'orders', element: <OrdersListPage /> },
                    { path: 'orders/new', element: <OrderEditorPage /> },
                    { path: 'orders/:id', element: <OrderEditorPage /> },
                    { path: 'products', element: <ProductsPage /> },
                    { path: 'price-lists', element: <PriceListsPage /> },
                    { path: 'tasks', element: <TasksPage /> },
                    { path: 'calendar', element: <CalendarPage /> },
                  ],
                },
                {
                  element: <RequirePermission permission="records.import" />,
                  children: [
                    { path: 'imports', element: <ImportsPage /> },
                    { path: 'imports/new', element: <NewImportPage /> },
                    { path: 'imports/:id', element: <ImportPage /> },
                  ],
                },
                {
                  element: <RequirePermission permission="custom_fields.manage" />,
                  children: [{ path: 'settings/custom-fields', element: <CustomFieldsPage /> }],
                },
                {
                  element: <RequirePermission permission="sales.configure" />,
                  children: [{ path: 'settings/pipelines', element: <PipelinesSettingsPage /> }],
                },
                {
                  element: <RequirePermission permission="sales.configure" />,
                  children: [
                    { path: 'settings/teams', element: <TeamsPage /> },
                    { path: 'settings/sales', element: <SalesSettingsPage /> },
                  ],
                },
                {
                  element: <RequirePermission permission="members.read" />,
                  children: [{ path: 'members', element: <MembersPage /> }],
                },
                {
                  element: <RequirePermission permission="workspace.manage" />,
                  children: [{ path: 'settings/workspace', element: <WorkspaceSettingsPage /> }],
                },
                {
                  element: <RequirePermission permission="api_keys.manage" />,
                  children: [{ path: 'api-keys', element: <ApiKeysPage /> }],
                },
                {
                  element: <RequirePermission permission="audit.read" />,
                  children: [{ path: 'audit-log', element: <AuditLogPage /> }],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
