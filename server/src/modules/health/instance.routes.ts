import { z } from 'zod';
import type { AppConfig } from '../../kernel/config/config.ts';
import type { App } from '../../kernel/http/server.ts';
import { DEMO_ADMIN } from '../demo/demo.seed.ts';

/** What the sign-in page needs to know about this installation before anyone signs in. */
export function registerInstanceRoutes(app: App, config: AppConfig, version: string): void {
  app.get('/api/v1/instance', {
    schema: {
      tags: ['health'],
      summary: 'Public facts about this installation (version, demo workspace offered)',
      security: [],
      response: {
        200: z.object({
          version: z.string(),
          demo: z.object({ email: z.string(), password: z.string() }).nullable().describe('Only when started with --demo'),
        }),
      },
    },
    handler: async () => ({ version, demo: config.demo ? { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password } : null }),
  });
}
