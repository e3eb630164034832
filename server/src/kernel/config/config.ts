import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
};

export type JobsMode = 'inline' | 'worker' | 'off';

export type AppConfig = {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  secret: string;
  smtp?: SmtpConfig;
  jobsMode: JobsMode;
  logLevel: string;
  webDistDir: string;
  /** Offer the demo workspace on the sign-in page (npm start). */
  demo: boolean;
  /** How often a process that runs jobs looks for due reminders (PEYVAND_NOTIFICATION_TICK_SECONDS); default 5. */
  notificationTickSeconds?: number;
};

type Env = Record<string, string | undefined>;

/** Reads configuration from the environment; every value has a default that works on one machine. */
export function loadConfig(env: Env = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const dataDir = resolve(env.PEYVAND_DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const config: AppConfig = {
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl,
    secret: env.PEYVAND_SECRET ?? '',
    smtp: readSmtp(env),
    jobsMode: (env.PEYVAND_JOBS as JobsMode | undefined) ?? 'inline',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDistDir: resolve(env.PEYVAND_WEB_DIST ?? 'web/dist'),
    demo: env.PEYVAND_DEMO === '1',
    notificationTickSeconds: Number(env.PEYVAND_NOTIFICATION_TICK_SECONDS) || 5,
    ...overrides,
  };
  if (!config.secret) config.secret = persistentSecret(config.dataDir);
  return config;
}

function readSmtp(env: Env): SmtpConfig | undefined {
  if (!env.SMTP_HOST) return undefined;
  return {
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT ?? 587),
    secure: env.SMTP_SECURE === 'true',
    user: env.SMTP_USER || undefined,
    password: env.SMTP_PASSWORD || undefined,
    from: env.MAIL_FROM ?? 'Peyvand <no-reply@localhost>',
  };
}

/**
 * Without PEYVAND_SECRET we keep a random secret in the data folder, so sessions survive restarts
 * and a fresh install never runs with a guessable key.
 */
function persistentSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
