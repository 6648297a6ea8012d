import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateToLatest } from "@/db/migrate";
import { loadReferenceData } from "@/db/reference/load";
import { loadCatalog } from "@/db/catalog/load";
import { listColumnMappings } from "@/db/queries/column-mappings";
import { testEngines } from "@/tests/helpers/db";
import { importSuite, TEST_ZONE } from "@/tests/helpers/import-suite";
import { fixture, lf } from "@/tests/helpers/files";
import type { ImportReport } from "@/imports/report";
import { ImportReportSchema } from "@/lib/api/schemas";

/**
 * Column mapping (issue 12, item 4): a file whose columns the importer cannot
 * read by itself is read with the user's mapping, the commit saves it for the
 * zone keyed by the file's headers, and the next file with the same headers
 * is read the same way without asking.
 */
const EXTRACTION = ["Località;Misura;Anno;Valore", "Narni;POP_TOT;2024;19.313", "Amelia;POP_TOT;2024;11.845"];
const MAP = ["Località=comune", "Misura=indicatore"];

/** The counts and messages a preview and its commit must share. */
const outcome = (r: ImportReport) => ({ kind: r.kind, format: r.format, rowsRead: r.rowsRead, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, errors: r.errors, mapping: r.mapping });

describe.each(testEngines())("column mapping on $name", (engine) => {
  const suite = importSuite(engine);
  const run = suite.run;

  it("a file with unknown columns is not read: the preview lists the columns with guesses and sample values", async () => {
    const report = await run(fixture(lf(...EXTRACTION, "Orvieto;POP_TOT;2024;20.000")), { dryRun: true });
    expect(report.fileErrors.join(" ")).toContain("Colonna sconosciuta «Località» (colonna 1)");
    expect(report.fileErrors.join(" ")).toContain("Manca la colonna obbligatoria «comune»");
    expect(report.fileErrors.at(-1)).toContain('--map "Località=comune"');
    expect(report.mappingNeeded).toBe(true);
    expect(report.mapping?.[0]).toMatchObject({ index: 0, header: "Località", field: null, origin: null, samples: ["Narni", "Amelia", "Orvieto"] });
    expect(report.mapping?.[3]).toMatchObject({ header: "Valore", field: "value", origin: "guessed", samples: ["19.313", "11.845", "20.000"] });
    expect(report.mapping?.[3]?.candidates?.[0]).toMatchObject({ field: "value", score: 100 });
    expect(report.mappingSave).toBeNull();
  });

  it("with --map the file is read; the preview equals the commit, and only the commit saves the mapping", async () => {
    const file = fixture(lf(...EXTRACTION), "utf8", "estrazione-2024.csv");
    const preview = await run(file, { dryRun: true, map: MAP });
    expect(preview.fileErrors).toEqual([]);
    expect(preview).toMatchObject({ status: "previewed", inserted: 2, mappingNeeded: false, mappingSave: { name: "estrazione-2024", replaces: false } });
    expect(preview.mapping?.map((m) => [m.header, m.field, m.origin])).toEqual([
      ["Località", "comune", "chosen"],
      ["Misura", "indicator", "chosen"],
      ["Anno", "period", "guessed"],
      ["Valore", "value", "guessed"],
    ]);
    expect(await listColumnMappings(suite.handle.db, TEST_ZONE)).toEqual([]);

    const committed = await run(file, { map: MAP });
    expect(committed.status).toBe("committed");
    expect(outcome(committed)).toEqual(outcome(preview));
    const saved = await listColumnMappings(suite.handle.db, TEST_ZONE);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ kind: "valori", name: "estrazione-2024", createdBy: "test" });
    expect(saved[0]?.mapping.columns).toEqual([
      { header: "Località", field: "comune" },
      { header: "Misura", field: "indicator" },
      { header: "Anno", field: "period" },
      { header: "Valore", field: "value" },
    ]);
    const audit = await suite.handle.db.selectFrom("audit_event").select("details").where("action", "=", "import.commit").executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ columnMapping: "estrazione-2024" });
  });

  it("a second file with the same headers (another order and case) is read with the saved mapping, and says so", async () => {
    await run(fixture(lf(...EXTRACTION), "utf8", "estrazione-2024.csv"), { map: MAP });
    const second = fixture(lf("MISURA;anno;LOCALITÀ;valore", "POP_TOT;2025;Narni;19.100", "POP_TOT;2025;055004;11.800"), "utf8", "estrazione-2025.csv");
    const preview = await run(second, { dryRun: true });
    expect(preview.fileErrors).toEqual([]);
    expect(preview).toMatchObject({ inserted: 2, mappingSave: null, savedMapping: { name: "estrazione-2024", automatic: true, savedBy: "test" } });
    expect(preview.mapping?.map((m) => [m.header, m.field, m.origin])).toEqual([
      ["MISURA", "indicator", "saved"],
      ["anno", "period", "saved"],
      ["LOCALITÀ", "comune", "saved"],
      ["valore", "value", "saved"],
    ]);
    const committed = await run(second);
    expect(committed).toMatchObject({ status: "committed", inserted: 2 });
    expect(outcome(committed)).toEqual(outcome(preview));
    // The API publishes the report's shape: both answers fit it.
    for (const r of [preview, committed]) expect(ImportReportSchema.safeParse(r).error).toBeUndefined();
    const values = await suite.handle.db.selectFrom("observation").select(["comune_istat", "period", "value"]).where("period", "=", "2025").orderBy("comune_istat").execute();
    expect(values.map((v) => [v.comune_istat, Number(v.value)])).toEqual([
      ["055004", 11800],
      ["055022", 19100],
    ]);
  });

  it("the user can change a saved mapping: the new choice wins and replaces it at the commit", async () => {
    await run(fixture(lf(...EXTRACTION), "utf8", "estrazione-2024.csv"), { map: MAP });
    const withNote = fixture(lf("Località;Misura;Anno;Valore", "Narni;POP_TOT;2023;19.400"), "utf8", "estrazione-2023.csv");
    const report = await run(withNote, { map: ["Località=nome_comune"], dryRun: true });
    // Località as the name only leaves "comune" without a column: the mapping must say where it is.
    expect(report.fileErrors.join(" ")).toContain("Manca la colonna obbligatoria «comune»");
    expect(report.mapping?.[0]).toMatchObject({ field: "comuneName", origin: "chosen" });
    expect(report.mapping?.[1]).toMatchObject({ field: "indicator", origin: "saved" });

    const changed = await run(withNote, { map: ["Località=comune", "Misura=indicatore", "Anno=periodo"], mappingName: "Estrazione ASL" });
    expect(changed).toMatchObject({ status: "committed", mappingSave: { name: "Estrazione ASL", replaces: true } });
    const saved = await listColumnMappings(suite.handle.db, TEST_ZONE);
    expect(saved.map((m) => m.name)).toEqual(["Estrazione ASL"]);
  });

  it("--mapping NAME applies a saved mapping to a file with other headers; an unknown name is refused naming the saved ones", async () => {
    await run(fixture(lf(...EXTRACTION), "utf8", "estrazione-2024.csv"), { map: MAP });
    const other = fixture(lf("Località;Misura;Anno;Valore;Operatore", "Narni;POP_TOT;2022;19.500;Rossi"), "utf8", "altro.csv");
    const automatic = await run(other, { dryRun: true });
    expect(automatic.savedMapping).toBeNull();
    expect(automatic.mappingNeeded).toBe(true);

    const named = await run(other, { dryRun: true, mappingName: "ESTRAZIONE-2024", map: ["Operatore=ignora"] });
    expect(named.fileErrors).toEqual([]);
    // Saved beside the named one, under the file's name: the named mapping stays as it was for its own headers.
    expect(named).toMatchObject({ inserted: 1, savedMapping: { name: "estrazione-2024", automatic: false }, mappingSave: { name: "altro", replaces: false } });
    expect(named.mapping?.[4]).toMatchObject({ header: "Operatore", field: null, origin: "chosen" });
    expect(named.mapping?.[0]).toMatchObject({ header: "Località", field: "comune", origin: "saved" });
    const committed = await run(other, { mappingName: "estrazione-2024", map: ["Operatore=ignora"] });
    expect(committed.status).toBe("committed");
    expect((await listColumnMappings(suite.handle.db, TEST_ZONE)).map((m) => m.name).sort()).toEqual(["altro", "estrazione-2024"]);
    const again = await run(fixture(lf("Località;Misura;Anno;Valore;Operatore", "Narni;POP_TOT;2021;19.600;Bianchi")), { dryRun: true });
    expect(again.savedMapping).toMatchObject({ name: "altro", automatic: true });
    expect(again.inserted).toBe(1);

    const unknown = await run(other, { dryRun: true, mappingName: "nessuna-così" });
    expect(unknown.fileErrors).toEqual(["Nessuna corrispondenza delle colonne «nessuna-così» salvata per la zona UMB-11 (salvate: «altro», «estrazione-2024»)."]);
  });

  it("a wrong --map names the file's columns or the kind's fields; one field for two columns is refused", async () => {
    const file = fixture(lf(...EXTRACTION));
    const noColumn = await run(file, { dryRun: true, map: ["Cod. ISTAT=comune", "Misura=indicatore"] });
    expect(noColumn.fileErrors[0]).toBe("Corrispondenza «Cod. ISTAT=comune»: il file non ha una colonna «Cod. ISTAT» (colonne: «Località», «Misura», «Anno», «Valore»).");
    const noField = await run(file, { dryRun: true, map: ["Località=territorio", "Misura=indicatore"] });
    expect(noField.fileErrors[0]).toContain("«territorio» non è un campo di «valori». Campi possibili: indicatore, comune, nome_comune, periodo, valore");
    const twice = await run(file, { dryRun: true, map: ["Località=comune", "Misura=comune"] });
    expect(twice.fileErrors[0]).toBe("Il campo «comune» è assegnato a due colonne: «Località» (colonna 1) e «Misura» (colonna 2).");
    const malformed = await run(file, { dryRun: true, map: ["Località"] });
    expect(malformed.fileErrors[0]).toContain("Corrispondenza «Località» non valida: scrivere colonna=campo");
    expect(await listColumnMappings(suite.handle.db, TEST_ZONE)).toEqual([]);
  });

  it("a value column headed «Totale» is read as the indicator the map names; the next file with those headers needs no map", async () => {
    // ISTAT's population export: the code, the name, the year and one value column with no catalogue code.
    const rows = ["Codice comune;Denominazione;Anno;Totale", "055022;Narni;2024;18.804", "055004;Amelia;2024;11.602"];
    const unmapped = await run(fixture(lf(...rows)), { dryRun: true });
    expect(unmapped.kind).toBe("valori");
    expect(unmapped.mappingNeeded).toBe(true);
    expect(unmapped.fileErrors[0]).toBe('La colonna «Totale» (colonna 4) non ha il codice di un indicatore del catalogo: indicare quale indicatore contiene (per esempio --map "Totale=POP_TOT") oppure «ignora».');
    expect(unmapped.fileErrors.join(" ")).not.toContain("Manca la colonna obbligatoria");
    expect(unmapped.fileErrors.at(-1)).toContain('--map "Totale=POP_TOT"');

    const wrongCode = await run(fixture(lf(...rows)), { dryRun: true, map: ["Totale=NON_ESISTE"] });
    expect(wrongCode.fileErrors[0]).toContain("«NON_ESISTE» non è un campo di «valori»");
    expect(wrongCode.fileErrors[0]).toContain("o il codice di un indicatore del catalogo");

    const file = fixture(lf(...rows), "utf8", "popolazione-istat.csv");
    const committed = await run(file, { map: ["Totale=pop_tot"] });
    expect(committed.fileErrors).toEqual([]);
    expect(committed).toMatchObject({ status: "committed", format: "valori, formato largo per indicatore", inserted: 2, rejected: 0 });
    const narni = await suite.handle.db
      .selectFrom("observation")
      .select(["indicator_code", "value"])
      .where("comune_istat", "=", "055022")
      .where("batch_id", "=", committed.batchId as number)
      .execute();
    expect(narni.map((r) => [r.indicator_code, Number(r.value)])).toEqual([["POP_TOT", 18804]]);
    const saved = await listColumnMappings(suite.handle.db, TEST_ZONE);
    expect(saved.find((m) => m.name === "popolazione-istat")?.mapping.columns).toContainEqual({ header: "Totale", field: "POP_TOT" });

    const next = await run(fixture(lf("Codice comune;Denominazione;Anno;Totale", "055022;Narni;2025;18.700")), { dryRun: true });
    expect(next.fileErrors).toEqual([]);
    expect(next).toMatchObject({ format: "valori, formato largo per indicatore", inserted: 1, savedMapping: { name: "popolazione-istat" } });
  });

  it("a rejected commit saves no mapping (all or nothing)", async () => {
    const bad = fixture(lf(...EXTRACTION, "Atlantide;POP_TOT;2024;1"));
    const report = await run(bad, { map: MAP });
    expect(report.status).toBe("rejected");
    expect(report.rejected).toBe(1);
    expect(await listColumnMappings(suite.handle.db, TEST_ZONE)).toEqual([]);
  });
});

/** The command line, as a user runs it, on a fresh embedded folder. */
describe("npm run import -- --map / --mapping", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-map-cli-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    const handle = await openDatabase({ dataDir, holder: { command: "test" } });
    try {
      await migrateToLatest(handle.db);
      await loadReferenceData(handle.db);
      await handle.db.transaction().execute((trx) => loadCatalog(trx));
    } finally {
      await handle.close();
    }
  }, 120_000);
  const cli = (...args: string[]) =>
    spawnSync("npx", ["tsx", "imports/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" } });

  it("--map commits and saves; the next file is read with the saved mapping, reported by --json; --help says how", () => {
    const first = fixture(lf(...EXTRACTION), "utf8", "estrazione-cli.csv");
    const committed = cli(first, "--zona", "UMB-11", "--map", "Località=comune", "--map", "Misura=indicatore", "--json");
    expect(committed.status, committed.stderr).toBe(0);
    const one = JSON.parse(committed.stdout) as { mapping: Record<string, unknown>[] };
    expect(one).toMatchObject({ status: "committed", inserted: 2, mappingSave: { name: "estrazione-cli" }, savedMapping: null });
    expect(one.mapping[0]).toMatchObject({ header: "Località", field: "comune", origin: "chosen" });

    const second = fixture(lf("Località;Misura;Anno;Valore", "Narni;POP_TOT;2025;19.100"), "utf8", "estrazione-cli-2025.csv");
    const text = cli(second, "--zona", "UMB-11", "--dry-run");
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain("Applicata la corrispondenza delle colonne «estrazione-cli» salvata per i file con queste intestazioni");
    expect(text.stdout).toContain("1. «Località» → comune (salvata)");

    const byName = cli(second, "--zona", "UMB-11", "--mapping", "estrazione-cli", "--dry-run", "--json");
    expect(JSON.parse(byName.stdout)).toMatchObject({ status: "previewed", inserted: 1, savedMapping: { name: "estrazione-cli", automatic: false } });

    const usage = cli(second, "--zona", "UMB-11", "--map", "Località");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("--map: Corrispondenza «Località» non valida");
    const help = cli("--help");
    expect(help.stdout).toContain('--map "COLONNA=CAMPO"');
    expect(help.stdout).toContain("--mapping NOME");
  }, 300_000);
});
