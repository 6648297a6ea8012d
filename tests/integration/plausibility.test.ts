import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { runImport, type ImportRequest } from "@/imports/run";
import type { ImportReport } from "@/imports/report";
import { resetData, testEngines } from "@/tests/helpers/db";
import { crlf, fixture } from "@/tests/helpers/files";
import { zoneFragility } from "@/db/queries/fragility";

/**
 * A catalogue and a values file as a new user would write them (issue 9):
 * polarity signs and the scale of % rates kept, and every plausibility rule
 * of lib/indicators/plausibility.ts applied by the import, errors on their
 * row and warnings that a commit needs accepted.
 */
const ZONE = "UMB-11";
const CURRENT_YEAR = 2026;

const CATALOGUE = crlf(
  "codice;nome;tema;unità di misura;polarità;aggregazione;numeratore;denominatore;scala;conteggio_persone;decimali;fonte;descrizione;minimo;massimo",
  "PERC_ANZ_SOLI_UDP;Anziani che vivono soli;fragilita;%;−1;rapporto;;;;no;2;ISTAT, censimento;Residenti di 65 anni e più che vivono soli sul totale dei residenti di 65 anni e più.;;",
  "PERC_MINORI_CARICO;Minori in carico al servizio sociale;bisogni;%;-1;rapporto;;;;no;2;Ufficio di Piano;Minori in carico sul totale dei residenti di 0-17 anni.;;",
  "COPERTURA_ADI;Copertura dell'assistenza domiciliare integrata;qualita;%;+1;rapporto;;;;no;2;ASL;Anziani assistiti in ADI sul totale dei residenti di 65 anni e più.;;",
  "VAR_ACCESSI_PUA;Variazione degli accessi al PUA;qualita;%;più alto è meglio;rapporto;;;;no;1;Ufficio di Piano;Variazione percentuale degli accessi rispetto all'anno prima.;-100;500",
  "MINORI_CARICO_UDP;Minori in carico;bisogni;persone;negativa;somma;;;;sì;0;Ufficio di Piano;Minori in carico al servizio sociale professionale.;;",
);

const VALUES = crlf(
  "indicatore;comune;periodo;valore;numeratore;denominatore",
  "PERC_ANZ_SOLI_UDP;Narni;2024;30,11;1.727;5.735",
  "PERC_ANZ_SOLI_UDP;Amelia;2024;28,70;1.012;3.526",
  "PERC_MINORI_CARICO;Narni;2024;3,41;90;2.640",
  "COPERTURA_ADI;Narni;2024;4,18;240;5.735",
);

describe.each(testEngines())("catalogue and values that keep their meaning on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    await resetData(handle.db);
    expect(await run(CATALOGUE, { zoneCode: null })).toMatchObject({ status: "committed", inserted: 5, rejected: 0 });
  });

  async function run(content: string, options: Partial<ImportRequest> = {}): Promise<ImportReport> {
    const file = fixture(content);
    return runImport(handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun: false, validOnly: false, userLabel: "test", currentYear: CURRENT_YEAR, ...options });
  }
  const messages = (r: ImportReport) => r.errors.map((e) => e.message).join(" | ");

  it("stores each polarity with its sign and a % rate's scale as 100", async () => {
    const rows = await handle.db.selectFrom("indicator").select(["code", "polarity", "scale", "valid_min", "valid_max"]).where("batch_id", "is not", null).orderBy("code").execute();
    expect(rows.map((r) => [r.code, r.polarity, r.scale === null ? null : Number(r.scale)])).toEqual([
      ["COPERTURA_ADI", 1, 100],
      ["MINORI_CARICO_UDP", -1, null],
      ["PERC_ANZ_SOLI_UDP", -1, 100],
      ["PERC_MINORI_CARICO", -1, 100],
      ["VAR_ACCESSI_PUA", 1, 100],
    ]);
    const range = rows.find((r) => r.code === "VAR_ACCESSI_PUA");
    expect([Number(range?.valid_min), Number(range?.valid_max)]).toEqual([-100, 500]);
  });

  it("the fragility index of the imported catalogue and values matches a hand computation (signs and % scale kept)", async () => {
    // Three comuni with both rates; the other nine lack them and are left out (the zone's reference is over these three).
    const values = crlf(
      "indicatore;comune;periodo;valore;numeratore;denominatore",
      "PERC_ANZ_SOLI_UDP;055022;2024;30,11;1.727;5.735",
      "PERC_ANZ_SOLI_UDP;055004;2024;28,70;1.012;3.526",
      "PERC_ANZ_SOLI_UDP;055026;2024;30,00;300;1.000",
      "COPERTURA_ADI;055022;2024;4,18;240;5.735",
      "COPERTURA_ADI;055004;2024;2,84;100;3.526",
      "COPERTURA_ADI;055026;2024;5,00;50;1.000",
    );
    expect(await run(values)).toMatchObject({ status: "committed", inserted: 6 });
    const result = await zoneFragility(handle.db, ZONE, { year: 2024, indicators: ["PERC_ANZ_SOLI_UDP", "COPERTURA_ADI"] });
    // By hand: Ref = Σ num / Σ den × 100 over the three; r = 100 ± 60 (x − Ref) / (Max − Min), "+" for
    // "anziani soli" (polarity −1: more is more fragile), "−" for the ADI coverage (polarity +1); AMPI+ = M + S·cv.
    const refSoli = (3039 / 10261) * 100;
    const refAdi = (390 / 10261) * 100;
    const x: Record<string, [number, number]> = { "055022": [30.11, 4.18], "055004": [28.7, 2.84], "055026": [30, 5] };
    const ampi = (istat: string) => {
      const [soli, adi] = x[istat]!;
      const r = [100 + (60 * (soli - refSoli)) / (30.11 - 28.7), 100 - (60 * (adi - refAdi)) / (5 - 2.84)];
      const m = (r[0]! + r[1]!) / 2;
      const sd = Math.sqrt(((r[0]! - m) ** 2 + (r[1]! - m) ** 2) / 2);
      return m + sd * (sd / m);
    };
    for (const istat of Object.keys(x)) expect(result.units.find((u) => u.unit === istat)?.index).toBeCloseTo(ampi(istat), 8);
    // Amelia: fewest lonely elderly, but the lowest ADI coverage; the ranking follows the hand figures.
    const ranked = result.units.filter((u) => u.index !== null).sort((a, b) => a.rank! - b.rank!).map((u) => u.unit);
    expect(ranked).toEqual(Object.keys(x).sort((a, b) => ampi(b) - ampi(a)));
    expect(result.units.filter((u) => u.index === null)).toHaveLength(9);
  });

  it("a dry run that changes a polarity from 1 to -1 reports it changed", async () => {
    const report = await run(CATALOGUE.replace(";%;+1;rapporto", ";%;-1;rapporto"), { zoneCode: null, dryRun: true });
    expect(report).toMatchObject({ updated: 1, unchanged: 4 });
    expect(report.changes[0]).toMatchObject({ label: "COPERTURA_ADI", before: "polarity: 1", after: "polarity: -1" });
  });

  it("imports the four % rates with value, numerator and denominator", async () => {
    const report = await run(VALUES);
    expect(report).toMatchObject({ status: "committed", inserted: 4, rejected: 0, warningsTotal: 0 });
  });

  it("refuses a value that disagrees with its numerator and denominator", async () => {
    const report = await run(VALUES.replace("30,11;1.727", "31,11;1.727"), { dryRun: true });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ line: 2, column: "valore" });
    expect(messages(report)).toMatch(/regola «coerenza con numeratore e denominatore»: 1\.727 \/ 5\.735 × 100 fa 30,113/);
  });

  it("a ratio without a declared scale is checked against the scale its values imply", async () => {
    await handle.db.updateTable("indicator").set({ scale: null, unit: "quota" }).where("code", "=", "COPERTURA_ADI").execute();
    const ok = await run(crlf("indicatore;comune;periodo;valore;numeratore;denominatore", "COPERTURA_ADI;Narni;2024;4,18;240;5.735", "COPERTURA_ADI;Amelia;2024;41,8;240;5.735"), { dryRun: true });
    expect(ok.errors.map((e) => e.line)).toEqual([3]);
  });

  it("refuses a percentage above 100, unless the catalogue's range allows it", async () => {
    const report = await run(crlf("indicatore;comune;periodo;valore", "PERC_MINORI_CARICO;Narni;2023;120", "VAR_ACCESSI_PUA;Narni;2023;120", "VAR_ACCESSI_PUA;Amelia;2023;600"), { dryRun: true });
    expect(report.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(messages(report)).toMatch(/regola «percentuale».*regola «intervallo valido»: per il catalogo VAR_ACCESSI_PUA vale tra −100 e 500/);
  });

  it("refuses a negative or fractional count of people", async () => {
    const report = await run(crlf("indicatore;comune;periodo;valore", "MINORI_CARICO_UDP;Narni;2024;-2", "MINORI_CARICO_UDP;Amelia;2024;2,5", "MINORI_CARICO_UDP;Otricoli;2024;3"), { dryRun: true });
    expect(report.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(messages(report)).toMatch(/regola «conteggio di persone»/);
  });

  it("a value 10× the same territory's previous year is a warning: the commit needs it accepted", async () => {
    expect(await run(crlf("indicatore;comune;periodo;valore", "MINORI_CARICO_UDP;Narni;2023;12"))).toMatchObject({ status: "committed" });
    const file = crlf("indicatore;comune;periodo;valore", "MINORI_CARICO_UDP;Narni;2024;120", "MINORI_CARICO_UDP;Amelia;2023;5", "MINORI_CARICO_UDP;Amelia;2024;6");
    const preview = await run(file, { dryRun: true });
    expect(preview).toMatchObject({ status: "previewed", rejected: 0, warningsTotal: 1 });
    expect(preview.warnings[0]).toMatchObject({ line: 2 });
    expect(preview.warnings[0]?.message).toMatch(/10 volte il valore dello stesso territorio nel 2023/);
    const before = await handle.db.selectFrom("observation").select(({ fn }) => fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow();
    const refused = await run(file);
    expect(refused).toMatchObject({ status: "rejected", batchId: null });
    expect(refused.fileErrors[0]).toMatch(/avviso da confermare.*--accept-warnings/);
    const after = await handle.db.selectFrom("observation").select(({ fn }) => fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await run(file, { acceptWarnings: true })).toMatchObject({ status: "committed", inserted: 3 });
  });

  it("the previous year may come from the same file", async () => {
    const preview = await run(crlf("indicatore;comune;periodo;valore", "MINORI_CARICO_UDP;Narni;2023;1", "MINORI_CARICO_UDP;Narni;2024;10"), { dryRun: true });
    expect(preview.warnings.map((w) => w.line)).toEqual([3]);
  });

  it("a period after the current year or before 1990 is a warning", async () => {
    const preview = await run(crlf("indicatore;comune;periodo;valore", `MINORI_CARICO_UDP;Narni;${CURRENT_YEAR + 1};3`, "MINORI_CARICO_UDP;Narni;1985;3", `MINORI_CARICO_UDP;Narni;${CURRENT_YEAR};3`), { dryRun: true });
    expect(preview.warnings.map((w) => [w.line, w.column])).toEqual([
      [2, "periodo"],
      [3, "periodo"],
    ]);
    expect(preview.warnings.map((w) => w.message).join(" ")).toMatch(/dopo l'anno in corso.*prima del 1990/);
  });
});
