import type { AppDb, Executor, Tx } from '../db/database.ts';
import type { WorkspaceContext } from '../http/context.ts';
import { inChunks } from '../records/batches.ts';
import { auditLog } from './audit.schema.ts';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Fields that never enter the audit log, whatever entity they belong to. */
const SECRET_FIELDS = new Set(['password', 'secretHash', 'tokenHash', 'token', 'secret']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (!SECRET_FIELDS.has(key)) out[key] = redact(inner);
    return out;
  }
  return value;
}

function auditRow(ctx: WorkspaceContext, entry: AuditEntry) {
  return {
    workspaceId: ctx.workspaceId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: redact(entry.before),
    after: redact(entry.after),
    requestId: ctx.requestId ?? null,
  };
}

/**
 * Reacts to audited changes inside the transaction that makes them (the "record assigned"
 * notification): what it writes commits or rolls back with the change itself.
 */
export type AuditObserver = (executor: Executor, ctx: WorkspaceContext, entries: readonly AuditEntry[]) => Promise<void>;

const auditObservers = new Map<string, AuditObserver>();

/**
 * Registers an observer under a key; registering the same key again replaces it, so a process
 * that builds its services twice (tests, a restart in place) never runs one observer twice.
 * Returns the unregistration, which only removes this very observer.
 */
export function registerAuditObserver(key: string, observer: AuditObserver): () => void {
  auditObservers.set(key, observer);
  return () => {
    if (auditObservers.get(key) === observer) auditObservers.delete(key);
  };
}

async function notifyObservers(executor: Executor, ctx: WorkspaceContext, entries: readonly AuditEntry[]): Promise<void> {
  if (auditObservers.size === 0 || entries.length === 0) return;
  for (const observer of auditObservers.values()) await observer(executor, ctx, entries);
}

export async function recordAudit(executor: Executor, ctx: WorkspaceContext, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values(auditRow(ctx, entry));
  if (auditObservers.size) await notifyObservers(executor, ctx, [entry]);
}

/**
 * Many entries by the same actor in one statement (per chunk): what `recordAudit` writes for
 * each, for batch writes (imports, bulk actions). Call it in the transaction of the change.
 */
export async function recordAuditMany(executor: Executor, ctx: WorkspaceContext, entries: AuditEntry[]): Promise<void> {
  for (const chunk of inChunks(entries)) await executor.insert(auditLog).values(chunk.map((entry) => auditRow(ctx, entry)));
  if (auditObservers.size) await notifyObservers(executor, ctx, entries);
}

export type Audit = (entry: AuditEntry) => Promise<void>;

/**
 * The one way to change tenant data: the change and its audit entries commit together or not
 * at all.
 */
export async function mutate<T>(db: AppDb, ctx: WorkspaceContext, work: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => work(tx as Tx, (entry) => recordAudit(tx, ctx, entry)));
}
