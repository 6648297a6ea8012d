import { KINDS } from "@/imports/csv/kinds";
import { templateCsv } from "@/imports/csv/templates";
import { jsonError } from "../../../_shared/respond";
import { requireApi } from "@/app/_auth/access";

/** GET /api/v1/imports/templates/{kind} → the template CSV of a dataset kind. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const principal = await requireApi(request, "imports.read");
  if (principal instanceof Response) return principal;
  const { kind } = await params;
  if (!(kind in KINDS)) return jsonError(404, `Tipo di dati sconosciuto: ${kind}.`);
  return new Response(templateCsv(kind as keyof typeof KINDS), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="modello-${kind}.csv"`,
    },
  });
}
