import { serverDatabase } from "./db/server";
import { installSocketPeerStamp } from "./lib/auth/socket-peer";

/** Every request carries its socket address from now on (lib/auth/socket-peer.ts): before the first one is served. */
export function stampSocketPeers(): void {
  installSocketPeerStamp();
}

/**
 * The embedded folder's lock is held from the first moment: a command-line
 * tool started later sees the server and hands its work to it. If another
 * process holds the folder, the server stops at once with that process named.
 */
export async function openDatabaseAtStartup(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const handle = await serverDatabase();
    console.log(`Database: ${handle.kind === "pglite" ? "integrato (PGlite)" : "PostgreSQL"} · ${handle.location}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
