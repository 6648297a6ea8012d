import path from "node:path";
import { describe, expect, it } from "vitest";
import { lepsPanel } from "@/db/queries/leps";
import { qualityInYear, zoneServiceQuality } from "@/db/queries/quality";
import { zoneStaff } from "@/db/queries/staff";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import type { Principal } from "@/lib/auth/roles";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { fixture, lf } from "@/tests/helpers/files";

/**
 * A `personale` file derives the LEPS's social workers (only those of the
 * comuni and the ATS): the LEPS ratio follows the commit and the undo; the
 * quality flags follow a re-import of a measure.
 */
const ZONE = "UMB-11";
const principal = (role: Principal["role"]): Principal => ({ kind: "user", id: role, label: role, role, zones: [ZONE], regions: [], readOnly: false });
const PLANNER = principal("pianificatore");

describe.each(testEngines())("service quality and staff ($name)", (engine) => {
  const suite = demoSuite(engine);

  const run = (file: string, dryRun = false) =>
    runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: true, currentYear: 2025 });
  const ratio2025 = async () => (await lepsPanel(suite.handle.db, ZONE, PLANNER)).socialWorkers.find((s) => s.year === 2025)!;

  it("a staff import changes the LEPS ratio (comuni and ATS only); undo restores it", async () => {
    const before = await ratio2025();
    expect(before.fte).not.toBeNull();
    // Rows of the same date the file does not restate stay (the demo's staff at 31/12/2025).
    const staffBefore = (await zoneStaff(suite.handle.db, ZONE)).byYear.find((y) => y.year === 2025)!;
    const file = fixture(
      lf(
        "data;profilo;datore_di_lavoro;comune_datore;servizio;sede;fte",
        "31/12/2025;assistente sociale;ats;;SERV_SOC_PROF;Sede di Narni;6",
        "31/12/2025;assistente sociale;comune;Amelia;SERV_SOC_PROF;Sede di Amelia;1,5",
        "31/12/2025;assistente sociale;azienda sanitaria;;CENTRO_DIURNO_DIS;;4",
        "31/12/2025;OSS;terzo settore;;SAD_ANZIANI;;7",
      ),
    );
    const preview = await run(file, true);
    expect(preview.status).toBe("previewed");
    expect(preview.notes.join(" ")).toMatch(/AS_FTE.*2025/);
    expect((await ratio2025()).fte).toBe(before.fte);
    const commit = await run(file);
    expect(commit).toMatchObject({ status: "committed", kind: "personale" });
    const after = await ratio2025();
    const expected = staffBefore.lepsSocialWorkers + 7.5;
    expect(after.fte).toBeCloseTo(expected, 6);
    expect(after.assessment.residentsPerAs).toBeCloseTo(after.population! / expected, 6);
    const staff = (await zoneStaff(suite.handle.db, ZONE)).byYear.find((y) => y.year === 2025)!;
    expect(staff.lepsSocialWorkers).toBeCloseTo(expected, 6);
    // The azienda sanitaria's 4 FTE of social workers are staff, not LEPS.
    expect(staff.rows.filter((r) => r.profile === "assistente_sociale" && r.employer === "asl").reduce((t, r) => t + r.fte, 0)).toBeGreaterThanOrEqual(4);
    await revertBatch(suite.handle, commit.batchId!, "test");
    expect(await ratio2025()).toEqual(before);
  });

  it("quality flags follow a re-import of a measure (fewer days is better)", async () => {
    const flag = async () => {
      const q = (await zoneServiceQuality(suite.handle.db, ZONE, { principal: PLANNER, service: "SAD_ANZIANI" })).services[0]!;
      return qualityInYear(q, 2025)!.metrics.find((m) => m.metric.code === "SRV_GG_PRESA_IN_CARICO")!;
    };
    expect((await flag()).standard).toMatchObject({ kind: "ceiling", value: 30 });
    const late = await run(fixture(lf("indicatore;comune;periodo;valore;servizio", "SRV_GG_PRESA_IN_CARICO;zona;2025;41;SAD_ANZIANI")));
    expect(late.status).toBe("committed");
    expect((await flag()).evaluation.status).toBe("non_rispettato");
    expect((await flag()).evaluation.rule).toMatch(/al massimo 30,0 giorni.*41,0 giorni: non rispettato/);
    const fast = await run(fixture(lf("indicatore;comune;periodo;valore;servizio", "SRV_GG_PRESA_IN_CARICO;zona;2025;30;SAD_ANZIANI")));
    expect(fast.status).toBe("committed");
    expect((await flag()).evaluation.status).toBe("rispettato");
  });
});
