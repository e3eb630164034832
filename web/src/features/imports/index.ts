export { ImportsPage } from './ImportsPage.tsx';
export { NewImportPage } from './NewImportPage.tsx';
export { ImportPage } from './ImportPage.tsx';
