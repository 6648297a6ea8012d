import { describe, expect, it } from "vitest";
import { listColumnMappings } from "@/db/queries/column-mappings";
import { testEngines } from "@/tests/helpers/db";
import { importSuite, TEST_ZONE } from "@/tests/helpers/import-suite";
import { crlf, fixture, lf } from "@/tests/helpers/files";
import type { ImportReport } from "@/imports/report";

/**
 * ISTAT data browser exports (issue 12, item 6). The layouts are ISTAT's:
 * SDMX-CSV 1.0 as esploradati.istat.it's web service answers for dataflow
 * 22_289 (resident population, DCIS_POPRES1: FREQ, REF_AREA, DATA_TYPE, SEX,
 * AGE, MARITAL_STATUS; key A..JAN.9.TOTAL.99) and for 41_983 (road
 * accidents, with ITTER107), with ISTAT's attribute columns; SDMX-CSV 2.0
 * with labels=both ("ID: name" in headers and cells); and the older I.Stat
 * export with a label column after each code column. The figures are made
 * up; Narni and Amelia are in zone UMB-11, Terni (055032) is not.
 */
const V1_HEADER = "DATAFLOW,FREQ,REF_AREA,DATA_TYPE,SEX,AGE,MARITAL_STATUS,TIME_PERIOD,OBS_VALUE,BREAK,CONF_STATUS,OBS_PRE_BREAK,OBS_STATUS,BASE_PER,UNIT_MEAS,UNIT_MULT,METADATA_EN,METADATA_IT";
const POPULATION: Record<string, Record<string, number>> = {
  IT: { "2023": 58997201, "2024": 58989749 },
  ITI2: { "2023": 854137, "2024": 851954 },
  ITI22: { "2023": 214456, "2024": 213457 },
  "055004": { "2023": 11552, "2024": 11489 },
  "055022": { "2023": 18926, "2024": 18836 },
  "055032": { "2023": 106165, "2024": 105974 },
};

function v1Rows(years: readonly string[]): string[] {
  const rows: string[] = [];
  for (const [area, byYear] of Object.entries(POPULATION)) {
    for (const year of years) {
      const total = byYear[year] ?? 0;
      const male = Math.round(total * 0.48);
      for (const [sex, value] of [["1", male], ["2", total - male], ["9", total]] as const) {
        rows.push(`IT1:22_289(1.0),A,${area},JAN,${sex},TOTAL,99,${year},${value},,,,,,,,,`);
      }
    }
  }
  return rows;
}

const RULES = ["SEX=9=POP_TOT", "SEX=1=ignora", "SEX=2=ignora"];
const outcome = (r: ImportReport) => ({ kind: r.kind, format: r.format, rowsRead: r.rowsRead, inserted: r.inserted, updated: r.updated, rejected: r.rejected, errors: r.errors, notes: r.notes, sdmx: r.sdmx });

describe.each(testEngines())("SDMX-CSV on $name", (engine) => {
  const suite = importSuite(engine, { defaults: { currentYear: 2025 } });
  const run = suite.run;

  it("recognises an SDMX-CSV 1.0 export as values and asks which indicator each combination of dimensions is", async () => {
    const report = await run(fixture(crlf(V1_HEADER, ...v1Rows(["2023", "2024"])), "utf8", "22_289.csv"), { dryRun: true });
    expect(report).toMatchObject({ kind: "valori", format: "valori, SDMX-CSV", mappingNeeded: true, delimiter: "," });
    expect(report.fileErrors).toEqual([
      'Il file SDMX-CSV ha 3 combinazioni di dimensioni senza indicatore: indicare nella corrispondenza delle colonne quale indicatore del catalogo è ciascuna, oppure «ignora» (da riga di comando: --map "SEX=1=CODICE").',
    ]);
    expect(report.sdmx).toMatchObject({ dataflow: "IT1:22_289(1.0)", dimensions: ["SEX"], truncated: false });
    expect(report.sdmx?.series.map((s) => [s.when, s.rows, s.indicator])).toEqual([
      [{ FREQ: "A", DATA_TYPE: "JAN", SEX: "1", AGE: "TOTAL", MARITAL_STATUS: "99" }, 12, undefined],
      [{ FREQ: "A", DATA_TYPE: "JAN", SEX: "2", AGE: "TOTAL", MARITAL_STATUS: "99" }, 12, undefined],
      [{ FREQ: "A", DATA_TYPE: "JAN", SEX: "9", AGE: "TOTAL", MARITAL_STATUS: "99" }, 12, undefined],
    ]);
    expect(report.mapping?.filter((m) => m.field).map((m) => [m.header, m.field])).toEqual([
      ["REF_AREA", "comune"],
      ["TIME_PERIOD", "period"],
      ["OBS_VALUE", "value"],
    ]);
  });

  it("with the mapping's rules imports the zone's comuni, leaves aside Italy, regions, provinces and other zones, and saves the rules", async () => {
    const file = fixture(crlf(V1_HEADER, ...v1Rows(["2023", "2024"])), "utf8", "popolazione-istat.csv");
    const preview = await run(file, { dryRun: true, map: RULES });
    expect(preview.fileErrors).toEqual([]);
    expect(preview).toMatchObject({ status: "previewed", rowsRead: 36, inserted: 4, rejected: 0, mappingSave: { name: "popolazione-istat" } });
    expect(preview.notes).toEqual(
      expect.arrayContaining([
        "Ignorate 6 righe di territori che non sono comuni (Italia, ripartizioni, regioni, province).",
        "Ignorate 2 righe di comuni di altre zone.",
        "Ignorate 24 righe di combinazioni di dimensioni segnate «ignora».",
      ]),
    );
    expect(preview.sdmx?.series.map((s) => s.indicator)).toEqual([null, null, "POP_TOT"]);
    const committed = await run(file, { map: RULES });
    expect(committed.status).toBe("committed");
    expect(outcome(committed)).toEqual(outcome(preview));
    const values = await suite.handle.db.selectFrom("observation").select(["indicator_code", "comune_istat", "period", "value"]).orderBy("comune_istat").orderBy("period").execute();
    expect(values.map((v) => [v.indicator_code, v.comune_istat, v.period, Number(v.value)])).toEqual([
      ["POP_TOT", "055004", "2023", 11552],
      ["POP_TOT", "055004", "2024", 11489],
      ["POP_TOT", "055022", "2023", 18926],
      ["POP_TOT", "055022", "2024", 18836],
    ]);
    const saved = await listColumnMappings(suite.handle.db, TEST_ZONE);
    expect(saved[0]?.mapping.indicators).toEqual([
      { when: { SEX: "9" }, indicator: "POP_TOT" },
      { when: { SEX: "1" }, indicator: null },
      { when: { SEX: "2" }, indicator: null },
    ]);

    // The next export of the same dataflow: read with the saved rules, nothing to choose.
    const next = await run(fixture(crlf(V1_HEADER, ...v1Rows(["2024"]).map((r) => r.replace(",2024,", ",2025,"))), "utf8", "popolazione-istat-2025.csv"));
    expect(next.fileErrors).toEqual([]);
    expect(next).toMatchObject({ status: "committed", inserted: 2, savedMapping: { name: "popolazione-istat", automatic: true } });
  });

  it("reads SDMX-CSV 2.0 with labels (ID: name in headers and cells), the label checked as the comune's name", async () => {
    const header =
      "STRUCTURE,STRUCTURE_ID,ACTION,FREQ: Frequenza,REF_AREA: Territorio,DATA_TYPE: Tipo di indicatore demografico,SEX: Sesso,AGE: Età,MARITAL_STATUS: Stato civile,TIME_PERIOD: Periodo di riferimento,OBS_VALUE: Valore osservato,CONF_STATUS: Stato di riservatezza,OBS_STATUS: Stato dell'osservazione,UNIT_MULT: Moltiplicatore";
    const row = (area: string, value: string, extra = ",,") =>
      `dataflow,IT1:22_289(1.0): Popolazione residente al 1° gennaio,I,A: annuale,${area},JAN: popolazione al 1º gennaio,9: totale,TOTAL: totale,99: totale,2024,${value}${extra}`;
    const file = fixture(lf(header, row("055022: Narni", "18836"), row("055004: Amalia", "11489"), row("055003: Alviano", "", ",C: riservato,,"), row("055014: Giove", "1800", ",,,3")), "utf8", "22_289-etichette.csv");
    const report = await run(file, { dryRun: true, map: ["SEX=9=POP_TOT"] });
    expect(report.fileErrors).toEqual([]);
    expect(report.sdmx).toMatchObject({ dataflow: "IT1:22_289(1.0)", dimensions: [] });
    expect(report.sdmx?.series[0]?.labels).toMatchObject({ SEX: "totale", FREQ: "annuale" });
    // Giove's row is in thousands (UNIT_MULT 3): refused, naming the column.
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.message).toContain('colonna "UNIT_MULT: Moltiplicatore"');
    expect(report.errors[0]?.message).toContain("valore in unità di 10^3 (UNIT_MULT)");
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringContaining("codice 055004 è Amelia, il nome dice Amalia: vale il codice")]);
    const committed = await run(file, { map: ["SEX=9=POP_TOT"], validOnly: true, acceptWarnings: true });
    expect(committed).toMatchObject({ status: "committed", inserted: 3, rejected: 1 });
    const alviano = await suite.handle.db.selectFrom("observation").select(["value", "missing_reason"]).where("comune_istat", "=", "055003").executeTakeFirstOrThrow();
    expect(alviano).toEqual({ value: null, missing_reason: "confidential" });
  });

  it("reads the older I.Stat export (ITTER107 and a label column after each code, TIME, Value)", async () => {
    const header = "ITTER107,Territorio,TIPO_DATO15,Tipo di indicatore demografico,SEXISTAT1,Sesso,ETA1,Età,STATCIV2,Stato civile,TIME,Seleziona periodo,Value,Flag Codes,Flags";
    const rows = [
      "055022,Narni,JAN,popolazione al 1º gennaio,9,totale,TOTAL,totale,99,totale,2019,2019,19252,,",
      "055004,Amelia,JAN,popolazione al 1º gennaio,9,totale,TOTAL,totale,99,totale,2019,2019,11828,,",
      "ITI22,Terni,JAN,popolazione al 1º gennaio,9,totale,TOTAL,totale,99,totale,2019,2019,220000,,",
    ];
    const report = await run(fixture(lf(header, ...rows)), { dryRun: true, map: ["SEXISTAT1=9=POP_TOT"] });
    expect(report.fileErrors).toEqual([]);
    expect(report).toMatchObject({ format: "valori, SDMX-CSV", inserted: 2, warningsTotal: 0 });
    expect(report.mapping?.find((m) => m.header === "Territorio")?.field).toBe("comuneName");
    expect(report.sdmx?.series[0]?.labels).toMatchObject({ SEXISTAT1: "totale", TIPO_DATO15: "popolazione al 1º gennaio" });
  });

  it("a rule naming a dimension the file lacks, or an indicator outside the catalogue, is refused", async () => {
    const file = fixture(crlf(V1_HEADER, ...v1Rows(["2024"])));
    const report = await run(file, { dryRun: true, map: ["SESSO=9=POP_TOT", "SEX=1=POP_MASCHI"] });
    expect(report.fileErrors.slice(0, 2)).toEqual([
      "Corrispondenza «SESSO=9=POP_TOT»: il file non ha la dimensione «SESSO» (dimensioni: FREQ, DATA_TYPE, SEX, AGE, MARITAL_STATUS).",
      "Corrispondenza «SEX=1=POP_MASCHI»: «POP_MASCHI» non è un indicatore del catalogo.",
    ]);
    expect(await listColumnMappings(suite.handle.db, TEST_ZONE)).toEqual([]);
  });

  it("the 41_983 export with ITTER107, as the web service writes it", async () => {
    const header = "DATAFLOW,FREQ,ESITO,ITTER107,TIPO_DATO,TIME_PERIOD,OBS_VALUE,BREAK,CONF_STATUS,OBS_PRE_BREAK,OBS_STATUS,BASE_PER,UNIT_MEAS,UNIT_MULT,METADATA_EN,METADATA_IT";
    const rows = ["IT1:41_983(1.0),A,F,055022,KILLINJ,2018,87,,,,,,,,,", "IT1:41_983(1.0),A,M,055022,KILLINJ,2018,2,,,,,,,,,"];
    const report = await run(fixture(lf(header, ...rows)), { dryRun: true, map: ["ESITO=F=UTENTI_SS", "ESITO=M=ignora"] });
    expect(report.fileErrors).toEqual([]);
    expect(report).toMatchObject({ inserted: 1, sdmx: { dataflow: "IT1:41_983(1.0)", dimensions: ["ESITO"] } });
  });
});
