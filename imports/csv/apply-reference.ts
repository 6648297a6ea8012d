import type { Db } from "@/db/queries/zones";
import type { StagedRow } from "../load/versioned";
import type { RowError, ValueChange } from "../report";
import { IndicatorDefinition } from "@/lib/catalog/schema";
import { normaliseIstatCode } from "./comune";
import { indicatorRow } from "@/db/catalog/load";

/**
 * The two reference kinds are not versioned row by row: the indicator
 * catalogue and the comuni list are updated in place, and the batch keeps a
 * snapshot of what it changed (inserted keys and previous rows) so that undo
 * restores them exactly.
 */
export interface ReferenceUndo {
  table: "indicator" | "comune";
  inserted: string[];
  previous: Record<string, unknown>[];
}

export interface SnapshotResult {
  counts: { inserted: number; updated: number; unchanged: number };
  rejected: number;
  changes: ValueChange[];
  undo: ReferenceUndo;
  apply(batchId: number): Promise<void>;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

export async function applyCatalogRows(trx: Db, rows: StagedRow[], errors: RowError[]): Promise<SnapshotResult> {
  const existing = new Map((await trx.selectFrom("indicator").selectAll().execute()).map((r) => [r.code, r]));
  const fileCodes = new Set(rows.map((r) => String(r.values.code)));
  const valid: { line: number; def: IndicatorDefinition }[] = [];
  let rejected = 0;
  for (const { line, values: v } of rows) {
    const numerator = str(v.numerator);
    const denominator = str(v.denominator);
    const candidate = {
      code: str(v.code),
      name: str(v.name),
      theme: str(v.theme),
      unit: str(v.unit),
      polarity: Number(v.polarity),
      aggregation: str(v.aggregation),
      ...(v.zoneRow ? { zoneRow: str(v.zoneRow) } : {}),
      formula: numerator && denominator ? { numerator, denominator, scale: v.scale === null ? 1 : Number(v.scale) } : undefined,
      isCountOfPeople: v.isCountOfPeople === "true",
      decimals: v.decimals === null ? 0 : Number(v.decimals),
      source: str(v.source) ?? "non indicata",
      description: str(v.description) ?? `${str(v.name) ?? ""} (${str(v.unit) ?? ""}).`,
    };
    const parsed = IndicatorDefinition.safeParse(candidate);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "riga"}: ${i.message}`);
    if ((numerator === null) !== (denominator === null)) problems.push("numeratore e denominatore vanno indicati insieme");
    for (const ref of [numerator, denominator]) {
      if (ref && !existing.has(ref) && !fileCodes.has(ref)) problems.push(`l'indicatore ${ref} della formula non è in catalogo`);
    }
    if (problems.length > 0 || !parsed.success) {
      rejected++;
      errors.push({ line, column: "", value: String(v.code ?? ""), message: `Riga ${line}: ${problems.join("; ")}.` });
      continue;
    }
    valid.push({ line, def: parsed.data });
  }

  const toRow = indicatorRow;
  const compared = ["name", "theme", "unit", "polarity", "aggregation", "zone_row", "numerator_code", "denominator_code", "scale", "is_count_of_people", "decimals", "source", "description"] as const;
  const inserts: ReturnType<typeof toRow>[] = [];
  const updates: { line: number; row: ReturnType<typeof toRow> }[] = [];
  const previous: Record<string, unknown>[] = [];
  const changes: ValueChange[] = [];
  let unchanged = 0;
  for (const { line, def } of valid) {
    const row = toRow(def);
    const old = existing.get(def.code);
    if (!old) {
      inserts.push(row);
      continue;
    }
    const differs = compared.filter((k) => {
      const a = old[k];
      const b = row[k];
      return k === "scale" ? Number(a ?? NaN) !== Number(b ?? NaN) && !(a === null && b === null) : String(a ?? "") !== String(b ?? "");
    });
    if (differs.length === 0) unchanged++;
    else {
      updates.push({ line, row });
      previous.push({ ...old });
      changes.push({ line, label: def.code, before: differs.map((k) => `${k}: ${String(old[k] ?? "")}`).join("; "), after: differs.map((k) => `${k}: ${String(row[k] ?? "")}`).join("; ") });
    }
  }
  return {
    counts: { inserted: inserts.length, updated: updates.length, unchanged },
    rejected,
    changes,
    undo: { table: "indicator", inserted: inserts.map((r) => r.code), previous },
    async apply(batchId) {
      // Inputs before derived indicators, so formula references resolve.
      const ordered = [...inserts].sort((a, b) => Number(a.numerator_code !== null) - Number(b.numerator_code !== null));
      for (const row of ordered) await trx.insertInto("indicator").values({ ...row, batch_id: batchId }).execute();
      for (const { row } of updates) await trx.updateTable("indicator").set({ ...row, batch_id: batchId }).where("code", "=", row.code).execute();
    },
  };
}

export async function applyComuniRows(trx: Db, rows: StagedRow[], errors: RowError[]): Promise<SnapshotResult> {
  const existing = new Map((await trx.selectFrom("comune").selectAll().execute()).map((r) => [r.istat, r]));
  const regions = new Map((await trx.selectFrom("region").selectAll().execute()).map((r) => [r.code, r.name]));
  const seen = new Set<string>();
  const fileRegions = new Map<string, string>();
  const inserts: { istat: string; name: string; province: string; cadastral_code: string | null; region_code: string }[] = [];
  const updates: typeof inserts = [];
  const previous: Record<string, unknown>[] = [];
  const changes: ValueChange[] = [];
  let unchanged = 0;
  let rejected = 0;
  for (const { line, values: v } of rows) {
    const istat = normaliseIstatCode(String(v.istat ?? ""));
    const regionCode = String(v.regionCode ?? "").trim().padStart(2, "0");
    const cadastral = v.cadastral === null ? null : String(v.cadastral).trim().toUpperCase();
    const problems: string[] = [];
    if (!istat) problems.push(`codice ISTAT "${String(v.istat)}" non valido`);
    if (!/^\d{2}$/.test(regionCode)) problems.push(`codice regione "${String(v.regionCode)}" non valido`);
    if (cadastral !== null && !/^[A-Z]\d{3}$/.test(cadastral)) problems.push(`codice catastale "${cadastral}" non valido`);
    if (istat && seen.has(istat)) problems.push(`comune ${istat} ripetuto`);
    if (problems.length > 0 || !istat) {
      rejected++;
      errors.push({ line, column: "", value: String(v.istat ?? ""), message: `Riga ${line}: ${problems.join("; ")}.` });
      continue;
    }
    seen.add(istat);
    fileRegions.set(regionCode, String(v.regionName ?? regionCode));
    const row = { istat, name: String(v.name).trim(), province: String(v.province).trim().toUpperCase(), cadastral_code: cadastral, region_code: regionCode };
    const old = existing.get(istat);
    if (!old) inserts.push(row);
    else if (old.name !== row.name || old.province !== row.province || old.cadastral_code !== row.cadastral_code || old.region_code !== row.region_code || old.suppressed_on !== null) {
      updates.push(row);
      previous.push({ ...old });
      changes.push({ line, label: istat, before: `${old.name} (${old.province})`, after: `${row.name} (${row.province})` });
    } else unchanged++;
  }
  // Comuni of the file's regions that the file no longer lists were merged or
  // suppressed: they stay (data may refer to them), marked as suppressed.
  const today = new Date().toISOString().slice(0, 10);
  const suppressed = [...existing.values()].filter((c) => fileRegions.has(c.region_code) && !seen.has(c.istat) && c.suppressed_on === null);
  for (const c of suppressed) {
    previous.push({ ...c });
    changes.push({ line: 0, label: c.istat, before: `${c.name} (attivo)`, after: "soppresso" });
  }
  return {
    counts: { inserted: inserts.length, updated: updates.length + suppressed.length, unchanged },
    rejected,
    changes,
    undo: { table: "comune", inserted: inserts.map((r) => r.istat), previous },
    async apply() {
      for (const [code, name] of fileRegions) {
        if (!regions.has(code)) await trx.insertInto("region").values({ code, name }).execute();
      }
      for (const c of suppressed) await trx.updateTable("comune").set({ suppressed_on: today }).where("istat", "=", c.istat).execute();
      for (const row of updates) await trx.updateTable("comune").set({ ...row, suppressed_on: null, updated_at: new Date() }).where("istat", "=", row.istat).execute();
      for (let i = 0; i < inserts.length; i += 1000) await trx.insertInto("comune").values(inserts.slice(i, i + 1000)).execute();
    },
  };
}
