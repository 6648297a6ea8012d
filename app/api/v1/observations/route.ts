import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { getZone } from "@/db/queries/zones";
import { listObservations } from "@/db/queries/observations";
import { handleApi, jsonError } from "../_shared/respond";
import { requireApi } from "@/app/_auth/access";

const Query = z.object({
  indicator: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "codice indicatore, per esempio POP_TOT"),
  zona: z.string().regex(/^[A-Z]{3}-\d{2}$/, "codice zona, per esempio UMB-11"),
  period: z
    .string()
    .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, "periodo nella forma 2024, 2024-Q1 o 2024-03")
    .nullable(),
});

/**
 * GET /api/v1/observations?indicator=CODE&zona=CODE[&period=P]
 * → [{istat, comune, period, value, numerator, denominator}] (istat null: a value of the whole zone).
 */
export function GET(request: NextRequest) {
  return handleApi(async () => {
    const q = request.nextUrl.searchParams;
    const parsed = Query.safeParse({ indicator: q.get("indicator"), zona: q.get("zona"), period: q.get("period") });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return jsonError(400, `Parametro "${String(issue?.path[0])}" mancante o non valido: ${issue?.message ?? ""}.`);
    }
    const { indicator, zona, period } = parsed.data;
    const principal = await requireApi(request, "zone.read", zona);
    if (principal instanceof Response) return principal;
    const db = await serverDb();
    if (!(await getZone(db, zona))) return jsonError(404, `Zona sociale "${zona}" non trovata.`);
    const known = await db.selectFrom("indicator").select("code").where("code", "=", indicator).executeTakeFirst();
    if (!known) return jsonError(404, `Indicatore "${indicator}" non presente nel catalogo.`);
    return NextResponse.json(await listObservations(db, zona, indicator, period));
  });
}
