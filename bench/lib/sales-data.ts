import { toGregorian, toIsoDate } from '#common/calendar/index.ts';
import { randomPersonName } from './crm-data.ts';
import { hash32, rowRng, stream } from './prng.ts';
import { CITIES, DEAL_STAGES_FA, LOST_REASONS_FA, PRODUCTS } from './vocabulary.ts';

/*
 * A sales workspace at benchmark scale, written by set-based SQL: every row is computed inside the
 * database from its number (INSERT … SELECT over generate_series), so ten million order lines
 * take minutes, not hours, and the same statements fill PostgreSQL and PGlite.
 *
 * Randomness is `hashint8extended(row number, seed)`: a pure function of the seed and the row, so
 * a seed gives the same deals, amounts and dates on both engines and on every run. Identifiers are
 * ordered UUIDs (`<table tag>-5a1e-4000-8000-<row number>`): deterministic, and appended at the
 * end of each primary key instead of scattered through it. The secondary indexes of the big tables
 * are dropped before the load and rebuilt from their own definitions after it (what a restore
 * does), foreign keys are not checked row by row (session_replication_role = replica: the rows are
 * consistent by construction), and VACUUM ANALYZE runs at the end, as autovacuum soon would.
 *
 * The data: 20 reps in 3 teams and 6 territories, 2 pipelines of 6 stages (4 open, won, lost),
 * 100k organisations, 2k products, deals created over three Jalali years (1403/01/01 to the
 * as-of day 1405/09/01, more of them recently); the older a deal, the likelier it is closed, a
 * third of the closed ones won; every deal has a stage history row for each stage it passed
 * through. Orders (1–7 lines, ≈4) over the same years, on a skewed minority of customers and
 * products; 4 % cancelled (their lines not counted).
 */

export type SqlRunner = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>;

export type SalesDataOptions = {
  seed: string;
  deals: number;
  orderLines: number;
  organizations?: number;
  products?: number;
  /** Rows per INSERT statement for deals; order lines go in chunks of about as many lines. */
  chunk?: number;
  onStep?: (text: string) => void;
};

export type SalesDataResult = {
  workspaceId: string;
  asOf: string;
  rows: Record<string, number>;
  seconds: Record<string, number>;
};

export const SALES_WORKSPACE_SLUG = 'bench-sales';
/** The day the generated history ends (Jalali 1405/09/01). */
export const SALES_AS_OF = isoOfJalali(1405, 9, 1);
/** The generated history starts on 1 Farvardin 1403. */
export const SALES_FIRST_DAY = isoOfJalali(1403, 1, 1);

const REPS = 20;
const TEAMS = ['تیم فروش سازمانی', 'تیم فروش شهرستان‌ها', 'تیم فروش آنلاین'];
const TERRITORY_CITIES = ['تهران', 'اصفهان', 'مشهد', 'شیراز', 'تبریز', 'اهواز'];
const PIPELINES = ['فروش سازمانی', 'فروش عمده'];
/** Open stages' probabilities; stage 5 is won (100), stage 6 lost (0). */
const OPEN_STAGE_PROBABILITY = [10, 25, 50, 75];
const BIG_TABLES = ['deals', 'deal_stage_history', 'orders', 'order_lines'];

/** Table tags of the ordered UUIDs. */
const TAG = { workspace: 1, team: 2, territory: 3, pipeline: 4, stage: 5, lostReason: 6, organization: 7, product: 8, deal: 9, history: 10, order: 11, line: 12 } as const;

function isoOfJalali(jy: number, jm: number, jd: number): string {
  return toIsoDate(toGregorian(jy, jm, jd));
}

/** The ordered UUID of row `n` of a table, in JavaScript… */
export const uuidOf = (tag: number, n: number) => `${tag.toString(16).padStart(8, '0')}-5a1e-4000-8000-${n.toString(16).padStart(12, '0')}`;
/** …and in SQL, for a row number expression. */
const uuidSql = (tag: number, n: string) => `(lpad(to_hex(${tag}), 8, '0') || '-5a1e-4000-8000-' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
export const repId = (n: number) => `bench-rep-${String(n).padStart(2, '0')}`;
const repIdSql = (n: string) => `('bench-rep-' || lpad((${n})::text, 2, '0'))`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `ARRAY[${items.map(literal).join(', ')}]`;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** Uniform in [0, 1), from the seed, a salt (one per attribute) and a row number expression. */
function uniform(seedKey: number, salt: number, n: string): string {
  return `((hashint8extended((${n})::bigint, ${seedKey * 128 + salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;
}

export async function generateSalesData(run: SqlRunner, options: SalesDataOptions): Promise<SalesDataResult> {
  const seedKey = hash32(`sales\u0000${options.seed}`);
  const u = (salt: number, n: string) => uniform(seedKey, salt, n);
  const organizations = options.organizations ?? 100_000;
  const products = options.products ?? 2_000;
  const chunk = options.chunk ?? 250_000;
  const step = options.onStep ?? (() => {});
  const seconds: Record<string, number> = {};
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - started) / 1000;
  };
  const workspaceId = uuidOf(TAG.workspace, 1);
  const ws = literal(workspaceId);
  const span = days(SALES_FIRST_DAY, SALES_AS_OF);
  const day0 = `DATE ${literal(SALES_FIRST_DAY)}`;
  const asOf = `DATE ${literal(SALES_AS_OF)}`;
  /** A day in the history, more of them recent (the business grows). */
  const historyDay = (salt: number, n: string) => `(${day0} + floor(sqrt(${u(salt, n)}) * ${span})::int)`;
  /** At 09:30–17:30 Tehran time of a day expression. */
  const workTime = (day: string, salt: number, n: string) => `((${day})::timestamp + interval '6 hours' + floor(${u(salt, n)} * 480) * interval '1 minute') AT TIME ZONE 'UTC'`;

  const started = performance.now();
  await run(`SET session_replication_role = replica`);
  await run(`SET maintenance_work_mem = '256MB'`);

  // -- The workspace, its reps, teams, territories, pipelines --------------------------------
  await timed('setup', async () => {
    await run(
      `INSERT INTO workspaces (id, name, slug, default_locale, calendar, timezone, default_currency, money_display, fiscal_year_start_month)
       VALUES (${ws}, 'بازرگانی آوا (بنچمارک فروش)', '${SALES_WORKSPACE_SLUG}', 'fa', 'jalali', 'Asia/Tehran', 'IRR', 'toman', 1)`,
    );
    const repNames = Array.from({ length: REPS }, (_, i) => randomPersonName(rowRng(stream(options.seed, 'sales-rep'), i), 0.9).fullName);
    await run(
      `INSERT INTO users (id, name, email, locale, calendar) VALUES ${repNames
        .map((name, i) => `(${literal(repId(i + 1))}, ${literal(name)}, 'rep${String(i + 1).padStart(2, '0')}@sales.bench.example', 'fa', 'jalali')`)
        .join(', ')}`,
    );
    await run(`INSERT INTO memberships (workspace_id, user_id, role_key) SELECT ${ws}, ${repIdSql('r')}, CASE WHEN r = 1 THEN 'admin' ELSE 'member' END FROM generate_series(1, ${REPS}) r`);
    await run(
      `INSERT INTO teams (id, workspace_id, name, manager_id) VALUES ${TEAMS.map((name, i) => `(${literal(uuidOf(TAG.team, i + 1))}, ${ws}, ${literal(name)}, ${literal(repId(i + 1))})`).join(', ')}`,
    );
    await run(`INSERT INTO team_members (workspace_id, team_id, user_id) SELECT ${ws}, ${uuidSql(TAG.team, `(r - 1) % ${TEAMS.length} + 1`)}, ${repIdSql('r')} FROM generate_series(1, ${REPS}) r`);
    await run(
      `INSERT INTO territories (id, workspace_id, name, regions) VALUES ${TERRITORY_CITIES.map((city, i) => `(${literal(uuidOf(TAG.territory, i + 1))}, ${ws}, ${literal(`منطقهٔ ${city}`)}, ARRAY[${literal(city)}])`).join(', ')}`,
    );
    await run(
      `INSERT INTO territory_members (workspace_id, territory_id, user_id, role) SELECT ${ws}, ${uuidSql(TAG.territory, `(r - 1) % ${TERRITORY_CITIES.length} + 1`)}, ${repIdSql('r')}, 'rep' FROM generate_series(1, ${REPS}) r`,
    );
    await run(
      `INSERT INTO pipelines (id, workspace_id, name, is_default, position) VALUES ${PIPELINES.map((name, i) => `(${literal(uuidOf(TAG.pipeline, i + 1))}, ${ws}, ${literal(name)}, ${i === 0}, ${i})`).join(', ')}`,
    );
    const stages = PIPELINES.flatMap((_, p) =>
      DEAL_STAGES_FA.map((name, position) => {
        const kind = position < 4 ? 'open' : position === 4 ? 'won' : 'lost';
        const probability = position < 4 ? OPEN_STAGE_PROBABILITY[position]! : position === 4 ? 100 : 0;
        return `(${literal(uuidOf(TAG.stage, (p + 1) * 10 + position))}, ${ws}, ${literal(uuidOf(TAG.pipeline, p + 1))}, ${literal(name)}, ${position}, ${probability}, '${kind}')`;
      }),
    );
    await run(`INSERT INTO pipeline_stages (id, workspace_id, pipeline_id, name, position, probability, kind) VALUES ${stages.join(', ')}`);
    await run(
      `INSERT INTO deal_lost_reasons (id, workspace_id, label_fa, label_en, position) VALUES ${LOST_REASONS_FA.map((label, i) => `(${literal(uuidOf(TAG.lostReason, i + 1))}, ${ws}, ${literal(label)}, 'reason ${i + 1}', ${i})`).join(', ')}`,
    );
  });

  // -- Organisations and products --------------------------------------------------------------
  step(`organisations (${organizations.toLocaleString('en-US')}) and products (${products.toLocaleString('en-US')})`);
  await timed('organizations', () =>
    run(
      `INSERT INTO organizations (id, workspace_id, name, type, owner_id, territory_id, search_key, created_at, updated_at)
       SELECT ${uuidSql(TAG.organization, 'o')}, ${ws}, name, 'customer', ${repIdSql(`1 + floor(${u(1, 'o')} * ${REPS})::int`)},
              ${uuidSql(TAG.territory, `1 + floor(${u(2, 'o')} * ${TERRITORY_CITIES.length})::int`)}, lower(name), created, created
       FROM (SELECT o, 'شرکت ' || (${textArray(CITIES.map((c) => c[0]))})[1 + floor(${u(3, 'o')} * ${CITIES.length})::int] || ' ' || o AS name,
                    ${workTime(historyDay(4, 'o'), 5, 'o')} AS created
             FROM generate_series(1, ${organizations}) o) s`,
    ),
  );
  const productName = (p: string) => `((${textArray(PRODUCTS.map((x) => x[0]))})[1 + (${p}) % ${PRODUCTS.length}] || ' — مدل ' || (${p}))`;
  /** List price of product p in rials (1M–400M, log-uniform), and its cost share (55–85 %). */
  const unitPrice = (p: string) => `round((1000000 * power(400.0, ${u(60, p)}))::numeric, -4)`;
  const unitCost = (p: string) => `round(${unitPrice(p)} * round((0.55 + 0.3 * ${u(61, p)})::numeric, 3), -2)`;
  await timed('products', () =>
    run(
      `INSERT INTO products (id, workspace_id, sku, name, kind, unit, price, cost, currency, search_key)
       SELECT ${uuidSql(TAG.product, 'p')}, ${ws}, 'SKU-' || lpad(p::text, 5, '0'), ${productName('p')}, 'product', 'عدد', ${unitPrice('p')}, ${unitCost('p')}, 'IRR', lower(${productName('p')})
       FROM generate_series(1, ${products}) p`,
    ),
  );

  const indexes = (await run(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename IN (${BIG_TABLES.map(literal).join(', ')})
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     ORDER BY i.tablename, i.indexname`,
  )).rows as { name: string; definition: string }[];
  for (const index of indexes) await run(`DROP INDEX ${index.name}`);

  // -- Deals and their stage history ------------------------------------------------------------
  // The plan holds each deal's random choices once; deals and history rows are both read from it.
  await timed('deals', async () => {
    await run(`DROP TABLE IF EXISTS bench_deal_plan`);
    await run(
      `CREATE TEMP TABLE bench_deal_plan AS
       SELECT g, pipeline, status, reached, created, created_at, closed_on, owner, org,
              CASE status WHEN 'open' THEN reached WHEN 'won' THEN 4 ELSE 5 END AS position,
              reached + CASE WHEN status = 'open' THEN 1 ELSE 2 END AS steps,
              -- The last stage is entered on the day the deal closed, or some time before the as-of day while open.
              GREATEST(created_at, CASE WHEN closed_on IS NULL THEN ${asOf}::timestamp ELSE closed_on + interval '10 hours' END AT TIME ZONE 'UTC') AS end_at,
              -- Open deals: stages at 0, 1/n, … (n − 1)/n of the way; closed deals: the last one at the end.
              reached + 1 AS spacing,
              amount_base, expected_close, u_probability, u_category, u_territory, u_reason, u_title
       FROM (
         SELECT g, pipeline, created, created_at, owner, org, amount_base, expected_close, u_probability, u_category, u_territory, u_reason, u_title, status,
                CASE WHEN status = 'open' THEN floor(u_stage * u_stage * 4)::int WHEN status = 'won' THEN 3 ELSE floor(u_stage * 4)::int END AS reached,
                CASE WHEN status = 'open' THEN NULL ELSE LEAST(${asOf} - 1, created + 5 + floor(u_close * 150)::int) END AS closed_on
         FROM (
           SELECT *, CASE WHEN u_status < 0.03 + 0.92 * 45.0 / (45 + (${asOf} - created)) THEN 'open' WHEN u_won < 0.35 THEN 'won' ELSE 'lost' END AS status
           FROM (
             SELECT g, created, ${workTime('created', 15, 'g')} AS created_at,
                    CASE WHEN ${u(11, 'g')} < 0.7 THEN 1 ELSE 2 END AS pipeline,
                    1 + floor(power(${u(12, 'g')}, 1.3) * ${REPS})::int AS owner,
                    1 + floor(power(${u(13, 'g')}, 2) * ${organizations})::int AS org,
                    round((50000000 * power(200.0, ${u(14, 'g')}))::numeric, -5) AS amount_base,
                    created + 20 + floor(${u(16, 'g')} * 160)::int AS expected_close,
                    ${u(17, 'g')} AS u_status, ${u(18, 'g')} AS u_won, ${u(19, 'g')} AS u_stage, ${u(20, 'g')} AS u_close,
                    ${u(21, 'g')} AS u_probability, ${u(22, 'g')} AS u_category, ${u(23, 'g')} AS u_territory, ${u(24, 'g')} AS u_reason, ${u(25, 'g')} AS u_title
             FROM (SELECT g, ${historyDay(10, 'g')} AS created FROM generate_series(1, ${options.deals}) g) d
           ) a
         ) b
       ) c`,
    );
    await run(`CREATE INDEX ON bench_deal_plan (g)`);
    for (let first = 1; first <= options.deals; first += chunk) {
      const last = Math.min(options.deals, first + chunk - 1);
      step(`deals ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')}`);
      const enteredAt = (s: string) => `p.created_at + (p.end_at - p.created_at) * (${s})::float8 / p.spacing`;
      const stageEntered = enteredAt('p.steps - 1');
      await run(
        `INSERT INTO deals (id, workspace_id, title, pipeline_id, stage_id, status, board_rank, organization_id, owner_id, territory_id, amount, currency, exchange_rate,
                            amount_base, probability, forecast_category, expected_close_date, closed_on, closed_at, stage_entered_at, source, lost_reason_id,
                            search_key, created_by, created_at, updated_at)
         SELECT ${uuidSql(TAG.deal, 'p.g')}, ${ws}, title, ${uuidSql(TAG.pipeline, 'p.pipeline')}, ${uuidSql(TAG.stage, 'p.pipeline * 10 + p.position')}, p.status, p.g,
                ${uuidSql(TAG.organization, 'p.org')}, ${repIdSql('p.owner')},
                ${uuidSql(TAG.territory, `CASE WHEN p.u_territory < 0.85 THEN (p.owner - 1) % ${TERRITORY_CITIES.length} + 1 ELSE 1 + floor(p.u_territory * 1000)::int % ${TERRITORY_CITIES.length} END`)},
                p.amount_base, 'IRR', 1, p.amount_base,
                CASE WHEN p.status = 'open' AND p.u_probability < 0.3
                     THEN LEAST(95, GREATEST(5, (ARRAY[${OPEN_STAGE_PROBABILITY.join(', ')}])[p.reached + 1] + (floor(p.u_probability * 100)::int % 5 - 2) * 5)) END,
                CASE WHEN p.u_category < 0.10 + 0.1 * p.reached THEN 'commit' WHEN p.u_category < 0.30 + 0.1 * p.reached THEN 'best_case'
                     WHEN p.u_category < 0.95 THEN 'pipeline' ELSE 'omitted' END,
                p.expected_close, p.closed_on, CASE WHEN p.closed_on IS NOT NULL THEN p.end_at END,
                ${stageEntered},
                (ARRAY['manual', 'manual', 'lead', 'import'])[1 + p.g % 4],
                CASE WHEN p.status = 'lost' THEN ${uuidSql(TAG.lostReason, `1 + floor(p.u_reason * ${LOST_REASONS_FA.length})::int`)} END,
                lower(title), ${repIdSql('p.owner')}, p.created_at, GREATEST(p.created_at, ${stageEntered})
         FROM (SELECT *, (${textArray(PRODUCTS.map((x) => x[0]))})[1 + floor(u_title * ${PRODUCTS.length})::int] || ' — شرکت ' || org AS title FROM bench_deal_plan) p
         WHERE p.g BETWEEN ${first} AND ${last}`,
      );
      // One row per stage passed: the open stages up to the furthest reached, then won or lost.
      await run(
        `INSERT INTO deal_stage_history (id, workspace_id, deal_id, pipeline_id, stage_id, entered_at, left_at, moved_by)
         SELECT ${uuidSql(TAG.history, 'p.g * 8 + s')}, ${ws}, ${uuidSql(TAG.deal, 'p.g')}, ${uuidSql(TAG.pipeline, 'p.pipeline')},
                ${uuidSql(TAG.stage, 'p.pipeline * 10 + CASE WHEN s <= p.reached THEN s ELSE p.position END')},
                ${enteredAt('s')},
                CASE WHEN s < p.steps - 1 THEN ${enteredAt('s + 1')} END,
                ${repIdSql('p.owner')}
         FROM bench_deal_plan p CROSS JOIN LATERAL generate_series(0, p.steps - 1) s
         WHERE p.g BETWEEN ${first} AND ${last}`,
      );
    }
    await run(`DROP TABLE bench_deal_plan`);
  });

  // -- Orders and their lines -------------------------------------------------------------------
  // Each order gets 1–7 lines (≈4); the running sum numbers the lines, and the plan stops at the
  // order that holds line number --order-lines.
  await timed('orders', async () => {
    const planned = Math.ceil((options.orderLines / 4) * 1.1) + 10;
    await run(`DROP TABLE IF EXISTS bench_order_plan`);
    await run(
      `CREATE TEMP TABLE bench_order_plan AS
       SELECT k, lines, sum(lines) OVER (ORDER BY k) - lines AS first_line
       FROM (SELECT k, 1 + floor(${u(40, 'k')} * 7)::int AS lines FROM generate_series(1, ${planned}) k) s`,
    );
    await run(`DELETE FROM bench_order_plan WHERE first_line >= ${options.orderLines}`);
    await run(`UPDATE bench_order_plan SET lines = ${options.orderLines} - first_line WHERE first_line + lines > ${options.orderLines}`);
    await run(`CREATE INDEX ON bench_order_plan (k)`);
    const orderCount = Number((await run(`SELECT count(*)::int AS n FROM bench_order_plan`)).rows[0].n);
    const orderColumns = `k, lines, first_line, ${historyDay(41, 'k')} AS order_date,
        1 + floor(power(${u(42, 'k')}, 2) * ${organizations})::int AS org,
        1 + floor(${u(43, 'k')} * ${REPS})::int AS owner,
        CASE WHEN ${u(44, 'k')} < 0.04 THEN 'cancelled' WHEN ${u(44, 'k')} < 0.08 THEN 'draft' WHEN ${u(44, 'k')} < 0.20 THEN 'confirmed'
             WHEN ${u(44, 'k')} < 0.40 THEN 'invoiced' ELSE 'paid' END AS status`;
    /** The values of line number `n`: product, quantity, discount, amounts. */
    const lineValues = (n: string) => `(
        SELECT product, quantity, unit_price, discount, unit_cost, net, round(net * 0.10, 2) AS tax, quantity * unit_cost AS cost
        FROM (SELECT product, quantity, unit_price, discount, unit_cost, round(quantity * unit_price * (100 - discount) / 100, 2) AS net
              FROM (SELECT product, (1 + floor(${u(51, n)} * 12))::numeric AS quantity, ${unitPrice('product')} AS unit_price, ${unitCost('product')} AS unit_cost,
                           CASE WHEN ${u(52, n)} < 0.7 THEN 0 WHEN ${u(52, n)} < 0.9 THEN 5 ELSE 10 END AS discount
                    FROM (SELECT 1 + floor(power(${u(50, n)}, 2) * ${products})::int AS product) p) q) r)`;
    const orderChunk = Math.max(1, Math.round(chunk / 4));
    for (let first = 1; first <= orderCount; first += orderChunk) {
      const last = Math.min(orderCount, first + orderChunk - 1);
      step(`orders ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${orderCount.toLocaleString('en-US')}`);
      await run(
        `INSERT INTO orders (id, workspace_id, number, status, source, organization_id, owner_id, order_date, due_date, paid_on, currency, exchange_rate,
                             subtotal, discount_amount, tax_total, total, total_base, cost_total, created_by, created_at, updated_at)
         SELECT ${uuidSql(TAG.order, 'o.k')}, ${ws}, o.k, o.status, 'crm', ${uuidSql(TAG.organization, 'o.org')}, ${repIdSql('o.owner')}, o.order_date, o.order_date + 30,
                CASE WHEN o.status = 'paid' THEN o.order_date + 10 + o.k % 30 END, 'IRR', 1,
                t.net, 0, t.tax, t.net + t.tax, t.net + t.tax, t.cost, ${repIdSql('o.owner')},
                ${workTime('o.order_date', 45, 'o.k')}, ${workTime('o.order_date', 45, 'o.k')}
         FROM (SELECT ${orderColumns} FROM bench_order_plan WHERE k BETWEEN ${first} AND ${last}) o
         CROSS JOIN LATERAL (SELECT sum(l.net) AS net, sum(l.tax) AS tax, sum(l.cost) AS cost
                             FROM generate_series(1, o.lines) j CROSS JOIN LATERAL ${lineValues('o.first_line + j')} l) t`,
      );
      await run(
        `INSERT INTO order_lines (id, workspace_id, order_id, product_id, position, description, quantity, unit_price, discount_percent, tax_rate,
                                  net_amount, tax_amount, total_amount, unit_cost, cost_amount, organization_id, order_date, net_amount_base, counted)
         SELECT ${uuidSql(TAG.line, 'o.first_line + j')}, ${ws}, ${uuidSql(TAG.order, 'o.k')}, ${uuidSql(TAG.product, 'l.product')}, j, ${productName('l.product')},
                l.quantity, l.unit_price, l.discount, 10, l.net, l.tax, l.net + l.tax, l.unit_cost, l.cost,
                ${uuidSql(TAG.organization, 'o.org')}, o.order_date, l.net, o.status <> 'cancelled'
         FROM (SELECT ${orderColumns} FROM bench_order_plan WHERE k BETWEEN ${first} AND ${last}) o
         CROSS JOIN LATERAL generate_series(1, o.lines) j CROSS JOIN LATERAL ${lineValues('o.first_line + j')} l`,
      );
    }
    await run(`DROP TABLE bench_order_plan`);
  });

  await run(`RESET session_replication_role`);
  step(`indexes (${indexes.length})`);
  await timed('indexes', async () => {
    for (const index of indexes) await run(index.definition);
  });
  await run(`RESET maintenance_work_mem`);
  step('VACUUM ANALYZE');
  await timed('vacuumAnalyze', async () => {
    for (const table of ['organizations', 'products', 'pipelines', 'pipeline_stages', 'users', 'memberships', 'teams', 'team_members', 'territories', 'territory_members', ...BIG_TABLES])
      await run(`VACUUM (ANALYZE) ${table}`);
  });
  seconds.total = (performance.now() - started) / 1000;
  return { workspaceId, asOf: SALES_AS_OF, rows: await countSalesRows(run, workspaceId), seconds };
}

/** The workspace an earlier run filled, or null. */
export async function findSalesWorkspace(run: SqlRunner): Promise<string | null> {
  const { rows } = await run(`SELECT id FROM workspaces WHERE slug = $1`, [SALES_WORKSPACE_SLUG]);
  return rows[0] ? String(rows[0].id) : null;
}

export async function countSalesRows(run: SqlRunner, workspaceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['organizations', 'products', 'deals', 'deal_stage_history', 'orders', 'order_lines'])
    counts[table] = Number((await run(`SELECT count(*)::bigint AS n FROM ${table} WHERE workspace_id = $1`, [workspaceId])).rows[0].n);
  return counts;
}

/**
 * Sums over the generated data, to show that a seed gives the same data on both engines: the
 * amounts are exact decimals, so any difference in a single row changes them.
 */
export async function salesFingerprint(run: SqlRunner, workspaceId: string): Promise<Record<string, string>> {
  const [deals] = (
    await run(
      `SELECT sum(amount_base)::text AS amount, count(*) FILTER (WHERE status = 'won') AS won, count(*) FILTER (WHERE status = 'open') AS open, max(expected_close_date)::text AS last_close
       FROM deals WHERE workspace_id = $1`,
      [workspaceId],
    )
  ).rows;
  const [lines] = (await run(`SELECT sum(net_amount_base)::text AS net, sum(cost_amount)::text AS cost FROM order_lines WHERE workspace_id = $1`, [workspaceId])).rows;
  return {
    dealsAmountBase: deals.amount,
    dealsWonOpen: `${deals.won}/${deals.open}`,
    lastExpectedClose: deals.last_close,
    orderLinesNetBase: lines.net,
    orderLinesCost: lines.cost,
  };
}
