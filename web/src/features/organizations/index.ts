export { OrganizationsListPage } from './OrganizationsListPage.tsx';
export { OrganizationPage } from './OrganizationPage.tsx';
