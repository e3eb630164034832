export { CalendarPage } from './CalendarPage.tsx';
export { FeedDialog } from './FeedDialog.tsx';
