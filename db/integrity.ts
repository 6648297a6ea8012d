import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";
import type { DatabaseKind } from "./client";
import { migrations as knownMigrations } from "./migrations";

/**
 * The start-up check (server and every command-line tool): a database that
 * cannot be read fails here, with an Italian message that says what to do,
 * instead of answering 500 on some page later.
 *
 * - the migration bookkeeping names only migrations this program knows, and
 *   every table an applied migration creates exists;
 * - on the embedded database, every table is read from end to end and every
 *   index is walked once (a raw copy of a live folder typically leaves pages
 *   or whole files that do not match the catalogue).
 */
export class DatabaseIntegrityError extends Error {
  constructor(
    readonly location: string,
    readonly problems: string[],
  ) {
    super(
      `Il database ${location} non ha superato il controllo di integrità all'avvio:\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        `\nIl programma non parte su un database danneggiato. Ripristinare l'ultima copia di sicurezza ` +
        `(npm run restore -- FILE --sovrascrivi, vedi docs/backup.md); una copia della cartella dati fatta ` +
        `mentre il server era in funzione non è una copia di sicurezza valida.`,
    );
    this.name = "DatabaseIntegrityError";
  }
}

/** Tables an applied migration creates, read from its SQL (migrations are `executeStatements` blocks). */
function tablesCreatedBy(name: string): string[] {
  const migration = knownMigrations[name];
  if (!migration) return [];
  // The SQL text of the migration's `up` (a function is only read, never called here).
  const source = String((migration as unknown as Record<string, unknown>).up);
  return [...source.matchAll(/create table (?:if not exists )?"?([a-z_][a-z0-9_]*)"?/gi)].map((m) => (m[1] as string).toLowerCase());
}

async function tableExists(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await sql<{ t: string | null }>`select to_regclass(${`public.${name}`})::text as t`.execute(db);
  return Boolean(result.rows[0]?.t);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs all the checks in one statement (quick start-up); when it fails, one
 * by one to name what failed.
 */
async function firstFailures(db: Kysely<Database>, checks: { sql: string; problem: (error: Error) => string }[]): Promise<string[]> {
  if (checks.length === 0) return [];
  try {
    await sql.raw(`select ${checks.map((c, i) => `(${c.sql}) as c${i}`).join(", ")}`).execute(db);
    return [];
  } catch {
    const problems: string[] = [];
    for (const check of checks) {
      try {
        await sql.raw(check.sql).execute(db);
      } catch (error) {
        problems.push(check.problem(error as Error));
      }
    }
    return problems.length ? problems : ["il controllo delle tabelle non riesce"];
  }
}

/** Reads every table and index of the public schema; returns the ones that fail. */
async function scanEverything(db: Kysely<Database>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(db);
  const problems = await firstFailures(
    db,
    tables.rows.map(({ name }) => ({
      sql: `select count(*) from public.${quoteIdent(name)}`,
      problem: (error) => `la tabella ${name} non si legge (${error.message})`,
    })),
  );
  // A count through each btree index (forced, no sequential scan) reads the index pages.
  const indexes = await sql<{ table_name: string; column_name: string; index_name: string }>`
    select t.relname as table_name, a.attname as column_name, i.relname as index_name
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_am am on am.oid = i.relam
    join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
    where n.nspname = 'public' and am.amname = 'btree' and x.indkey[0] > 0 and x.indpred is null
    order by 1, 3`.execute(db);
  if (indexes.rows.length === 0) return problems;
  await db.connection().execute(async (conn) => {
    await sql`set enable_seqscan = off`.execute(conn);
    await sql`set enable_bitmapscan = off`.execute(conn);
    try {
      problems.push(
        ...(await firstFailures(
          conn,
          indexes.rows.map((ix) => ({
            sql: `select count(*) from public.${quoteIdent(ix.table_name)} where ${quoteIdent(ix.column_name)} is not null`,
            problem: (error) => `l'indice ${ix.index_name} della tabella ${ix.table_name} non si legge (${error.message})`,
          })),
        )),
      );
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
      await sql`reset enable_bitmapscan`.execute(conn);
    }
  });
  return problems;
}

/** Throws DatabaseIntegrityError when the database is not fit to start on. */
export async function checkIntegrity(db: Kysely<Database>, kind: DatabaseKind, location: string): Promise<void> {
  const problems: string[] = [];
  try {
    if (await tableExists(db, "kysely_migration")) {
      const applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
      const unknown = applied.filter((name) => !(name in knownMigrations));
      if (unknown.length) {
        problems.push(`il database è stato aggiornato da una versione più recente del programma (migrazioni sconosciute: ${unknown.join(", ")})`);
      }
      for (const name of applied) {
        for (const table of tablesCreatedBy(name)) {
          if (!(await tableExists(db, table))) problems.push(`la migrazione ${name} risulta applicata ma la tabella ${table} non esiste`);
        }
      }
    }
    if (kind === "pglite") problems.push(...(await scanEverything(db)));
  } catch (error) {
    problems.push(`il catalogo del database non si legge (${(error as Error).message})`);
  }
  if (problems.length) throw new DatabaseIntegrityError(location, problems);
}
