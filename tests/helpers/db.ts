import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import type { Database } from "@/db/schema";
import type { DatabaseHandle } from "@/db/client";
import { pgliteKysely } from "@/db/pglite-session";
import { loadCatalog } from "@/db/catalog/load";
import type { Db } from "@/db/queries/zones";
import { batchAggregateScopes, refreshScopes } from "@/db/queries/zone-aggregates";

/**
 * Integration tests run on PGlite always and on PostgreSQL when
 * TEST_DATABASE_URL is set. The global setup migrates each engine once and
 * loads the reference data; a test file opens a handle and calls resetData
 * between tests instead of migrating again.
 */
export const TEMPLATE_DUMP = path.resolve(".test-data/pglite-template.tar.gz");

export interface TestEngine {
  name: "PGlite" | "PostgreSQL";
  open(): Promise<DatabaseHandle>;
}

export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: "PGlite", open: openPgliteFromTemplate }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: "PostgreSQL", open: () => openPostgres(url) });
  return engines;
}

async function openPgliteFromTemplate(): Promise<DatabaseHandle> {
  const blob = new Blob([fs.readFileSync(TEMPLATE_DUMP)]);
  const { db, importDb, pglite } = pgliteKysely(await PGlite.create({ loadDataDir: blob }));
  return { db, importDb, kind: "pglite", location: "memoria", pglite, close: () => db.destroy() };
}

function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return Promise.resolve({ db, kind: "postgres", location: url, pool, close: () => db.destroy() });
}

/** Tables whose rows tests create, children first; reference tables (region, comune, zone) stay. */
const DATA_TABLES = [
  "report_edition_batch",
  "report_edition",
  "report_text",
  "report",
  "column_mapping",
  "note",
  "comune_boundary",
  "audit_event",
  "leps_item",
  "resource",
  "copayment_proposal",
  "isee_distribution",
  "budget_line",
  "target",
  "plan_objective",
  "plan",
  "zone_aggregate_source",
  "zone_aggregate",
  "observation",
  "staff_position",
  "service",
  "indicator",
  "funding_source",
  "import_batch",
] as const;

/**
 * Empties the data tables and reloads the standard catalogue. DELETE, not
 * TRUNCATE … CASCADE: a cascade would follow foreign keys into tables that
 * other tables reference and empty more than intended.
 */
export async function resetData(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of DATA_TABLES) await sql.raw(`delete from ${table}`).execute(trx);
    await loadCatalog(trx);
  });
}

/**
 * For tests that insert observations directly under a batch: the maintained
 * zone figures of the batch's rows, refreshed in the same transaction as an
 * import's publish step does (db/queries/zone-aggregates.ts).
 */
export async function refreshBatchFigures(trx: Db, batchId: number): Promise<void> {
  await refreshScopes(trx, await batchAggregateScopes(trx, batchId));
}
