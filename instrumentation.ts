/**
 * Stamps each request with its socket address (lib/auth/socket-peer.ts) and
 * opens (and migrates) the database when the server starts; see
 * instrumentation-node.ts. The Node-only code is imported only in the Node
 * runtime so that the edge bundle never sees it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { openDatabaseAtStartup, stampSocketPeers } = await import("./instrumentation-node");
    stampSocketPeers();
    await openDatabaseAtStartup();
  }
}
