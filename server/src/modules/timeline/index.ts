export { createTimelineService, auditTimelineProvider, type TimelineService } from './timeline.service.ts';
export { registerTimelineRoutes } from './timeline.routes.ts';
export type { TimelineItem, TimelineProvider, TimelineReference, TimelineSubject, TimelineSubjectType } from './timeline.types.ts';
