import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { revertBatch } from "@/imports/load/revert";
import type { ImportReport } from "@/imports/report";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite } from "@/tests/helpers/import-suite";
import { handOds, handXlsx, zip } from "@/tests/helpers/sheets";

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
  it("reads an .ods built from the OpenDocument spec: title rows, notes, totals, repeated cells, typed values, a second sheet; preview = commit", async () => {
    const file = fixture(
      handOds([
        { name: "Note", rows: [["Valori per comune, fonte ISTAT"]] },
        {
          name: "Valori 2024",
          rows: [
            ["Popolazione residente  e anziani"],
            [],
            ["Indicatore", "Comune", "Periodo", "Valore"],
            ["POP_TOT", "Narni", 2024, { text: "19.313", value: 19313 }],
            { repeat: 1, cells: ["POP_TOT", "Amelia", { date: "2024-03-01", format: "month" }, 11016] },
            ["PERC_65_PLUS", "Narni", 2024, { percent: 0.284 }],
            ["POP_TOT", "Totale zona", 2024, 30329],
            [null, { repeat: 3, cell: null }, "Fonte: ISTAT"],
          ],
        },
      ]),
      "utf8",
      "valori.ods",
    );
    const preview = await run(file, { dryRun: true, sheet: "Valori 2024" });
    expect(preview).toMatchObject({ status: "previewed", kind: "valori", encoding: "OpenDocument (.ods)", headerLine: 3, rowsRead: 4, rejected: 0, sheet: "Valori 2024", sheets: ["Note", "Valori 2024"] });
    const committed = await run(file, { sheet: "Valori 2024" });
    expect(committed.status).toBe("committed");
    expect(comparable(committed)).toEqual(comparable(preview));
    expect(await current("POP_TOT")).toEqual(["055004 2024-03 11016", "055022 2024 19313", "zona 2024 30329"]);
    expect(await current("PERC_65_PLUS")).toEqual(["055022 2024 28.4"]);
    const errors = await run(fixture(handOds([{ name: "S", rows: [["indicatore", "comune", "periodo", "valore"], ["POP_TOT", "Narni", 2024, "molti"]] }]), "utf8", "e.ods"), { dryRun: true });
    expect(errors.errors[0]?.message).toMatch(/^Foglio «S», riga 2, colonna "valore" \(D\): "molti"/);
  });

  it("reads an HTML table saved as .xls (Excel's x:num values, colspan, entities, a title row)", async () => {
    const html = [
      '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"><style>td{mso-number-format:General}</style><script>var x = "<td>no</td>";</script></head><body>',
      "<table>",
      '<tr><td colspan="4">Popolazione residente &ndash; anno 2024</td></tr>',
      "<tr><th>Indicatore</th><th>Comune</th><th>Periodo</th><th>Valore</th></tr>",
      '<tr><td>POP_TOT</td><td>Citt&agrave; della Pieve</td><td>2024</td><td x:num="7500">7.500</td></tr>',
      '<tr><td>POP_TOT</td><td>Narni</td><td>2024</td><td x:num="19313">19.313</td>',
      '<tr><td>PERC_65_PLUS</td><td>Amelia</td><td>2024</td><td x:num="0.284">28,4%</td></tr>',
      "</table></body></html>",
    ].join("\n");
    const file = fixture(html, "utf8", "export-gestionale.xls");
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ kind: "valori", encoding: "pagina HTML (salvata come .xls)", headerLine: 2, rowsRead: 3, sheet: "Tabella 1" });
    // Città della Pieve is in Zona 12: its row is named as Excel numbers it.
    expect(report.errors[0]).toMatchObject({ line: 3, column: "Comune" });
    expect(report.errors[0]?.message).toContain("Città della Pieve");
    expect((await run(file, { validOnly: true })).status).toBe("committed");
    expect(await current("PERC_65_PLUS")).toEqual(["055004 2024 28.4"]);
    expect(await current("POP_TOT")).toEqual(["055022 2024 19313"]);
  });

  it("reads Excel 2003 XML saved as .xls: typed Data, ss:Index gaps, percentage and date styles, the sheet by number", async () => {
    const xml = `<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles><Style ss:ID="pc"><NumberFormat ss:Format="Percent"/></Style><Style ss:ID="my"><NumberFormat ss:Format="mm/yyyy"/></Style></Styles>
 <Worksheet ss:Name="Vuoto"><Table/></Worksheet>
 <Worksheet ss:Name="Dati">
  <Table>
   <Row><Cell><Data ss:Type="String">Valori della zona</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">indicatore</Data></Cell><Cell><Data ss:Type="String">comune</Data></Cell><Cell><Data ss:Type="String">periodo</Data></Cell><Cell><Data ss:Type="String">valore</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">POP_TOT</Data></Cell><Cell><Data ss:Type="Number">55022</Data></Cell><Cell><Data ss:Type="Number">2024</Data></Cell><Cell><Data ss:Type="Number">19313</Data><Comment><Data>controllato</Data></Comment></Cell></Row>
   <Row><Cell><Data ss:Type="String">POP_TOT</Data></Cell><Cell><Data ss:Type="String">Amelia</Data></Cell><Cell ss:StyleID="my"><Data ss:Type="DateTime">2024-03-01T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">11016</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">PERC_65_PLUS</Data></Cell><Cell><Data ss:Type="String">Narni</Data></Cell><Cell><Data ss:Type="Number">2024</Data></Cell><Cell ss:Index="4" ss:StyleID="pc"><Data ss:Type="Number">0.284</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Fonte: ISTAT</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>`;
    const file = fixture(xml, "utf8", "dati.xls");
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ kind: "valori", encoding: "Excel 2003 XML", headerLine: 3, rowsRead: 3, rejected: 0, sheet: "Dati", sheets: ["Vuoto", "Dati"] });
    expect(report.notes.join(" ")).toContain("il primo con dati");
    expect((await run(file, { sheet: "2" })).status).toBe("committed");
    expect(await current("POP_TOT")).toEqual(["055004 2024-03 11016", "055022 2024 19313"]);
    expect(await current("PERC_65_PLUS")).toEqual(["055022 2024 28.4"]);
  });

  it("says exactly how to save a binary Excel 97-2003 .xls; refuses other XML and an HTML page without tables", async () => {
    const biff = fixture(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), "utf8", "vecchio.xls");
    const message = (await run(biff, { dryRun: true })).fileErrors[0];
    expect(message).toContain("Excel 97-2003 in formato binario (.xls)");
    expect(message).toContain("«Cartella di lavoro di Excel (*.xlsx)»");
    expect(message).toContain("«CSV UTF-8 (delimitato da virgole) (*.csv)»");
    expect((await run(fixture('<?xml version="1.0"?><rss><channel/></rss>', "utf8", "feed.xls"), { dryRun: true })).fileErrors[0]).toContain("Il file è XML ma non un foglio di calcolo");
    expect((await run(fixture("<html><body><p>Nessun dato</p></body></html>", "utf8", "vuota.xls"), { dryRun: true })).fileErrors[0]).toContain("senza tabelle");
    expect((await run(fixture('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"><Table><Row><Cell><Data>x', "utf8", "tronco.xls"), { dryRun: true })).fileErrors[0]).toContain("non è XML valido");
  });
  it("bounds hostile spreadsheets: a zip bomb, huge shared strings, a cell over a million characters, data past column 500", async () => {
    const header = ["indicatore", "comune", "periodo", "valore"];
    // 64 MB of one repeated row deflates to a few dozen KB: refused by its ratio before it is inflated.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const bomb = handXlsx([{ name: "S", rows: [header] }]);
    const bombSheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(Math.ceil((64 * 1024 * 1024) / row.length))}</sheetData></worksheet>`;
    const replaced = zip([
      { name: "_rels/.rels", data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: "xl/workbook.xml", data: '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: "xl/_rels/workbook.xml.rels", data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: "xl/worksheets/sheet1.xml", data: bombSheet },
    ]);
    expect(bomb.length).toBeGreaterThan(0);
    const bombReport = await run(fixture(replaced, "utf8", "bomba.xlsx"), { dryRun: true });
    expect(bombReport.fileErrors[0]).toContain("si espande in modo anomalo");

    // 41 shared strings of a million random letters each (so they do not compress like a bomb): over the 40 million held in memory.
    const letters = (n: number) => Buffer.from(randomBytes(n).map((b) => 97 + (b % 26))).toString("latin1");
    const shared = handXlsx([{ name: "S", rows: [header, ...Array.from({ length: 41 }, () => ["POP_TOT", letters(1_000_000), 2024, 1])] }]);
    const sharedReport = await run(fixture(shared, "utf8", "testo.xlsx"), { dryRun: true });
    expect(sharedReport.fileErrors[0]).toContain("più di 40.000.000 caratteri di testo condiviso");

    const longCell = handXlsx([{ name: "S", rows: [header, ["POP_TOT", { inline: "z".repeat(1_000_001) }, 2024, 1]] }]);
    expect((await run(fixture(longCell, "utf8", "cella.xlsx"), { dryRun: true })).fileErrors[0]).toMatch(/Foglio «S», riga 2, colonna B: una cella supera 1\.000\.000 di caratteri/);

    const wide = handXlsx([{ name: "S", rows: [header, [...Array.from({ length: 500 }, () => null), "oltre"]] }]);
    expect((await run(fixture(wide, "utf8", "larga.xlsx"), { dryRun: true })).fileErrors[0]).toContain("colonna SG: il foglio ha dati oltre la colonna 500");
  });

  it("recognises the content, not the extension: a CSV named .xlsx is a CSV, an .xlsx named .csv a spreadsheet", async () => {
    const csv = await run(fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;19313"), "utf8", "finto.xlsx"), { dryRun: true });
    expect(csv).toMatchObject({ delimiter: ";", rowsRead: 1, rejected: 0 });
    expect(csv.sheet).toBeUndefined();
    const xlsx = await run(fixture(handXlsx([{ name: "S", rows: [["indicatore", "comune", "periodo", "valore"], ["POP_TOT", "Narni", 2024, 19313]] }]), "utf8", "finto.csv"), { dryRun: true });
    expect(xlsx).toMatchObject({ encoding: "Excel (.xlsx)", sheet: "S", rowsRead: 1, rejected: 0 });
  });
});
