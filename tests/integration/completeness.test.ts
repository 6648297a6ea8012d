import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { periodOfYear } from "@/db/demo/period";
import { listComuniOfZone } from "@/db/queries/comuni";
import { gapTemplateRows, ZONE_CELL, zoneCompleteness } from "@/db/queries/completeness";
import { runImport } from "@/imports/run";
import { rowsTemplateCsv } from "@/imports/csv/templates";
import { refreshBatchFigures, resetData, testEngines } from "@/tests/helpers/db";
import { fixture } from "@/tests/helpers/files";

/**
 * The Completezza page's data and its pre-filled template: present, missing
 * and out-of-date cells by indicator, comune and year; the last update of each
 * indicator from its import batches; and the round trip of a gap — download
 * the template, fill the value column, import it back, the gap is gone.
 */
const ZONE = "UMB-11";
const CURRENT_YEAR = 2026;

describe.each(testEngines())("completeness on $name", (engine) => {
  let handle: DatabaseHandle;
  let comuni: { istat: string; name: string }[];
  beforeAll(async () => {
    handle = await engine.open();
    comuni = await listComuniOfZone(handle.db, ZONE);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  async function seed(fileName: string, rows: [string | null, string, number, number | null, ("confidential" | "unknown")?][]) {
    return handle.db.transaction().execute(async (trx) => {
      const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: ZONE, fileName, fileHash: fileName, userLabel: "test" });
      await trx
        .insertInto("observation")
        .values(rows.map(([istat, code, year, value, reason]) => ({ indicator_code: code, zone_code: ZONE, comune_istat: istat, ...periodOfYear(year), value, missing_reason: reason ?? null, batch_id: batchId })))
        .execute();
      await refreshBatchFigures(trx, batchId);
      return batchId;
    });
  }

  it("tells present, withheld by the source, out of date, missing and not expected apart, per year, with each indicator's last update", async () => {
    const [a, b, c] = comuni.map((x) => x.istat);
    await seed("popolazione.csv", [
      ...comuni.map((x): [string, string, number, number] => [x.istat, "POP_TOT", 2024, 1000]),
      ...comuni.map((x): [string, string, number, number] => [x.istat, "POP_TOT", 2023, 1000]),
    ]);
    const later = await seed("minori.csv", [
      [a!, "MINORI_IN_CARICO", 2024, 4],
      [b!, "MINORI_IN_CARICO", 2023, 2],
      [c!, "MINORI_IN_CARICO", 2024, null, "confidential"],
      [null, "AS_FTE", 2023, 3],
    ]);
    const data = await zoneCompleteness(handle.db, ZONE, { year: 2024, currentYear: CURRENT_YEAR });
    expect(data.year).toBe(2024);
    // The zone's years and the next one, not after the current year.
    expect(data.years).toEqual([2023, 2024, 2025]);
    const row = (code: string) => data.rows.find((r) => r.def.code === code)!;
    const minors = row("MINORI_IN_CARICO");
    expect(minors.scope).toBe("comuni");
    expect(minors.cells[a!]).toMatchObject({ state: "presente" });
    expect(minors.cells[b!]).toMatchObject({ state: "non_aggiornato", lastYear: 2023 });
    expect(minors.cells[c!]).toMatchObject({ state: "riservato" });
    expect(minors.cells[comuni[3]!.istat]).toMatchObject({ state: "mancante", lastYear: null });
    expect(minors.cells[ZONE_CELL]).toMatchObject({ state: "non_previsto" });
    expect(minors.gaps).toBe(comuni.length - 2);
    expect(minors.lastUpdate).toMatchObject({ fileName: "minori.csv", batchId: later });
    expect([minors.firstYear, minors.lastYear]).toEqual([2023, 2024]);
    // A zone-only indicator: the zone's cell is expected, the comuni's are not.
    const ats = row("AS_FTE");
    expect(ats.scope).toBe("zona");
    expect(ats.cells[ZONE_CELL]).toMatchObject({ state: "non_aggiornato", lastYear: 2023 });
    expect(ats.cells[a!]).toMatchObject({ state: "non_previsto" });
    // Never loaded: every comune is missing. Derived indicators are not listed.
    expect(row("UTENTI_SAD").scope).toBe("mai");
    expect(data.rows.some((r) => r.def.formula)).toBe(false);
    expect(row("POP_TOT").gaps).toBe(0);
    // Coverage per year counts the same cells.
    const y2024 = data.coverage.find((y) => y.year === 2024)!;
    expect(y2024.present).toBe(data.rows.flatMap((r) => Object.values(r.cells)).filter((x) => x.state === "presente" || x.state === "riservato").length);
    // Filters: only the rows with gaps, one theme.
    const onlyGaps = await zoneCompleteness(handle.db, ZONE, { year: 2024, onlyGaps: true, theme: "bisogni", currentYear: CURRENT_YEAR });
    expect(onlyGaps.rows.every((r) => r.gaps > 0 && r.def.theme === "bisogni")).toBe(true);
    expect(onlyGaps.rows.map((r) => r.def.code)).toContain("MINORI_IN_CARICO");
  });

  it("leaves out the measures of a service: a service's users in a comune are not the comune's data", async () => {
    const batchId = await seed("utenti.csv", [["055026", "POP_TOT", 2024, 1000]]);
    await handle.db
      .insertInto("observation")
      .values({ indicator_code: "SRV_UTENTI", zone_code: ZONE, comune_istat: "055026", service_code: "SAD_ANZIANI", ...periodOfYear(2024), value: 12, missing_reason: null, batch_id: batchId })
      .execute();
    const c = await zoneCompleteness(handle.db, ZONE, { year: 2024, currentYear: CURRENT_YEAR });
    expect(c.rows.some((r) => r.def.code === "POP_TOT")).toBe(true);
    expect(c.rows.filter((r) => r.def.theme === "qualita").map((r) => r.def.code)).toEqual([]);
  });

  it("the pre-filled template, filled in and imported back, closes the gap", async () => {
    const [a] = comuni.map((x) => x.istat);
    await seed("minori.csv", [[a!, "MINORI_IN_CARICO", 2024, 4], ...comuni.map((x): [string, string, number, number] => [x.istat, "POP_TOT", 2024, 1000])]);
    const before = await zoneCompleteness(handle.db, ZONE, { year: 2024, indicator: "MINORI_IN_CARICO", currentYear: CURRENT_YEAR });
    expect(before.gaps).toHaveLength(1);
    expect(before.gaps[0]!.territories.map((t) => t.who)).toEqual(comuni.slice(1).map((c) => c.istat));

    const template = rowsTemplateCsv("valori", gapTemplateRows(before.gaps));
    const lines = template.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("indicatore;comune;nome_comune;periodo;valore;numeratore;denominatore;servizio");
    expect(lines.slice(1)).toEqual(comuni.slice(1).map((c) => `MINORI_IN_CARICO;${c.istat};${c.name.includes(";") ? `"${c.name}"` : c.name};2024;;;;`));
    // Filled in as a user would: the value column, the rest untouched.
    const filled = [lines[0], ...lines.slice(1).map((l, i) => l.replace(/;2024;;/, `;2024;${5 + i};`))].join("\r\n") + "\r\n";
    const file = fixture("\uFEFF" + filled);
    const report = await runImport(handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun: false, validOnly: false, userLabel: "test", currentYear: CURRENT_YEAR });
    expect(report).toMatchObject({ status: "committed", inserted: comuni.length - 1, rejected: 0 });

    const after = await zoneCompleteness(handle.db, ZONE, { year: 2024, indicator: "MINORI_IN_CARICO", currentYear: CURRENT_YEAR });
    expect(after.gaps).toEqual([]);
    expect(Object.values(after.rows[0]!.cells).filter((c) => c.state === "presente")).toHaveLength(comuni.length);
    expect(after.rows[0]!.lastUpdate?.batchId).toBe(report.batchId);
    // Left unfilled, the template's rows are refused one by one (no value given), never stored empty.
    const empty = fixture(template);
    const refused = await runImport(handle, { fileName: "vuoto.csv", filePath: empty, kind: null, zoneCode: ZONE, dryRun: true, validOnly: false, userLabel: "test", currentYear: CURRENT_YEAR });
    expect(refused.rejected).toBe(comuni.length - 1);
  });
});
