import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch, sha256 } from "@/db/batches";
import { withImportSession } from "../load/session";
import { applyStage, BOUNDARY_SPEC, classify, createStage, StageWriter } from "../load/versioned";
import { parseBoundaries, type Boundary, type ParsedBoundaries } from "./boundaries";

export interface BoundaryImportReport {
  batchId: number | null;
  kind: "confini";
  format: ParsedBoundaries["format"];
  codeProperty: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  outsideZone: number;
  positionsBefore: number;
  positionsAfter: number;
  errors: { line: number; column: string; value: string; message: string }[];
}

/**
 * Imports comune boundaries (GeoJSON/TopoJSON). With a zone, features of comuni
 * outside it are left out (a regional file is normal); codes unknown to the
 * comuni list are rejected. Same file again: nothing changes, no batch.
 */
export async function importBoundaries(
  handle: DatabaseHandle,
  input: { fileName: string; text: string; zoneCode: string | null; dryRun: boolean; userLabel: string | null },
): Promise<BoundaryImportReport> {
  const parsed = parseBoundaries(input.text);
  const comuni = await handle.db.selectFrom("comune").select(["istat", "zone_code"]).execute();
  const zoneOf = new Map(comuni.map((c) => [c.istat, c.zone_code]));

  const errors: BoundaryImportReport["errors"] = parsed.errors.map((e) => ({
    line: e.feature,
    column: parsed.codeProperty,
    value: "",
    message: `Elemento ${e.feature}: ${e.message}`,
  }));
  const accepted: Boundary[] = [];
  let outsideZone = 0;
  for (const [index, b] of parsed.boundaries.entries()) {
    if (!zoneOf.has(b.istat)) {
      errors.push({ line: index + 1, column: parsed.codeProperty, value: b.istat, message: `Comune ${b.istat} non presente nell'elenco dei comuni.` });
    } else if (input.zoneCode && zoneOf.get(b.istat) !== input.zoneCode) {
      outsideZone++;
    } else {
      accepted.push(b);
    }
  }

  return withImportSession(handle, { zoneCode: input.zoneCode, rollback: input.dryRun }, async (session) => {
    await createStage(session, BOUNDARY_SPEC);
    const writer = new StageWriter(session, BOUNDARY_SPEC);
    for (const [i, b] of accepted.entries()) {
      await writer.add({ line: i + 1, values: { comune_istat: b.istat, geometry: JSON.stringify(b.geometry) } });
    }
    await writer.flush();
    const counts = await classify(session, BOUNDARY_SPEC);
    let batchId: number | null = null;
    const report: BoundaryImportReport = {
      batchId,
      kind: "confini",
      format: parsed.format,
      codeProperty: parsed.codeProperty,
      rowsRead: parsed.boundaries.length + parsed.errors.length,
      ...counts,
      rejected: errors.length,
      outsideZone,
      positionsBefore: parsed.positionsBefore,
      positionsAfter: parsed.positionsAfter,
      errors,
    };
    if (!input.dryRun && counts.inserted + counts.updated > 0) {
      batchId = await createCommittedBatch(session.trx, {
        kind: "confini",
        zoneCode: input.zoneCode,
        fileName: input.fileName,
        fileHash: sha256(input.text),
        userLabel: input.userLabel,
        format: parsed.format,
        counts: { rowsRead: report.rowsRead, ...counts, rejected: errors.length },
        report: { ...report, errors: errors.slice(0, 1000) },
      });
      await applyStage(session, BOUNDARY_SPEC, batchId);
    }
    return { ...report, batchId };
  });
}
