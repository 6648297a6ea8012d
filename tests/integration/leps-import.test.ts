import path from "node:path";
import { describe, expect, it } from "vitest";
import { lepsChecklist, setLepsItem } from "@/db/queries/leps";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { fixture, lf } from "@/tests/helpers/files";

/**
 * The LEPS checklist as an import kind: preview = commit, all or nothing,
 * rows named by line and column, a row equal to the current state changes
 * nothing, and undo brings back the states it replaced.
 */
const ZONE = "UMB-06";

describe.each(testEngines())("leps import ($name)", (engine) => {
  const suite = demoSuite(engine);

  const run = (file: string, dryRun: boolean) =>
    runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun, validOnly: false, userLabel: "pianificatore@esempio.it", acceptWarnings: false, currentYear: 2025 });
  const states = async () => Object.fromEntries((await lepsChecklist(suite.handle.db, ZONE)).map((i) => [i.code, [i.state, i.evidence, i.assessedOn, i.setBy]]));

  it("recognises the kind, previews what the commit writes, and undo restores every state", async () => {
    const before = await states();
    const file = fixture(
      lf(
        "voce;stato;evidenza;collegamento;data",
        "pronto_intervento;non attivo;Convenzione scaduta;https://example.org/a;30/09/2025",
        "Dimissioni protette;attivo;Protocollo firmato con l'azienda sanitaria;;01/10/2025",
        `supervisione;${String(before.supervisione![0]).replace("_", " ")};${before.supervisione![1] ?? ""};;${String(before.supervisione![2]).split("-").reverse().join("/")}`,
      ),
    );
    const preview = await run(file, true);
    expect(preview).toMatchObject({ status: "previewed", kind: "leps", inserted: 0, updated: 2, unchanged: 1, rejected: 0 });
    expect(preview.changes.map((c) => c.label)).toEqual(["Pronto intervento sociale (24 ore su 24)", "Dimissioni protette"]);
    expect(await states()).toEqual(before);
    const commit = await run(file, false);
    expect(commit).toMatchObject({ status: "committed", inserted: preview.inserted, updated: preview.updated, unchanged: preview.unchanged });
    const after = await states();
    expect(after.pronto_intervento).toEqual(["non_attivo", "Convenzione scaduta", "2025-09-30", "pianificatore@esempio.it"]);
    expect(after.dimissioni_protette).toEqual(["attivo", "Protocollo firmato con l'azienda sanitaria", "2025-10-01", "pianificatore@esempio.it"]);
    expect(after.supervisione).toEqual(before.supervisione);
    await revertBatch(suite.handle, commit.batchId!, "test");
    expect(await states()).toEqual(before);
  });

  it("refuses the whole file naming row and column; a state changed in the app since blocks the undo", async () => {
    const before = await states();
    const bad = fixture(lf("voce;stato;evidenza;collegamento;data", "pronto_intervento;attivo;;non-un-indirizzo;30/09/2025", "non_esiste;attivo;;;30/09/2025", "supervisione;forse;;;30/09/2025", "supervisione;attivo;;;31/12/2026"));
    const report = await run(bad, false);
    expect(report.status).toBe("rejected");
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Riga 2, colonna "collegamento": "non-un-indirizzo" indirizzo non valido/),
      expect.stringMatching(/^Riga 3, colonna "voce": "non_esiste"/),
      expect.stringMatching(/^Riga 4, colonna "stato": "forse"/),
      expect.stringMatching(/^Riga 5, colonna "data": "31\/12\/2026" la data è dopo l'anno in corso/),
    ]);
    expect(await states()).toEqual(before);

    const good = fixture(lf("voce;stato;data", "residenza_fittizia;attivo;15/09/2025"));
    const commit = await run(good, false);
    expect(commit.status).toBe("committed");
    await setLepsItem(suite.handle.db, ZONE, { item: "residenza_fittizia", state: "in_avvio", evidence: null, evidenceUrl: null, assessedOn: "2025-10-01" }, "altro@esempio.it");
    await expect(revertBatch(suite.handle, commit.batchId!, "test")).rejects.toThrow(/«Servizi per la residenza fittizia» è stato cambiato dopo, da una modifica fatta nella pagina LEPS/);
  });
});
