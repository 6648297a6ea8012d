import type { NextRequest } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { serverDatabase } from "@/db/server";
import { listBatches } from "@/db/queries/imports";
import { listZones } from "@/db/queries/zones";
import { runImport } from "@/imports/run";
import { DATASET_KINDS, UPLOAD_ID_HEADER } from "@/imports/report";
import { findUpload, removeUpload, storeUpload, UploadError } from "@/imports/uploads";
import { isSameOriginRequest } from "@/proxy";
import { jsonError } from "../_shared/respond";
import { handleApi as handleList, jsonList } from "@/lib/api/respond";
import { decodeCursor, pageOf } from "@/lib/api/pagination";
import { parseParams, queryObject } from "@/lib/api/params";
import { ImportsQuery } from "../_contract/requests";
import { requireApi } from "@/app/_auth/access";
import { can, zoneScope, type Principal } from "@/lib/auth/roles";

const ZoneCode = z.string().regex(/^[A-Z]{3}-\d{2}$/, "codice zona nel formato UMB-11");

function paramError(error: z.ZodError): Response {
  const issue = error.issues[0];
  return jsonError(400, `Parametro "${String(issue?.path[0])}" non valido: ${issue?.message ?? ""}`);
}

const ImportParams = z.object({
  zona: ZoneCode.nullable(),
  kind: z.enum(DATASET_KINDS).nullable(),
  mode: z.enum(["preview", "commit", "commit-valid"]),
  // Stored with the batch: no NUL or other control characters (PostgreSQL refuses NUL in text).
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^\u0000-\u001f\u007f]+$/, "il nome del file non può contenere caratteri di controllo")
    .nullable(),
  /** The preview's warnings are accepted: required for a commit of a file that has any. */
  acceptWarnings: z.enum(["true", "false"]).nullable(),
});

/** GET /api/v1/imports[?zona=CODE][&limit=N][&cursor=C] → {items: [batch], next}: the import batches, newest first. */
export function GET(request: NextRequest) {
  return handleList(request, async () => {
    const query = parseParams(ImportsQuery, queryObject(request.nextUrl.searchParams));
    const principal = await requireApi(request, "imports.read", query.zona);
    if (principal instanceof Response) return principal;
    const handle = await serverDatabase();
    const scope = zoneScope(principal);
    const zones = query.zona ? [query.zona] : scope ? (await listZones(handle.db, scope)).map((z) => z.code) : null;
    const before = decodeCursor(BatchPosition, query.cursor);
    const batches = await listBatches(handle.db, { ...(zones ? { zoneCodes: zones, includeZoneless: true } : {}), beforeId: before?.id, limit: query.limit + 1 });
    return jsonList(request, pageOf(request, batches, query.limit, (last) => ({ id: last.id })));
  });
}

const BatchPosition = z.object({ id: z.int().min(1) });

const MB = 1024 * 1024;

/**
 * POST /api/v1/imports?mode=preview|commit|commit-valid[&zona=…][&kind=…][&name=…][&acceptWarnings=true]
 * Body: the raw file (application/octet-stream, with its Content-Length), or
 * none with the header X-Upload-Id = the id returned by a preview of the same
 * user for the same zone. Answers NDJSON: progress events, then one report.
 *
 * proxy.ts does not run for this path (see its matcher): Next would buffer the
 * body for it and pass on only its first 10 MB. The origin check it makes for
 * every other state-changing request is made here instead.
 */
export function POST(request: NextRequest) {
  return handleList(request, async () => {
    const config = env();
    if (!isSameOriginRequest(request.headers, config.BETTER_AUTH_URL)) return jsonError(403, "Richiesta da un'origine non consentita.");
    const q = request.nextUrl.searchParams;
    if (q.has("upload")) {
      return jsonError(400, `L'identificativo del file caricato va passato nell'intestazione ${UPLOAD_ID_HEADER}, non nell'indirizzo.`);
    }
    const parsed = ImportParams.safeParse({ zona: q.get("zona"), kind: q.get("kind"), mode: q.get("mode") ?? "preview", name: q.get("name"), acceptWarnings: q.get("acceptWarnings") });
    if (!parsed.success) return paramError(parsed.error);
    const params = parsed.data;
    // Zone-less kinds (catalogue, comuni list) change every zone: administrators only.
    const principal = await requireApi(request, params.zona ? "imports.write" : "admin", params.zona);
    if (principal instanceof Response) return principal;
    const owner = { principal: `${principal.kind}:${principal.id}`, zoneCode: params.zona };

    const uploadHeader = request.headers.get(UPLOAD_ID_HEADER);
    const declared = request.headers.get("content-length");
    let uploadId: string;
    let filePath: string;
    if (uploadHeader !== null) {
      if (declared !== null && declared !== "0") return jsonError(400, `Con l'intestazione ${UPLOAD_ID_HEADER} la richiesta non deve contenere un file.`);
      const found = findUpload(config.OSSERVATORIO_DATA_DIR, uploadHeader, owner);
      if (!found) return jsonError(404, "Il file dell'anteprima non è più disponibile: caricarlo di nuovo.");
      uploadId = uploadHeader;
      filePath = found;
    } else {
      if (declared === null) {
        return jsonError(400, "Manca la dimensione del file (intestazione Content-Length): inviare il file per intero, non a blocchi.");
      }
      if (!/^\d{1,15}$/.test(declared)) return jsonError(400, "Intestazione Content-Length non valida.");
      const expectedBytes = Number(declared);
      if (expectedBytes === 0 || !request.body) return jsonError(400, "Nessun file nel corpo della richiesta.");
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
        if (error instanceof UploadError) return jsonError(error.status, error.message);
        throw error;
      }
    }
    return importResponse({ params, principal, uploadId, filePath, dataDir: config.OSSERVATORIO_DATA_DIR });
  });
}

/** Runs the import and streams its progress and report as NDJSON. */
function importResponse(input: { params: z.infer<typeof ImportParams>; principal: Principal; uploadId: string; filePath: string; dataDir: string },
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
          kind: params.kind,
          zoneCode: params.zona,
          dryRun: params.mode === "preview",
          validOnly: params.mode === "commit-valid",
          acceptWarnings: params.acceptWarnings === "true",
          userLabel: principal.label,
          allowReferenceKinds: can(principal, "admin"),
          onProgress: (rowsRead) => send({ type: "progress", rowsRead }),
        });
        // Kept only for a confirmation that can follow: a preview of a file that can be imported.
        const keep = params.mode === "preview" && report.fileErrors.length === 0;
        if (!keep) removeUpload(dataDir, uploadId);
        send({ type: "report", report, uploadId: keep ? uploadId : null });
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
