import type { NextRequest } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { serverDatabase } from "@/db/server";
import { listBatches } from "@/db/queries/imports";
import { listZones } from "@/db/queries/zones";
import { runImport } from "@/imports/run";
import { UPLOAD_ID_HEADER } from "@/imports/report";
import { findUpload, removeUpload, storeUpload, UploadError } from "@/imports/uploads";
import { isSameOriginRequest } from "@/proxy";
import { handleApi, jsonList } from "@/lib/api/respond";
import type { ImportEventSchema } from "@/lib/api/schemas";
import { decodeCursor, pageOf } from "@/lib/api/pagination";
import { parseParams, queryObject } from "@/lib/api/params";
import { ImportPostHeaders, ImportPostQuery, ImportsQuery } from "../_contract/requests";
import { ForbiddenError, InvalidInputError, NotFoundError, PayloadTooLargeError } from "@/lib/errors";
import { requireApi } from "@/app/_auth/access";
import { can, zoneScope, type Principal } from "@/lib/auth/roles";

/** proxy.ts does not run for this path (see POST): the rate limit reads the client address as it would be behind it. */
const OUTSIDE_PROXY = { outsideProxy: true };

/** GET /api/v1/imports[?zona=CODE][&limit=N][&cursor=C] → {items: [batch], next}: the import batches, newest first. */
export function GET(request: NextRequest) {
  return handleApi(request, async () => {
    const query = parseParams(ImportsQuery, queryObject(request.nextUrl.searchParams));
    const principal = await requireApi(request, "imports.read", query.zona);
    if (principal instanceof Response) return principal;
    const handle = await serverDatabase();
    const scope = zoneScope(principal);
    const zones = query.zona ? [query.zona] : scope ? (await listZones(handle.db, scope)).map((z) => z.code) : null;
    const before = decodeCursor(BatchPosition, query.cursor);
    const batches = await listBatches(handle.db, { ...(zones ? { zoneCodes: zones, includeZoneless: true } : {}), beforeId: before?.id, limit: query.limit + 1 });
    return jsonList(request, pageOf(request, batches, query.limit, (last) => ({ id: last.id })));
  }, OUTSIDE_PROXY);
}

const BatchPosition = z.object({ id: z.int().min(1) });

const MB = 1024 * 1024;

/**
 * POST /api/v1/imports?mode=preview|commit|commit-valid[&zona=…][&kind=…][&name=…][&sheet=…][&acceptWarnings=true][&map=…]*[&mapping=…]
 * Body: the raw file (application/octet-stream, with its Content-Length), or
 * none with the header X-Upload-Id = the id returned by a preview of the same
 * user for the same zone. Answers NDJSON: progress events, then one report.
 *
 * proxy.ts does not run for this path (see its matcher): Next would buffer the
 * body for it and pass on only its first 10 MB. The origin check it makes for
 * every other state-changing request is made here instead.
 */
export function POST(request: NextRequest) {
  return handleApi(request, async () => {
    const config = env();
    if (!isSameOriginRequest(request.headers, config.BETTER_AUTH_URL)) throw new ForbiddenError("Richiesta da un'origine non consentita.");
    const q = request.nextUrl.searchParams;
    if (q.has("upload")) {
      // The id is a capability of its owner: never in an address, which logs and histories keep.
      throw new InvalidInputError(`L'identificativo del file caricato va passato nell'intestazione ${UPLOAD_ID_HEADER}, non nell'indirizzo.`, [{ field: "upload", message: `usare l'intestazione ${UPLOAD_ID_HEADER}` }]);
    }
    // map= is repeated, one column each: its values may hold commas, so it is never split on them.
    const params = parseParams(ImportPostQuery, { ...queryObject(q), ...(q.has("map") ? { map: q.getAll("map") } : {}) });
    // Zone-less kinds (catalogue, comuni list) change every zone: administrators only.
    const principal = await requireApi(request, params.zona ? "imports.write" : "admin", params.zona);
    if (principal instanceof Response) return principal;
    const owner = { principal: `${principal.kind}:${principal.id}`, zoneCode: params.zona ?? null };

    const uploadHeader = parseParams(ImportPostHeaders, { [UPLOAD_ID_HEADER]: request.headers.get(UPLOAD_ID_HEADER) ?? undefined })[UPLOAD_ID_HEADER] ?? null;
    const declared = request.headers.get("content-length");
    let uploadId: string;
    let filePath: string;
    if (uploadHeader !== null) {
      if (declared !== null && declared !== "0") throw new InvalidInputError(`Con l'intestazione ${UPLOAD_ID_HEADER} la richiesta non deve contenere un file.`);
      const found = findUpload(config.OSSERVATORIO_DATA_DIR, uploadHeader, owner);
      if (!found) throw new NotFoundError("Il file dell'anteprima non è più disponibile: caricarlo di nuovo.");
      uploadId = uploadHeader;
      filePath = found;
    } else {
      if (declared === null) {
        throw new InvalidInputError("Manca la dimensione del file (intestazione Content-Length): inviare il file per intero, non a blocchi.");
      }
      if (!/^\d{1,15}$/.test(declared)) throw new InvalidInputError("Intestazione Content-Length non valida.");
      const expectedBytes = Number(declared);
      if (expectedBytes === 0 || !request.body) throw new InvalidInputError("Nessun file nel corpo della richiesta.");
      try {
        const stored = await storeUpload(config.OSSERVATORIO_DATA_DIR, request.body, {
          owner,
          limitBytes: config.OSSERVATORIO_MAX_UPLOAD_MB * MB,
          quotaBytes: config.OSSERVATORIO_UPLOAD_QUOTA_MB * MB,
          expectedBytes,
        });
        uploadId = stored.uploadId;
        filePath = stored.filePath;
      } catch (error) {
        if (error instanceof UploadError) throw error.status === 413 ? new PayloadTooLargeError(error.message) : new InvalidInputError(error.message);
        throw error;
      }
    }
    return importResponse({ params, principal, uploadId, filePath, dataDir: config.OSSERVATORIO_DATA_DIR });
  }, OUTSIDE_PROXY);
}

/** Runs the import and streams its progress and report as NDJSON. */
function importResponse(input: { params: z.output<typeof ImportPostQuery>; principal: Principal; uploadId: string; filePath: string; dataDir: string },
): Response {
  const { params, principal, uploadId, filePath, dataDir } = input;
  const fileName = params.name ?? "file.csv";
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: unknown) => controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
      try {
        const handle = await serverDatabase();
        const report = await runImport(handle, {
          fileName,
          filePath,
          kind: params.kind ?? null,
          zoneCode: params.zona ?? null,
          sheet: params.sheet ?? null,
          dryRun: params.mode === "preview",
          validOnly: params.mode === "commit-valid",
          acceptWarnings: params.acceptWarnings === "true",
          map: params.map,
          mappingName: params.mapping,
          userLabel: principal.label,
          allowReferenceKinds: can(principal, "admin"),
          onProgress: (rowsRead) => send({ type: "progress", rowsRead }),
        });
        // Kept only for a confirmation that can follow: a preview of a file that can be imported.
        const keep = params.mode === "preview" && report.fileErrors.length === 0;
        if (!keep) removeUpload(dataDir, uploadId);
        // Typed by the published schema of each NDJSON line (lib/api/schemas.ts).
        const event: z.input<typeof ImportEventSchema> = { type: "report", report, uploadId: keep ? uploadId : null };
        send(event);
      } catch (error) {
        console.error("[import]", error);
        send({ type: "error", message: "Errore interno durante l'importazione: nulla è stato scritto. Il problema è stato registrato." });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
