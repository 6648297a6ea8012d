import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { revertBatch } from "@/imports/load/revert";
import type { ImportReport } from "@/imports/report";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite } from "@/tests/helpers/import-suite";
import { handXlsx } from "@/tests/helpers/sheets";

/** The rows a preview and a commit report, without what differs by design (status, batch id). */
const comparable = (r: ImportReport) => ({ ...r, status: null, batchId: null });

describe.each(testEngines())("spreadsheet import on $name", (engine) => {
  const suite = importSuite(engine);
  const run = suite.run;

  const current = async (indicator: string) => {
    const rows = await suite.handle.db
      .selectFrom("observation")
      .select(["comune_istat", "period", "value"])
      .where("indicator_code", "=", indicator)
      .where("replaced_by_batch", "is", null)
      .orderBy("comune_istat")
      .orderBy("period")
      .execute();
    return rows.map((r) => `${r.comune_istat ?? "zona"} ${r.period} ${r.value === null ? "null" : Number(r.value)}`);
  };

  it("reads an .xlsx written by write-excel-file: title rows, notes, a totals row, numbers from the cells; preview = commit; undo", async () => {
    const data = [
      [{ value: "Popolazione residente per comune", type: String }],
      [{ value: "Elaborazione Ufficio di Piano", type: String }],
      [],
      ["indicatore", "comune", "periodo", "valore"].map((h) => ({ value: h, type: String, fontWeight: "bold" as const })),
      [{ value: "POP_TOT", type: String }, { value: "Narni", type: String }, { value: 2024, type: Number }, { value: 19313, type: Number, format: "#,##0" }],
      [{ value: "POP_TOT", type: String }, { value: "055004", type: String }, { value: 2024, type: Number }, { value: 11016, type: Number }],
      [{ value: "PERC_65_PLUS", type: String }, { value: "Amelia", type: String }, { value: 2024, type: Number }, { value: 28.4, type: Number, format: "0.0" }],
      [{ value: "POP_TOT", type: String }, { value: "Totale zona", type: String }, { value: 2024, type: Number }, { value: 30329, type: Number }],
      [{ value: "Fonte: ISTAT, bilancio demografico", type: String }],
    ];
    const file = fixture(await writeXlsxFile(data, { sheet: "Popolazione" }).toBuffer(), "utf8", "popolazione.xlsx");
    const preview = await run(file, { dryRun: true });
    expect(preview).toMatchObject({ status: "previewed", kind: "valori", encoding: "Excel (.xlsx)", delimiter: null, headerLine: 4, rowsRead: 4, rejected: 0, sheet: "Popolazione", sheets: ["Popolazione"] });
    expect(preview.notes).toContain("Ignorate 2 righe di titolo sopra l'intestazione (riga 4).");
    const committed = await run(file);
    expect(committed.status).toBe("committed");
    expect(comparable(committed)).toEqual(comparable(preview));
    expect(await current("POP_TOT")).toEqual(["055004 2024 11016", "055022 2024 19313", "zona 2024 30329"]);
    expect(await current("PERC_65_PLUS")).toEqual(["055004 2024 28.4"]);
    await revertBatch(suite.handle, committed.batchId!, "test");
    expect(await current("POP_TOT")).toEqual([]);
  });

  it("reads a hand-built .xlsx: shared and inline strings, rich text, dates as serial numbers, percentages, formulas' cached values, a second sheet", async () => {
    const sheets = [
      { name: "Leggimi", rows: [["Questo file contiene i valori del 2024"]] },
      {
        name: "Valori",
        rows: [
          ["Indicatore", "Comune", "Periodo", "Valore"],
          ["POP_TOT", { inline: "Narni" }, 2024, { formula: "SUM(A1:A3)", cached: 19313 }],
          ["PERC_65_PLUS", "Amelia", { date: new Date(Date.UTC(2024, 2, 1)), format: "month" as const }, { percent: 0.284 }],
          ["PERC_65_PLUS", "Narni", 2024, 0.1 + 0.2],
        ],
        rowNumbers: [1, 2, 4, 5],
      },
    ];
    const file = fixture(handXlsx(sheets, { prefixed: true }), "utf8", "a-mano.xlsx");
    // The first sheet has no header: asked by name, the second is read.
    const first = await run(file, { dryRun: true });
    expect(first.fileErrors.join(" ")).toContain("Intestazione delle colonne non riconosciuta");
    const report = await run(file, { dryRun: true, sheet: "valori" });
    expect(report).toMatchObject({ status: "previewed", sheet: "Valori", sheets: ["Leggimi", "Valori"], rowsRead: 3, rejected: 0 });
    expect(report.notes.join(" ")).toContain("Letto il foglio «Valori», scelto tra 2");
    expect((await run(file, { sheet: "2" })).status).toBe("committed");
    expect(await current("POP_TOT")).toEqual(["055022 2024 19313"]);
    // The month-formatted date is the period 03/2024; the percentage 28,4% is 28.4; 0.1 + 0.2 is 0.3, as Excel shows it.
    expect(await current("PERC_65_PLUS")).toEqual(["055004 2024-03 28.4", "055022 2024 0.3"]);
  });

  it("names the sheet, the row and the column letter in row errors; an unknown sheet lists the sheets", async () => {
    const file = fixture(
      handXlsx([{ name: "Dati 2024", rows: [["indicatore", "comune", "periodo", "valore"], ["POP_TOT", "Narni", 2024, "tanti"], ["POP_TOT", "Narnia", 2024, 5]] }]),
      "utf8",
      "errori.xlsx",
    );
    const report = await run(file, { dryRun: true });
    expect(report.rejected).toBe(2);
    expect(report.errors[0]).toMatchObject({ line: 2, column: "valore" });
    expect(report.errors[0]?.message).toMatch(/^Foglio «Dati 2024», riga 2, colonna "valore" \(D\): "tanti"/);
    expect(report.errors[1]?.message).toMatch(/^Foglio «Dati 2024», riga 3, colonna "comune" \(B\)/);
    const missing = await run(file, { dryRun: true, sheet: "Riepilogo" });
    expect(missing.fileErrors).toEqual(["Il foglio «Riepilogo» non c'è nel file .xlsx. Fogli del file: «Dati 2024»."]);
  });

  it("reads dates from date cells (bilancio's scadenza) and the same values as the CSV of the same table", async () => {
    const services = fixture(lf("codice;nome;area_utenza;tipo_spesa;ente_gestore", "SAD;Assistenza domiciliare;anziani;Interventi e servizi;Comune di Narni"));
    expect((await run(services)).status).toBe("committed");
    const file = fixture(
      handXlsx([{ name: "Bilancio", rows: [["anno", "servizio", "fonte", "comune", "stanziato", "impegnato", "liquidato", "pagato", "scadenza"], [2024, "SAD", "FNA", null, 120000, 115500, 98000, 90250.5, { date: new Date(Date.UTC(2025, 11, 31)) }]] }]),
      "utf8",
      "bilancio.xlsx",
    );
    const report = await run(file);
    expect(report).toMatchObject({ status: "committed", kind: "bilancio", inserted: 1 });
    const row = await suite.handle.db.selectFrom("budget_line").select(["deadline", "pagato"]).where("replaced_by_batch", "is", null).executeTakeFirstOrThrow();
    expect(String(row.deadline instanceof Date ? row.deadline.toISOString().slice(0, 10) : row.deadline).slice(0, 10)).toBe("2025-12-31");
    expect(Number(row.pagato)).toBe(90250.5);
  });

  it("refuses damaged and hostile zips with an Italian message, never an exception", async () => {
    const good = handXlsx([{ name: "S", rows: [["indicatore", "comune", "periodo", "valore"], ["POP_TOT", "Narni", 2024, 1]] }]);
    const truncated = fixture(good.subarray(0, Math.floor(good.length / 2)), "utf8", "tronco.xlsx");
    expect((await run(truncated, { dryRun: true })).fileErrors[0]).toContain("danneggiato o incompleto");
    const docx = fixture(handXlsx([], { extraParts: [{ name: "word/document.xml", data: "<w/>" }] }), "utf8", "lettera.xlsx");
    expect((await run(docx, { dryRun: true })).fileErrors[0]).toMatch(/fogli di lavoro|Word/);
  });
});
