import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { openDatabase, type DatabaseHandle } from "./client";
import { migrateToLatest } from "./migrate";

/**
 * The web server's one database handle, opened on first use and migrated once.
 * Kept on globalThis so that hot reload in development opens no second PGlite
 * (which the folder lock would refuse).
 */
const globalStore = globalThis as unknown as { __osservatorioDb?: Promise<DatabaseHandle>; __osservatorioLocalToken?: string };

/** The secret this server writes in the embedded folder's lock (see db/lock.ts). */
function localToken(): string {
  globalStore.__osservatorioLocalToken ??= randomBytes(32).toString("hex");
  return globalStore.__osservatorioLocalToken;
}

/** True when `presented` is this server's local token: the caller is a CLI of the same system user. */
export function isLocalToken(presented: string | null): boolean {
  if (!presented || env().DATABASE_URL) return false;
  const mine = Buffer.from(localToken());
  const theirs = Buffer.from(presented);
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}

async function open(): Promise<DatabaseHandle> {
  const config = env();
  const handle = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.OSSERVATORIO_DATA_DIR,
    holder: { command: "server web Osservatorio", port: config.PORT, localToken: localToken() },
  });
  await migrateToLatest(handle.db);
  const close = () => void handle.close();
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
  return handle;
}

export function serverDatabase(): Promise<DatabaseHandle> {
  globalStore.__osservatorioDb ??= open().catch((error: unknown) => {
    // Let the next request try again (e.g. after the other process released the lock).
    globalStore.__osservatorioDb = undefined;
    throw error;
  });
  return globalStore.__osservatorioDb;
}

export async function serverDb() {
  return (await serverDatabase()).db;
}
