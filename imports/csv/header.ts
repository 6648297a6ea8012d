import { KINDS, type ColumnSpec, type KindSpec } from "./kinds";
import { closest, headerKey } from "./text";
import { AUTO_MATCH_SCORE, headerWords, spellingScore, TIE_MARGIN, type HeaderWords } from "./header-match";
import { parsePeriod } from "./period";
import type { SdmxShape } from "./sdmx";
import type { IndicatorRule } from "./column-map";
import { INDICATORS } from "@/lib/catalog/indicators";

/**
 * Matching a header row to a dataset kind, and finding the header row itself
 * below title or note rows. Unknown and duplicate columns are reported with
 * "forse intendevi …" suggestions.
 */
export interface HeaderMatch {
  kind: KindSpec["kind"];
  /** field → column index */
  columns: Map<string, number>;
  /** field → how sure the match is (header-match.ts spellingScore), for the preview. */
  scores: Map<string, number>;
  unknown: { index: number; header: string; suggestions: string[] }[];
  /** A column that could fill a field already filled by a better match (the more specific header wins). */
  duplicates: { index: number; header: string; field: string; chosen: number }[];
  /** A column that fits two fields equally well: the user must choose (column mapping). */
  ambiguous: { index: number; header: string; fields: string[] }[];
  missing: ColumnSpec[];
  matched: number;
}

/** The column's spellings with their words, its label first; camelCase field names read as words. */
const spellingsCache = new WeakMap<ColumnSpec, { words: HeaderWords; cap: number; rank: number }[]>();
function spellingsOf(column: ColumnSpec): { words: HeaderWords; cap: number; rank: number }[] {
  let out = spellingsCache.get(column);
  if (!out) {
    const codes = new Set(column.codeAliases ?? []);
    const all = [...column.aliases, ...(column.codeAliases ?? [])];
    out = all.map((a, rank) => ({
      words: headerWords(a.replace(/([a-z])([A-Z])/g, "$1 $2")),
      cap: codes.has(a) ? 100 : (column.cap ?? 100),
      rank,
    }));
    spellingsCache.set(column, out);
  }
  return out;
}

/** The header's score for a column: its best spelling, the label and earlier aliases ranking a little higher. */
export function columnScore(header: HeaderWords, column: ColumnSpec): number {
  let best = 0;
  for (const s of spellingsOf(column)) {
    const raw = spellingScore(header, s.words);
    if (raw === 0) continue;
    best = Math.max(best, Math.min(raw, s.cap) - s.rank * 0.01);
  }
  return best;
}

/**
 * Matches a header row to a kind's columns: every (header, column) pair is
 * scored, the best pairs are taken first, one column per field and one field
 * per column. A header that loses its field to a better one is a duplicate
 * (the more specific header wins, and the preview says so); a header equally
 * good for two fields is ambiguous; one below AUTO_MATCH_SCORE is unknown
 * with its closest fields as suggestions. `forced` (a column mapping) assigns
 * columns before any guess: field, or null for a column to ignore.
 */
export function matchHeader(headers: readonly string[], spec: KindSpec, forced?: ReadonlyMap<number, string | null>): HeaderMatch {
  const columns = new Map<string, number>();
  const scores = new Map<string, number>();
  const unknown: HeaderMatch["unknown"] = [];
  const duplicates: HeaderMatch["duplicates"] = [];
  const ambiguous: HeaderMatch["ambiguous"] = [];
  const taken = new Set<number>();
  for (const [index, field] of forced ?? []) {
    taken.add(index);
    if (field !== null && !columns.has(field) && spec.columns.some((c) => c.field === field)) {
      columns.set(field, index);
      scores.set(field, 100);
    }
  }
  const table = headers.map((header, index) => {
    const words = headerWords(header);
    const empty = words.main.length + words.qualifiers.length === 0;
    return { index, header, ranked: empty ? [] : spec.columns.map((c) => ({ field: c.field, score: columnScore(words, c) })).filter((x) => x.score > 0).sort((a, b) => b.score - a.score) };
  });
  const pairs = table
    .filter((h) => !taken.has(h.index))
    .flatMap((h) => h.ranked.filter((r) => r.score >= AUTO_MATCH_SCORE).map((r) => ({ index: h.index, ...r })))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const undecided = new Set<number>();
  for (const p of pairs) {
    if (taken.has(p.index) || undecided.has(p.index) || columns.has(p.field)) continue;
    const rivals = (table[p.index]?.ranked ?? []).filter((r) => r.field !== p.field && !columns.has(r.field) && p.score - r.score < TIE_MARGIN);
    if (rivals.length > 0) {
      undecided.add(p.index);
      ambiguous.push({ index: p.index, header: headers[p.index] ?? "", fields: [p.field, ...rivals.map((r) => r.field)] });
      continue;
    }
    columns.set(p.field, p.index);
    scores.set(p.field, p.score);
    taken.add(p.index);
  }
  const labelOf = new Map(spec.columns.map((c) => [c.field, c.label]));
  for (const h of table) {
    if (taken.has(h.index) || undecided.has(h.index) || h.ranked.length === 0 && headers[h.index]?.trim() === "") continue;
    const best = h.ranked[0];
    if (best && best.score >= AUTO_MATCH_SCORE) {
      duplicates.push({ index: h.index, header: h.header, field: best.field, chosen: columns.get(best.field) ?? -1 });
    } else if (h.header.trim() !== "") {
      const suggestions = h.ranked.filter((r) => r.score >= 30 && !columns.has(r.field)).slice(0, 2).map((r) => labelOf.get(r.field) ?? r.field);
      unknown.push({ index: h.index, header: h.header, suggestions: suggestions.length ? suggestions : closest(h.header, spec.columns.map((c) => c.label), headerKey, 2) });
    }
  }
  const missing = spec.columns.filter((c) => c.required && !columns.has(c.field));
  return { kind: spec.kind, columns, scores, unknown, duplicates, ambiguous, missing, matched: columns.size };
}

/**
 * Layout of a "valori" file: long (one value per row), wide by indicator
 * (one column per indicator code) or wide by year (one column per year, or
 * prefix_year columns such as pop_2019).
 */
export type ValoriLayout =
  | { format: "lungo" }
  /** ISTAT's data browser export (sdmx.ts): the indicator of each row comes from its dimension values, by the mapping's rules. */
  | { format: "SDMX-CSV"; shape: SdmxShape; rules: IndicatorRule[] }
  | { format: "largo per indicatore"; comune: number; period: number; indicators: { index: number; code: string }[] }
  | { format: "largo per anno"; comune: number; indicator: number | null; years: { index: number; year: number; code: string | null }[] };

/** Short column prefixes that name an indicator in wide-by-year files. */
const YEAR_PREFIXES: Record<string, string> = { pop: "POP_TOT", popolazione: "POP_TOT", residenti: "POP_TOT" };

export function detectValoriLayout(
  headers: readonly string[],
  indicatorCodes: ReadonlySet<string>,
  forced?: ReadonlyMap<number, string | null>,
  /** Columns the mapping gives to an indicator ("Totale=POP_TOT"), whatever their header. */
  forcedIndicators?: ReadonlyMap<number, string>,
): ValoriLayout | null {
  const match = matchHeader(headers, KINDS.valori, forced);
  const at = (field: string) => match.columns.get(field) ?? -1;
  const comune = at("comune");
  if (comune === -1) return null;
  const indicator = at("indicator");
  const period = at("period");
  const value = at("value");
  if (indicator !== -1 && value !== -1) return { format: "lungo" };

  const byCode = new Map([...indicatorCodes].map((c) => [headerKey(c), c]));
  // A column may also carry the catalogue's name of the indicator ("Popolazione residente", as ISTAT
  // exports name it); a code always wins over a name.
  for (const d of INDICATORS) if (indicatorCodes.has(d.code) && !byCode.has(headerKey(d.name))) byCode.set(headerKey(d.name), d.code);
  // A column the mapping ignores is no indicator or year column either.
  const ignored = (index: number) => forced?.get(index) === null;
  const indicators = headers
    .map((h, index) => ({ index, code: ignored(index) ? undefined : (forcedIndicators?.get(index) ?? byCode.get(headerKey(h))) }))
    .filter((x): x is { index: number; code: string } => x.code !== undefined);
  if (period !== -1 && indicators.length > 0) return { format: "largo per indicatore", comune, period, indicators };

  const years: { index: number; year: number; code: string | null }[] = [];
  headers.forEach((h, index) => {
    if (ignored(index)) return;
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
    // Fraction of required columns found, plus a little for optional ones and for each required one
    // found (on a tie the kind with more of its required columns present wins: «Anno» and «Valore»
    // are two of valori's four, one of isee's two).
    let score = (required - m.missing.length) / required + m.matched / 100 + (required - m.missing.length) / 500;
    if (spec.kind === "valori" && detectValoriLayout(headers, indicatorCodes)?.format.startsWith("largo")) score = 1;
    // A comune and a year beside a column no kind knows: most likely a wide file of values whose column is not
    // headed by a catalogue code (ISTAT's «Codice comune;Denominazione;Anno;Totale»); the preview then asks which
    // indicator it holds. It wins over a kind missing a required column, never over a full match.
    else if (spec.kind === "valori" && m.columns.has("comune") && m.columns.has("period") && m.unknown.length > 0) score = Math.max(score, 0.75);
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
