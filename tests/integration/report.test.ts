import { describe, expect, it } from "vitest";
import { buildReport, REPORT_VALUE_CODES, reportReader } from "@/db/queries/report";
import { auditReportCounts } from "@/db/queries/report-audit";
import { saveReportText } from "@/db/queries/report-texts";
import { zoneValuesAsShown } from "@/db/queries/values";
import { zoneYears } from "@/db/queries/indicators";
import { documentTables } from "@/lib/report/model";
import path from "node:path";
import { runImport } from "@/imports/run";
import { fixture, lf } from "@/tests/helpers/files";
import type { Principal } from "@/lib/auth/roles";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";

const PLANNER: Principal = { kind: "user", id: "p", label: "pianificatore@esempio.it", role: "pianificatore", zones: ["UMB-06"], regions: [], readOnly: false };

describe.each(testEngines())("annual report ($name)", (engine) => {
  const suite = demoSuite(engine);

  it("builds the sections that exist, one annex page per comune, with sources and batches", async () => {
    const doc = await buildReport(suite.handle.db, "UMB-11", 2025);
    expect(doc.sections.map((s) => s.key)).toEqual(["demografia", "fragilita", "psz", "leps", "qualita", "personale", "bilancio"]);
    expect(doc.annex.map((p) => p.name)).toContain("Narni");
    expect(new Set(doc.annex.map((p) => p.istat)).size).toBe(doc.annex.length);
    expect(doc.batchIds.length).toBeGreaterThan(0);
    expect(doc.sources.length).toBeGreaterThan(0);
    expect(reportReader("UMB-11").role).toBe("conferenza");
    const ids = documentTables(doc).map((t) => t.table.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("puts the planners' texts, signed and dated, where they belong", async () => {
    await saveReportText(suite.handle.db, "UMB-11", 2025, "introduzione", "La zona invecchia.", "pianificatore@esempio.it");
    await saveReportText(suite.handle.db, "UMB-11", 2025, "leps", "Mancano assistenti sociali.", "pianificatore@esempio.it");
    const doc = await buildReport(suite.handle.db, "UMB-11", 2025);
    expect(doc.introduction).toMatchObject({ body: "La zona invecchia.", author: "pianificatore@esempio.it" });
    expect(doc.sections.find((s) => s.key === "leps")?.comment?.body).toBe("Mancano assistenti sociali.");
    expect(doc.sections.find((s) => s.key === "demografia")?.comment).toBeNull();
    const other = await buildReport(suite.handle.db, "UMB-11", 2024);
    expect(other.introduction).toBeNull();
  });

  it("Poggiodomo's small counts print «< 3», never their value, in every table of the report", async () => {
    // Poggiodomo (about 100 residents): two people with a severe disability, one child in care.
    const file = fixture(lf("indicatore;comune;periodo;valore", "DISABILI_L104;Poggiodomo;2025;2", "MINORI_IN_CARICO;Poggiodomo;2025;1"));
    const run = await runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: "UMB-06", dryRun: false, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: true, currentYear: 2025 });
    expect(run.status).toBe("committed");
    const doc = await buildReport(suite.handle.db, "UMB-06", 2025);
    const tables = documentTables(doc).map((t) => t.table);
    const poggiodomo = tables.flatMap((t) => t.rows.filter((r) => r.header === "Poggiodomo").map((r) => ({ t, r })));
    expect(poggiodomo.filter(({ r }) => r.cells.some((c) => c.text === "< 3")).map(({ t }) => t.id)).toEqual(["bisogni-comuni", "fragilita-indice"]);
    const annex = doc.annex.find((p) => p.name === "Poggiodomo")!;
    const figures = annex.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []))[0]!;
    expect(figures.rows.find((r) => r.header.startsWith("Minori"))?.cells[0]?.text).toBe("< 3");
    // Every raw count of people between 1 and 2 in the zone is printed as the mark wherever its comune's row shows it.
    const raw = await zoneValuesAsShown(suite.handle.db, "UMB-06", { principal: PLANNER, codes: REPORT_VALUE_CODES, years: [doc.dataYear!] });
    for (const v of raw.values) {
      const def = raw.indicators.find((d) => d.code === v.indicator)!;
      if (!def.isCountOfPeople) continue;
      for (const c of v.comuni) {
        if (c.value === null || c.value < 1 || c.value >= 3) continue;
        const name = raw.comuni.find((x) => x.istat === c.istat)!.name;
        for (const t of tables) {
          const col = t.columns.findIndex((x) => x.key === v.indicator);
          const row = t.rows.find((r) => r.header === name);
          if (col >= 0 && row) expect(row.cells[col]!.text, `${t.id} ${name} ${v.indicator}`).toBe("< 3");
        }
      }
    }
  });

  it("no hidden count can be recovered from any combination of the report's tables (exact audit)", async () => {
    const years = (await zoneYears(suite.handle.db, "UMB-06")).slice(-5);
    const audit = await auditReportCounts(suite.handle.db, "UMB-06", REPORT_VALUE_CODES, years);
    expect(audit.hidden).toBeGreaterThan(0);
    expect(audit.failures).toEqual([]);
    expect(audit.passed).toBe(true);
  });
});
