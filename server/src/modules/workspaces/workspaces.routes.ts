import { z } from 'zod';
import type { App } from '../../kernel/http/server.ts';
import { ZProblem } from '../../kernel/http/problem.ts';
import type { WorkspacesService } from './workspaces.service.ts';

export const ZLocale = z.enum(['fa', 'en']);
export const ZCalendar = z.enum(['jalali', 'gregorian']);

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
export const ZTimeZone = z.string().max(64).refine(isTimeZone, { message: 'Unknown time zone' });
export const ZWorkspaceName = z.string().trim().min(2).max(120);
export const ZMoneyDisplay = z.enum(['toman', 'rial']).describe('IRR amounts are stored in rials and shown as tomans (÷10) or rials');

export const ZWorkspace = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  defaultLocale: ZLocale,
  calendar: ZCalendar,
  timezone: z.string(),
  verificationIntervalDays: z.number().int().describe('Records not verified for this many days are listed for re-verification'),
  defaultCurrency: z.string().describe('ISO 4217; totals, forecasts and *_base amounts are in it'),
  moneyDisplay: ZMoneyDisplay,
  fiscalYearStartMonth: z.number().int().min(1).max(12).describe("First month of the fiscal year in the workspace's calendar (1 = Farvardin / January)"),
  vatRate: z.string().describe('VAT in percent, decimal string with 2 places, e.g. "10.00"'),
  version: z.number().int(),
  createdAt: z.date(),
});

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

export function registerWorkspacesRoutes(app: App, workspaces: WorkspacesService): void {
  app.post('/api/v1/workspaces', {
    schema: {
      tags: ['workspaces'],
      summary: 'Create another workspace; the caller becomes its admin',
      body: z.object({ name: ZWorkspaceName, defaultLocale: ZLocale.optional(), calendar: ZCalendar.optional(), timezone: ZTimeZone.optional() }).strict(),
      response: { 201: ZWorkspace, ...errors },
    },
    handler: async (request, reply) => {
      const { user } = await request.requireUser();
      const workspace = await workspaces.create({ userId: user.id, actor: { type: 'user', id: user.id, name: user.name } }, request.body);
      return reply.code(201).send(workspace);
    },
  });

  app.get('/api/v1/workspace', {
    schema: { tags: ['workspaces'], summary: 'The current workspace', response: { 200: ZWorkspace, ...errors } },
    handler: async (request) => workspaces.get(await request.workspace()),
  });

  app.patch('/api/v1/workspace', {
    schema: {
      tags: ['workspaces'],
      summary: 'Update workspace settings (send the version you read); general settings need workspace.manage, sales settings sales.configure',
      body: z
        .object({
          version: z.number().int().min(1),
          name: ZWorkspaceName.optional(),
          defaultLocale: ZLocale.optional(),
          calendar: ZCalendar.optional(),
          timezone: ZTimeZone.optional(),
          verificationIntervalDays: z.number().int().min(1).max(3650).optional(),
          defaultCurrency: z.string().trim().max(10).optional().describe('ISO 4217 (sales.configure); fixed once amounts or rates exist'),
          moneyDisplay: ZMoneyDisplay.optional().describe('sales.configure'),
          fiscalYearStartMonth: z.number().int().min(1).max(12).optional().describe('sales.configure'),
          vatRate: z.union([z.string().trim().min(1).max(20), z.number()]).optional().describe('Percent, 0–100, at most 2 decimals (sales.configure)'),
        })
        .strict(),
      response: { 200: ZWorkspace, ...errors },
    },
    handler: async (request) => workspaces.update(await request.workspace(), request.body),
  });
}
