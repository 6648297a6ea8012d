import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const NAME = "better-auth";

/**
 * The key that signs session cookies: BETTER_AUTH_SECRET when set, otherwise
 * one generated on first start and kept in the database (table app_secret), so
 * that sessions survive restarts without any setup, nothing secret sits in the
 * data folder of a PostgreSQL install, and a backup restores the key together
 * with the sessions it signed. Passwords do not depend on it.
 *
 * Installs that kept the key in `OSSERVATORIO_DATA_DIR/auth-secret` (before
 * the table existed) move it into the database on first use and the file is removed.
 */
export async function authSecret(db: Kysely<Database>, configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const stored = await db.selectFrom("app_secret").select("value").where("name", "=", NAME).executeTakeFirst();
  if (stored) return stored.value;
  const legacyFile = path.resolve(/*turbopackIgnore: true*/ dataDir, "auth-secret");
  let legacy: string | null = null;
  try {
    legacy = fs.readFileSync(legacyFile, "utf8").trim() || null;
  } catch {
    legacy = null;
  }
  // Two processes starting together agree on whichever key was written first.
  await db
    .insertInto("app_secret")
    .values({ name: NAME, value: legacy ?? randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const saved = await db.selectFrom("app_secret").select("value").where("name", "=", NAME).executeTakeFirstOrThrow();
  if (legacy !== null) fs.rmSync(legacyFile, { force: true });
  return saved.value;
}
