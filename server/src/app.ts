import { readFileSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { createAuth, type Auth } from './kernel/auth/auth.ts';
import type { AppConfig } from './kernel/config/config.ts';
import { migrateDatabase, openDatabase, type Database } from './kernel/db/index.ts';
import { startStatisticsRefresh } from './kernel/db/statistics.ts';
import { createHttpServer, type App } from './kernel/http/server.ts';
import { createJobQueue, type JobQueue } from './kernel/jobs/index.ts';
import { createMailer, registerMailJobs, type Mailer } from './kernel/mail/index.ts';
import { createApiKeysService, registerApiKeysRoutes } from './modules/api-keys/index.ts';
import { createAuditLogService, registerAuditLogRoutes } from './modules/audit-log/index.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerInstanceRoutes } from './modules/health/instance.routes.ts';
import { createIdentityService, createPrincipalResolver, registerIdentityRoutes, type EnqueueEmail, type IdentityService } from './modules/identity/index.ts';
import { createInvitationsService, registerInvitationsRoutes } from './modules/invitations/index.ts';
import { createMembersService, registerMembersRoutes } from './modules/members/index.ts';
import { createWorkspacesService, registerWorkspacesRoutes } from './modules/workspaces/index.ts';
import { createTimelineService, registerTimelineRoutes } from './modules/timeline/index.ts';
import { createHandoverService, registerHandoverRoutes } from './modules/handover/index.ts';
import { createTagsService, registerTagsRoutes } from './modules/tags/index.ts';
import { createViewsService, registerViewsRoutes } from './modules/views/index.ts';
import { createCustomFieldsService, registerCustomFieldsRoutes } from './modules/custom-fields/index.ts';
import { createPeopleService, loadPeopleCatalog, registerPeopleRoutes } from './modules/people/index.ts';
import { createOrganizationsService, loadOrganizationsCatalog, registerOrganizationsRoutes } from './modules/organizations/index.ts';
import { createLeadsService, loadLeadsCatalog, registerLeadsRoutes } from './modules/leads/index.ts';
import { createSearchService, findDuplicates, registerSearchRoutes } from './modules/search/index.ts';
import { createFieldsService, registerFieldsRoutes } from './modules/fields/index.ts';
import { createTeamsService, createTerritoriesService, registerTeamsRoutes, registerTerritoriesRoutes } from './modules/territories/index.ts';
import { createCurrenciesService, registerCurrenciesRoutes } from './modules/currencies/index.ts';
import { createPipelinesService, registerPipelinesRoutes } from './modules/pipelines/index.ts';
import { createDealsService, dealsTimelineProvider, loadDealsCatalog, registerDealMergeHooks, registerDealsRoutes } from './modules/deals/index.ts';
import { createSalesAnalyticsService, registerSalesAnalyticsRoutes } from './modules/sales-analytics/index.ts';
import { createProductsService, registerProductsRoutes } from './modules/products/index.ts';
import { createCalendarService, registerCalendarRoutes } from './modules/calendar/index.ts';
import { createOrderImportAdapter, createOrdersService, registerOrderMergeHooks, registerOrdersRoutes } from './modules/orders/index.ts';
import { createTasksService, registerTaskMergeHooks, registerTasksRoutes } from './modules/tasks/index.ts';
import { activitiesTimelineProvider, createActivitiesService, registerActivitiesRoutes, registerActivityMergeHooks } from './modules/activities/index.ts';
import { createMessagingService, createSmsSender, registerMessagingJobs, registerMessagingRoutes } from './modules/messaging/index.ts';
import { createNotificationsService, registerNotificationsRoutes } from './modules/notifications/index.ts';
import { customFieldsRepository } from './modules/custom-fields/index.ts';
import { peopleCatalog } from './modules/people/index.ts';
import { leadsCatalog } from './modules/leads/index.ts';
import {
  createExportFilterResolver,
  createExportsService,
  createImportsService,
  createLeadImportAdapter,
  createOrganizationImportAdapter,
  createPersonImportAdapter,
  leadExporter,
  organizationExporter,
  personExporter,
  registerImportsRoutes,
  uploadsDirFor,
} from './modules/imports/index.ts';

/** How often the embedded engine checks for tables whose planner statistics went stale. */
const STATISTICS_REFRESH_MS = 5 * 60_000;

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export type Services = ReturnType<typeof createServices>;

/** Every service, wired once; HTTP routes, jobs and the CLI all use these same objects. */
export function createServices(deps: { database: Database; config: AppConfig; jobs: JobQueue; clock?: () => Date }) {
  const { database, config, jobs } = deps;
  const db = database.db;
  // The workspace's SMS gateway: messaging sends through it, notifications deliver SMS with it.
  const smsSender = createSmsSender({ db });
  const enqueueEmail: EnqueueEmail = async (message, tx) => {
    await jobs.send('email.send', message, { tx });
  };
  // better-auth calls back into identity to email a reset link, and identity uses better-auth.
  let identity: IdentityService | undefined;
  const auth: Auth = createAuth({
    db,
    secret: config.secret,
    publicUrl: config.publicUrl,
    onResetPasswordRequested: (request) => identity!.sendPasswordResetEmail(request),
  });
  const workspaces = createWorkspacesService(db);
  identity = createIdentityService({ db, auth, workspaces, enqueueEmail, publicUrl: config.publicUrl, clock: deps.clock });
  const tags = createTagsService(db);
  const views = createViewsService(db, deps.clock);
  views.registerViewCatalog('person', (workspaceId) => loadPeopleCatalog(db, workspaceId));
  views.registerViewCatalog('organization', (workspaceId) => loadOrganizationsCatalog(db, workspaceId));
  const people = createPeopleService({ db, tags, views, clock: deps.clock });
  const organizations = createOrganizationsService({ db, tags, views, clock: deps.clock });
  views.registerViewCatalog('lead', (workspaceId) => loadLeadsCatalog(db, workspaceId));
  // The deals service is built below; a conversion only calls it once everything is wired.
  const leads = createLeadsService({ db, tags, views, people, organizations, deals: { createWithin: (tx, ctx, input) => deals.createWithin(tx, ctx, input) }, clock: deps.clock });
  const currencies = createCurrenciesService({ db });
  const pipelines = createPipelinesService({ db, clock: deps.clock });
  const products = createProductsService({ db, clock: deps.clock });
  const orders = createOrdersService({ db, clock: deps.clock });
  registerOrderMergeHooks();
  workspaces.registerCreationHook((tx, workspaceId) => pipelines.ensureDefaultsWithin(tx, workspaceId));
  const deals = createDealsService({ db, tags, views, pipelines, clock: deps.clock });
  registerDealMergeHooks();
  pipelines.setStageDealsMover(deals.moveStageDealsWithin);
  // 'deal' is a view entity at runtime (ZViewEntity); the ViewEntity type in views.schema.ts lags behind.
  views.registerViewCatalog('deal', (workspaceId) => loadDealsCatalog(db, workspaceId));
  const timeline = createTimelineService(db);
  timeline.registerProvider(dealsTimelineProvider(db));
  const handover = createHandoverService(db);
  handover.registerTarget(deals.handoverTarget);
  const tasks = createTasksService({ db, clock: deps.clock });
  handover.registerTarget(tasks.handoverTarget);
  registerTaskMergeHooks();
  // SPEC §2.2: every new lead with an owner comes with a follow-up task, in the lead's transaction.
  leads.onCreated((tx, ctx, created) => tasks.createLeadFollowUps(tx, ctx, created));
  const activities = createActivitiesService({ db, clock: deps.clock });
  registerActivityMergeHooks();
  timeline.registerProvider(activitiesTimelineProvider(db));
  handover.registerTarget(activities.handoverTarget);
  const imports = createImportsService({ db, jobs, uploadsDir: uploadsDirFor(config.dataDir) });
  imports.registerAdapter(createPersonImportAdapter({ people, organizations, findDuplicates }));
  imports.registerAdapter(createOrganizationImportAdapter({ organizations, findDuplicates }));
  imports.registerAdapter(createLeadImportAdapter({ leads, findDuplicates }));
  imports.registerAdapter(createOrderImportAdapter({ orders, products }));
  const exports = createExportsService({
    db,
    filterResolver: createExportFilterResolver({
      catalogs: {
        person: async (x, ws) => peopleCatalog(await customFieldsRepository.listActive(x, ws, 'person')),
        organization: loadOrganizationsCatalog,
        lead: async (x, ws) => leadsCatalog(await customFieldsRepository.listActive(x, ws, 'lead')),
      },
      resolveView: (ctx, id) => views.resolveView(ctx, id),
    }),
  });
  for (const exporter of [personExporter, organizationExporter, leadExporter]) exports.registerAdapter(exporter);
  return {
    auth,
    workspaces,
    identity,
    members: createMembersService(db),
    apiKeys: createApiKeysService(db, deps.clock),
    invitations: createInvitationsService({ db, identity, enqueueEmail, publicUrl: config.publicUrl, clock: deps.clock }),
    auditLog: createAuditLogService(db),
    timeline,
    handover,
    tags,
    views,
    customFields: createCustomFieldsService(db, deps.clock),
    people,
    organizations,
    leads,
    currencies,
    pipelines,
    deals,
    activities,
    salesAnalytics: createSalesAnalyticsService({ db, clock: deps.clock }),
    products,
    orders,
    tasks,
    calendar: createCalendarService({ db, config, clock: deps.clock }),
    territories: createTerritoriesService({ db, clock: deps.clock }),
    teams: createTeamsService({ db, clock: deps.clock }),
    search: createSearchService({ db }),
    fields: createFieldsService({
      db,
      catalogs: { person: loadPeopleCatalog, organization: loadOrganizationsCatalog, lead: loadLeadsCatalog, deal: loadDealsCatalog },
    }),
    imports,
    exports,
    smsSender,
    messaging: createMessagingService({ db, jobs, smsSender, clock: deps.clock }),
    notifications: createNotificationsService({ db, jobs, clock: deps.clock }),
  };
}

export type Peyvand = {
  config: AppConfig;
  database: Database;
  jobs: JobQueue;
  mailer: Mailer;
  services: Services;
  http: App;
  close(): Promise<void>;
};

export type StartOptions = { logStream?: DestinationStream; clock?: () => Date };

/** Opens the database, migrates it, starts the job queue and builds the HTTP server (not listening). */
export async function createPeyvand(config: AppConfig, options: StartOptions = {}): Promise<Peyvand> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database, config.databaseUrl);
    const jobs = await createJobQueue(database, { mode: config.jobsMode });
    const mailer = createMailer(config.smtp);
    await registerMailJobs(jobs, mailer);
    const services = createServices({ database, config, jobs, clock: options.clock });
    await services.imports.registerJobs(jobs);
    await registerMessagingJobs({ db: database.db, jobs, mailer, smsSender: services.smsSender, smtpFrom: config.smtp?.from, clock: options.clock });
    await services.notifications.registerJobs(jobs, { mailer, emailConfigured: config.smtp !== undefined, sms: services.smsSender, publicUrl: () => config.publicUrl });
    const http = await createHttpServer({
      db: database.db,
      resolvePrincipal: createPrincipalResolver(services.identity, services.apiKeys),
      logLevel: config.logLevel,
      logStream: options.logStream,
      webDistDir: config.webDistDir,
      version: VERSION,
    });
    registerHealthRoutes(http, database, VERSION);
    registerInstanceRoutes(http, config, VERSION);
    registerIdentityRoutes(http, services.identity);
    registerWorkspacesRoutes(http, services.workspaces);
    registerMembersRoutes(http, services.members);
    registerInvitationsRoutes(http, services.invitations);
    registerApiKeysRoutes(http, services.apiKeys);
    registerAuditLogRoutes(http, services.auditLog);
    registerTimelineRoutes(http, services.timeline);
    registerHandoverRoutes(http, services.handover);
    registerTagsRoutes(http, services.tags);
    registerViewsRoutes(http, services.views);
    registerCustomFieldsRoutes(http, services.customFields);
    registerPeopleRoutes(http, services.people);
    registerOrganizationsRoutes(http, services.organizations);
    registerLeadsRoutes(http, services.leads);
    registerCurrenciesRoutes(http, services.currencies);
    registerPipelinesRoutes(http, services.pipelines);
    registerDealsRoutes(http, services.deals);
    registerActivitiesRoutes(http, services.activities);
    registerSalesAnalyticsRoutes(http, services.salesAnalytics);
    registerProductsRoutes(http, services.products);
    registerCalendarRoutes(http, services.calendar);
    registerOrdersRoutes(http, services.orders);
    registerTerritoriesRoutes(http, services.territories);
    registerTeamsRoutes(http, services.teams);
    registerSearchRoutes(http, services.search);
    registerFieldsRoutes(http, services.fields);
    registerImportsRoutes(http, services.imports, services.exports);
    registerTasksRoutes(http, services.tasks);
    registerMessagingRoutes(http, services.messaging);
    registerNotificationsRoutes(http, services.notifications);
    await http.ready();
    await jobs.start();
    const statistics = startStatisticsRefresh(database, {
      intervalMs: STATISTICS_REFRESH_MS,
      onError: (error) => http.log.warn({ err: error }, 'refreshing planner statistics failed'),
    });
    // Reminders fire where jobs run; a web-only process (PEYVAND_JOBS=off) leaves them to the worker.
    if (config.jobsMode !== 'off') {
      services.notifications.startTicker({
        intervalMs: (config.notificationTickSeconds ?? 5) * 1000,
        onError: (error) => http.log.error({ err: error }, 'dispatching reminders failed'),
      });
    }
    return {
      config,
      database,
      jobs,
      mailer,
      services,
      http,
      async close() {
        await statistics.stop();
        await services.notifications.stop();
        await http.close();
        await jobs.stop();
        mailer.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
