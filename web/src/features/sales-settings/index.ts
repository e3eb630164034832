export { SalesSettingsSection } from './SalesSettingsSection.tsx';
