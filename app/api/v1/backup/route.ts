import { PassThrough, Readable } from "node:stream";
import { serverDatabase } from "@/db/server";
import { writeBackup } from "@/db/backup";
import { handleApi } from "@/lib/api/respond";
import { ForbiddenError } from "@/lib/errors";
import { requireApi } from "@/app/_auth/access";

/**
 * POST /api/v1/backup → a consistent backup of the database (db/backup.ts),
 * gzip. Only for `npm run backup` on the server's machine (the local token of
 * db/lock.ts): the embedded database cannot be copied behind the server's
 * back, so the command line asks the server to dump it. No user, not even an
 * administrator, downloads the whole database (password hashes included) over HTTP.
 */
export function POST(request: Request) {
  return handleApi(request, async () => {
    const principal = await requireApi(request, "admin");
    if (principal instanceof Response) return principal;
    if (principal.kind !== "local") {
      throw new ForbiddenError("La copia di sicurezza si fa dalla riga di comando sulla macchina del server: npm run backup -- FILE.");
    }
    const handle = await serverDatabase();
    const body = new PassThrough();
    // A failure mid-way cuts the stream; the command line then finds the file incomplete and keeps nothing.
    writeBackup(handle, body).catch((error: unknown) => {
      console.error("[backup]", error);
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
      headers: { "content-type": "application/gzip", "cache-control": "no-store" },
    });
  });
}
