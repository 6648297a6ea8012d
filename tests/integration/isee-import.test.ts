import path from "node:path";
import { describe, expect, it } from "vitest";
import { listIseeDistributions, storedIseeDistribution } from "@/db/queries/isee";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { fixture, lf } from "@/tests/helpers/files";

/**
 * The `isee` import kind: users per ISEE band, or one anonymous user per row,
 * per service and year. The preview writes nothing and says what the commit
 * writes; a new file replaces the whole distribution of its service and year
 * (bands it does not restate are withdrawn); undo restores the previous one.
 */
const ZONE = "UMB-11";

describe.each(testEngines())("isee import ($name)", (engine) => {
  const suite = demoSuite(engine);
  const run = (file: string, dryRun = false) =>
    runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: "isee", zoneCode: ZONE, dryRun, validOnly: false, userLabel: "analista@esempio.it", currentYear: 2025 });
  const stored = (year: number) => storedIseeDistribution(suite.handle.db, ZONE, "SAD_ANZIANI", year);

  it("the demo ships the home-care distribution as bands that add up to its users", async () => {
    const list = await listIseeDistributions(suite.handle.db, ZONE);
    expect(list.map((d) => `${d.serviceCode} ${d.year}`)).toEqual(["SAD_ANZIANI 2025", "SAD_ANZIANI 2024"]);
    const d = await stored(2025);
    expect(d?.kind).toBe("bands");
    if (d?.kind !== "bands") return;
    expect(d.bands.reduce((s, b) => s + b.users, 0)).toBe(list[0]!.users);
    expect(d.bands[0]).toMatchObject({ from: 0, to: 3000 });
    expect(d.bands.at(-1)).toMatchObject({ from: 30000, to: null });
  });

  it("bands replace the service's distribution of the year; the preview writes nothing; undo restores it", async () => {
    const before = await stored(2025);
    const file = fixture(lf("anno;servizio;isee_inizio;isee_fine;utenti;esenti", "2025;SAD_ANZIANI;0;5.000;10;2", "2025;SAD_ANZIANI;5.000;15.000;20;", "2025;SAD_ANZIANI;15.000;;5;0"));
    const preview = await run(file, true);
    expect(preview).toMatchObject({ status: "previewed", kind: "isee", inserted: 3, rejected: 0 });
    expect(preview.notes.join(" ")).toMatch(/8 fasce non più presenti sono ritirate \(SAD_ANZIANI 2025: 8\)/);
    expect(await stored(2025)).toEqual(before);
    const commit = await run(file);
    expect(commit).toMatchObject({ status: "committed", inserted: 3 });
    expect(await stored(2025)).toEqual({
      kind: "bands",
      bands: [
        { from: 0, to: 5000, users: 10, exempt: 2 },
        { from: 5000, to: 15000, users: 20, exempt: 0 },
        { from: 15000, to: null, users: 5, exempt: 0 },
      ],
    });
    // The other year is not touched.
    expect((await stored(2024))?.kind).toBe("bands");
    // The same file again changes nothing.
    expect((await run(file)).status).toBe("unchanged");
    await revertBatch(suite.handle, commit.batchId!, "test");
    expect(await stored(2025)).toEqual(before);
  });

  it("one anonymous user per row: equal values are one point with their users; the simulator reads them back as values", async () => {
    const file = fixture(lf("anno;servizio;isee;esente", "2024;CENTRO_DIURNO_DIS;8.450,00;no", "2024;CENTRO_DIURNO_DIS;0;sì", "2024;CENTRO_DIURNO_DIS;8.450,00;", "2024;CENTRO_DIURNO_DIS;21.000;no"));
    const commit = await run(file);
    expect(commit).toMatchObject({ status: "committed", inserted: 3, rejected: 0 });
    expect(commit.notes.join(" ")).toMatch(/4 utenti con il loro ISEE, conservati come 3 valori distinti/);
    expect(await storedIseeDistribution(suite.handle.db, ZONE, "CENTRO_DIURNO_DIS", 2024)).toEqual({ kind: "values", values: [0, 8450, 8450, 21000], exempt: 1 });
    await revertBatch(suite.handle, commit.batchId!, "test");
    expect(await storedIseeDistribution(suite.handle.db, ZONE, "CENTRO_DIURNO_DIS", 2024)).toBeNull();
  });

  it("bad rows get Italian messages naming the row and the column; nothing is written", async () => {
    const before = await stored(2025);
    const file = fixture(
      lf(
        "anno;servizio;isee_inizio;isee_fine;utenti;esenti;isee",
        "2025;SAD_ANZIANI;0;3.000;10;12;",
        "2025;SAD_ANZIANI;6.000;4.000;3;;",
        "2025;SAD_ANZIANI;0;3.000;10;;",
        "2025;SAD_ANZIANI;2.000;8.000;3;;",
        "2025;SAD_ANZIANI;;;;;7.000",
        "2025;NON_ESISTE;0;3.000;1;;",
        "2025;SAD_ANZIANI;9.000;;;;",
        "2026;SAD_ANZIANI;9.000;;4;;",
      ),
    );
    const r = await run(file);
    expect(r.status).toBe("rejected");
    const messages = r.errors.map((e) => e.message);
    expect(messages).toEqual([
      'Riga 2, colonna "esenti": "12" più esenti che utenti nella fascia.',
      'Riga 3, colonna "isee_fine": "4.000" la fascia finisce prima di iniziare: l\'ISEE di fine deve essere maggiore di quello di inizio.',
      'Riga 5, colonna "isee_inizio": "2.000" la fascia si sovrappone a quella della riga 4 (0–3.000 €).',
      'Riga 6, colonna "isee": "7.000" il servizio SAD_ANZIANI nel 2025 ha già utenti per fascia (riga 4): non mescolare le due forme.',
      'Riga 7, colonna "servizio": "NON_ESISTE" servizio (importare prima i «servizi») sconosciuto.',
      'Riga 8, colonna "utenti": mancano gli utenti della fascia (colonna «utenti»).',
      'Riga 9, colonna "anno": "2026" l\'anno è dopo l\'anno in corso.',
    ]);
    expect(await stored(2025)).toEqual(before);
  });
});
