export { DealsPage } from './DealsPage.tsx';
export { DealPage } from './DealPage.tsx';
export { DealsOfRecordSection } from './DealsOfRecord.tsx';
export { QuickCreateDealDialog } from './QuickCreateDealDialog.tsx';
