import { serverDb } from "@/db/server";
import { publishedTable } from "@/db/queries/opendata";
import { handleApi } from "@/lib/api/respond";
import { parseParams } from "@/lib/api/params";
import { OpenDataTablePath } from "@/lib/api/opendata-schemas";
import { csvResponse, toCsv } from "@/lib/export/csv";
import { NotFoundError } from "@/lib/errors";

/**
 * GET …/opendata/zones/{code}/reports/{year}/editions/{number}/tables/{table}
 * → one table of a published edition as standard CSV (`,`, decimal point,
 * UTF-8): the distribution the DCAT-AP_IT catalogue points to. Public, like
 * the edition it comes from; a draft has no address here.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string; year: string; number: string; table: string }> }) {
  return handleApi(request, async () => {
    const { code, year, number, table } = parseParams(OpenDataTablePath, await params);
    const found = await publishedTable(await serverDb(), code, year, number, table);
    if (!found) throw new NotFoundError(`Nessuna tabella «${table}» nell'edizione n. ${number} della relazione ${year} della zona ${code}.`);
    return csvResponse(`${found.fileBase}.csv`, toCsv(found.header, found.rows, "standard"), { "access-control-allow-origin": "*" });
  });
}
