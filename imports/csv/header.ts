import { KINDS, type ColumnSpec, type KindSpec } from "./kinds";
import { closest, headerKey } from "./text";
import { parsePeriod } from "./period";

/**
 * Matching a header row to a dataset kind, and finding the header row itself
 * below title or note rows. Unknown and duplicate columns are reported with
 * "forse intendevi …" suggestions.
 */
export interface HeaderMatch {
  kind: KindSpec["kind"];
  /** field → column index */
  columns: Map<string, number>;
  unknown: { index: number; header: string; suggestions: string[] }[];
  duplicates: { index: number; header: string; field: string }[];
  missing: ColumnSpec[];
  matched: number;
}

export function matchHeader(headers: readonly string[], spec: KindSpec): HeaderMatch {
  const aliasToField = new Map<string, string>();
  for (const c of spec.columns) for (const a of c.aliases) aliasToField.set(headerKey(a), c.field);
  const columns = new Map<string, number>();
  const unknown: HeaderMatch["unknown"] = [];
  const duplicates: HeaderMatch["duplicates"] = [];
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key === "") return;
    const field = aliasToField.get(key);
    if (!field) {
      const labels = spec.columns.map((c) => c.label);
      unknown.push({ index, header, suggestions: closest(header, labels, headerKey, 2) });
    } else if (columns.has(field)) {
      duplicates.push({ index, header, field });
    } else {
      columns.set(field, index);
    }
  });
  const missing = spec.columns.filter((c) => c.required && !columns.has(c.field));
  return { kind: spec.kind, columns, unknown, duplicates, missing, matched: columns.size };
}

/**
 * Layout of a "valori" file: long (one value per row), wide by indicator
 * (one column per indicator code) or wide by year (one column per year, or
 * prefix_year columns such as pop_2019).
 */
export type ValoriLayout =
  | { format: "lungo" }
  | { format: "largo per indicatore"; comune: number; period: number; indicators: { index: number; code: string }[] }
  | { format: "largo per anno"; comune: number; indicator: number | null; years: { index: number; year: number; code: string | null }[] };

/** Short column prefixes that name an indicator in wide-by-year files. */
const YEAR_PREFIXES: Record<string, string> = { pop: "POP_TOT", popolazione: "POP_TOT", residenti: "POP_TOT" };

export function detectValoriLayout(headers: readonly string[], indicatorCodes: ReadonlySet<string>): ValoriLayout | null {
  const keys = headers.map(headerKey);
  const find = (...aliases: string[]) => keys.findIndex((k) => aliases.map(headerKey).includes(k));
  const comune = find("comune", "codice istat", "istat", "codice comune", "denominazione", "territorio");
  if (comune === -1) return null;
  const indicator = find("indicatore", "codice indicatore", "cod_indicatore");
  const period = find("periodo", "anno", "periodo di riferimento");
  const value = find("valore", "dato");
  if (indicator !== -1 && value !== -1) return { format: "lungo" };

  const byCode = new Map([...indicatorCodes].map((c) => [headerKey(c), c]));
  const indicators = headers
    .map((h, index) => ({ index, code: byCode.get(headerKey(h)) }))
    .filter((x): x is { index: number; code: string } => x.code !== undefined);
  if (period !== -1 && indicators.length > 0) return { format: "largo per indicatore", comune, period, indicators };

  const years: { index: number; year: number; code: string | null }[] = [];
  headers.forEach((h, index) => {
    const plain = parsePeriod(h);
    if (plain?.type === "year" && /^\s*\d{4}\s*$/.test(h)) {
      years.push({ index, year: plain.year, code: null });
      return;
    }
    const m = h.trim().match(/^(.+?)[\s_-](\d{4})$/);
    if (!m) return;
    const prefix = headerKey(m[1] as string);
    const code = byCode.get(prefix) ?? YEAR_PREFIXES[prefix];
    if (code) years.push({ index, year: Number(m[2]), code });
  });
  if (years.length > 0 && (indicator !== -1 || years.every((y) => y.code !== null))) {
    return { format: "largo per anno", comune, indicator: indicator === -1 ? null : indicator, years };
  }
  return null;
}

export interface KindCandidate {
  kind: KindSpec["kind"];
  score: number;
}

/** Scores every kind against a header row; valori's wide layouts count as a full match. */
export function scoreKinds(headers: readonly string[], indicatorCodes: ReadonlySet<string>): KindCandidate[] {
  const out: KindCandidate[] = [];
  for (const spec of Object.values(KINDS)) {
    const m = matchHeader(headers, spec);
    const required = spec.columns.filter((c) => c.required).length;
    // Fraction of required columns found, plus a little for optional ones.
    let score = (required - m.missing.length) / required + m.matched / 100;
    if (spec.kind === "valori" && detectValoriLayout(headers, indicatorCodes)?.format.startsWith("largo")) score = 1;
    if (m.matched >= 2 || score >= 1) out.push({ kind: spec.kind, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * The header row: the first of the first records whose cells match a kind
 * (at least two known columns). Rows above it are titles or notes.
 */
export function findHeaderRow(
  records: readonly { line: number; cells: string[] }[],
  indicatorCodes: ReadonlySet<string>,
  kind: KindSpec["kind"] | null,
): number {
  const limit = Math.min(records.length, 30);
  for (let i = 0; i < limit; i++) {
    const cells = (records[i] as { cells: string[] }).cells;
    if (cells.filter((c) => c.trim() !== "").length < 2) continue;
    const candidates = scoreKinds(cells, indicatorCodes);
    if (kind ? candidates.some((c) => c.kind === kind && c.score >= 0.5) : (candidates[0]?.score ?? 0) >= 0.5) return i;
  }
  return -1;
}
