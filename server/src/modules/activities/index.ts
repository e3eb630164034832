export { createActivitiesService, type ActivitiesService, type ActivitiesServiceDeps } from './activities.service.ts';
export { registerActivitiesRoutes } from './activities.routes.ts';
export { activitiesTimelineProvider } from './activities.timeline.ts';
export { registerActivityMergeHooks } from './activities.merge.ts';
export { activityErrors } from './activities.errors.ts';
export { hydrateActivities, hydrateActivity } from './activities.public.ts';
export { syncActivityReminders, activityReminderKey, DEFAULT_MEETING_LEAD_MINUTES } from './activities.reminders.ts';
export {
  ZActivity,
  ZActivityCreate,
  ZActivityPatch,
  ZActivityLink,
  ZAttendee,
  ACTIVITY_TYPES,
  ACTIVITY_STATUSES,
  CALL_OUTCOMES,
  CHAT_CHANNELS,
  LINKED_ENTITY_TYPES,
  type Activity,
  type TActivityCreate,
} from './activities.contract.ts';
