import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Executor } from '../db/database.ts';
import { migrationsFolder } from '../db/migrate.ts';
import type { MigrationId } from './backup.format.ts';
import { VALUE_SETTINGS } from './backup.format.ts';

// Everything backup and restore need to know about a database, read from pg_catalog at run time,
// so new modules' tables are covered without anyone listing them here.

/** Only this schema is dumped: pg-boss (`pgboss`) and Drizzle's bookkeeping (`drizzle`) are not. */
export const DATA_SCHEMA = 'public';

export type CatalogColumn = {
  name: string;
  /** Full type, with modifiers: "character varying(5)". */
  type: string;
  /** Type without modifiers, used for casts so that length checks still apply on insert. */
  castType: string;
};
export type CatalogTable = { name: string; columns: CatalogColumn[]; primaryKey: string[] };
export type ForeignKey = { name: string; table: string; references: string; definition: string };
export type CatalogSequence = {
  name: string;
  start: bigint;
  increment: bigint;
  /** Integer columns whose values come from this sequence (serial, identity or a nextval default). */
  uses: { table: string; column: string }[];
};

export type UserTrigger = {
  table: string;
  name: string;
  /** pg_trigger.tgenabled: O (origin, the default), R (replica) or A (always); disabled ones are left out. */
  enabled: 'O' | 'R' | 'A';
};

export type Catalog = {
  /** Tables in an order that satisfies every foreign key outside a cycle. */
  tables: CatalogTable[];
  /** Foreign keys inside a cycle (including a table referencing itself): no table order satisfies them. */
  cyclicForeignKeys: ForeignKey[];
  sequences: CatalogSequence[];
  /** Enabled triggers a module created (not the internal ones that enforce foreign keys). */
  triggers: UserTrigger[];
};

export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export const qualified = (name: string): SQL => sql`${sql.identifier(DATA_SCHEMA)}.${sql.identifier(name)}`;

/** `"public"."name"` as text, for functions that take a regclass (setval). */
export const qualifiedText = (name: string): string => `"${DATA_SCHEMA}"."${name.replace(/"/g, '""')}"`;

/** Fixes the text form of values for the rest of the current transaction. */
export async function applyValueSettings(executor: Executor): Promise<void> {
  for (const [name, value] of Object.entries(VALUE_SETTINGS)) {
    await executor.execute(sql`select set_config(${name}, ${value}, true)`);
  }
}

/** Ordinary and partitioned tables of the data schema, except those an extension owns. */
export async function listTableNames(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    executor,
    sql`select c.relname as name
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${DATA_SCHEMA} and c.relkind in ('r', 'p') and not c.relispartition
          and not exists (
            select 1 from pg_catalog.pg_depend d
            where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
        order by c.relname`,
  );
  return rows.map((row) => row.name);
}

/** The first of `tables` that holds a row, if any. */
export async function findNonEmptyTable(executor: Executor, tables: string[]): Promise<string | undefined> {
  if (tables.length === 0) return undefined;
  const probes = tables.map(
    (table) => sql`select ${table}::text as name where exists (select 1 from ${qualified(table)})`,
  );
  const rows = await queryRows<{ name: string }>(executor, sql.join(probes, sql` union all `));
  return rows[0]?.name;
}

export async function readCatalog(executor: Executor): Promise<Catalog> {
  const names = await listTableNames(executor);
  const known = new Set(names);
  const columnRows = await queryRows<{ table: string; name: string; type: string; cast_type: string }>(
    executor,
    sql`select c.relname as table, a.attname as name,
               pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
               pg_catalog.format_type(a.atttypid, null) as cast_type
        from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on c.oid = a.attrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${DATA_SCHEMA} and c.relkind in ('r', 'p')
          and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keyRows = await queryRows<{ table: string; column: string }>(
    executor,
    sql`select c.relname as table, a.attname as column
        from pg_catalog.pg_constraint con
        join pg_catalog.pg_class c on c.oid = con.conrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        cross join lateral unnest(con.conkey) with ordinality as k(attnum, position)
        join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where n.nspname = ${DATA_SCHEMA} and con.contype = 'p'
        order by c.relname, k.position`,
  );
  const foreignKeys = (
    await queryRows<ForeignKey>(
      executor,
      sql`select con.conname as name, c.relname as table, rc.relname as references,
                 pg_catalog.pg_get_constraintdef(con.oid) as definition
          from pg_catalog.pg_constraint con
          join pg_catalog.pg_class c on c.oid = con.conrelid
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          join pg_catalog.pg_class rc on rc.oid = con.confrelid
          join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
          where con.contype = 'f' and con.conparentid = 0
            and n.nspname = ${DATA_SCHEMA} and rn.nspname = ${DATA_SCHEMA}
          order by c.relname, con.conname`,
    )
  ).filter((fk) => known.has(fk.table) && known.has(fk.references));

  const tables = new Map<string, CatalogTable>(names.map((name) => [name, { name, columns: [], primaryKey: [] }]));
  for (const row of columnRows) tables.get(row.table)?.columns.push({ name: row.name, type: row.type, castType: row.cast_type });
  for (const row of keyRows) tables.get(row.table)?.primaryKey.push(row.column);

  const { order, cyclic } = orderByForeignKeys(names, foreignKeys);
  return {
    tables: order.map((name) => tables.get(name)!),
    cyclicForeignKeys: foreignKeys.filter((fk) => cyclic.has(fk)),
    sequences: await readSequences(executor, known),
    triggers: (
      await queryRows<UserTrigger>(
        executor,
        sql`select c.relname as table, t.tgname as name, t.tgenabled::text as enabled
            from pg_catalog.pg_trigger t
            join pg_catalog.pg_class c on c.oid = t.tgrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = ${DATA_SCHEMA} and not t.tgisinternal and t.tgenabled <> 'D'
            order by c.relname, t.tgname`,
      )
    ).filter((trigger) => known.has(trigger.table)),
  };
}

async function readSequences(executor: Executor, tables: Set<string>): Promise<CatalogSequence[]> {
  const sequenceRows = await queryRows<{ name: string; start: string; increment: string }>(
    executor,
    sql`select c.relname as name, s.seqstart::text as start, s.seqincrement::text as increment
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        join pg_catalog.pg_sequence s on s.seqrelid = c.oid
        where n.nspname = ${DATA_SCHEMA} and c.relkind = 'S'
        order by c.relname`,
  );
  // A sequence feeds a column when the column owns it (serial, identity) or its default calls it.
  const useRows = await queryRows<{ sequence: string; table: string; column: string }>(
    executor,
    sql`select s.relname as sequence, t.relname as table, a.attname as column
        from pg_catalog.pg_depend d
        join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_catalog.pg_class t on t.oid = d.refobjid
        join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        join pg_catalog.pg_namespace sn on sn.oid = s.relnamespace
        join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
        where d.classid = 'pg_catalog.pg_class'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
          and d.deptype in ('a', 'i') and sn.nspname = ${DATA_SCHEMA} and tn.nspname = ${DATA_SCHEMA}
          and a.atttypid in ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
        union
        select s.relname, t.relname, a.attname
        from pg_catalog.pg_depend d
        join pg_catalog.pg_attrdef ad on ad.oid = d.objid
        join pg_catalog.pg_class s on s.oid = d.refobjid and s.relkind = 'S'
        join pg_catalog.pg_class t on t.oid = ad.adrelid
        join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attnum = ad.adnum
        join pg_catalog.pg_namespace sn on sn.oid = s.relnamespace
        join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
        where d.classid = 'pg_catalog.pg_attrdef'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
          and sn.nspname = ${DATA_SCHEMA} and tn.nspname = ${DATA_SCHEMA}
          and a.atttypid in ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)`,
  );
  return sequenceRows.map((row) => ({
    name: row.name,
    start: BigInt(row.start),
    increment: BigInt(row.increment),
    uses: useRows
      .filter((use) => use.sequence === row.name && tables.has(use.table))
      .map((use) => ({ table: use.table, column: use.column })),
  }));
}

/**
 * Orders tables so that a referenced table comes before every table referencing it. Tables that
 * reference each other in a cycle (or themselves) cannot be ordered: their foreign keys are
 * returned as `cyclic`, for restore to lift and re-check around the load. Ties break by name, so
 * the same schema always gives the same order.
 */
export function orderByForeignKeys<K extends { table: string; references: string }>(
  tables: string[],
  foreignKeys: K[],
): { order: string[]; cyclic: Set<K> } {
  const component = stronglyConnectedComponents(tables, foreignKeys);
  const cyclic = new Set(foreignKeys.filter((fk) => component.get(fk.table) === component.get(fk.references)));

  // Kahn's algorithm over the components; a component's tables are emitted together, by name.
  const members = new Map<number, string[]>();
  for (const table of [...tables].sort()) {
    const id = component.get(table)!;
    members.set(id, [...(members.get(id) ?? []), table]);
  }
  const waitingOn = new Map<number, Set<number>>([...members.keys()].map((id) => [id, new Set<number>()]));
  for (const fk of foreignKeys) {
    if (cyclic.has(fk)) continue;
    waitingOn.get(component.get(fk.table)!)!.add(component.get(fk.references)!);
  }
  const firstName = (id: number) => members.get(id)![0]!;
  const order: string[] = [];
  const done = new Set<number>();
  while (done.size < members.size) {
    const ready = [...members.keys()]
      .filter((id) => !done.has(id) && [...waitingOn.get(id)!].every((dependency) => done.has(dependency)))
      .sort((a, b) => (firstName(a) < firstName(b) ? -1 : 1));
    const next = ready[0]!; // the component graph is acyclic, so something is always ready
    done.add(next);
    order.push(...members.get(next)!);
  }
  return { order, cyclic };
}

/** Tarjan's algorithm: maps each table to the id of its strongly connected component. */
function stronglyConnectedComponents(tables: string[], edges: { table: string; references: string }[]): Map<string, number> {
  const successors = new Map<string, string[]>(tables.map((table) => [table, []]));
  for (const edge of edges) successors.get(edge.table)?.push(edge.references);
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;

  const visit = (table: string): void => {
    index.set(table, counter);
    lowLink.set(table, counter);
    counter += 1;
    stack.push(table);
    onStack.add(table);
    for (const next of successors.get(table) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(table, Math.min(lowLink.get(table)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(table, Math.min(lowLink.get(table)!, index.get(next)!));
      }
    }
    if (lowLink.get(table) === index.get(table)) {
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.set(member, components);
      } while (member !== table);
      components += 1;
    }
  };
  for (const table of tables) if (!index.has(table)) visit(table);
  return component;
}

export type JournalMigration = MigrationId & { tag: string };

/** The migrations this build of Peyvand ships, oldest first. */
export function readJournal(): JournalMigration[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder });
  return journal.entries.map((entry, position) => ({
    tag: entry.tag,
    createdAt: entry.when,
    hash: files[position]!.hash,
  }));
}

/** The latest migration Drizzle applied to this database, or undefined if it never migrated. */
export async function readAppliedMigration(executor: Executor): Promise<MigrationId | undefined> {
  const [exists] = await queryRows<{ present: boolean }>(
    executor,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return undefined;
  const [latest] = await queryRows<{ hash: string; created_at: string }>(
    executor,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations
        order by created_at desc nulls last, id desc limit 1`,
  );
  if (!latest) return undefined;
  const createdAt = Number(latest.created_at);
  const known = readJournal().find((migration) => migration.createdAt === createdAt);
  return { tag: known?.tag ?? null, createdAt, hash: latest.hash };
}
