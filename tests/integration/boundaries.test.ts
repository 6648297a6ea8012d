import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { zoneBoundaries } from "@/db/queries/boundaries";
import { importBoundaries } from "@/imports/geo/import-boundaries";
import { revertBatch } from "@/imports/load/revert";
import { resetData, testEngines } from "@/tests/helpers/db";

// Real Umbrian boundaries (openpolis, CC-BY 4.0) may be used in CI but not shipped:
// they are read from the shared reference folder beside the checkout when present.
const REAL_FILE = path.resolve("..", "shared", "reference", "confini", "umbria-comuni.geojson");
const hasRealFile = fs.existsSync(REAL_FILE);

function square(x: number, y: number, s: number) {
  return [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];
}
function collection(entries: [string, number][]) {
  return JSON.stringify({
    type: "FeatureCollection",
    features: entries.map(([istat, x]) => ({
      type: "Feature",
      properties: { com_istat_code: istat },
      geometry: { type: "Polygon", coordinates: square(x, 42.5, 0.05) },
    })),
  });
}

describe.each(testEngines())("boundary import on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  const run = (text: string, dryRun = false, zoneCode: string | null = "UMB-11") =>
    importBoundaries(handle, { fileName: "confini.geojson", text, zoneCode, dryRun, userLabel: "test" });

  it("loads the zone's comuni, leaves out others, rejects unknown codes", async () => {
    const report = await run(collection([["055022", 12.5], ["055004", 12.4], ["054039", 12.3], ["099999", 12.2]]));
    expect(report).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, outsideZone: 1, rejected: 1 });
    expect(report.errors[0]?.message).toContain("099999");
    expect((await zoneBoundaries(handle.db, "UMB-11")).map((b) => b.istat)).toEqual(["055004", "055022"]);
  });

  it("dry run writes nothing; the same file twice changes nothing; undo restores", async () => {
    const text = collection([["055022", 12.5]]);
    expect((await run(text, true)).inserted).toBe(1);
    expect(await zoneBoundaries(handle.db, "UMB-11")).toEqual([]);

    const first = await run(text);
    const again = await run(text);
    expect(again).toMatchObject({ batchId: null, inserted: 0, updated: 0, unchanged: 1 });

    const moved = await run(collection([["055022", 12.6]]));
    expect(moved.updated).toBe(1);
    await revertBatch(handle, moved.batchId!, "test");
    const [restored] = await zoneBoundaries(handle.db, "UMB-11");
    expect(restored?.geometry).toEqual({ type: "Polygon", coordinates: square(12.5, 42.5, 0.05) });
    expect(first.batchId).not.toBeNull();
  });

  it.runIf(hasRealFile)("imports the real boundaries of Zona 11 (12 comuni)", async () => {
    const report = await run(fs.readFileSync(REAL_FILE, "utf8"));
    expect(report).toMatchObject({ inserted: 12, rejected: 0, outsideZone: 80 });
    expect(report.positionsAfter).toBeLessThan(report.positionsBefore);
  });
});
