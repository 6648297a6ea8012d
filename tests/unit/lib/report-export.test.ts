import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { toCsv } from "@/lib/export/csv";
import { toXlsxBook } from "@/lib/export/xlsx";
import { exportCell, reportTableExport, reportWorkbook } from "@/lib/report/export";
import { numberCell, suppressedCell, textCell } from "@/lib/report/cells";
import { REPORT_DOCUMENT_VERSION, type ReportDocument, type ReportTable } from "@/lib/report/model";

const table: ReportTable = {
  id: "demografia-comuni",
  caption: "Popolazione dei comuni, 2025",
  rowHeader: "Comune",
  columns: [
    { key: "POP_TOT", label: "Popolazione residente", unit: "persone", numeric: true },
    { key: "PERC_65_PLUS", label: "Residenti di 65 anni e oltre", unit: "%", numeric: true },
  ],
  rows: [
    { header: "Poggiodomo", cells: [numberCell(98, 0), suppressedCell("< 3")] },
    { header: "=cmd|' /C calc'!A0", cells: [numberCell(null, 0), numberCell(27.456, 1, "%")] },
    { header: "Zona", total: true, cells: [numberCell(20550, 0), textCell("—")] },
  ],
  notes: ["* Valori inferiori a 3 non pubblicati (segreto statistico)."],
};

const doc: ReportDocument = {
  version: REPORT_DOCUMENT_VERSION,
  zone: { code: "UMB-11", name: "Zona sociale 11 – Narni", capofila: "Narni" },
  year: 2025,
  dataYear: 2025,
  generatedAt: "2026-03-01T10:00:00.000Z",
  sources: [],
  introduction: null,
  conclusions: null,
  sections: [{ key: "demografia", title: "Popolazione e bisogni", comment: null, blocks: [{ kind: "paragraph", text: "x" }, { kind: "table", table }] }],
  annex: [{ istat: "054041", name: "Poggiodomo", blocks: [{ kind: "table", table: { ...table, id: "comune-054041-dati", caption: "Poggiodomo: dati principali" } }] }],
  disclosure: { threshold: 3, mark: "< 3", footnote: "Valori inferiori a 3 non pubblicati." },
  batchIds: [],
};

describe("report exports", () => {
  it("exports a table's cells as the report prints them: numbers with decimals, the mark, empty for n.d.", () => {
    expect(exportCell(numberCell(27.456, 1))).toEqual({ value: 27.456, decimals: 1 });
    expect(exportCell(suppressedCell("< 3"))).toBe("< 3");
    expect(exportCell(numberCell(null, 0))).toBeNull();
    const t = reportTableExport(doc, "demografia-comuni", null)!;
    expect(t.fileBase).toBe("relazione-UMB-11-2025-bozza-demografia-comuni");
    expect(t.header).toEqual(["Comune", "Popolazione residente", "Residenti di 65 anni e oltre (%)"]);
    expect(toCsv(t.header, t.rows)).toBe(
      "\uFEFFComune;Popolazione residente;Residenti di 65 anni e oltre (%)\r\nPoggiodomo;98;< 3\r\n'=cmd|' /C calc'!A0;;27,5\r\nZona;20550;—\r\n",
    );
    expect(toCsv(t.header, t.rows, "standard")).toContain("'=cmd|' /C calc'!A0,,27.5\r\n");
    expect(reportTableExport(doc, "non-esiste", 1)).toBeNull();
    expect(reportTableExport(doc, "comune-054041-dati", 2)!.fileBase).toBe("relazione-UMB-11-2025-edizione-2-comune-054041-dati");
  });

  it("puts every table of the document in a workbook, after an index, with the notes", async () => {
    const sheets = reportWorkbook(doc, 1, "edizione n. 1");
    expect(sheets.map((s) => s.name)).toEqual(["Indice", "1 demografia-comuni", "2 comune-054041-dati"]);
    expect(sheets[0]!.rows).toEqual([
      ["1", "Popolazione e bisogni", "Popolazione dei comuni, 2025", "demografia-comuni"],
      ["2", "Allegato: Poggiodomo", "Poggiodomo: dati principali", "comune-054041-dati"],
    ]);
    const files = unzipSync(new Uint8Array(await toXlsxBook(sheets)));
    const text = Object.values(files).map((f) => strFromU8(f)).join("\n");
    expect(text).toContain("&lt; 3");
    expect(text).toContain("segreto statistico");
    expect(text).not.toContain("<f>");
  });
});
