import { ZProblem } from '../../kernel/http/problem.ts';
import type { App } from '../../kernel/http/server.ts';
import { ZSmsProviderInput, ZSmsProviderView, ZSmsTestInput, ZSmsTestResult } from './sms/sms-config.ts';
import type { SmsProviderService } from './sms-provider.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem, 502: ZProblem };

export function registerSmsProviderRoutes(app: App, service: SmsProviderService): void {
  app.get('/api/v1/sms-provider', {
    schema: {
      tags: ['messaging'],
      summary: "The workspace's SMS gateway (API key and header values masked), or null when none is set up",
      response: { 200: ZSmsProviderView.nullable(), ...errors },
    },
    handler: async (request) => service.get(await request.workspace()),
  });

  app.put('/api/v1/sms-provider', {
    schema: {
      tags: ['messaging'],
      summary: 'Set the SMS gateway: generic_http or kavenegar (messaging.configure); a secret left out or sent masked is kept',
      body: ZSmsProviderInput,
      response: { 200: ZSmsProviderView, ...errors },
    },
    handler: async (request) => service.put(await request.workspace(), request.body),
  });

  app.post('/api/v1/sms-provider/test', {
    schema: {
      tags: ['messaging'],
      summary: "Send a test SMS through the saved gateway (messaging.configure); 502 with the gateway's reason if it refuses",
      body: ZSmsTestInput,
      response: { 200: ZSmsTestResult, ...errors },
    },
    handler: async (request) => service.test(await request.workspace(), request.body),
  });
}
