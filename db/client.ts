import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import type { Database } from "./schema";
import { acquireDataDirLock } from "./lock";
import { pgliteKysely } from "./pglite-session";
import { checkIntegrity, DatabaseIntegrityError } from "./integrity";
import { recoverInterruptedImports } from "@/imports/load/chunked";

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Human-readable location, for logs: a folder or a URL without password. */
  location: string;
  /** The PGlite instance (embedded only), routed into the open kysely transaction: COPY from /dev/blob needs it. */
  pglite?: PGlite;
  /** PGlite only: the same database in the import lane, for a chunked import (db/pglite-session.ts: turns with the readers). */
  importDb?: Kysely<Database>;
  /** The pg pool (PostgreSQL only): COPY FROM STDIN needs a raw client. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite in dataDir is used. */
  url?: string;
  dataDir?: string;
  /** Who opens the folder, written in the lock for the error message of a second process. */
  holder?: { command: string; port?: number; localToken?: string };
  /** In-memory PGlite, for tests that need a throwaway database. */
  memory?: boolean;
  /** Folder of the embedded database inside dataDir (default "pgdata"; a restore builds a new one beside it). */
  pgdata?: string;
  /** Skip the start-up integrity check (a restore that is about to replace the database). */
  skipIntegrityCheck?: boolean;
}

/**
 * PGlite's own start parameters plus a smaller buffer cache: the WebAssembly
 * heap never shrinks, and the default cache makes the process hundreds of MB
 * larger for no gain at the size of a zone's data (see docs/benchmarks.md).
 */
const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  "-c",
  "shared_buffers=16MB",
  "-c",
  "work_mem=16MB",
];

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** PGlite on a folder; a folder it cannot open is reported as a damaged database. */
async function openPglite(location: string): Promise<PGlite> {
  try {
    return await PGlite.create({ dataDir: location, startParams: PGLITE_START_PARAMS });
  } catch (error) {
    throw new DatabaseIntegrityError(location, [
      `il database integrato non si apre (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
}

/** Undoes imports a dead process left half-written (imports/load/chunked.ts); logged. */
async function recoverOrClose(handle: DatabaseHandle): Promise<void> {
  try {
    await recoverInterruptedImports(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens the database, checks its integrity and undoes interrupted imports (db/integrity.ts). Callers own
 * the handle and must close it.
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      if (!options.skipIntegrityCheck) await checkIntegrity(db, "postgres", redact(options.url));
    } catch (error) {
      await db.destroy();
      throw error;
    }
    const handle: DatabaseHandle = { db, kind: "postgres", location: redact(options.url), pool, close: () => db.destroy() };
    if (!options.skipIntegrityCheck) await recoverOrClose(handle);
    return handle;
  }

  if (options.memory) {
    const { db, importDb, pglite } = pgliteKysely(await PGlite.create());
    return { db, importDb, kind: "pglite", location: "memoria", pglite, close: () => db.destroy() };
  }

  const dataDir = path.resolve(/*turbopackIgnore: true*/ options.dataDir ?? "./data");
  const release = acquireDataDirLock(dataDir, options.holder ?? { command: process.argv.slice(1).join(" ") });
  const location = path.join(dataDir, options.pgdata ?? "pgdata");
  try {
    const { db, importDb, pglite } = pgliteKysely(await openPglite(location));
    try {
      if (!options.skipIntegrityCheck) await checkIntegrity(db, "pglite", location);
    } catch (error) {
      await pglite.close().catch(() => undefined);
      throw error;
    }
    const handle: DatabaseHandle = {
      db,
      importDb,
      kind: "pglite",
      location,
      pglite,
      close: async () => {
        try {
          await db.destroy();
        } finally {
          if (!pglite.closed) await pglite.close();
          release();
        }
      },
    };
    if (!options.skipIntegrityCheck) await recoverOrClose(handle);
    return handle;
  } catch (error) {
    release();
    throw error;
  }
}
