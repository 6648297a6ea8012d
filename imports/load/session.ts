import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Database } from "@/db/schema";
import type { DatabaseHandle } from "@/db/client";
import type { Db } from "@/db/queries/zones";

/**
 * An import works on one connection, with bulk COPY into a temporary staging
 * table: PGlite through COPY FROM '/dev/blob', PostgreSQL through COPY FROM
 * STDIN (pg-copy-streams) on the session's own client.
 *
 * Two kinds of session:
 * - `withImportSession`: everything in one transaction (reference data, boundaries,
 *   services, budget, targets, resources, reverts: small by nature);
 * - `withChunkedImportSession` (`valori`, up to millions of rows): no long
 *   transaction; each statement or `step` commits on its own, the staging table
 *   lives for the session, and the rows are published by the batch's status
 *   (imports/load/chunked.ts). PGlite has one connection for the whole server:
 *   between two short statements the other users' queries get it.
 */
export interface ImportSession {
  /** The import's transaction, or (chunked) its connection, where each statement commits. */
  trx: Db;
  /** The staging table's name (a temporary table of this session). */
  stage: string;
  chunked: boolean;
  /** Appends CSV text (no header, RFC 4180 quoting) to a table of the session. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /** One short unit of writes: its own transaction on a chunked session, inline in the import's transaction otherwise. */
  step<T>(work: (trx: Db) => Promise<T>): Promise<T>;
}

/**
 * Imports of one zone run one after the other (a revert too): in this process
 * by a queue per zone — PGlite's single session makes advisory locks
 * re-entrant — and across processes by PostgreSQL's advisory lock on the key.
 */
const zoneQueues = new Map<string, Promise<unknown>>();

export async function inZoneQueue<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = zoneQueues.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  zoneQueues.set(key, settled);
  try {
    return await run;
  } finally {
    if (zoneQueues.get(key) === settled) zoneQueues.delete(key);
  }
}

export function importLockKey(zoneCode: string | null): string {
  return `osservatorio:import:${zoneCode ?? "*"}`;
}

/** Lets the event loop serve other requests between two chunks of an import. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

class PreviewRollback extends Error {
  constructor(readonly result: unknown) {
    super("preview rollback");
  }
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `copy ${table} (${columns.join(", ")}) from ${source} with (format csv)`;
}

/** A pool of exactly one client, so that kysely's transaction and our COPY share it. */
export function singleClientPool(client: pg.PoolClient): PostgresPool {
  const shared: PostgresPoolClient = {
    query: client.query.bind(client),
    // Released by withImportSession, not by kysely.
    release: () => undefined,
  };
  return { connect: () => Promise.resolve(shared), end: () => Promise.resolve(), options: {} };
}

/**
 * Runs `work` in an import session. With `rollback: true` (preview) everything
 * it wrote, staging included, is rolled back and its result still returned.
 * Imports into the same zone are serialized by a transaction-scoped advisory lock.
 */
export async function withImportSession<T>(
  handle: DatabaseHandle,
  options: { zoneCode: string | null; rollback: boolean },
  work: (session: ImportSession) => Promise<T>,
): Promise<T> {
  const lockKey = importLockKey(options.zoneCode);
  const run = async (db: Kysely<Database>, copy: ImportSession["copyCsv"]) => {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
        const result = await work({ trx, stage: "import_stage", chunked: false, copyCsv: copy, step: (unit) => unit(trx) });
        if (options.rollback) throw new PreviewRollback(result);
        return result;
      });
    } catch (error) {
      if (error instanceof PreviewRollback) return error.result as T;
      throw error;
    }
  };

  return inZoneQueue(lockKey, async () => {
    if (handle.kind === "pglite") {
      const pglite = handle.pglite;
      if (!pglite) throw new Error("PGlite handle without instance");
      // Inside the kysely transaction the driver holds PGlite's only session, so
      // a direct query runs in that same transaction.
      return run(handle.db, async (table, columns, csv) => {
        await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
      });
    }

    const pool = handle.pool;
    if (!pool) throw new Error("PostgreSQL handle without pool");
    const client = await pool.connect();
    const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
    try {
      return await run(single, pgCopy(client));
    } finally {
      client.release();
    }
  });
}

function pgCopy(client: pg.PoolClient): ImportSession["copyCsv"] {
  return async (table, columns, csv) => {
    const stream = client.query(copyFrom(copyStatement(table, columns, "stdin")));
    await pipeline(Readable.from([csv]), stream);
  };
}

/**
 * Runs `work` in a chunked session (see ImportSession): no transaction around
 * it, a staging table of its own, dropped at the end whatever happens. Nothing
 * but the staging table may be written before the batch exists in the state
 * 'applying'; a preview writes nothing else.
 */
export async function withChunkedImportSession<T>(handle: DatabaseHandle, zoneCode: string | null, work: (session: ImportSession) => Promise<T>): Promise<T> {
  const lockKey = importLockKey(zoneCode);
  const stage = `import_stage_${randomBytes(6).toString("hex")}`;
  const session = (trx: Db, copyCsv: ImportSession["copyCsv"]): ImportSession => ({
    trx,
    stage,
    chunked: true,
    copyCsv: async (table, columns, csv) => {
      await copyCsv(table, columns, csv);
      await yieldToOthers();
    },
    step: async (unit) => {
      const result = await trx.transaction().execute(unit);
      await yieldToOthers();
      return result;
    },
  });
  const dropStage = (db: Db) => sql.raw(`drop table if exists ${stage}`).execute(db);

  return inZoneQueue(lockKey, async () => {
    if (handle.kind === "pglite") {
      const pglite = handle.pglite;
      if (!pglite) throw new Error("PGlite handle without instance");
      // The import lane of the shared connection: the import and the readers take turns (db/pglite-session.ts).
      const importDb = handle.importDb ?? handle.db;
      try {
        // Outside any transaction: each COPY commits on its own, like every statement here. It holds the
        // connection like a query does, so that it never runs inside another user's open transaction.
        return await work(session(importDb, async (table, columns, csv) => {
          await importDb.connection().execute(() => pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) }));
        }));
      } finally {
        await dropStage(importDb);
      }
    }

    const pool = handle.pool;
    if (!pool) throw new Error("PostgreSQL handle without pool");
    const client = await pool.connect();
    const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
    let locked = false;
    try {
      // A session lock: held across the import's transactions, released by the
      // server if this process dies (then imports/load/recover.ts may undo its batch).
      await sql`select pg_advisory_lock(hashtext(${lockKey}))`.execute(single);
      locked = true;
      return await work(session(single, pgCopy(client)));
    } finally {
      try {
        await dropStage(single);
        if (locked) await sql`select pg_advisory_unlock(hashtext(${lockKey}))`.execute(single);
        client.release();
      } catch (error) {
        // A connection in an unknown state must not go back to the pool.
        client.release(error instanceof Error ? error : true);
      }
    }
  });
}

/** Quotes a value for COPY … (format csv); null becomes an unquoted empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) || text === "" ? `"${text.replace(/"/g, '""')}"` : text;
}
