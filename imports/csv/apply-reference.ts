import { sql } from "kysely";
import type { Db } from "@/db/queries/zones";
import type { ComuniRow, IndicatoriRow } from "./rows";
import type { RowError, ValueChange } from "../report";
import { formulaInputs, IndicatorDefinition, scaleOfUnit } from "@/lib/catalog/schema";
import { normaliseIstatCode } from "./comune";
import { isEmptyMarker } from "./number";
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
  /** Regions a comuni list added (removed by undo when nothing refers to them). */
  insertedRegions?: string[];
}

export interface SnapshotResult {
  counts: { inserted: number; updated: number; unchanged: number };
  rejected: number;
  changes: ValueChange[];
  undo: ReferenceUndo;
  apply(batchId: number): Promise<void>;
}

/** What zod found wrong with a definition, in Italian whatever zod's own language (custom issues already are). */
const ISSUE_IT: Record<string, string> = {
  code: "codice non valido: una lettera maiuscola iniziale, poi lettere maiuscole, cifre e _",
  name: "il nome deve avere almeno 3 caratteri",
  unit: "unità di misura mancante",
  theme: "tema non ammesso",
  polarity: "polarità non ammessa",
  aggregation: "regola di aggregazione non ammessa",
  zoneRow: "valore di zona non ammesso",
  scale: "la scala deve essere un numero positivo",
  validRange: "il minimo dell'intervallo valido supera il massimo",
  formula: "formula non valida (numeratore, denominatore e scala positiva)",
  decimals: "i decimali vanno da 0 a 6",
  source: "la fonte deve avere almeno 2 caratteri",
  description: "la descrizione deve avere almeno 10 caratteri",
};

function catalogueIssue(issue: { code: string; path: PropertyKey[]; message: string }): string {
  if (issue.code === "custom") return issue.message;
  const field = String(issue.path[0] ?? "");
  if (field === "formula" && issue.path[1] === "scale") return ISSUE_IT.scale ?? issue.message;
  return ISSUE_IT[field] ?? `valore non valido (${field || "riga"})`;
}

const optionalScale = (scale: number | null) => (scale === null ? {} : { scale });

export async function applyCatalogRows(trx: Db, rows: { line: number; row: IndicatoriRow }[], errors: RowError[]): Promise<SnapshotResult> {
  const existing = new Map((await trx.selectFrom("indicator").selectAll().execute()).map((r) => [r.code, r]));
  const fileCodes = new Set(rows.map((r) => r.row.code));
  const valid: { line: number; def: IndicatorDefinition }[] = [];
  const firstLine = new Map<string, number>();
  let rejected = 0;
  const reject = (line: number, code: string, problems: string[]) => {
    rejected++;
    errors.push({ line, column: "", value: code, message: `Riga ${line}: ${problems.join("; ")}.` });
  };
  for (const { line, row: v } of rows) {
    const { numerator, denominator } = v;
    const seenAt = firstLine.get(v.code);
    if (seenAt !== undefined) {
      reject(line, v.code, [`l'indicatore ${v.code} è già alla riga ${seenAt}`]);
      continue;
    }
    firstLine.set(v.code, line);
    const candidate = {
      code: v.code,
      name: v.name,
      theme: v.theme,
      unit: v.unit,
      polarity: v.polarity,
      aggregation: v.aggregation,
      ...(v.zoneRow ? { zoneRow: v.zoneRow } : {}),
      formula: numerator && denominator ? { numerator, denominator, scale: v.scale?.value ?? scaleOfUnit(v.unit) ?? 1 } : undefined,
      // A ratio imported as values (value, numerator, denominator) keeps its scale: the file's, else its unit's.
      ...(!(numerator && denominator) && v.aggregation === "ratio" ? optionalScale(v.scale?.value ?? scaleOfUnit(v.unit)) : {}),
      ...(v.validMin !== null || v.validMax !== null ? { validRange: { ...(v.validMin ? { min: v.validMin.value } : {}), ...(v.validMax ? { max: v.validMax.value } : {}) } } : {}),
      isCountOfPeople: v.isCountOfPeople === true,
      decimals: v.decimals === null ? 0 : v.decimals.value,
      source: v.source ?? "non indicata",
      description: v.description ?? `${v.name} (${v.unit}).`,
    };
    const parsed = IndicatorDefinition.safeParse(candidate);
    const problems = parsed.success ? [] : parsed.error.issues.map(catalogueIssue);
    if ((numerator === null) !== (denominator === null)) problems.push("numeratore e denominatore vanno indicati insieme");
    for (const ref of [numerator, denominator]) {
      if (ref && !existing.has(ref) && !fileCodes.has(ref)) problems.push(`l'indicatore ${ref} della formula non è in catalogo`);
    }
    if (problems.length > 0 || !parsed.success) {
      reject(line, v.code, problems);
      continue;
    }
    valid.push({ line, def: parsed.data });
  }
  const accepted = acceptFormulas(valid, existing, reject);

  const toRow = indicatorRow;
  const compared = ["name", "theme", "unit", "polarity", "aggregation", "zone_row", "numerator_code", "denominator_code", "scale", "valid_min", "valid_max", "is_count_of_people", "decimals", "source", "description"] as const;
  const inserts: ReturnType<typeof toRow>[] = [];
  const updates: { line: number; row: ReturnType<typeof toRow> }[] = [];
  const previous: Record<string, unknown>[] = [];
  const changes: ValueChange[] = [];
  let unchanged = 0;
  for (const { line, def } of accepted) {
    const row = toRow(def);
    const old = existing.get(def.code);
    if (!old) {
      inserts.push(row);
      continue;
    }
    const differs = compared.filter((k) => {
      const a = old[k];
      const b = row[k];
      return k === "scale" || k === "valid_min" || k === "valid_max" ? Number(a ?? NaN) !== Number(b ?? NaN) && !(a === null && b === null) : String(a ?? "") !== String(b ?? "");
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
      // accepted is in dependency order: inputs before the indicators derived from them.
      for (const row of inserts) await trx.insertInto("indicator").values({ ...row, batch_id: batchId }).execute();
      for (const { row } of updates) await trx.updateTable("indicator").set({ ...row, batch_id: batchId }).where("code", "=", row.code).execute();
    },
  };
}

type Formula = readonly string[];

/**
 * The definitions whose formula inputs exist after the commit (in the
 * catalogue or accepted from the file) and form no cycle, inputs first, so
 * that the foreign keys of the indicator table hold at every insert.
 */
function acceptFormulas(
  valid: { line: number; def: IndicatorDefinition }[],
  existing: Map<string, { numerator_code: string | null; numerator_plus_codes: string[] | null; denominator_code: string | null }>,
  reject: (line: number, code: string, problems: string[]) => void,
): { line: number; def: IndicatorDefinition }[] {
  const byCode = new Map(valid.map((v) => [v.def.code, v]));
  const inputs = (code: string): Formula => {
    const f = byCode.get(code)?.def.formula;
    if (f) return formulaInputs(f);
    if (byCode.has(code)) return [];
    const old = existing.get(code);
    return old ? [old.numerator_code, ...(old.numerator_plus_codes ?? []), old.denominator_code].filter((c): c is string => c !== null) : [];
  };
  // Inputs that are neither in the catalogue nor accepted: drop the row, and again for rows that needed it.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [code, v] of byCode) {
      const missing = inputs(code).find((ref) => !byCode.has(ref) && !existing.has(ref));
      if (missing === undefined) continue;
      reject(v.line, code, [`l'indicatore ${missing} della formula non è in catalogo né tra le righe valide del file`]);
      byCode.delete(code);
      changed = true;
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const ordered: { line: number; def: IndicatorDefinition }[] = [];
  const cyclic = new Set<string>();
  const visit = (code: string, path: string[]): void => {
    if (state.get(code) === "done") return;
    if (state.get(code) === "visiting") {
      for (const c of path.slice(path.indexOf(code))) cyclic.add(c);
      return;
    }
    state.set(code, "visiting");
    for (const ref of inputs(code)) visit(ref, [...path, code]);
    state.set(code, "done");
    const v = byCode.get(code);
    if (v) ordered.push(v);
  };
  for (const code of byCode.keys()) visit(code, []);
  for (const code of cyclic) {
    const v = byCode.get(code);
    if (v) reject(v.line, code, [`formula circolare: ${code} dipende da sé stesso attraverso le sue formule`]);
  }
  return ordered.filter((v) => !cyclic.has(v.def.code));
}

/**
 * The snapshot rows with their timestamp and date as PostgreSQL writes them:
 * through a JavaScript Date the undo would put back updated_at cut to the
 * millisecond, and a date read at local midnight could move by a day.
 */
async function exactDates(trx: Db, previous: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  if (previous.length === 0) return previous;
  const rows = await trx.selectFrom("comune").select(["istat", sql<string>`updated_at::text`.as("updated_at"), sql<string | null>`suppressed_on::text`.as("suppressed_on")]).execute();
  const exact = new Map(rows.map((r) => [r.istat, r]));
  return previous.map((row) => ({ ...row, ...exact.get(String(row.istat)) }));
}

export async function applyComuniRows(trx: Db, rows: { line: number; row: ComuniRow }[], errors: RowError[]): Promise<SnapshotResult> {
  const existing = new Map((await trx.selectFrom("comune").selectAll().execute()).map((r) => [r.istat, r]));
  const regions = new Map((await trx.selectFrom("region").selectAll().execute()).map((r) => [r.code, r.name]));
  const seen = new Set<string>();
  // The cadastral code is unique among current comuni (comune_cadastral_current_idx).
  const fileCadastral = new Map<string, string>();
  const currentCadastral = new Map([...existing.values()].filter((c) => c.suppressed_on === null && c.cadastral_code !== null).map((c) => [c.cadastral_code ?? "", c.istat]));
  const fileRegions = new Map<string, string>();
  const inserts: { istat: string; name: string; province: string; cadastral_code: string | null; region_code: string }[] = [];
  const updates: typeof inserts = [];
  const previous: Record<string, unknown>[] = [];
  const changes: ValueChange[] = [];
  let unchanged = 0;
  let rejected = 0;
  for (const { line, row: v } of rows) {
    const istat = normaliseIstatCode(v.istat);
    const regionCode = v.regionCode.trim().padStart(2, "0");
    // ISTAT writes "N.D." where a new comune has no cadastral code yet.
    const cadastral = v.cadastral === null || isEmptyMarker(v.cadastral) ? null : v.cadastral.trim().toUpperCase();
    const problems: string[] = [];
    if (!istat) problems.push(`codice ISTAT "${v.istat}" non valido`);
    if (!/^\d{2}$/.test(regionCode)) problems.push(`codice regione "${v.regionCode}" non valido`);
    if (cadastral !== null && !/^[A-Z]\d{3}$/.test(cadastral)) problems.push(`codice catastale "${cadastral}" non valido`);
    if (istat && seen.has(istat)) problems.push(`comune ${istat} ripetuto`);
    const holder = cadastral === null ? undefined : (fileCadastral.get(cadastral) ?? currentCadastral.get(cadastral));
    if (cadastral !== null && holder !== undefined && holder !== istat) problems.push(`codice catastale ${cadastral} già del comune ${holder}`);
    if (problems.length > 0 || !istat) {
      rejected++;
      errors.push({ line, column: "", value: v.istat, message: `Riga ${line}: ${problems.join("; ")}.` });
      continue;
    }
    seen.add(istat);
    if (cadastral !== null) fileCadastral.set(cadastral, istat);
    fileRegions.set(regionCode, v.regionName);
    const row = { istat, name: v.name.trim(), province: v.province.trim().toUpperCase(), cadastral_code: cadastral, region_code: regionCode };
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
    undo: { table: "comune", inserted: inserts.map((r) => r.istat), previous: await exactDates(trx, previous), insertedRegions: [...fileRegions.keys()].filter((code) => !regions.has(code)) },
    async apply() {
      for (const [code, name] of fileRegions) {
        if (!regions.has(code)) await trx.insertInto("region").values({ code, name }).execute();
      }
      for (const c of suppressed) await trx.updateTable("comune").set({ suppressed_on: today }).where("istat", "=", c.istat).execute();
      // A comune the list names exists today: neither suppressed nor merged into another.
      for (const row of updates) await trx.updateTable("comune").set({ ...row, suppressed_on: null, successor_istat: null, updated_at: new Date() }).where("istat", "=", row.istat).execute();
      for (let i = 0; i < inserts.length; i += 1000) await trx.insertInto("comune").values(inserts.slice(i, i + 1000)).execute();
    },
  };
}
