import { describe, expect, it } from "vitest";
import { createComuneResolver, type ComuneCandidate } from "@/imports/parse/comune";
import { collectMapped, mapCsv, type MapOptions } from "@/imports/pipeline/map";
import { formatRowError } from "@/imports/validate/errors";
import { isFormulaLike } from "@/imports/validate/formula";
import { fixture } from "./helpers";

const CODES = ["POP_TOT", "POP_65_PLUS", "IND_VECCHIAIA"];
const enc = (s: string) => new TextEncoder().encode(s);
const c = (istat: string, name: string, province: string, cadastral: string, zoneCode: string): ComuneCandidate => ({ istat, name, province, cadastral, zoneCode });
const COMUNI = [
  c("055022", "Narni", "TR", "F844", "11"),
  c("055004", "Amelia", "TR", "A262", "11"),
  c("055032", "Terni", "TR", "L117", "10"),
  c("054013", "Città di Castello", "PG", "C745", "1"),
  c("054011", "Città della Pieve", "PG", "C744", "5"),
  c("055001", "Acquasparta", "TR", "A045", "10"),
];

async function run(bytes: Uint8Array, opts: MapOptions = {}) {
  const result = await mapCsv(() => bytes, { indicatorCodes: CODES, ...opts });
  return { result, ...(await collectMapped(result)) };
}

describe("mapCsv on fixtures", () => {
  it("maps ISTAT's comuni file, ignoring its other columns", async () => {
    const { result, rows, errors } = await run(fixture("istat-comuni-win1252.csv"));
    expect(result.kind).toBe("comuni");
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({
      kind: "comuni",
      line: 3,
      row: { istat: "054013", name: "Città di Castello", province: "PG", cadastral: "C745", regionCode: "10", regionName: "Umbria", legalPopulation: 39483 },
    });
    expect(rows.map((r) => r.row).find((r) => "legalPopulation" in r && r.legalPopulation === 615)).toBeTruthy();
  });

  it("maps Excel's Italian file: unknown column reported, nothing mapped", async () => {
    const { result } = await run(fixture("valori-excel-utf8bom.csv"));
    expect(result.fileIssues).toEqual([{ code: "unknown-column", line: 4, message: 'Colonna "note" sconosciuta per «Valori degli indicatori».' }]);
  });

  it("maps a long valori file, resolving comuni in the zone", async () => {
    const resolver = createComuneResolver(COMUNI, { zoneCode: "11" });
    const text = "Tabella;;;\nindicatore;comune;periodo;valore\r\nPOP_TOT;Narni;2024;19.313\r\nIND_VECCHIAIA;Citta' di Castello;2024;245,7\r\nPOP_TOT;55004;I trimestre 2024;n.d.\r\nPOP_TOT;Terni;2024;1\r\n";
    const { result, rows, errors } = await run(enc(text), { comuni: { resolver, requireInZone: true } });
    expect(result).toMatchObject({ kind: "valori", format: "long", conventions: { valore: "it" }, rowsRead: 4 });
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [3, { indicator: "POP_TOT", comune: "055022", period: { period: "2024", type: "year", start: "2024-01-01", end: "2024-12-31", year: 2024 }, value: 19313, numerator: null, denominator: null, service: null }],
      [5, expect.objectContaining({ comune: "055004", period: expect.objectContaining({ period: "2024-Q1" }), value: null })],
    ]);
    expect(errors.map(formatRowError)).toEqual([
      'Riga 4, colonna "comune": "Citta\' di Castello" corrisponde a Città di Castello (PG, 054013), fuori dalla zona e dalla sua provincia.',
      'Riga 6, colonna "comune": "Terni" è Terni (055032), che non appartiene alla zona.',
    ]);
  });

  it("maps wide-by-indicator and wide-by-period files to the same rows", async () => {
    const wide = await run(fixture("wide-by-indicator.csv"));
    expect(wide.result.format).toBe("wide-by-indicator");
    expect(wide.rows.map((r) => r.row)).toEqual([
      expect.objectContaining({ indicator: "POP_TOT", comune: "Narni", value: 19313 }),
      expect.objectContaining({ indicator: "POP_65_PLUS", comune: "Narni", value: 5735 }),
      expect.objectContaining({ indicator: "POP_TOT", comune: "Amelia", value: 11861 }),
      expect.objectContaining({ indicator: "POP_65_PLUS", comune: "Amelia", value: null }),
    ]);
    const years = await run(fixture("wide-by-year.csv"));
    expect(years.result.format).toBe("wide-by-period");
    expect(years.rows.map((r) => (r.kind === "valori" ? [r.row.comune, r.row.period.period, r.row.value] : null))).toEqual([
      ["Narni", "2019", 19810],
      ["Narni", "2020", 19617],
      ["Narni", "2021", 19480],
      ["Amelia", "2019", 11900],
      ["Amelia", "2020", 11850],
      ["Amelia", "2021", null],
    ]);
  });

  it("maps a Windows-1252 pipe-separated budget with euro signs and dates", async () => {
    const { rows, errors } = await run(fixture("bilancio-pipe-win1252.csv"));
    expect(errors).toEqual([]);
    expect(rows[0]?.row).toEqual({
      year: 2024,
      service: "SAD_ANZIANI",
      funding: "FNA",
      comune: "Città della Pieve",
      stanziato: 120000,
      impegnato: 115500,
      liquidato: null,
      pagato: 90250.5,
      deadline: "2025-12-31",
    });
  });

  it("maps resources with quoted multi-line fields, reporting the line where the record starts", async () => {
    const { rows } = await run(fixture("risorse-comma-lf.csv"));
    expect(rows.map((r) => [r.line, "openingHours" in r.row ? r.row.openingHours : null])).toEqual([
      [2, "lun. 9-12 gio. 15-17"],
      [4, null],
    ]);
  });

  it("maps UTF-16 files; 11.861 stays ambiguous in a tab-separated file with no other evidence", async () => {
    const { rows, errors, result } = await run(fixture("valori-unicode-utf16le.txt"));
    expect(result.info?.encoding).toBe("utf-16le");
    expect(rows.map((r) => ("value" in r.row ? r.row.value : null))).toEqual([19313]);
    expect(errors).toEqual([expect.objectContaining({ line: 3, value: "11.861", message: expect.stringContaining("ambiguo") })]);
  });
});

describe("mapCsv errors", () => {
  it("decides 1.234 from the column and rejects a contradiction, never guessing", async () => {
    const text = "indicatore,comune,periodo,valore\nPOP_TOT,Narni,2024,1.234\nPOP_TOT,Amelia,2024,\"1,5\"\nPOP_TOT,Terni,2024,\"2,5\"\nPOP_TOT,Otricoli,2024,3.5\n";
    const { result, rows, errors } = await run(enc(text));
    expect(result.conventions).toEqual({ valore: "it" });
    expect(rows.map((r) => ("value" in r.row ? r.row.value : null))).toEqual([1234, 1.5, 2.5]);
    expect(errors).toEqual([{ line: 5, column: "valore", value: "3.5", message: expect.stringContaining("punto come separatore decimale") }]);
  });

  it("leaves an ambiguous column undecided in a tab-separated file", async () => {
    const { errors } = await run(enc("indicatore\tcomune\tperiodo\tvalore\nPOP_TOT\tNarni\t2024\t1.234\n"));
    expect(errors[0]?.message).toMatch(/ambiguo/);
  });

  it("writes the message the issue asks for", async () => {
    const { errors } = await run(enc("indicatore;comune;periodo;valore\nPOP_TOT;Narni;2024;1\n\n\nPOP_TOT;Narni;2024;1.234,5,6\n"));
    expect(errors.map(formatRowError)).toEqual(['Riga 5, colonna "valore": "1.234,5,6" non è un numero valido.']);
  });

  it("rejects formula-like cells", async () => {
    const text = 'tipo;nome;comune;indirizzo\nstruttura;"=HYPERLINK(""http://x"";""clic"")";Narni;\nstruttura;Centro;Narni;@SUM(A1)\nstruttura;Centro B;Narni;+cmd\nstruttura;Centro C;Narni;Via Roma 1\n';
    const { rows, errors } = await run(enc(text), { kind: "risorse" });
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, "nome"],
      [3, "indirizzo"],
      [4, "indirizzo"],
    ]);
    expect(errors[0]?.message).toMatch(/formula/);
    expect(rows).toHaveLength(1);
    expect(isFormulaLike("-12,5")).toBe(false);
    expect(isFormulaLike("+3%")).toBe(false);
    expect(isFormulaLike("-")).toBe(false);
    expect(isFormulaLike("-2+3")).toBe(true);
  });

  it("reports a totals row instead of skipping it", async () => {
    const { errors } = await run(enc("indicatore;comune;periodo;valore\nPOP_TOT;Narni;2024;1\nPOP_TOT;Totale;2024;1\n"));
    expect(errors).toEqual([expect.objectContaining({ line: 3, column: "comune", message: expect.stringContaining("riga di totale") })]);
  });

  it("reports rows with more fields than the header", async () => {
    const { errors } = await run(enc("indicatore;comune;periodo;valore\nPOP_TOT;Narni;2024;1;5\n"));
    expect(errors[0]).toMatchObject({ line: 2, column: "", message: expect.stringContaining("5 campi ma l'intestazione ne ha 4") });
  });

  it("checks rows with the kind's schema (cross-field rules, enums, codes)", async () => {
    const text = "anno;servizio;fonte;stanziato;impegnato;pagato\n2024;SAD;FNA;100;150;10\n2024;SAD;fondo sconosciuto;100;50;10\n2024;SAD;Fondo nazionale politiche sociali;100;50;10\n";
    const { rows, errors } = await run(enc(text));
    expect(errors.map((e) => [e.line, e.column, e.message.slice(0, 30)])).toEqual([
      [2, "impegnato", "l'impegnato supera lo stanziat"],
      [3, "fonte", "non è un valore ammesso; valor"],
    ]);
    expect(rows.map((r) => ("funding" in r.row ? r.row.funding : null))).toEqual(["FNPS"]);
  });

  it.each([
    ["empty.csv", "empty", "Il file è vuoto (0 byte)."],
    ["header-only.csv", "header-only", "Il file contiene solo l'intestazione: nessuna riga di dati da importare."],
    ["fake-xlsx.csv", "binary", expect.stringContaining("foglio Excel (.xlsx)")],
    ["mixed-encoding.csv", "mixed-encoding", expect.stringContaining("riga 4")],
  ])("gives a file-level message for %s", async (name, code, message) => {
    const { result } = await run(fixture(name), { kind: "valori" });
    expect(result.fileIssues).toEqual([expect.objectContaining({ code, message })]);
  });

  it("asks for the kind when headers fit none or two", async () => {
    expect((await run(enc("a;b\n1;2\n"))).result.fileIssues[0]?.code).toBe("unknown-kind");
    expect((await run(enc("codice;nome\nX;Y\n"))).result.fileIssues[0]?.code).toBe("ambiguous-kind");
  });
});
