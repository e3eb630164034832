import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZNotificationListQuery, ZNotificationPage, ZPreferences, ZPreferencesUpdate } from './notifications.contract.ts';
import type { NotificationsService } from './notifications.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerNotificationsRoutes(app: App, notifications: NotificationsService): void {
  app.get('/api/v1/notifications', {
    schema: {
      tags: ['notifications'],
      summary: "The caller's notifications in this workspace, newest first (?unread=true for unread only), with the unread count",
      querystring: ZNotificationListQuery,
      response: { 200: ZNotificationPage, ...errors },
    },
    handler: async (request) => notifications.list(await request.workspace(), request.query),
  });

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags: ['notifications'], summary: 'How many unread notifications the caller has (the bell)', response: { 200: z.object({ count: z.number().int() }), ...errors } },
    handler: async (request) => notifications.unreadCount(await request.workspace()),
  });

  app.post('/api/v1/notifications/read-all', {
    schema: { tags: ['notifications'], summary: "Mark all the caller's notifications read", response: { 200: z.object({ updated: z.number().int() }), ...errors } },
    handler: async (request) => notifications.markAllRead(await request.workspace()),
  });

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of your notifications read', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await notifications.markRead(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/notifications/preferences', {
    schema: {
      tags: ['notifications'],
      summary: 'Which events reach you on which channel (in_app, email, sms), your SMS number and lead times',
      response: { 200: ZPreferences, ...errors },
    },
    handler: async (request) => notifications.preferences(await request.workspace()),
  });

  app.put('/api/v1/notifications/preferences', {
    schema: {
      tags: ['notifications'],
      summary: 'Change some switches of the matrix and/or the profile (phone normalised to E.164); returns the whole settings',
      body: ZPreferencesUpdate,
      response: { 200: ZPreferences, ...errors },
    },
    handler: async (request) => notifications.updatePreferences(await request.workspace(), request.body),
  });
}
