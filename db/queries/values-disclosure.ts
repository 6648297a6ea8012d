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
  type CellInput,
  type ProtectedTableInput,
  type ProtectedTablesResult,
  type CellStatus,
  type SdcProblem,
} from "@/lib/disclosure";

/**
 * Disclosure control of the values as shown (db/queries/values.ts), applied
 * in the query layer so that pages, downloads and the API get the same
 * pattern. Per year, every count of people a value depends on is a table of
 * the comuni (and the ATS's own row when it is part of the zone's figure)
 * with the zone's figure as its total; a rate whose numerator sums several
 * inputs adds a table that links them (comuni × inputs, the summed numerator
 * as row totals). Tables that share a cell are protected together
 * (protectTables, one id per cell), the others apart, so the pattern of a
 * count depends only on the data of its own block — never on what else a
 * page asks for — and every page, export and API shows the same one. A rate
 * is shown exactly when the counts it is computed from (its numerator, and
 * its denominator when that counts people too) are: multiplied or divided by
 * a public number it would give them back.
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
  /** The comuni a partial figure leaves out (a partial rate is over the others: a sum over a subset of its counts' comuni). */
  coverage?: { missing: readonly string[] };
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

/**
 * The counts of people a value is protected with: its numerator (the count
 * itself, a rate's numerator input, the sum of a rate's numerator inputs, or
 * the stored numerator of a ratio imported without formula whose numerator
 * counts people) and, when it counts people too, a rate's denominator.
 * Null when the value depends on no count of people.
 */
export interface PeopleCounts {
  numerator: string | null;
  denominator: string | null;
  /** For a summed numerator: its inputs (the link table's columns). */
  terms: string[] | null;
}

/** Key of the stored numerator of a ratio imported without formula (not a catalogue code: "#" is not allowed in codes). */
const storedNumeratorKey = (code: string) => `${code}#num`;

export function peopleCountsOf(def: IndicatorDefinition, byCode: ReadonlyMap<string, IndicatorDefinition>): PeopleCounts | null {
  if (def.isCountOfPeople) {
    // A ratio imported with its numerator and denominator, flagged as counting people: its numerator does.
    if (def.aggregation === "ratio" && !def.formula) return { numerator: storedNumeratorKey(def.code), denominator: null, terms: null };
    return { numerator: def.code, denominator: null, terms: null };
  }
  if (!def.formula) return null;
  const inputs = formulaInputs(def.formula);
  const numerators = inputs.slice(0, -1);
  const denominator = inputs.at(-1)!;
  const people = (c: string) => byCode.get(c)?.isCountOfPeople === true;
  const numerator = numerators.some(people) ? numerators.join("+") : null;
  const den = people(denominator) ? denominator : null;
  if (numerator === null && den === null) return null;
  return { numerator, denominator: den, terms: numerator !== null && numerators.length > 1 ? numerators : null };
}

/** The count of people behind an indicator (its numerator's, else its denominator's); null when none: the value is public. */
export function peopleCountOf(def: IndicatorDefinition, byCode: ReadonlyMap<string, IndicatorDefinition>): string | null {
  const counts = peopleCountsOf(def, byCode);
  return counts ? (counts.numerator ?? counts.denominator) : null;
}

/**
 * Codes to read so that every value can be protected as its block requires:
 * a rate's counts of people and, for a summed numerator, every input; and for
 * every count read, every rate of the catalogue whose summed numerator
 * includes it (the link table binds the count's pattern), to a fixed point.
 * The result depends on the catalogue, not on the page: each block is read whole.
 */
export function codesForProtection(codes: readonly string[], catalogue: readonly IndicatorDefinition[]): string[] {
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const linking = catalogue.filter((d) => peopleCountsOf(d, byCode)?.terms);
  const out = new Set(codes.filter((c) => byCode.has(c)));
  const queue = [...out];
  const add = (c: string) => {
    if (!byCode.has(c) || out.has(c)) return;
    out.add(c);
    queue.push(c);
  };
  while (queue.length > 0) {
    const def = byCode.get(queue.pop()!)!;
    const counts = peopleCountsOf(def, byCode);
    if (counts?.terms) counts.terms.forEach(add);
    else if (counts?.numerator) add(counts.numerator);
    if (counts?.denominator) add(counts.denominator);
    for (const r of linking) if (peopleCountsOf(r, byCode)!.terms!.includes(def.code)) add(r.code);
  }
  return [...out];
}

const totalOf = (z: RawZone) => (z.status === "complete" ? z.value : z.status === "partial" ? z.partialValue : null);
const ATS = "ats";
const ZONE = "zona";

/** The cells of one count (or summed or stored numerator) in one year: by comune, the ATS's row, the zone's total. */
interface CountCells {
  key: string;
  /** By comune: the value, or "confidential" when the source withheld it. */
  comuni: Map<string, number | null | "confidential">;
  /** The ATS's value; inTotal: it is part of the zone's figure (a row of the table), else it stands apart. */
  ats: { value: number; inTotal: boolean } | null;
  total: number | null;
  /** The total is partial: the sum over the comuni that have the value, without the source-confidential ones. */
  partial: boolean;
  /** Counts of people are suppressed below the threshold; a summed numerator's public inputs never are. */
  people: boolean;
}

export function protectValues<C extends RawValue, R extends RawValue, Z extends RawZone>(
  entries: readonly RawEntry<C, R, Z>[],
  options: { catalogue: readonly IndicatorDefinition[]; protect: boolean; threshold?: number },
): {
  values: Shown<C, R, Z>[];
  threshold: number;
  mark: string;
  footnote: string | null;
  zoneBlock: (year: number, key: string) => { block: { problem: SdcProblem; status: ReadonlyMap<string, CellStatus> }; total: string } | null;
} {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const byCode = new Map(options.catalogue.map((d) => [d.code, d]));
  const countsOf = new Map(entries.map((e) => [e.indicator, byCode.has(e.indicator) ? peopleCountsOf(byCode.get(e.indicator)!, byCode) : null]));
  const status = new Map<string, CellStatus>();
  const blockByCell = new Map<string, ProtectedTablesResult>();

  for (const year of [...new Set(entries.map((e) => e.year))]) {
    const ofYear = entries.filter((e) => e.year === year);
    const entryOf = new Map(ofYear.map((e) => [e.indicator, e]));
    const counts = new Map<string, CountCells>();
    /** A count's cells: from its own entry, or from the numerators of the rates computed on it. */
    const countCells = (key: string): CountCells | null => {
      if (counts.has(key)) return counts.get(key)!;
      const own = entryOf.get(key);
      let cells: CountCells | null = null;
      if (own) {
        const ats = own.zoneRow?.value ?? null;
        cells = {
          key,
          comuni: new Map(own.comuni.map((c) => [c.istat, c.missingReason === "confidential" ? ("confidential" as const) : c.value])),
          ats: ats === null ? null : { value: ats, inTotal: own.zone.source !== "comuni" },
          total: totalOf(own.zone),
          partial: own.zone.status === "partial",
          people: byCode.get(key)?.isCountOfPeople ?? true,
        };
      } else {
        // A summed or stored numerator: the numerators of the rates that have it.
        const rates = ofYear.filter((e) => countsOf.get(e.indicator)?.numerator === key);
        if (rates.length === 0) return null;
        const first = rates[0]!;
        const num = (c: RawValue | null | undefined) => c?.numerator ?? null;
        let ats: { value: number; inTotal: boolean } | null = num(first.zoneRow) === null ? null : { value: num(first.zoneRow)!, inTotal: first.zone.source !== "comuni" };
        // No rate of the ATS's own (one input has no ATS row): its part of the zone's sum is the inputs' ATS rows in their totals.
        const terms = countsOf.get(first.indicator)?.terms;
        if (ats === null && terms) {
          const parts = terms.map((t) => (t === key ? null : countCells(t))).filter((t) => t?.ats?.inTotal);
          if (parts.length > 0) ats = { value: parts.reduce((s, t) => s + t!.ats!.value, 0), inTotal: true };
        }
        cells = {
          key,
          comuni: new Map(first.comuni.map((c) => [c.istat, rates.map((r) => num(r.comuni.find((x) => x.istat === c.istat))).find((n) => n !== null) ?? null])),
          ats,
          total: first.zone.status === "missing" ? null : first.zone.numerator,
          partial: first.zone.status === "partial",
          people: true,
        };
      }
      counts.set(key, cells);
      return cells;
    };
    for (const e of ofYear) {
      const c = countsOf.get(e.indicator);
      if (c?.numerator) countCells(c.numerator);
      if (c?.denominator) countCells(c.denominator);
    }

    const tables: ProtectedTableInput[] = [];
    for (const cc of counts.values()) {
      // Counts of no one (a summed numerator's public inputs) enter only the link tables, as published cells.
      if (!cc.people) continue;
      const atsRow = cc.ats?.inTotal ? [ATS] : [];
      // A partial total leaves out the comuni the source withheld: they are no term of it, but cells of their own.
      const outside = cc.partial && cc.total !== null ? [...cc.comuni].filter(([, v]) => v === "confidential").map(([i]) => i) : [];
      const rows = [...cc.comuni.keys(), ...atsRow].filter((r) => !outside.includes(r));
      for (const istat of outside) {
        tables.push({ id: `${year}|${cc.key}|${istat}`, rows: [istat], columns: [{ key: "n", kind: "people" }], cells: { [istat]: { n: { value: null, confidential: true, id: cellId(year, cc.key, istat) } } } });
      }
      const cell = (who: string, value: number | null | "confidential"): CellInput =>
        value === "confidential" ? { value: null, confidential: true, id: cellId(year, cc.key, who) } : { value, id: cellId(year, cc.key, who) };
      const cells: Record<string, Record<string, CellInput>> = {};
      for (const [istat, v] of cc.comuni) if (!outside.includes(istat)) cells[istat] = { n: cell(istat, v) };
      if (cc.ats?.inTotal) cells[ATS] = { n: cell(ATS, cc.ats.value) };
      tables.push({
        id: `${year}|${cc.key}`,
        rows,
        columns: [{ key: "n", kind: "people" }],
        cells,
        ...(cc.total === null ? {} : { columnTotals: { n: cell(ZONE, cc.total) } }),
      });
      // The ATS's row standing apart from the zone's figure: a table of its own.
      if (cc.ats && !cc.ats.inTotal) {
        tables.push({ id: `${year}|${cc.key}|${ATS}`, rows: [ATS], columns: [{ key: "n", kind: "people" }], cells: { [ATS]: { n: cell(ATS, cc.ats.value) } } });
      }
    }
    // A partial rate is, × its public denominator, the sum of its numerator over the comuni that have
    // every input: next to the count's zone total it would give back what the others lack. The subset
    // sum is one more margin of the count's table (and of the denominator's when it counts people).
    for (const e of ofYear) {
      const c = countsOf.get(e.indicator);
      if (!c || e.zone.status !== "partial" || c.numerator === e.indicator) continue;
      const over = e.comuni.map((x) => x.istat).filter((i) => !(e.zone.coverage?.missing ?? []).includes(i));
      for (const key of [c.numerator, c.denominator]) {
        const cc = key === null ? undefined : counts.get(key);
        if (!cc || !cc.people) continue;
        const who = subsetWho(over, cc);
        if (who === ZONE || tables.some((t) => t.id === `${year}|${cc.key}|${who}`)) continue;
        const values = over.map((i) => cc.comuni.get(i));
        if (values.some((v) => v === null || v === undefined || v === "confidential")) continue;
        const cells: Record<string, Record<string, CellInput>> = Object.fromEntries(over.map((i) => [i, { n: { value: cc.comuni.get(i) as number, id: cellId(year, cc.key, i) } }]));
        tables.push({
          id: `${year}|${cc.key}|${who}`,
          rows: over,
          columns: [{ key: "n", kind: "people" }],
          cells,
          columnTotals: { n: { value: (values as number[]).reduce((s, v) => s + v, 0), id: cellId(year, cc.key, who) } },
        });
      }
    }
    // Link tables: comuni × a summed numerator's inputs, the sum as row totals and its zone figure as grand total.
    for (const [indicator] of entryOf) {
      const c = countsOf.get(indicator);
      if (!c?.terms || !c.numerator) continue;
      const sum = counts.get(c.numerator);
      const terms = c.terms.map((t) => countCells(t));
      if (!sum || terms.some((t) => t === null) || tables.some((t) => t.id === `${year}|link|${c.numerator}`)) continue;
      const rows = [...sum.comuni.keys(), ...(sum.ats?.inTotal ? [ATS] : [])];
      const termCell = (t: CountCells, who: string): CellInput => {
        const value = who === ATS ? (t.ats?.inTotal ? t.ats.value : null) : (t.comuni.get(who) ?? null);
        if (value === "confidential") return { value: null, confidential: true, id: cellId(year, t.key, who) };
        // Inputs that count no one are published as they are elsewhere: never suppressed here.
        return { value, id: cellId(year, t.key, who), ...(t.people ? {} : { published: true }) };
      };
      tables.push({
        id: `${year}|link|${c.numerator}`,
        rows,
        columns: terms.map((t) => ({ key: t!.key, kind: t!.people ? ("people" as const) : ("other" as const) })),
        cells: Object.fromEntries(rows.map((who) => [who, Object.fromEntries(terms.map((t) => [t!.key, termCell(t!, who)]))])),
        rowTotals: Object.fromEntries(
          rows.map((who) => {
            const value = who === ATS ? sum.ats!.value : (sum.comuni.get(who) ?? null);
            return [who, value === "confidential" ? { value: null, confidential: true, id: cellId(year, sum.key, who) } : { value, id: cellId(year, sum.key, who) }];
          }),
        ),
        // Partial totals are over different comuni (each without its own gaps): no equation between them.
        ...(terms.every((t) => t!.total !== null && !t!.partial) && sum.total !== null && !sum.partial
          ? {
              columnTotals: Object.fromEntries(terms.map((t) => [t!.key, { value: t!.total, id: cellId(year, t!.key, ZONE), ...(t!.people ? {} : { published: true }) }])),
              grandTotal: { value: sum.total, id: cellId(year, sum.key, ZONE) },
            }
          : {}),
      });
    }
    for (const block of independentBlocks(tables)) {
      let result: ProtectedTablesResult | null = null;
      try {
        result = protectCached(block, threshold);
      } catch (error) {
        // Figures that cannot be audited (inconsistent input left after reconcile, or a pattern the module
        // cannot protect, e.g. a confidential cell the source's own totals pin): withhold the block rather than
        // guess, and never fail the page.
        if (!(error instanceof DisclosureInputError) && !(error instanceof Error && error.message.startsWith("disclosure"))) throw error;
      }
      if (result) for (const c of result.problem.cells) blockByCell.set(c.id, result);
      for (const t of block) {
        for (const [row, cols] of Object.entries(t.cells)) {
          for (const [col, input] of Object.entries(cols ?? {})) {
            const id = (input as CellInput).id!;
            status.set(id, result ? result.tables.find((x) => x.id === t.id)!.cells[row]![col]!.status : (input as CellInput).value === null ? "missing" : "primary");
          }
        }
        for (const [col, input] of Object.entries(t.columnTotals ?? {})) {
          const id = (input as CellInput).id!;
          status.set(id, result ? result.tables.find((x) => x.id === t.id)!.columnTotals[col]!.status : (input as CellInput).value === null ? "missing" : "primary");
        }
      }
    }
  }

  const states = new Map<string, DisclosureState>();
  const withheldState: DisclosureState = options.protect ? "suppressed" : "unpublishable";
  /** Whether a cell the value is computed from is not published (or not known, so the value cannot be protected with it). */
  const withheld = (year: number, key: string | null, who: string): boolean => {
    if (key === null) return false;
    const s = status.get(cellId(year, key, who));
    return s !== "shown";
  };
  const stateKey = (indicator: string, year: number, who: string) => `${indicator}|${year}|${who}`;
  for (const e of entries) {
    const c = countsOf.get(e.indicator);
    if (!c) continue;
    const hide = (who: string) => withheld(e.year, c.numerator, who) || withheld(e.year, c.denominator, who);
    for (const v of e.comuni) if (v.value !== null && hide(v.istat)) states.set(stateKey(e.indicator, e.year, v.istat), withheldState);
    // A partial rate's figure is protected with its numerator's (and denominator's) sum over the comuni it covers.
    const zoneWho = (key: string | null): string => {
      if (key === null || e.zone.status !== "partial" || c.numerator === e.indicator) return ZONE;
      const over = e.comuni.map((x) => x.istat).filter((i) => !(e.zone.coverage?.missing ?? []).includes(i));
      return status.has(cellId(e.year, key, subsetKey(over))) ? subsetKey(over) : ZONE;
    };
    const hideZone = withheld(e.year, c.numerator, zoneWho(c.numerator)) || withheld(e.year, c.denominator, zoneWho(c.denominator));
    if (totalOf(e.zone) !== null && hideZone) states.set(stateKey(e.indicator, e.year, ZONE), withheldState);
    if (e.zoneRow?.value != null && hide(ATS)) states.set(stateKey(e.indicator, e.year, ATS), withheldState);
  }

  // A value that already carries the state it gets (db/queries/values.ts builds them "public") is kept, not copied.
  const apply = <T extends RawValue>(v: T, state: DisclosureState): WithDisclosure<T> =>
    state === "suppressed"
      ? { ...v, value: null, numerator: null, ...("partialValue" in v ? { partialValue: null } : {}), disclosure: state }
      : (v as T & { disclosure?: unknown }).disclosure === state
        ? (v as WithDisclosure<T>)
        : { ...v, disclosure: state };
  const stateOf = (indicator: string, year: number, who: string): DisclosureState => states.get(stateKey(indicator, year, who)) ?? "public";
  const values = entries.map((e) => ({
    indicator: e.indicator,
    year: e.year,
    comuni: e.comuni.map((c) => apply(c, stateOf(e.indicator, e.year, c.istat))),
    zoneRow: e.zoneRow ? apply(e.zoneRow, stateOf(e.indicator, e.year, ATS)) : null,
    zone: apply(e.zone, stateOf(e.indicator, e.year, ZONE)),
  }));
  const confidential = entries.some((e) => [...e.comuni, ...(e.zoneRow ? [e.zoneRow] : [])].some((c) => c.missingReason === "confidential"));
  const footnote = states.size === 0
    ? confidential
      ? `«${CONFIDENTIAL_MARK_IT}»: dato non diffuso dalla fonte.`
      : null
    : options.protect
      ? disclosureFootnoteIt(threshold)
      : `«${NOT_PUBLISHABLE_IT}»: valore che chi non fa parte dell'Ufficio di Piano (Conferenza di zona, API, pagine pubbliche) vede come «${suppressedMarkIt(threshold)}». ${disclosureFootnoteIt(threshold)}`;
  /** The protected block that holds a count's zone figure in a year, for the region's joint audit (lib/disclosure/region.ts). */
  const zoneBlock = (year: number, key: string): { block: { problem: SdcProblem; status: ReadonlyMap<string, CellStatus> }; total: string } | null => {
    const total = cellId(year, key, ZONE);
    const block = blockByCell.get(total);
    return block ? { block: { problem: block.problem, status: block.status }, total } : null;
  };
  return { values, threshold, mark: suppressedMarkIt(threshold), footnote, zoneBlock };
}

const cellId = (year: number, key: string, who: string) => `${year}|${key}|${who}`;

/** The cell name of a sum over some comuni. */
const subsetKey = (over: readonly string[]) => `sub:${[...over].sort().join(",")}`;

/** The subset sum's cell: the zone's own total when the subset is every comune with a value and no ATS row (the same sum). */
function subsetWho(over: readonly string[], cc: CountCells): string {
  const withValue = [...cc.comuni].filter(([, v]) => v !== null).map(([i]) => i);
  const same = !cc.ats?.inTotal && cc.total !== null && withValue.length === over.length && withValue.every((i) => over.includes(i));
  return same ? ZONE : subsetKey(over);
}

/** Groups tables that share a cell id (directly or through others): each group is protected on its own. */
function independentBlocks(tables: readonly ProtectedTableInput[]): ProtectedTableInput[][] {
  const parent = tables.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  tables.forEach((t, i) => {
    const ids = [
      ...Object.values(t.cells).flatMap((r) => Object.values(r ?? {})),
      ...Object.values(t.columnTotals ?? {}),
      ...Object.values(t.rowTotals ?? {}),
      t.grandTotal,
    ].flatMap((c) => (c && typeof c === "object" && c.id ? [c.id] : []));
    for (const id of ids) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, ProtectedTableInput[]>();
  tables.forEach((t, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(t);
  });
  return [...groups.values()];
}

/**
 * protectTables is deterministic: the same block and threshold give the same
 * pattern, so results are kept by their input (a page, its export and the
 * API of the same data share the work). Bounded: the oldest entries go first.
 */
const CACHE_SIZE = 2000;
const cache = new Map<string, ProtectedTablesResult>();
function protectCached(tables: ProtectedTableInput[], threshold: number): ProtectedTablesResult {
  const key = JSON.stringify([threshold, tables]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = protectTables({ tables, threshold, reconcile: true });
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}
