import { z } from "zod";
import { KINDS } from "@/imports/csv/kinds";
import { templateCsv } from "@/imports/csv/templates";
import { requireApi } from "@/app/_auth/access";
import { NotFoundError } from "@/lib/errors";
import { handleApi } from "@/lib/api/respond";
import { parseParams } from "@/lib/api/params";

const KindPath = z.object({ kind: z.string().max(64, "al massimo 64 caratteri") });
const isKind = (kind: string): kind is keyof typeof KINDS => Object.hasOwn(KINDS, kind);

/** GET /api/v1/imports/templates/{kind} → the template CSV of a dataset kind. */
export function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  return handleApi(request, async () => {
    const principal = await requireApi(request, "imports.read");
    if (principal instanceof Response) return principal;
    const { kind } = parseParams(KindPath, await params);
    if (!isKind(kind)) throw new NotFoundError(`Tipo di dati sconosciuto: ${kind}.`);
    return new Response(templateCsv(kind), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="modello-${kind}.csv"`,
        "cache-control": "private, max-age=3600",
      },
    });
  });
}
