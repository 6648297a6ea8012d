import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { Database } from "./schema";
import { migrations } from "./migrations";

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/** Brings the schema to the latest version; throws MigrationError on failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
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
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
