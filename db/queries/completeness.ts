import type { Db } from "./zones";
import { listComuniOfZone } from "./comuni";
import { indicatorDefinitions, zoneYears } from "./indicators";
import { zoneDefaultYear } from "./values";
import { toNumber } from "./convert";
import type { IndicatorDefinition, Theme } from "@/lib/catalog/schema";
import type { ImportKind } from "@/lib/batches";

/**
 * Measures of a service (theme «qualità», rows with a service_code) describe
 * a service, not a territory: a comune "has" them only through some service,
 * so they are left out here; their gaps show on the Qualità page as «dato mancante».
 */
export const COMPLETENESS_EXCLUDED_THEME: Theme = "qualita";

/**
 * The Completezza page's data: for a zone, which imported indicators (the
 * catalogue's inputs; derived ones follow from them) each comune and the zone
 * itself have in each year, and when each indicator was last updated. It
 * reports availability only — never a value — so it needs no disclosure
 * control: what exists says nothing about the people counted.
 */

export type CellState =
  /** a value for that year (or the source's «..», below half the unit shown) */
  | "presente"
  /** the source withheld it («x», «*»): present, not to be filled in */
  | "riservato"
  /** no value for that year, and none before */
  | "mancante"
  /** no value for that year, but one for an earlier year */
  | "non_aggiornato"
  /** this indicator is not expected here (a zone-only indicator for a comune, or the zone for a per-comune one) */
  | "non_previsto";

export const CELL_STATE_LABELS_IT: Record<CellState, string> = {
  presente: "presente",
  riservato: "riservato dalla fonte",
  mancante: "mancante",
  non_aggiornato: "non aggiornato",
  non_previsto: "non previsto",
};

/** Icons beside the words, so that no state is told by colour alone. */
export const CELL_STATE_ICONS: Record<CellState, string> = {
  presente: "✓",
  riservato: "◆",
  mancante: "✗",
  non_aggiornato: "⟳",
  non_previsto: "—",
};

export interface CompletenessCell {
  state: CellState;
  /** The latest year with a value, when the state is "non_aggiornato". */
  lastYear: number | null;
  /** The file said the value is unknown («....»): missing, with the source's reason. */
  unknownBySource: boolean;
}

/** Key of the zone's own row (the ATS's, comune_istat null) among the cells. */
export const ZONE_CELL = "zona";

export interface LastUpdate {
  /** When the latest import batch that holds one of the indicator's current values was committed. */
  date: Date | null;
  fileName: string;
  kind: ImportKind;
  batchId: number;
}

export interface CompletenessRow {
  def: IndicatorDefinition;
  /** Where the indicator is expected in this zone: per comune, only as the zone's own row, or never loaded (per comune). */
  scope: "comuni" | "zona" | "mai";
  /** By ISTAT code, and ZONE_CELL for the zone's own row. */
  cells: Record<string, CompletenessCell>;
  /** Years with any value in the zone. */
  firstYear: number | null;
  lastYear: number | null;
  lastUpdate: LastUpdate | null;
  /** Cells to fill (mancante, non aggiornato) in the year. */
  gaps: number;
}

export interface YearCoverage {
  year: number;
  present: number;
  missing: number;
  outOfDate: number;
}

export interface Gap {
  indicator: string;
  name: string;
  year: number;
  /** The territories to fill: ISTAT code (or ZONE_CELL) and name. */
  territories: { who: string; name: string; state: "mancante" | "non_aggiornato" }[];
}

export interface ZoneCompleteness {
  zoneCode: string;
  /** Years the page offers: the zone's years, and the next one when it is not after the current year. */
  years: number[];
  year: number | null;
  comuni: { istat: string; name: string }[];
  rows: CompletenessRow[];
  /** Present, missing and out-of-date cells of every offered year (the same indicators as `rows`). */
  coverage: YearCoverage[];
  gaps: Gap[];
}

export interface CompletenessRequest {
  year?: number;
  theme?: Theme;
  /** Only the rows with something to fill in the year. */
  onlyGaps?: boolean;
  indicator?: string;
  currentYear?: number;
}

interface Presence {
  /** Years with a value (or a source-withheld one) by territory. */
  years: Map<string, Map<number, "presente" | "riservato" | "sconosciuto">>;
}

export async function zoneCompleteness(db: Db, zoneCode: string, request: CompletenessRequest = {}): Promise<ZoneCompleteness> {
  const currentYear = request.currentYear ?? new Date().getFullYear();
  const [catalogue, comuni, zoneYearList, defaultYear] = await Promise.all([indicatorDefinitions(db), listComuniOfZone(db, zoneCode), zoneYears(db, zoneCode), zoneDefaultYear(db, zoneCode, { currentYear })]);
  const last = zoneYearList.at(-1);
  const years = last !== undefined && last + 1 <= currentYear ? [...zoneYearList, last + 1] : zoneYearList;
  const year = request.year !== undefined && years.includes(request.year) ? request.year : (defaultYear ?? zoneYearList.at(-1) ?? null);

  const rowsRead = await db
    .selectFrom("observation")
    .select(["indicator_code", "comune_istat", "year", "value", "missing_reason", "batch_id"])
    .where("zone_code", "=", zoneCode)
    .where("period_type", "=", "year")
    .where("service_code", "is", null)
    .where("replaced_by_batch", "is", null)
    .execute();
  const presence = new Map<string, Presence>();
  const batchesOf = new Map<string, Set<number>>();
  for (const r of rowsRead) {
    const p: Presence = presence.get(r.indicator_code) ?? { years: new Map() };
    presence.set(r.indicator_code, p);
    const who = r.comune_istat ?? ZONE_CELL;
    const byYear = p.years.get(who) ?? new Map<number, "presente" | "riservato" | "sconosciuto">();
    p.years.set(who, byYear);
    const y = toNumber(r.year);
    const state: "presente" | "riservato" | "sconosciuto" = r.value !== null || r.missing_reason === "below_half_unit" ? "presente" : r.missing_reason === "confidential" ? "riservato" : "sconosciuto";
    // Several rows (services) of one territory and year: any value makes it present.
    const before = byYear.get(y);
    if (before !== "presente" && !(before === "riservato" && state === "sconosciuto")) byYear.set(y, state);
    const b = batchesOf.get(r.indicator_code) ?? new Set();
    b.add(toNumber(r.batch_id));
    batchesOf.set(r.indicator_code, b);
  }
  const batchIds = [...new Set([...batchesOf.values()].flatMap((s) => [...s]))];
  const batches =
    batchIds.length === 0 ? [] : await db.selectFrom("import_batch").select(["id", "file_name", "kind", "committed_at", "created_at"]).where("id", "in", batchIds).execute();
  const batchById = new Map(batches.map((b) => [toNumber(b.id), b]));

  const inputs = catalogue.filter((d) => !d.formula && d.theme !== COMPLETENESS_EXCLUDED_THEME && (request.theme === undefined || d.theme === request.theme) && (request.indicator === undefined || d.code === request.indicator));
  const territories = [...comuni.map((c) => c.istat), ZONE_CELL];
  const cellOf = (p: Presence | undefined, who: string, y: number, expected: boolean): CompletenessCell => {
    const byYear = p?.years.get(who);
    const at = byYear?.get(y);
    if (at === "presente" || at === "riservato") return { state: at, lastYear: null, unknownBySource: false };
    if (!expected) return { state: "non_previsto", lastYear: null, unknownBySource: false };
    const earlier = [...(byYear?.entries() ?? [])].filter(([yy, s]) => yy < y && s !== "sconosciuto").map(([yy]) => yy);
    const lastYear = earlier.length > 0 ? Math.max(...earlier) : null;
    return { state: lastYear === null ? "mancante" : "non_aggiornato", lastYear, unknownBySource: at === "sconosciuto" };
  };
  const scopeOf = (p: Presence | undefined): CompletenessRow["scope"] => {
    if (!p) return "mai";
    const atComuni = [...p.years.keys()].some((who) => who !== ZONE_CELL);
    return atComuni ? "comuni" : "zona";
  };
  const expectedAt = (scope: CompletenessRow["scope"], who: string) => (who === ZONE_CELL ? scope === "zona" : scope !== "zona");
  const rowsFor = (y: number) =>
    inputs.map((def) => {
      const p = presence.get(def.code);
      const scope = scopeOf(p);
      const cells = Object.fromEntries(territories.map((who) => [who, cellOf(p, who, y, expectedAt(scope, who))]));
      return { def, scope, cells, p };
    });

  const coverage = years.map((y): YearCoverage => {
    const cells = rowsFor(y).flatMap((r) => Object.values(r.cells));
    return {
      year: y,
      present: cells.filter((c) => c.state === "presente" || c.state === "riservato").length,
      missing: cells.filter((c) => c.state === "mancante").length,
      outOfDate: cells.filter((c) => c.state === "non_aggiornato").length,
    };
  });

  const nameOf = new Map([...comuni.map((c) => [c.istat, c.name] as const), [ZONE_CELL, "Intera zona (ATS)"] as const]);
  const rows: CompletenessRow[] = [];
  const gaps: Gap[] = [];
  if (year !== null) {
    for (const r of rowsFor(year)) {
      const allYears = [...(r.p?.years.values() ?? [])].flatMap((m) => [...m.keys()]);
      const latest = [...(batchesOf.get(r.def.code) ?? [])]
        .map((id) => batchById.get(id))
        .filter((b) => b !== undefined)
        .sort((a, b) => time(b.committed_at ?? b.created_at) - time(a.committed_at ?? a.created_at) || toNumber(b.id) - toNumber(a.id))[0];
      const toFill = territories.filter((who) => r.cells[who]!.state === "mancante" || r.cells[who]!.state === "non_aggiornato");
      const row: CompletenessRow = {
        def: r.def,
        scope: r.scope,
        cells: r.cells,
        firstYear: allYears.length ? Math.min(...allYears) : null,
        lastYear: allYears.length ? Math.max(...allYears) : null,
        lastUpdate: latest ? { date: latest.committed_at ?? latest.created_at, fileName: latest.file_name, kind: latest.kind, batchId: toNumber(latest.id) } : null,
        gaps: toFill.length,
      };
      if (request.onlyGaps && row.gaps === 0) continue;
      rows.push(row);
      if (toFill.length > 0) {
        gaps.push({
          indicator: r.def.code,
          name: r.def.name,
          year,
          territories: toFill.map((who) => ({ who, name: nameOf.get(who) ?? who, state: r.cells[who]!.state as "mancante" | "non_aggiornato" })),
        });
      }
    }
  }
  return { zoneCode, years, year, comuni: comuni.map((c) => ({ istat: c.istat, name: c.name })), rows, coverage, gaps };
}

const time = (d: Date | string | null): number => (d === null ? 0 : new Date(d).getTime());

/**
 * The gaps as rows of the `valori` import (imports/csv/kinds.ts), ready to be
 * filled in and imported back: indicator, comune (ISTAT code, or «zona»), the
 * comune's name, the year; value, numerator, denominator and service empty.
 */
export function gapTemplateRows(gaps: readonly Gap[]): string[][] {
  return gaps.flatMap((g) => g.territories.map((t) => [g.indicator, t.who, t.who === ZONE_CELL ? "" : t.name, String(g.year), "", "", "", ""]));
}
