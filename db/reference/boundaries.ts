import fs from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "../client";
import { importBoundaries, type BoundaryImportReport } from "@/imports/geo/import-boundaries";

/**
 * The boundaries of Umbria's 92 comuni shipped in db/reference/confini
 * (© Openpolis, geojson-italy, from ISTAT's administrative limits; CC BY 4.0;
 * simplified: see docs/dati-di-riferimento.md), imported through the ordinary
 * `confini` import so that they are versioned and can be replaced by newer ones.
 * The same file again changes nothing.
 */
export const SHIPPED_BOUNDARIES = path.join(process.cwd(), "db", "reference", "confini", "umbria-comuni.topo.json");

export async function loadShippedBoundaries(handle: DatabaseHandle): Promise<BoundaryImportReport> {
  const text = fs.readFileSync(SHIPPED_BOUNDARIES, "utf8");
  return importBoundaries(handle, { fileName: path.basename(SHIPPED_BOUNDARIES), text, zoneCode: null, dryRun: false, userLabel: "dati di riferimento" });
}
