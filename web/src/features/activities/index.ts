import { registerTimelineRenderer } from '../../shared/records/index.ts';
import { ActivityTimelineItem } from './ActivityCard.tsx';

// Calls, meetings and notes on a record's timeline are cards, not sentences.
registerTimelineRenderer('activities', ActivityTimelineItem);

export { ActivityActions } from './ActivityActions.tsx';
export { ActivityCard } from './ActivityCard.tsx';
export { LogCallDialog } from './LogCallDialog.tsx';
export { ReminderSelect } from './ReminderSelect.tsx';
export { DateTimeFields } from './DateTimeFields.tsx';
export type { Activity, Subject, LinkedEntityType, LinkRef, LinkInput } from './activities.types.ts';
export { QuickLogCall } from './QuickLogCall.tsx';
