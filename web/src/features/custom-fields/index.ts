export { CustomFieldsPage } from './CustomFieldsPage.tsx';
