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
import { createOrderImportAdapter, createOrdersService, registerOrderMergeHooks, registerOrdersRoutes } from './modules/orders/index.ts';
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
    salesAnalytics: createSalesAnalyticsService({ db, clock: deps.clock }),
    products,
    orders,
    territories: createTerritoriesService({ db, clock: deps.clock }),
    teams: createTeamsService({ db, clock: deps.clock }),
    search: createSearchService({ db }),
    fields: createFieldsService({
      db,
      catalogs: { person: loadPeopleCatalog, organization: loadOrganizationsCatalog, lead: loadLeadsCatalog, deal: loadDealsCatalog },
    }),
    imports,
    exports,
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
    registerSalesAnalyticsRoutes(http, services.salesAnalytics);
    registerProductsRoutes(http, services.products);
    registerOrdersRoutes(http, services.orders);
    registerTerritoriesRoutes(http, services.territories);
    registerTeamsRoutes(http, services.teams);
    registerSearchRoutes(http, services.search);
    registerFieldsRoutes(http, services.fields);
    registerImportsRoutes(http, services.imports, services.exports);
    await http.ready();
    await jobs.start();
    const statistics = startStatisticsRefresh(database, {
      intervalMs: STATISTICS_REFRESH_MS,
      onError: (error) => http.log.warn({ err: error }, 'refreshing planner statistics failed'),
    });
    return {
      config,
      database,
      jobs,
      mailer,
      services,
      http,
      async close() {
        await statistics.stop();
        await http.close();
        await jobs.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
