import writeXlsxFile, { type Row } from "write-excel-file/node";
import type { CsvValue } from "./csv";

/**
 * The same tables as the CSV downloads, as an Excel workbook. Text cells are
 * written as text, never as formulas, so a cell such as "=1+1" stays text.
 */
export async function toXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly CsvValue[])[]): Promise<Buffer> {
  const data: Row[] = [
    header.map((h) => ({ value: h, type: String, fontWeight: "bold" as const })),
    ...rows.map((r) =>
      r.map((v) => (v === null || v === undefined ? null : typeof v === "number" ? { value: v, type: Number } : { value: v, type: String })),
    ),
  ];
  return writeXlsxFile(data, { sheet: sheetName.slice(0, 31) }).toBuffer();
}

export function xlsxResponse(fileName: string, body: Buffer): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
