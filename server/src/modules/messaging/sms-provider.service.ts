import { recordAudit, mutate } from '../../kernel/audit/audit.ts';
import type { AppDb } from '../../kernel/db/database.ts';
import { kernelErrors } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import { parseInput } from '../people/index.ts';
import { messagingErrors } from './messaging.errors.ts';
import { smsProvidersRepository as repo, type SmsProviderRow } from './sms-providers.repository.ts';
import { maskedConfig, mergeSecrets, parseStoredConfig, ZGenericHttpConfig, ZKavenegarConfig, ZSmsProviderInput, ZSmsTestInput } from './sms/sms-config.ts';
import type { SmsSender } from './sms/sms-sender.ts';

const actingUserId = (ctx: WorkspaceContext) => (ctx.actor.type === 'user' ? ctx.actor.id : null);

/** The provider as the API shows it: secrets masked. */
export function publicSmsProvider(row: SmsProviderRow) {
  return { kind: row.kind, enabled: row.enabled, config: maskedConfig(row.kind, row.config), version: row.version, updatedAt: row.updatedAt };
}
export type SmsProviderView = ReturnType<typeof publicSmsProvider>;

/** What the audit log keeps: the settings without any secret, only whether one is set. */
function auditedProvider(row: SmsProviderRow) {
  const { apiKey, headers, ...rest } = row.config as { apiKey?: unknown; headers?: Record<string, unknown> };
  return {
    kind: row.kind,
    enabled: row.enabled,
    version: row.version,
    config: { ...rest, apiKeySet: Boolean(apiKey), ...(headers ? { headerNames: Object.keys(headers) } : {}) },
  };
}

const TEST_TEXT = {
  fa: 'پیام آزمایشی پیوند: سامانهٔ پیامکی این فضای کاری درست کار می‌کند.',
  en: 'Peyvand test message: the SMS gateway of this workspace works.',
};

export function createSmsProviderService(deps: { db: AppDb; smsSender: SmsSender; clock?: () => Date }) {
  const { db, smsSender } = deps;
  const clock = deps.clock ?? (() => new Date());

  return {
    /** The workspace's gateway (masked), or null when none is set up. Every member may read it. */
    async get(ctx: WorkspaceContext): Promise<SmsProviderView | null> {
      const row = await repo.find(db, ctx.workspaceId);
      return row ? publicSmsProvider(row) : null;
    },

    /** Sets the gateway (messaging.configure). Secrets left out or sent masked keep their stored value. */
    async put(ctx: WorkspaceContext, rawInput: unknown): Promise<SmsProviderView> {
      requirePermission(ctx, 'messaging.configure');
      const input = parseInput(ZSmsProviderInput, rawInput);
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.findForUpdate(tx, ctx.workspaceId);
        if (before && input.version !== undefined && input.version !== before.version) throw kernelErrors.version_conflict();
        const merged = mergeSecrets(input, before);
        // The merged config (with any kept secret) must still be complete, e.g. Kavenegar needs its key.
        const schema = input.kind === 'kavenegar' ? ZKavenegarConfig : ZGenericHttpConfig;
        const config = parseInput(schema, merged, 'config') as Record<string, unknown>;
        const values = { kind: input.kind, config, enabled: input.enabled ?? before?.enabled ?? true, updatedBy: actingUserId(ctx) };
        const row = before ? await repo.update(tx, ctx.workspaceId, before.version, values, clock()) : await repo.insert(tx, ctx.workspaceId, values, clock());
        if (!row) throw kernelErrors.version_conflict();
        await audit({
          action: before ? 'sms_provider.updated' : 'sms_provider.created',
          entityType: 'sms_provider',
          entityId: ctx.workspaceId,
          before: before ? auditedProvider(before) : undefined,
          after: auditedProvider(row),
        });
        return publicSmsProvider(row);
      });
    },

    /** Sends a test SMS through the saved gateway (messaging.configure); the gateway's refusal is the answer. */
    async test(ctx: WorkspaceContext, rawInput: unknown): Promise<{ providerMessageId: string | null; to: string }> {
      requirePermission(ctx, 'messaging.configure');
      const input = parseInput(ZSmsTestInput, rawInput);
      const row = await repo.find(db, ctx.workspaceId);
      const provider = row ? parseStoredConfig(row.kind, row.config) : null;
      if (!provider) throw messagingErrors.sms_provider_not_configured();
      // A disabled gateway may still be tested: that is how one checks it before switching it on.
      const result = await smsSender.sendWith(provider, { to: input.to, text: TEST_TEXT[ctx.locale] });
      await recordAudit(db, ctx, { action: 'sms_provider.tested', entityType: 'sms_provider', entityId: ctx.workspaceId, after: { to: input.to, ...result } });
      return { providerMessageId: result.providerMessageId, to: input.to };
    },
  };
}
export type SmsProviderService = ReturnType<typeof createSmsProviderService>;
