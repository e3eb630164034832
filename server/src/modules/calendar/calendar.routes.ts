import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZCalendarFeed, ZCalendarFeedCreated, ZCalendarPage, ZCalendarQuery } from './calendar.contract.ts';
import { calendarErrors } from './calendar.errors.ts';
import type { CalendarService } from './calendar.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export function registerCalendarRoutes(app: App, calendar: CalendarService): void {
  app.get('/api/v1/calendar', {
    schema: {
      tags: ['calendar'],
      summary: "Calls, meetings and tasks of a range (≤ 100 days), earliest first: yours by default, userIds=all for everyone's",
      querystring: ZCalendarQuery,
      response: { 200: ZCalendarPage, ...errors },
    },
    handler: async (request) => calendar.range(await request.workspace(), request.query),
  });

  app.get('/api/v1/calendar/feed', {
    schema: {
      tags: ['calendar'],
      summary: 'Whether you have a secret iCalendar address (its URL is shown only when it is created)',
      response: { 200: ZCalendarFeed, ...errors },
    },
    handler: async (request) => calendar.getFeed(await request.workspace()),
  });

  app.post('/api/v1/calendar/feed', {
    schema: {
      tags: ['calendar'],
      summary: 'Create a new secret iCalendar address for your calendar; the previous one stops working',
      response: { 201: ZCalendarFeedCreated, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await calendar.resetFeed(await request.workspace())),
  });

  app.delete('/api/v1/calendar/feed', {
    schema: { tags: ['calendar'], summary: 'Revoke your iCalendar address', response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await calendar.revokeFeed(await request.workspace());
      return reply.code(204).send(null);
    },
  });

  // Public: the secret in the address is the only credential (calendar apps send no cookies).
  app.get('/ical/:file', {
    schema: { tags: ['calendar'], summary: 'The iCalendar feed behind a secret address (text/calendar)', params: z.object({ file: z.string().max(1_000) }) },
    handler: async (request, reply) => {
      const match = /^(.+)\.ics$/.exec(request.params.file);
      if (!match) throw calendarErrors.calendar_feed_not_found();
      const body = await calendar.renderFeed(match[1]!);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'inline; filename="peyvand.ics"')
        .send(body);
    },
  });
}
