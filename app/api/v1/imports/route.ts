import type { NextRequest } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { serverDatabase } from "@/db/server";
import { listBatches } from "@/db/queries/imports";
import { listZones } from "@/db/queries/zones";
import { runImport } from "@/imports/run";
import { DATASET_KINDS } from "@/imports/report";
import { findUpload, removeUpload, storeUpload, UploadTooLargeError } from "@/imports/uploads";
import { jsonError } from "../_shared/respond";
import { handleApi as handleList, jsonList } from "@/lib/api/respond";
import { decodeCursor, pageOf } from "@/lib/api/pagination";
import { parseParams, queryObject } from "@/lib/api/params";
import { ImportsQuery } from "../_contract/requests";
import { requireApi } from "@/app/_auth/access";
import { can, zoneScope } from "@/lib/auth/roles";

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

const ImportParams = z.object({
  zona: z.string().regex(/^[A-Z]{3}-\d{2}$/, "codice zona nel formato UMB-11").nullable(),
  kind: z.enum(DATASET_KINDS).nullable(),
  mode: z.enum(["preview", "commit", "commit-valid"]),
  name: z.string().min(1).max(255).nullable(),
  upload: z.string().nullable(),
  /** The preview's warnings are accepted: required for a commit of a file that has any. */
  acceptWarnings: z.enum(["true", "false"]).nullable(),
});

/**
 * POST /api/v1/imports?mode=preview|commit|commit-valid[&zona=…][&kind=…][&name=…][&upload=ID][&acceptWarnings=true]
 * Body: the raw file (application/octet-stream), or none with `upload` = the id
 * returned by a preview. Answers NDJSON: progress events, then one report.
 */
export async function POST(request: NextRequest) {
  const q = request.nextUrl.searchParams;
  const parsed = ImportParams.safeParse({
    zona: q.get("zona"),
    kind: q.get("kind"),
    mode: q.get("mode") ?? "preview",
    name: q.get("name"),
    upload: q.get("upload"),
    acceptWarnings: q.get("acceptWarnings"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonError(400, `Parametro "${String(issue?.path[0])}" non valido: ${issue?.message ?? ""}`);
  }
  const params = parsed.data;
  const config = env();
  // Zone-less kinds (catalogue, comuni list) change every zone: administrators only.
  const principal = await requireApi(request, params.zona ? "imports.write" : "admin", params.zona);
  if (principal instanceof Response) return principal;

  let uploadId: string;
  let filePath: string;
  if (params.upload) {
    const found = findUpload(config.OSSERVATORIO_DATA_DIR, params.upload);
    if (!found) return jsonError(404, "Il file dell'anteprima non è più disponibile: caricarlo di nuovo.");
    uploadId = params.upload;
    filePath = found;
  } else {
    if (!request.body) return jsonError(400, "Nessun file nel corpo della richiesta.");
    try {
      const stored = await storeUpload(config.OSSERVATORIO_DATA_DIR, request.body, config.OSSERVATORIO_MAX_UPLOAD_MB * 1024 * 1024);
      uploadId = stored.uploadId;
      filePath = stored.filePath;
    } catch (error) {
      if (error instanceof UploadTooLargeError) return jsonError(413, error.message);
      throw error;
    }
  }
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
        if (params.mode !== "preview") removeUpload(config.OSSERVATORIO_DATA_DIR, uploadId);
        send({ type: "report", report, uploadId: params.mode === "preview" ? uploadId : null });
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
