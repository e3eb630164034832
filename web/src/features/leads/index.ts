export { LeadsListPage } from './LeadsListPage.tsx';
export { LeadPage } from './LeadPage.tsx';
