import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient, type Transaction } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Database } from "@/db/schema";
import type { DatabaseHandle } from "@/db/client";

/**
 * One import runs in one transaction on one connection, with bulk COPY into
 * temporary staging tables: PGlite through COPY FROM '/dev/blob', PostgreSQL
 * through COPY FROM STDIN (pg-copy-streams) on the transaction's own client.
 */
export interface ImportSession {
  trx: Transaction<Database>;
  /** Appends CSV text (no header, RFC 4180 quoting) to a table inside the transaction. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

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
  const lockKey = `osservatorio:import:${options.zoneCode ?? "*"}`;
  const run = async (db: Kysely<Database>, copy: ImportSession["copyCsv"]) => {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
        const result = await work({ trx, copyCsv: copy });
        if (options.rollback) throw new PreviewRollback(result);
        return result;
      });
    } catch (error) {
      if (error instanceof PreviewRollback) return error.result as T;
      throw error;
    }
  };

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
    return await run(single, async (table, columns, csv) => {
      const stream = client.query(copyFrom(copyStatement(table, columns, "stdin")));
      await pipeline(Readable.from([csv]), stream);
    });
  } finally {
    client.release();
  }
}

/** Quotes a value for COPY … (format csv); null becomes an unquoted empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) || text === "" ? `"${text.replace(/"/g, '""')}"` : text;
}
