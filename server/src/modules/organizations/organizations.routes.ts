import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { pageOf, ZListQuery } from '../../kernel/http/pagination.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import { ZBulkRequest, ZBulkResult } from '../people/people.contract.ts';
import {
  ZLinkPersonBody,
  ZOrganization,
  ZOrganizationCreate,
  ZOrganizationListQuery,
  ZOrganizationPatch,
  ZOrganizationPerson,
  ZPersonOrganizationLink,
} from './organizations.contract.ts';
import type { OrganizationsService } from './organizations.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZParams = z.object({ id: z.uuid() });

export function registerOrganizationsRoutes(app: App, organizations: OrganizationsService): void {
  app.get('/api/v1/organizations', {
    schema: {
      tags: ['organizations'],
      summary: 'Organisations: quick search, filters, saved views, sorting, trash and re-verification lists',
      querystring: ZOrganizationListQuery,
      response: { 200: pageOf(ZOrganization), ...errors },
    },
    handler: async (request) => organizations.list(await request.workspace(), request.query),
  });

  app.post('/api/v1/organizations', {
    schema: { tags: ['organizations'], summary: 'Create an organisation', body: ZOrganizationCreate, response: { 201: ZOrganization, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await organizations.create(await request.workspace(), request.body)),
  });

  app.post('/api/v1/organizations/bulk', {
    schema: {
      tags: ['organizations'],
      summary: 'Tag, untag, reassign, delete or restore up to 500 organisations at once (all or nothing)',
      body: ZBulkRequest,
      response: { 200: ZBulkResult, ...errors },
    },
    handler: async (request) => organizations.bulk(await request.workspace(), request.body),
  });

  app.get('/api/v1/organizations/:id', {
    schema: { tags: ['organizations'], summary: 'An organisation with its tags', params: ZParams, response: { 200: ZOrganization, ...errors } },
    handler: async (request) => organizations.get(await request.workspace(), request.params.id),
  });

  app.patch('/api/v1/organizations/:id', {
    schema: {
      tags: ['organizations'],
      summary: 'Change an organisation (send the version you read; 409 if someone changed it meanwhile)',
      params: ZParams,
      body: ZOrganizationPatch,
      response: { 200: ZOrganization, ...errors },
    },
    handler: async (request) => organizations.update(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/organizations/:id', {
    schema: { tags: ['organizations'], summary: 'Move an organisation to the trash (restorable)', params: ZParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await organizations.remove(await request.workspace(), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/organizations/:id/restore', {
    schema: { tags: ['organizations'], summary: 'Bring an organisation back from the trash', params: ZParams, response: { 200: ZOrganization, ...errors } },
    handler: async (request) => organizations.restore(await request.workspace(), request.params.id),
  });

  app.post('/api/v1/organizations/:id/verify', {
    schema: {
      tags: ['organizations'],
      summary: "Confirm the organisation's details are current (last verified: today)",
      params: ZParams,
      response: { 200: ZOrganization, ...errors },
    },
    handler: async (request) => organizations.verify(await request.workspace(), request.params.id),
  });

  app.get('/api/v1/organizations/:id/people', {
    schema: {
      tags: ['organizations'],
      summary: 'People of an organisation with their role there',
      params: ZParams,
      querystring: ZListQuery,
      response: { 200: pageOf(ZOrganizationPerson), ...errors },
    },
    handler: async (request) => organizations.listPeople(await request.workspace(), request.params.id, request.query),
  });

  app.post('/api/v1/organizations/:id/people', {
    schema: {
      tags: ['organizations'],
      summary: 'Link a person to the organisation with a role (or change the role of an existing link)',
      params: ZParams,
      body: ZLinkPersonBody,
      response: { 200: ZPersonOrganizationLink, ...errors },
    },
    handler: async (request) => organizations.linkPerson(await request.workspace(), request.params.id, request.body),
  });

  app.delete('/api/v1/organizations/:id/people/:personId', {
    schema: {
      tags: ['organizations'],
      summary: 'Unlink a person from the organisation',
      params: z.object({ id: z.uuid(), personId: z.uuid() }),
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await organizations.unlinkPerson(await request.workspace(), request.params.id, request.params.personId);
      return reply.code(204).send(null);
    },
  });
}
