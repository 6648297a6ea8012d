import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listComuniOfZone } from "@/db/queries/comuni";
import { valuesOf, zoneValuesAsShown } from "@/db/queries/values";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import type { Principal } from "@/lib/auth/roles";
import { exportNote, exportValue, shownText } from "@/lib/territory/shown";
import { resetData, testEngines } from "@/tests/helpers/db";
import { crlf, fixture } from "@/tests/helpers/files";

/**
 * ISTAT's conventional signs in an imported table: "-" is zero (so one tiny
 * comune's dash no longer blanks the zone's total), "....", ".." and "*"
 * leave the value missing with the reason kept, and a value the source
 * withheld is printed «riservato» on the pages and in downloads.
 */
const ZONE = "UMB-11";
const principal = (role: Principal["role"]): Principal => ({ kind: "user", id: role, label: role, role, zones: [ZONE], regions: [], readOnly: false });

describe.each(testEngines())("ISTAT conventional signs on $name", (engine) => {
  let handle: DatabaseHandle;
  let comuni: string[];
  beforeAll(async () => {
    handle = await engine.open();
    comuni = (await listComuniOfZone(handle.db, ZONE)).map((c) => c.istat);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  const importRows = (rows: string[], dryRun = false) =>
    runImport(handle, {
      fileName: "istat.csv",
      filePath: fixture(crlf("Indicatore;Comune;Anno;Valore", ...rows)),
      kind: null,
      zoneCode: ZONE,
      dryRun,
      validOnly: false,
      userLabel: "test",
      currentYear: 2025,
    });

  it("reads '-' as zero, so the zone total stays complete", async () => {
    const rows = comuni.map((istat, i) => `MINORI_IN_CARICO;${istat};2024;${i === 0 ? "-" : String(10 + i)}`);
    const report = await importRows(rows);
    expect(report.fileErrors).toEqual([]);
    expect(report).toMatchObject({ status: "committed", inserted: comuni.length, rejected: 0 });
    const stored = await handle.db.selectFrom("observation").select(["comune_istat", "value", "missing_reason"]).where("comune_istat", "=", comuni[0]!).executeTakeFirstOrThrow();
    expect(Number(stored.value)).toBe(0);
    expect(stored.missing_reason).toBeNull();
    const shown = await zoneValuesAsShown(handle.db, ZONE, { principal: principal("pianificatore"), codes: ["MINORI_IN_CARICO"], years: [2024] });
    const v = valuesOf(shown, "MINORI_IN_CARICO", 2024)!;
    expect(v.zone.status).toBe("complete");
    expect(v.zone.value).toBe(comuni.slice(1).reduce((s, _, i) => s + 11 + i, 0));
  });

  it("keeps '....', '..', '*' and 'x' as missing with their reason; the source-confidential value is «riservato» on pages and downloads", async () => {
    const signs = ["....", "..", "*", "x"];
    const rows = comuni.map((istat, i) => `MINORI_IN_CARICO;${istat};2024;${signs[i] ?? String(20 + i)}`);
    const preview = await importRows(rows, true);
    expect(preview).toMatchObject({ status: "previewed", inserted: comuni.length, rejected: 0, errorsTotal: 0 });
    const report = await importRows(rows);
    expect(report).toMatchObject({ status: "committed", inserted: preview.inserted });
    const stored = await handle.db.selectFrom("observation").select(["comune_istat", "value", "missing_reason"]).where("comune_istat", "in", comuni.slice(0, 4)).execute();
    const reasonOf = new Map(stored.map((r) => [r.comune_istat, [r.value, r.missing_reason]]));
    expect(comuni.slice(0, 4).map((c) => reasonOf.get(c))).toEqual([
      [null, "unknown"],
      [null, "below_half_unit"],
      [null, "confidential"],
      [null, "confidential"],
    ]);

    for (const role of ["pianificatore", "conferenza"] as const) {
      const shown = await zoneValuesAsShown(handle.db, ZONE, { principal: principal(role), codes: ["MINORI_IN_CARICO"], years: [2024] });
      const v = valuesOf(shown, "MINORI_IN_CARICO", 2024)!;
      const cell = (istat: string) => v.comuni.find((c) => c.istat === istat)!;
      expect(shownText(cell(comuni[2]!), 0, shown.mark)).toBe("riservato");
      expect(exportValue(cell(comuni[3]!), (x) => x, shown.mark)).toBe("riservato");
      expect(shownText(cell(comuni[0]!), 0, shown.mark)).toBe("n.d.");
      expect(exportNote(cell(comuni[1]!), 0, shown.mark)).toContain("inferiore alla metà");
      expect(shown.footnote).toContain("riservato");
      // Missing components: the zone's figure is partial, never a sum passed off as complete.
      expect(v.zone.status).toBe("partial");
    }
  });

  it("a changed reason is an update, and undo restores the previous one", async () => {
    const first = await importRows([`MINORI_IN_CARICO;${comuni[0]};2024;*`]);
    expect(first.status).toBe("committed");
    const second = await importRows([`MINORI_IN_CARICO;${comuni[0]};2024;....`]);
    expect(second).toMatchObject({ status: "committed", updated: 1 });
    await revertBatch(handle, second.batchId!, "test");
    const row = await handle.db.selectFrom("observation").select(["missing_reason"]).where("replaced_by_batch", "is", null).executeTakeFirstOrThrow();
    expect(row.missing_reason).toBe("confidential");
  });

  it("a plain blank value is still refused in the long layout (no reason given)", async () => {
    const report = await importRows([`MINORI_IN_CARICO;${comuni[0]};2024;`], true);
    expect(report.errorsTotal).toBe(1);
    expect(report.errors[0]?.message).toContain("valore obbligatorio mancante");
  });
});
