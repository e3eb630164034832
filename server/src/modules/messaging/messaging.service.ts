import type { AppDb } from '../../kernel/db/database.ts';
import type { JobQueue } from '../../kernel/jobs/index.ts';
import { createSendService } from './messaging.send.ts';
import { createSmsProviderService } from './sms-provider.service.ts';
import type { SmsSender } from './sms/sms-sender.ts';
import { createTemplatesService } from './templates.service.ts';

/** The messaging module's services, wired once in createServices. */
export function createMessagingService(deps: { db: AppDb; jobs: JobQueue; smsSender: SmsSender; clock?: () => Date }) {
  const templates = createTemplatesService(deps);
  return {
    smsSender: deps.smsSender,
    smsProvider: createSmsProviderService(deps),
    templates,
    send: createSendService({ ...deps, templates }),
  };
}
export type MessagingService = ReturnType<typeof createMessagingService>;
