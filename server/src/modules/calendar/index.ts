export { createCalendarService, type CalendarService } from './calendar.service.ts';
export { registerCalendarRoutes } from './calendar.routes.ts';
export { calendarErrors } from './calendar.errors.ts';
export { ZCalendarItem, ZCalendarQuery, CALENDAR_TYPES, type CalendarItem } from './calendar.contract.ts';
