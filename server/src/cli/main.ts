import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { createPeyvand, VERSION, type Peyvand } from '../app.ts';
import { loadConfig, type AppConfig } from '../kernel/config/config.ts';
import { AppError } from '../kernel/errors/index.ts';
import { DataDirLockedError, migrateDatabase, openDatabase } from '../kernel/db/index.ts';
import { systemContext } from '../kernel/http/context.ts';
import { seedDemo } from '../modules/demo/demo.seed.ts';
import { identityRepository } from '../modules/identity/identity.repository.ts';
import { membersRepository } from '../modules/members/members.repository.ts';
import { PERMISSIONS } from '../modules/members/members.permissions.ts';
import { createBackup, restoreBackup } from '../kernel/backup/index.ts';

const program = new Command('peyvand').version(VERSION).description('Peyvand CRM — server and administration');

/** Opens everything without listening (jobs off), runs the work, closes cleanly. */
async function withPeyvand<T>(work: (p: Peyvand) => Promise<T>, overrides: Partial<AppConfig> = {}): Promise<T> {
  const peyvand = await createPeyvand(loadConfig(process.env, { jobsMode: 'off', logLevel: 'warn', ...overrides }));
  try {
    return await work(peyvand);
  } finally {
    await peyvand.close();
  }
}

async function workspaceIdFor(peyvand: Peyvand, ref: string): Promise<string> {
  const { rows } = await peyvand.database.executeSql('select id from workspaces where id::text = $1 or slug = $1', [ref]);
  if (!rows[0]) throw new Error(`No workspace with id or slug "${ref}"`);
  return rows[0].id as string;
}

/** Stop cleanly on Ctrl-C or a service manager's TERM: finish jobs, release the data folder. */
function closeOnSignal(peyvand: Peyvand): void {
  const stop = async () => {
    await peyvand.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function buildWeb(): void {
  const vite = join('node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the web app failed');
}

program
  .command('serve')
  .description('Run the web app and API (and, by default, the job worker) in one process')
  .option('--build-web-if-missing', 'build the web app first when web/dist is missing')
  .option('--demo', 'create the demo workspace if it does not exist and offer it on the sign-in page')
  .action(async (options: { buildWebIfMissing?: boolean; demo?: boolean }) => {
    const config = loadConfig();
    if (options.buildWebIfMissing && !existsSync(join(config.webDistDir, 'index.html'))) {
      console.log('Building the web app (first start only)…');
      buildWeb();
    }
    const peyvand = await createPeyvand({ ...config, demo: options.demo || process.env.PEYVAND_DEMO === '1' });
    if (peyvand.config.demo) {
      const demo = await seedDemo(peyvand.database.db, peyvand.services);
      console.log(`Demo workspace ready: sign in as ${demo.adminEmail} / ${demo.adminPassword}`);
    }
    await peyvand.http.listen({ port: config.port, host: config.host });
    console.log(`Peyvand ${VERSION} on ${config.publicUrl} (database: ${peyvand.database.engine}${peyvand.database.engine === 'pglite' ? `, data in ${config.dataDir}` : ''})`);
    closeOnSignal(peyvand);
  });

program
  .command('worker')
  .description('Run only the job worker (scale-out on PostgreSQL)')
  .action(async () => {
    const peyvand = await createPeyvand(loadConfig(process.env, { jobsMode: 'worker' }));
    console.log(`Peyvand worker ${VERSION} running (database: ${peyvand.database.engine})`);
    closeOnSignal(peyvand);
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateDatabase(database, config.databaseUrl);
      console.log(`Migrations applied (${database.engine}).`);
    } finally {
      await database.close();
    }
  });

program
  .command('create-user')
  .description('Create a user account, optionally adding it to a workspace')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .option('--locale <fa|en>', 'language', 'fa')
  .option('--workspace <id-or-slug>', 'add the user to this workspace')
  .option('--role <role>', 'role in that workspace', 'member')
  .action((o: { email: string; name: string; password: string; locale: 'fa' | 'en'; workspace?: string; role: string }) =>
    withPeyvand(async (p) => {
      const { user } = await p.services.identity.createAccount({ name: o.name, email: o.email, password: o.password, locale: o.locale }, {});
      if (o.workspace) {
        const workspaceId = await workspaceIdFor(p, o.workspace);
        if (!(await membersRepository.findRole(p.database.db, workspaceId, o.role))) throw new Error(`Unknown role "${o.role}"`);
        await membersRepository.insertMembership(p.database.db, { workspaceId, userId: user.id, roleKey: o.role });
        await identityRepository.updateUser(p.database.db, user.id, { activeWorkspaceId: workspaceId });
      }
      console.log(JSON.stringify({ userId: user.id, email: user.email }));
    }),
  );

program
  .command('create-workspace')
  .description('Create a workspace owned (as admin) by an existing user')
  .requiredOption('--name <name>')
  .requiredOption('--owner <email>', 'email of an existing user')
  .option('--locale <fa|en>', 'default language', 'fa')
  .action((o: { name: string; owner: string; locale: 'fa' | 'en' }) =>
    withPeyvand(async (p) => {
      const owner = await identityRepository.findUserByEmail(p.database.db, o.owner);
      if (!owner) throw new Error(`No user with email ${o.owner}; create it first with create-user`);
      const workspace = await p.services.workspaces.create(
        { userId: owner.id, actor: { type: 'user', id: owner.id, name: owner.name } },
        { name: o.name, defaultLocale: o.locale },
      );
      if (!owner.activeWorkspaceId) await identityRepository.updateUser(p.database.db, owner.id, { activeWorkspaceId: workspace.id });
      console.log(JSON.stringify({ workspaceId: workspace.id, slug: workspace.slug }));
    }),
  );

program
  .command('create-api-key')
  .description('Create an API key for a workspace and print its secret (shown once)')
  .requiredOption('--workspace <id-or-slug>')
  .requiredOption('--name <name>')
  .action((o: { workspace: string; name: string }) =>
    withPeyvand(async (p) => {
      const workspaceId = await workspaceIdFor(p, o.workspace);
      const { apiKey, secret } = await p.services.apiKeys.create(systemContext(workspaceId, PERMISSIONS), { name: o.name });
      console.log(JSON.stringify({ id: apiKey.id, secret }));
    }),
  );

program
  .command('seed-demo')
  .description('Create the bilingual demo workspace (idempotent)')
  .action(() =>
    withPeyvand(async (p) => {
      const demo = await seedDemo(p.database.db, p.services);
      console.log(`${demo.created ? 'Created' : 'Already present'}: demo workspace ${demo.workspaceId}; sign in as ${demo.adminEmail} / ${demo.adminPassword}`);
    }),
  );

program
  .command('backup')
  .description('Write a portable backup (gzip JSON lines) that restores into either engine')
  .argument('<file>')
  .action(async (file: string) => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateDatabase(database, config.databaseUrl);
      const result = await createBackup(database, file);
      console.log(JSON.stringify({ file, tables: result.tables }));
    } finally {
      await database.close();
    }
  });

program
  .command('restore')
  .description('Restore a backup into an empty database (PGlite folder or DATABASE_URL)')
  .argument('<file>')
  .action(async (file: string) => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const result = await restoreBackup(database, file, { databaseUrl: config.databaseUrl });
      console.log(JSON.stringify({ file, tables: result.tables }));
    } finally {
      await database.close();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(75);
  }
  if (error instanceof AppError) {
    console.error(`${error.code}: ${error.messages.en}`);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
