import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { formulaInputs } from "@/lib/catalog/schema";
import {
  DEFAULT_DISCLOSURE_THRESHOLD,
  DisclosureInputError,
  NOT_PUBLISHABLE_IT,
  CONFIDENTIAL_MARK_IT,
  protectTables,
  suppressedMarkIt,
  disclosureFootnoteIt,
  type CellValueInput,
  type ProtectedTableInput,
  type ProtectedValue,
} from "@/lib/disclosure";

/**
 * Disclosure control of the values as shown (db/queries/values.ts), applied
 * in the query layer so that pages, downloads and the API get the same
 * pattern. Per year and per count of people: one table of the comuni (and
 * the ATS's own row when it is part of the zone's figure) with the zone's
 * figure as its total, and the rates whose numerator is that count as rate
 * columns, so a rate is withheld with its numerator. Each such table is
 * protected on its own, so the pattern does not depend on what else a page
 * asks for.
 */

export type DisclosureState =
  /** may be published as it is */
  | "public"
  /** withheld from this reader: print the mark ("< 3"); value, numerator and partial value are null */
  | "suppressed"
  /** shown raw to this reader (planner, analyst) but withheld from the public: mark "non pubblicabile" */
  | "unpublishable";

interface RawValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** "confidential": withheld by the source, a confidential cell of the table (never shown, protected as unknown). */
  missingReason?: string | null;
}
interface RawZone extends RawValue {
  status: "complete" | "partial" | "missing";
  partialValue: number | null;
  source: "comuni" | "comuni_and_zone_row" | "zone_row";
}
interface RawEntry<C extends RawValue, R extends RawValue, Z extends RawZone> {
  indicator: string;
  year: number;
  comuni: (C & { istat: string })[];
  zoneRow: R | null;
  zone: Z;
}

type WithDisclosure<T> = T & { disclosure: DisclosureState };
type Shown<C extends RawValue, R extends RawValue, Z extends RawZone> = {
  indicator: string;
  year: number;
  comuni: WithDisclosure<C & { istat: string }>[];
  zoneRow: WithDisclosure<R> | null;
  zone: WithDisclosure<Z>;
};

/** The count of people behind an indicator: itself, or a rate's numerator when it counts people; null when none. */
export function peopleCountOf(def: IndicatorDefinition, byCode: ReadonlyMap<string, IndicatorDefinition>): string | null {
  if (def.isCountOfPeople) return def.code;
  if (!def.formula) return null;
  const numerators = formulaInputs(def.formula).slice(0, -1);
  if (!numerators.some((c) => byCode.get(c)?.isCountOfPeople)) return null;
  // A numerator summing several inputs is protected as one count (its key is not a catalogue code).
  return numerators.join("+");
}

/** Codes to read so that every rate can be protected with its numerator. */
export function codesForProtection(codes: readonly string[], catalogue: readonly IndicatorDefinition[]): string[] {
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const out = new Set(codes);
  for (const c of codes) {
    const def = byCode.get(c);
    const count = def ? peopleCountOf(def, byCode) : null;
    if (count && byCode.has(count)) out.add(count);
  }
  return [...out];
}

const ATS = "\u0000ATS";
const totalOf = (z: RawZone) => (z.status === "complete" ? z.value : z.status === "partial" ? z.partialValue : null);

export function protectValues<C extends RawValue, R extends RawValue, Z extends RawZone>(
  entries: readonly RawEntry<C, R, Z>[],
  options: { catalogue: readonly IndicatorDefinition[]; protect: boolean; threshold?: number },
): { values: Shown<C, R, Z>[]; threshold: number; mark: string; footnote: string | null } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const byCode = new Map(options.catalogue.map((d) => [d.code, d]));
  const countOf = new Map(entries.map((e) => [e.indicator, byCode.get(e.indicator) ? peopleCountOf(byCode.get(e.indicator)!, byCode) : null]));

  // Group the entries of each year by their count of people.
  const groups = new Map<string, { year: number; count: string; entries: RawEntry<C, R, Z>[] }>();
  for (const e of entries) {
    const count = countOf.get(e.indicator);
    if (!count) continue;
    const key = `${e.year}|${count}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { year: e.year, count, entries: [] }));
    g.entries.push(e);
  }

  const states = new Map<string, DisclosureState>();
  const stateKey = (indicator: string, year: number, who: string) => `${indicator}|${year}|${who}`;
  const withheld = (p: ProtectedValue | undefined) => p !== undefined && p.status !== "shown" && p.status !== "missing";
  const mark = (indicator: string, year: number, who: string, p: ProtectedValue | undefined) => {
    if (!withheld(p)) return;
    states.set(stateKey(indicator, year, who), options.protect ? "suppressed" : "unpublishable");
  };

  for (const g of groups.values()) {
    const countEntry = g.entries.find((e) => e.indicator === g.count);
    const rates = g.entries.filter((e) => e.indicator !== g.count);
    const base = countEntry ?? rates[0]!;
    // The count's cells: its own values, or else the rates' numerators (the same numbers).
    const cellOf = (istat: string): CellValueInput => {
      if (countEntry) {
        const c = countEntry.comuni.find((x) => x.istat === istat);
        return c?.missingReason === "confidential" ? { value: null, confidential: true } : (c?.value ?? null);
      }
      for (const r of rates) {
        const n = r.comuni.find((c) => c.istat === istat)?.numerator;
        if (typeof n === "number") return n;
      }
      return null;
    };
    const countZone = countEntry?.zone ?? null;
    const atsInTotal = countZone !== null && countZone.source !== "comuni" && countEntry?.zoneRow?.value != null;
    const rows = [...base.comuni.map((c) => c.istat), ...(atsInTotal ? [ATS] : [])];
    const cells: Record<string, Record<string, CellValueInput>> = {};
    for (const istat of base.comuni.map((c) => c.istat)) {
      cells[istat] = { [g.count]: cellOf(istat) };
      for (const r of rates) {
        const c = r.comuni.find((x) => x.istat === istat);
        cells[istat][r.indicator] = c?.missingReason === "confidential" ? { value: null, confidential: true } : (c?.value ?? null);
      }
    }
    if (atsInTotal) cells[ATS] = { [g.count]: countEntry.zoneRow!.value };
    const columnTotals: Record<string, number | null> = {};
    if (countZone && totalOf(countZone) !== null) columnTotals[g.count] = totalOf(countZone);
    for (const r of rates) if (totalOf(r.zone) !== null) columnTotals[r.indicator] = totalOf(r.zone);
    const table: ProtectedTableInput = {
      id: `${g.year}|${g.count}`,
      rows,
      columns: [{ key: g.count, kind: "people" }, ...rates.map((r) => ({ key: r.indicator, rateOf: g.count }))],
      cells,
      columnTotals,
    };

    let result: ReturnType<typeof protectTables>["tables"][number] | null = null;
    try {
      result = protectTables({ tables: [table], threshold }).tables[0]!;
    } catch (error) {
      if (!(error instanceof DisclosureInputError)) throw error;
      // A total that is not the sum of its cells cannot be audited: withhold the whole group rather than guess.
      result = null;
    }
    const all: ProtectedValue = { value: null, status: "primary" };
    for (const e of g.entries) {
      const col = e.indicator === g.count ? g.count : e.indicator;
      for (const c of e.comuni) mark(e.indicator, e.year, c.istat, c.value === null ? undefined : result ? result.cells[c.istat]?.[col] : all);
      const zoneTotal = totalOf(e.zone);
      mark(e.indicator, e.year, "zona", zoneTotal === null ? undefined : result ? result.columnTotals[col] : all);
      if (e.zoneRow?.value != null) {
        if (e.indicator === g.count && atsInTotal) mark(e.indicator, e.year, "ats", result ? result.cells[ATS]?.[col] : all);
        else if (e.indicator === g.count) {
          // The ATS's row stands apart from the zone's figure: a table of its own.
          const own = protectTables({ tables: [{ id: "ats", rows: [ATS], columns: [{ key: "v", kind: "people" }], cells: { [ATS]: { v: e.zoneRow.value } } }], threshold }).tables[0]!;
          mark(e.indicator, e.year, "ats", own.cells[ATS]?.v);
        } else mark(e.indicator, e.year, "ats", zoneTotal === null ? all : result ? result.columnTotals[col] : all);
      }
    }
  }

  const apply = <T extends RawValue>(v: T, state: DisclosureState): WithDisclosure<T> =>
    state === "suppressed"
      ? { ...v, value: null, numerator: null, ...("partialValue" in v ? { partialValue: null } : {}), disclosure: state }
      : { ...v, disclosure: state };
  const stateOf = (indicator: string, year: number, who: string): DisclosureState => states.get(stateKey(indicator, year, who)) ?? "public";
  const values = entries.map((e) => ({
    indicator: e.indicator,
    year: e.year,
    comuni: e.comuni.map((c) => apply(c, stateOf(e.indicator, e.year, c.istat))),
    zoneRow: e.zoneRow ? apply(e.zoneRow, stateOf(e.indicator, e.year, "ats")) : null,
    zone: apply(e.zone, stateOf(e.indicator, e.year, "zona")),
  }));
  const confidential = entries.some((e) => [...e.comuni, ...(e.zoneRow ? [e.zoneRow] : [])].some((c) => c.missingReason === "confidential"));
  const footnote = states.size === 0
    ? confidential
      ? `«${CONFIDENTIAL_MARK_IT}»: dato non diffuso dalla fonte.`
      : null
    : options.protect
      ? disclosureFootnoteIt(threshold)
      : `«${NOT_PUBLISHABLE_IT}»: valore che chi non fa parte dell'Ufficio di Piano (Conferenza di zona, API, pagine pubbliche) vede come «${suppressedMarkIt(threshold)}». ${disclosureFootnoteIt(threshold)}`;
  return { values, threshold, mark: suppressedMarkIt(threshold), footnote };
}
