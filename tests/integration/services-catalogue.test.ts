import path from "node:path";
import { describe, expect, it } from "vitest";
import { listServices, serviceCategories } from "@/db/queries/services";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { fixture, lf } from "@/tests/helpers/files";
import { ISTAT_SERVICE_CATEGORY_CODES } from "@/lib/services/categories";

/**
 * The `servizi` import carries the catalogue's new fields (ISTAT category,
 * nomenclatore code and validity, management mode, comuni, sedi); bad cells
 * are named by row and column and nothing is written; undo restores them.
 */
const ZONE = "UMB-11";

describe.each(testEngines())("service catalogue ($name)", (engine) => {
  const suite = demoSuite(engine);

  const run = (file: string, dryRun = false) =>
    runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: false, currentYear: 2025 });

  it("keeps the ISTAT categories as reference data with their source, the same list as lib", async () => {
    const stored = await serviceCategories(suite.handle.db);
    expect(stored.map((c) => c.code)).toEqual([...ISTAT_SERVICE_CATEGORY_CODES].sort());
    expect(stored.every((c) => c.source.includes("CATEGORY_OF_SERVICE"))).toBe(true);
  });

  it("imports and filters the new fields; undo brings back the previous version", async () => {
    const before = await listServices(suite.handle.db, ZONE);
    expect(before.find((s) => s.code === "SAD_ANZIANI")).toMatchObject({ categoryCode: "HOMECARE", managementMode: "appalto" });
    const file = fixture(
      lf(
        "codice;nome;area_utenza;tipo_spesa;ente_gestore;categoria_istat;codice_nomenclatore;inizio_validita;fine_validita;modalita_gestione;comuni;sedi",
        "SAD_ANZIANI;Assistenza domiciliare anziani (SAD);anziani;interventi_servizi;Comune di Narni;Assistenza domiciliare socio-assistenziale;B1.01;01/01/2024;31/12/2026;accreditamento/voucher;\"055022; Amelia\";Sede di Narni | Sede di Amelia",
        "TELESOCCORSO;Telesoccorso;anziani;interventi_servizi;;REMASS;;;;convenzione;;",
      ),
    );
    const commit = await run(file);
    expect(commit).toMatchObject({ status: "committed", kind: "servizi", inserted: 1, updated: 1, rejected: 0 });
    const sad = (await listServices(suite.handle.db, ZONE)).find((s) => s.code === "SAD_ANZIANI")!;
    expect(sad).toMatchObject({ categoryCode: "HOMECARE", nomenclatoreCode: "B1.01", nomenclatoreFrom: "2024-01-01", nomenclatoreTo: "2026-12-31", managementMode: "accreditamento", sedi: ["Sede di Narni", "Sede di Amelia"] });
    expect(sad.comuni.map((c) => c.name)).toEqual(["Narni", "Amelia"]);
    expect((await listServices(suite.handle.db, ZONE, { category: "REMASS" })).map((s) => s.code)).toEqual(["TELESOCCORSO"]);
    expect((await listServices(suite.handle.db, ZONE, { area: "anziani", category: "HOMECARE" })).map((s) => s.code)).toEqual(["SAD_ANZIANI"]);
    await revertBatch(suite.handle, commit.batchId!, "test");
    expect(await listServices(suite.handle.db, ZONE)).toEqual(before);
  });

  it("refuses the file naming row and column: unknown category, a comune of another zone, dates the wrong way round", async () => {
    const file = fixture(
      lf(
        "codice;nome;area_utenza;tipo_spesa;categoria_istat;codice_nomenclatore;inizio_validita;fine_validita;comuni",
        "A;Uno;anziani;interventi_servizi;XYZ;;;;",
        "B;Due;anziani;interventi_servizi;;;;;Perugia",
        "C;Tre;anziani;interventi_servizi;;N1;01/01/2025;31/12/2024;",
      ),
    );
    const report = await run(file);
    expect(report.status).toBe("rejected");
    const messages = report.errors.map((e) => e.message).join("\n");
    expect(messages).toMatch(/Riga 2, colonna "categoria_istat"/);
    expect(messages).toMatch(/Riga 3, colonna "comuni".*Perugia.*non appartiene alla zona UMB-11/);
    expect(messages).toMatch(/Riga 4, colonna "fine_validita".*prima del suo inizio/);
    expect((await listServices(suite.handle.db, ZONE)).map((s) => s.code)).not.toContain("A");
  });
});
