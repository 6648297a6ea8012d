import fs from "node:fs";
import zlib from "node:zlib";
import readline from "node:readline";
import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { Readable, type Writable } from "node:stream";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import type pg from "pg";
import { to as copyTo, from as copyFrom } from "pg-copy-streams";
import type { Database } from "./schema";
import type { DatabaseHandle, DatabaseKind } from "./client";
import { migrations as knownMigrations } from "./migrations";
import { migrateToLatest } from "./migrate";
import { singleClientPool } from "@/imports/load/session";
import { recoverInterruptedImports, type RecoveredBatch } from "@/imports/load/chunked";

/**
 * Backups in one logical format for both engines, so that a backup of the
 * embedded database restores into PostgreSQL and back.
 *
 * A backup file is gzip-compressed text: a JSON header line, then for each
 * table a JSON line naming it and its columns followed by its rows in COPY
 * text format (one row per line: newlines inside values are escaped) and the
 * line `\.`, and last a JSON line with the row count of every table and the
 * SHA-256 of everything before it. The dump runs in one transaction, so it is
 * one consistent state: an import in progress is either all in it or not at
 * all (its staging tables are temporary and never dumped).
 *
 * Table order follows the foreign keys (referenced tables first) so that a
 * restore can load the tables in file order. The migration bookkeeping is not
 * dumped: the header lists the applied migrations, and a restore applies
 * exactly those before loading the rows, then any newer ones.
 */
export const BACKUP_FORMAT = "osservatorio-backup";
export const BACKUP_VERSION = 1;
const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);
/** Pages (8 kB) per COPY on PGlite: bounds the memory of one chunk. */
const PGLITE_DUMP_PAGES = 2_000;
const RESTORE_CHUNK_ROWS = 20_000;
const END_OF_ROWS = "\\.";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export interface BackupSummary {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: DatabaseKind;
  migrations: string[];
  /** Rows per table. */
  tables: Record<string, number>;
}

interface TableShape {
  name: string;
  columns: string[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

type Executor = Kysely<Database> | Transaction<Database>;

/** The application's tables with their writable columns, referenced tables first. */
async function tableShapes(db: Executor): Promise<TableShape[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const row of columns.rows) {
    if (MIGRATION_TABLES.has(row.table_name)) continue;
    byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row.column_name]);
  }
  // Deferrable keys (zone ↔ comune) are checked at commit and do not order the load.
  const keys = await sql<{ child: string; parent: string }>`
    select ch.relname as child, pa.relname as parent
    from pg_constraint k
    join pg_class ch on ch.oid = k.conrelid
    join pg_class pa on pa.oid = k.confrelid
    join pg_namespace n on n.oid = ch.relnamespace
    where k.contype = 'f' and not k.condeferrable and n.nspname = 'public' and ch.oid <> pa.oid`.execute(db);
  const parents = new Map<string, Set<string>>();
  for (const k of keys.rows) parents.set(k.child, (parents.get(k.child) ?? new Set()).add(k.parent));
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new BackupError(`Riferimenti circolari tra tabelle (${name}): backup impossibile.`);
    visiting.add(name);
    for (const parent of [...(parents.get(name) ?? [])].sort()) if (byTable.has(parent)) visit(parent);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of [...byTable.keys()].sort()) visit(name);
  return ordered.map((name) => ({ name, columns: byTable.get(name) ?? [] }));
}

async function appliedMigrations(db: Executor): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('public.kysely_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Hashing, gzip-compressing writer that respects backpressure. */
class BackupWriter {
  readonly hash: Hash = createHash("sha256");
  readonly gzip = zlib.createGzip();

  async write(data: string | Buffer): Promise<void> {
    this.hash.update(data);
    if (!this.gzip.write(data)) await once(this.gzip, "drain");
  }

  end(summary: BackupSummary): void {
    const end = JSON.stringify({ end: true, tables: summary.tables, sha256: this.hash.digest("hex") });
    this.gzip.end(`${end}\n`);
  }
}

function countNewlines(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) n++;
  return n;
}

async function dumpPglite(handle: DatabaseHandle, writer: BackupWriter): Promise<BackupSummary> {
  const pglite = handle.pglite;
  if (!pglite) throw new Error("PGlite handle without instance");
  // PGlite has one session: the transaction holds it, so the dump sees one state
  // and no statement of another request can run in between.
  return handle.db.transaction().execute(async (trx) => {
    const summary = await header(trx, "pglite", writer);
    for (const table of await tableShapes(trx)) {
      await writer.write(`${JSON.stringify({ table: table.name, columns: table.columns })}\n`);
      const size = await sql<{ pages: number | string }>`
        select (pg_relation_size(${`public.${quoteIdent(table.name)}`}::regclass) / current_setting('block_size')::int) as pages`.execute(trx);
      const pages = Number(size.rows[0]?.pages ?? 0);
      let rows = 0;
      // Chunks by physical page range (a TID range scan): no sort, bounded memory.
      for (let page = 0; page < pages; page += PGLITE_DUMP_PAGES) {
        const result = await pglite.query(
          `copy (select ${table.columns.map(quoteIdent).join(", ")} from public.${quoteIdent(table.name)}
                 where ctid >= '(${page},0)'::tid and ctid < '(${page + PGLITE_DUMP_PAGES},0)'::tid) to '/dev/blob'`,
        );
        if (!result.blob) continue;
        const data = Buffer.from(await result.blob.arrayBuffer());
        rows += countNewlines(data);
        await writer.write(data);
      }
      await writer.write(`${END_OF_ROWS}\n`);
      summary.tables[table.name] = rows;
    }
    return summary;
  });
}

async function dumpPostgres(handle: DatabaseHandle, writer: BackupWriter): Promise<BackupSummary> {
  const pool = handle.pool;
  if (!pool) throw new Error("PostgreSQL handle without pool");
  const client = await pool.connect();
  try {
    // One snapshot for every table: the state of one moment, imports included or not.
    await client.query("begin isolation level repeatable read, read only");
    const db = singleClientDb(client);
    const summary = await header(db, "postgres", writer);
    for (const table of await tableShapes(db)) {
      await writer.write(`${JSON.stringify({ table: table.name, columns: table.columns })}\n`);
      let rows = 0;
      const stream = client.query(copyTo(`copy public.${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) to stdout`));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        rows += countNewlines(chunk);
        await writer.write(chunk);
      }
      await writer.write(`${END_OF_ROWS}\n`);
      summary.tables[table.name] = rows;
    }
    await client.query("commit");
    return summary;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function header(db: Executor, engine: DatabaseKind, writer: BackupWriter): Promise<BackupSummary> {
  const summary: BackupSummary = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    engine,
    migrations: await appliedMigrations(db),
    tables: {},
  };
  await writer.write(`${JSON.stringify({ format: summary.format, version: summary.version, createdAt: summary.createdAt, engine, migrations: summary.migrations })}\n`);
  return summary;
}

/** Writes a consistent backup of the database to `out` (gzip stream). */
export async function writeBackup(handle: DatabaseHandle, out: Writable): Promise<BackupSummary> {
  const writer = new BackupWriter();
  const piped = pipeline(writer.gzip, out);
  try {
    const summary = handle.kind === "pglite" ? await dumpPglite(handle, writer) : await dumpPostgres(handle, writer);
    writer.end(summary);
    await piped;
    return summary;
  } catch (error) {
    writer.gzip.destroy(error as Error);
    await piped.catch(() => undefined);
    throw error;
  }
}

/** Writes `file` through a temporary name and checks it, so a half-written file never carries the name. */
async function writeChecked(file: string, write: (out: Writable) => Promise<unknown>): Promise<BackupSummary & { bytes: number }> {
  const partial = `${file}.parziale`;
  try {
    await write(fs.createWriteStream(partial, { mode: 0o600 }));
    const summary = await inspectBackup(partial);
    fs.renameSync(partial, file);
    return { ...summary, bytes: fs.statSync(file).size };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Writes a backup of the database to `file`. */
export function writeBackupFile(handle: DatabaseHandle, file: string): Promise<BackupSummary & { bytes: number }> {
  return writeChecked(file, (out) => writeBackup(handle, out));
}

/** Saves a backup arriving as a stream (from the server) to `file`. */
export function saveBackupStream(body: Readable, file: string): Promise<BackupSummary & { bytes: number }> {
  return writeChecked(file, (out) => pipeline(body, out));
}

interface ReadCallbacks {
  table?(shape: TableShape): Promise<void>;
  rows?(shape: TableShape, lines: string[]): Promise<void>;
}

const HeaderSchema = {
  parse(line: string, file: string): Omit<BackupSummary, "tables"> {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = null;
    }
    const h = value as Partial<BackupSummary> | null;
    if (!h || h.format !== BACKUP_FORMAT) throw new BackupError(`${file} non è un backup dell'Osservatorio.`);
    if (h.version !== BACKUP_VERSION) throw new BackupError(`${file}: versione del formato di backup ${String(h.version)} non supportata (attesa ${BACKUP_VERSION}).`);
    if (!Array.isArray(h.migrations) || typeof h.createdAt !== "string" || (h.engine !== "pglite" && h.engine !== "postgres")) {
      throw new BackupError(`${file}: intestazione del backup incompleta.`);
    }
    return { format: BACKUP_FORMAT, version: h.version, createdAt: h.createdAt, engine: h.engine, migrations: h.migrations.map(String) };
  },
};

interface SectionLine {
  table?: unknown;
  columns?: unknown;
  end?: unknown;
  tables?: unknown;
  sha256?: unknown;
}

function parseSectionLine(line: string): SectionLine | null {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

/**
 * Reads a backup file from start to end, checking its structure, row counts
 * and checksum; calls back for each table and chunk of rows. Throws
 * BackupError (in Italian) for anything that is not a complete, intact backup.
 */
async function readBackup(file: string, callbacks: ReadCallbacks = {}): Promise<BackupSummary> {
  if (!fs.existsSync(file)) throw new BackupError(`File di backup non trovato: ${file}`);
  const gunzip = zlib.createGunzip();
  const input = fs.createReadStream(file).pipe(gunzip);
  const stream: { error: Error | null } = { error: null };
  gunzip.on("error", (error) => (stream.error = error));
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const hash = createHash("sha256");
  let head: Omit<BackupSummary, "tables"> | null = null;
  const tables: Record<string, number> = {};
  let current: TableShape | null = null;
  let chunk: string[] = [];
  let ended = false;
  try {
    for await (const line of lines) {
      if (ended) throw new BackupError(`${file}: dati dopo la fine del backup.`);
      if (!head) {
        head = HeaderSchema.parse(line, file);
        hash.update(`${line}\n`);
        continue;
      }
      if (current) {
        hash.update(`${line}\n`);
        if (line === END_OF_ROWS) {
          if (chunk.length) await callbacks.rows?.(current, chunk);
          chunk = [];
          current = null;
          continue;
        }
        tables[current.name] = (tables[current.name] ?? 0) + 1;
        chunk.push(line);
        if (chunk.length >= RESTORE_CHUNK_ROWS) {
          await callbacks.rows?.(current, chunk);
          chunk = [];
        }
        continue;
      }
      const value = parseSectionLine(line);
      if (value && typeof value.table === "string" && Array.isArray(value.columns)) {
        hash.update(`${line}\n`);
        current = { name: value.table, columns: value.columns.map(String) };
        tables[current.name] = 0;
        await callbacks.table?.(current);
        continue;
      }
      if (value?.end === true) {
        if (value.sha256 !== hash.digest("hex")) throw new BackupError(`${file}: il contenuto non corrisponde al codice di controllo (file danneggiato).`);
        const declared = (value.tables ?? {}) as Record<string, number>;
        for (const [name, n] of Object.entries(tables)) {
          if (declared[name] !== n) throw new BackupError(`${file}: la tabella ${name} ha ${n} righe invece di ${String(declared[name])} (file danneggiato).`);
        }
        ended = true;
        continue;
      }
      throw new BackupError(`${file}: riga non riconosciuta nel backup (file danneggiato).`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    if (stream.error || (error as NodeJS.ErrnoException).code?.startsWith("Z_")) {
      throw new BackupError(`${file} non è un backup leggibile (compressione danneggiata o file troncato).`);
    }
    throw error;
  }
  if (stream.error) throw new BackupError(`${file} non è un backup leggibile (compressione danneggiata o file troncato).`);
  if (!head) throw new BackupError(`${file} è vuoto: non è un backup dell'Osservatorio.`);
  if (!ended) throw new BackupError(`${file} è incompleto (troncato): manca la fine del backup.`);
  return { ...head, tables };
}

/** Checks a backup file without writing anything; returns what it contains. */
export function inspectBackup(file: string): Promise<BackupSummary> {
  return readBackup(file);
}

/** Tables of the target database (excluding the migration bookkeeping). */
async function userTables(db: Executor): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Whether the database has any table at all (a fresh one has none). */
export async function hasTables(db: Kysely<Database>): Promise<boolean> {
  return (await userTables(db)).length > 0;
}

/** Drops every table of the public schema (PostgreSQL restore with --sovrascrivi). */
export async function dropAllTables(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const name of await userTables(trx)) await sql.raw(`drop table if exists public.${quoteIdent(name)} cascade`).execute(trx);
  });
}

/** A kysely instance on one pg client (catalog queries inside our own transaction). */
function singleClientDb(client: pg.PoolClient): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
}

async function loadRows(handle: DatabaseHandle, client: pg.PoolClient | null, shape: TableShape, lines: string[]): Promise<void> {
  const statement = `copy public.${quoteIdent(shape.name)} (${shape.columns.map(quoteIdent).join(", ")}) from`;
  const data = `${lines.join("\n")}\n`;
  if (client) {
    await pipeline(Readable.from([data]), client.query(copyFrom(`${statement} stdin`)));
    return;
  }
  const pglite = handle.pglite;
  if (!pglite) throw new Error("PGlite handle without instance");
  await pglite.query(`${statement} '/dev/blob'`, [], { blob: new Blob([data]) });
}

/** Sets every identity/serial sequence past the highest restored value. */
async function resetSequences(db: Executor, tables: string[]): Promise<void> {
  for (const table of tables) {
    const seqs = await sql<{ column_name: string; seq: string | null }>`
      select a.attname as column_name, pg_get_serial_sequence(${`public.${quoteIdent(table)}`}, a.attname) as seq
      from pg_attribute a where a.attrelid = ${`public.${quoteIdent(table)}`}::regclass and a.attnum > 0 and not a.attisdropped`.execute(db);
    for (const s of seqs.rows) {
      if (!s.seq) continue;
      await sql
        .raw(`select setval(${quoteLiteral(s.seq)}, coalesce((select max(${quoteIdent(s.column_name)}) from public.${quoteIdent(table)}), 0) + 1, false)`)
        .execute(db);
    }
  }
}

export interface RestoreResult {
  summary: BackupSummary;
  /** Migrations applied after the load (the program is newer than the backup). */
  upgraded: string[];
  /** Imports that were writing when the copy was taken ('applying'): undone, as a start-up would. */
  recovered: RecoveredBatch[];
}

/**
 * Restores a checked backup into an empty database (no tables, or only
 * freshly migrated ones): applies the backup's migrations, loads every
 * table in one transaction, then applies any newer migrations and compares
 * the row counts with the backup's.
 */
export async function restoreBackup(handle: DatabaseHandle, file: string): Promise<RestoreResult> {
  const summary = await inspectBackup(file);
  const unknown = summary.migrations.filter((m) => !(m in knownMigrations));
  if (unknown.length) {
    throw new BackupError(
      `Il backup viene da una versione più recente dell'Osservatorio (migrazioni sconosciute: ${unknown.join(", ")}): aggiornare il programma prima di ripristinarlo.`,
    );
  }
  await migrateToLatest(handle.db, summary.migrations);

  const load = async (trx: Executor, client: pg.PoolClient | null) => {
    const present = new Set(await userTables(trx));
    const missing = Object.keys(summary.tables).filter((t) => !present.has(t));
    if (missing.length) throw new BackupError(`Tabelle del backup assenti nello schema: ${missing.join(", ")}.`);
    const targets = [...present].filter((t) => !MIGRATION_TABLES.has(t));
    // Migrations may seed rows; the backup's rows replace them.
    if (targets.length) await sql.raw(`truncate table ${targets.map((t) => `public.${quoteIdent(t)}`).join(", ")}`).execute(trx);
    await readBackup(file, { rows: (shape, lines) => loadRows(handle, client, shape, lines) });
    await resetSequences(trx, Object.keys(summary.tables));
  };

  if (handle.kind === "pglite") {
    await handle.db.transaction().execute((trx) => load(trx, null));
  } else {
    const pool = handle.pool;
    if (!pool) throw new Error("PostgreSQL handle without pool");
    const client = await pool.connect();
    try {
      await client.query("begin");
      // The zone ↔ comune keys are deferrable: checked once, at commit.
      await client.query("set constraints all deferred");
      await load(singleClientDb(client), client);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const upgraded = await migrateToLatest(handle.db);
  const counts = await countRows(handle.db, Object.keys(summary.tables));
  const wrong = Object.entries(summary.tables).filter(([t, n]) => counts[t] !== n);
  if (wrong.length) {
    throw new BackupError(`Ripristino non coerente: ${wrong.map(([t, n]) => `${t} ${counts[t]} righe invece di ${n}`).join("; ")}.`);
  }
  // A hot copy may hold an import caught while writing (its rows invisible): undo it now, so the
  // restored database is clean before anything opens it.
  const recovered = await recoverInterruptedImports(handle, () => undefined);
  return { summary, upgraded, recovered };
}

/** Rows per table, for checks and tests. */
export async function countRows(db: Executor, tables?: string[]): Promise<Record<string, number>> {
  const names = tables ?? (await userTables(db)).filter((t) => !MIGRATION_TABLES.has(t));
  const counts: Record<string, number> = {};
  for (const name of names) {
    const result = await sql.raw<{ n: number | string }>(`select count(*) as n from public.${quoteIdent(name)}`).execute(db);
    counts[name] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

export function totalRows(summary: BackupSummary): number {
  return Object.values(summary.tables).reduce((a, b) => a + b, 0);
}
