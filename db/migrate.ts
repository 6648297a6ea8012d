import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { Database } from "./schema";
import { migrations } from "./migrations";
import { refreshAllZoneAggregates } from "./queries/zone-aggregates";

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/**
 * Brings the schema to the latest version; throws MigrationError on failure.
 * With `only`, applies just those migrations (a restore recreates the schema
 * its backup was taken with before loading the rows).
 */
export async function migrateToLatest(db: Kysely<Database>, only?: readonly string[]): Promise<string[]> {
  const selected = only ? Object.fromEntries(Object.entries(migrations).filter(([name]) => only.includes(name))) : migrations;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(selected) },
    // Migrations of parallel work land in any order; each is independent of the
    // ones numbered after it, so a database may apply a lower number later.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new MigrationError(
      `Migrazione del database non riuscita${failed ? ` (${failed.migrationName})` : ""}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  const applied = (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  // The maintained zone figures are filled once, for the data already there, when their table is created.
  // The same when their sources' table (0021) is created.
  if (applied.includes("0025_zone_aggregate") || applied.includes("0021_zone_aggregate_sources")) await db.transaction().execute((trx) => refreshAllZoneAggregates(trx));
  return applied;
}
