import { z } from 'zod';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZPersonParams, ZPreview, ZPreviewInput, ZSendEmail, ZSendSms, ZSentActivity, ZTemplate, ZTemplateCreate, ZTemplateListQuery, ZTemplatePatch } from './messaging.contract.ts';
import type { MessagingService } from './messaging.service.ts';
import { registerSmsProviderRoutes } from './sms-provider.routes.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerMessagingRoutes(app: App, messaging: MessagingService): void {
  registerSmsProviderRoutes(app, messaging.smsProvider);
  const { templates, send } = messaging;

  app.get('/api/v1/message-templates', {
    schema: { tags: ['messaging'], summary: 'Email and SMS templates of the workspace, by channel and name', querystring: ZTemplateListQuery, response: { 200: z.object({ items: z.array(ZTemplate) }), ...errors } },
    handler: async (request) => templates.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/message-templates', {
    schema: {
      tags: ['messaging'],
      summary: 'Create a template (messaging.configure); placeholders such as {{first_name}} or {{first_name|fallback}}; an unknown one is a 400',
      body: ZTemplateCreate,
      response: { 201: ZTemplate, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await templates.create(await request.workspace(), request.body)),
  });

  app.post('/api/v1/message-templates/preview', {
    schema: {
      tags: ['messaging'],
      summary: 'Render a template (or a draft subject/body) for a person: { subject, html, text, missing }',
      body: ZPreviewInput,
      response: { 200: ZPreview, ...errors },
    },
    handler: async (request) => templates.preview(await request.workspace(), request.body),
  });

  app.get('/api/v1/message-templates/:id', {
    schema: { tags: ['messaging'], summary: 'A template', params: ZParams, response: { 200: ZTemplate, ...errors } },
    handler: async (request) => templates.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/message-templates/:id', {
    schema: { tags: ['messaging'], summary: 'Change a template (messaging.configure; send the version you read)', params: ZParams, body: ZTemplatePatch, response: { 200: ZTemplate, ...errors } },
    handler: async (request) => templates.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/message-templates/:id', {
    schema: { tags: ['messaging'], summary: 'Delete a template (messaging.configure); messages sent with it keep their text', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await templates.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/people/:id/emails', {
    schema: {
      tags: ['messaging'],
      summary: "Email a person (template or subject/bodyHtml; their primary address unless `to`): logged as an email activity, deliveryStatus 'queued' until sent",
      params: ZPersonParams,
      body: ZSendEmail,
      response: { 201: ZSentActivity, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await send.sendEmail(await request.workspace(), request.params.id, request.body)),
  });

  app.post('/api/v1/people/:id/sms', {
    schema: {
      tags: ['messaging'],
      summary: "Text a person through the workspace's SMS gateway (template or text; their mobile unless `to`): logged as an SMS activity",
      params: ZPersonParams,
      body: ZSendSms,
      response: { 201: ZSentActivity, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await send.sendSms(await request.workspace(), request.params.id, request.body)),
  });
}
