import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IndicatorDefinition, type IndicatorDefinitionInput } from "@/lib/catalog/schema";
import { auditPattern, type SdcCell, type SdcEquation } from "@/lib/disclosure";
import { protectValues } from "@/db/queries/values-disclosure";

/**
 * Blocks whose figures do not simply add up over the comuni: the ATS's own row
 * of one input of a summed numerator (R = (A + B) / P, A with a "component" ATS
 * row, B without), a zone total that is not the sum of its comuni, and a
 * source-confidential cell. The block must protect what is needed and keep the
 * rest, never withhold it whole; an intruder built here checks it.
 */
const base = { theme: "bisogni", polarity: 0, source: "test", description: "indicatore di prova" } as const;
const def = (d: Partial<IndicatorDefinitionInput> & Pick<IndicatorDefinitionInput, "code">) =>
  IndicatorDefinition.parse({ ...base, name: `Indicatore ${d.code}`, unit: "persone", aggregation: "sum", isCountOfPeople: true, decimals: 0, ...d });
const CATALOGUE = [
  def({ code: "A", zoneRow: "component" }),
  def({ code: "B" }),
  def({ code: "P", isCountOfPeople: false }),
  def({ code: "R", unit: "per 1.000", aggregation: "ratio", isCountOfPeople: false, decimals: 1, formula: { numerator: "A", numeratorPlus: ["B"], denominator: "P", scale: 1000 } }),
];
const YEAR = 2024;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const v = (value: number | null, numerator: number | null = null, denominator: number | null = null, missingReason: string | null = null) => ({ value, numerator, denominator, missingReason });
type Source = "comuni" | "comuni_and_zone_row";
const zone = (value: number | null, source: Source, numerator: number | null = null, denominator: number | null = null) => ({ ...v(value, numerator, denominator), status: "complete" as const, partialValue: null, source });

interface Block {
  a: (number | "x")[];
  b: number[];
  atsA: number | null;
  /** The zone total of A as the source gives it (default: comuni + ATS). */
  zoneA?: number;
}
const P = 1000;

function entries(k: Block) {
  const istat = k.a.map((_, i) => `c${i}`);
  const num = (x: number | "x") => (x === "x" ? null : x);
  const aKnown = k.a.map(num);
  const withheld = istat.filter((_, j) => aKnown[j] === null);
  const contrib = istat.filter((_, j) => aKnown[j] !== null);
  const zoneA = k.zoneA ?? sum(aKnown.map((x) => x ?? 0)) + (k.atsA ?? 0);
  const source: Source = k.atsA === null ? "comuni" : "comuni_and_zone_row";
  // With a comune the source withheld, A's zone figure is partial (over the others), and so is the rate's (over the comuni only).
  const vContrib = sum(contrib.map((i) => aKnown[istat.indexOf(i)]! + k.b[istat.indexOf(i)]!));
  const partial = (partialValue: number, numerator: number | null = null, denominator: number | null = null) => ({
    ...v(null, numerator, denominator),
    status: "partial" as const,
    partialValue,
    source,
    coverage: { missing: withheld },
  });
  const all = [
    { indicator: "A", year: YEAR, comuni: istat.map((i, j) => ({ istat: i, ...(k.a[j] === "x" ? v(null, null, null, "confidential") : v(k.a[j] as number)) })), zoneRow: k.atsA === null ? null : v(k.atsA), zone: withheld.length ? partial(zoneA) : zone(zoneA, source) },
    { indicator: "B", year: YEAR, comuni: istat.map((i, j) => ({ istat: i, ...v(k.b[j]!) })), zoneRow: null, zone: zone(sum(k.b), "comuni") },
    { indicator: "P", year: YEAR, comuni: istat.map((i) => ({ istat: i, ...v(P) })), zoneRow: null, zone: zone(P * istat.length, "comuni") },
    {
      indicator: "R",
      year: YEAR,
      comuni: istat.map((i, j) => ({ istat: i, ...(aKnown[j] === null ? v(null, null, null, "confidential") : v(((aKnown[j]! + k.b[j]!) / P) * 1000, aKnown[j]! + k.b[j]!, P)) })),
      zoneRow: null,
      zone: withheld.length
        ? partial((vContrib / (P * contrib.length)) * 1000, vContrib, P * contrib.length)
        : zone(((zoneA + sum(k.b)) / (P * istat.length)) * 1000, source, zoneA + sum(k.b), P * istat.length),
    },
  ];
  return { istat, all, zoneA, withheld, vContrib };
}

const stateOf = (r: ReturnType<typeof protectValues>, code: string, who: string) => {
  const e = r.values.find((x) => x.indicator === code)!;
  if (who === "zona") return e.zone.disclosure;
  if (who === "ats") return e.zoneRow?.disclosure ?? "public";
  return e.comuni.find((c) => c.istat === who)!.disclosure;
};
const shown = (r: ReturnType<typeof protectValues>, code: string, who: string) => stateOf(r, code, who) === "public";

/** The intruder: A, B, V = A + B (from R × the public P) by comune, the ATS's A, the zone totals; the equations that hold. */
function intrude(k: Block, r: ReturnType<typeof protectValues>, istat: string[], zoneA: number) {
  const cells: SdcCell[] = [];
  const equations: SdcEquation[] = [];
  const hidden: string[] = [];
  const cell = (id: string, value: number | null, visible: boolean, extra: Partial<SdcCell> = {}) => {
    cells.push({ id, value, kind: "people", ...extra });
    if (!visible && value !== null) hidden.push(id);
  };
  istat.forEach((i, j) => {
    const a = k.a[j] === "x" ? null : (k.a[j] as number);
    cell(`A|${i}`, a, shown(r, "A", i), a === null ? { confidential: true } : {});
    cell(`B|${i}`, k.b[j]!, shown(r, "B", i));
    cell(`V|${i}`, a === null ? null : a + k.b[j]!, shown(r, "R", i), a === null ? { confidential: true } : {});
    equations.push({ total: `V|${i}`, terms: [`A|${i}`, `B|${i}`] });
  });
  const withheld = istat.filter((_, j) => k.a[j] === "x");
  const terms = istat.filter((i) => !withheld.includes(i)).map((i) => `A|${i}`);
  if (k.atsA !== null) {
    cell("A|ats", k.atsA, shown(r, "A", "ats"));
    terms.push("A|ats");
  }
  const adds = k.zoneA === undefined;
  cell("A|zona", zoneA, shown(r, "A", "zona"), { margin: true });
  if (adds) equations.push({ total: "A|zona", terms });
  cell("B|zona", sum(k.b), shown(r, "B", "zona"), { margin: true });
  equations.push({ total: "B|zona", terms: istat.map((i) => `B|${i}`) });
  if (withheld.length > 0) {
    // The rate's partial figure × the public population of the comuni it covers: their V.
    const over = istat.filter((i) => !withheld.includes(i));
    cell("V|zona", sum(over.map((i) => k.b[istat.indexOf(i)]! + (k.a[istat.indexOf(i)] as number))), shown(r, "R", "zona"), { margin: true });
    equations.push({ total: "V|zona", terms: over.map((i) => `V|${i}`) });
  } else {
    cell("V|zona", zoneA + sum(k.b), shown(r, "R", "zona"), { margin: true });
    equations.push({ total: "V|zona", terms: ["A|zona", "B|zona"] });
    if (adds) equations.push({ total: "V|zona", terms: [...istat.map((i) => `V|${i}`), ...(k.atsA === null ? [] : ["A|ats"])] });
  }
  return auditPattern({ cells, equations, threshold: 3, showZeros: true }, hidden, { exact: true });
}

describe("blocks that do not simply add up over the comuni", () => {
  it("the ATS's row of one input of a summed numerator: the block protects what it must and shows the rest", () => {
    const k: Block = { a: [1, 7, 6, 9], b: [9, 8, 5, 12], atsA: 5 };
    const { istat, all, zoneA } = entries(k);
    const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
    expect(shown(r, "A", "c0")).toBe(false);
    // Not the whole group: most of B and of the rate, and the zone figures, are shown.
    expect(istat.filter((i) => shown(r, "B", i)).length).toBeGreaterThanOrEqual(2);
    expect(istat.filter((i) => shown(r, "R", i)).length).toBeGreaterThanOrEqual(2);
    expect(shown(r, "R", "zona")).toBe(true);
    expect(intrude(k, r, istat, zoneA).failures).toEqual([]);
  });

  it("a zone total larger or smaller than its comuni and ATS keeps the rest of the block", () => {
    for (const zoneA of [60, 20]) {
      const k: Block = { a: [1, 7, 6, 9], b: [9, 8, 5, 12], atsA: 5, zoneA };
      const { istat, all } = entries(k);
      const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
      expect(shown(r, "A", "c0")).toBe(false);
      expect(istat.filter((i) => shown(r, "A", i)).length).toBeGreaterThanOrEqual(2);
      expect(istat.filter((i) => shown(r, "B", i)).length).toBeGreaterThanOrEqual(2);
      expect(intrude(k, r, istat, zoneA).failures).toEqual([]);
    }
  });

  it("a source-confidential cell keeps the rest of the block, and is not recoverable", () => {
    const k: Block = { a: [11, "x", 6, 9], b: [9, 8, 5, 12], atsA: 5 };
    const { istat, all, zoneA } = entries(k);
    const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
    expect(istat.filter((i) => shown(r, "B", i)).length).toBeGreaterThanOrEqual(3);
    expect(intrude(k, r, istat, zoneA).failures).toEqual([]);
  });

  it("a block the module cannot protect (the source's own complete total pins a confidential cell) is withheld, never an error", () => {
    const all = entries({ a: ["x", 0, 0], b: [0, 0, 0], atsA: null }).all;
    // The source calls the total complete although one comune is withheld: 0 = x + 0 + 0 pins x.
    const a = all.find((e) => e.indicator === "A")!;
    Object.assign(a, { zone: zone(0, "comuni") });
    const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
    expect(r.values.find((e) => e.indicator === "A")!.zone.disclosure).toBe("suppressed");
    expect(r.values.find((e) => e.indicator === "P")!.comuni.every((c) => c.disclosure === "public")).toBe(true);
  });

  it("property: random comuni, ATS rows, confidential cells and totals that do not add up: nothing pinned, nothing proved small, never all withheld", () => {
    const block = fc
      .integer({ min: 2, max: 6 })
      .chain((n) =>
        fc.record({
          a: fc.array(fc.oneof({ weight: 6, arbitrary: fc.nat(12) }, { weight: 1, arbitrary: fc.constant("x" as const) }), { minLength: n, maxLength: n }),
          b: fc.array(fc.nat(12), { minLength: n, maxLength: n }),
          atsA: fc.option(fc.nat(12), { nil: null }),
          off: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
        }),
      );
    fc.assert(
      fc.property(block, ({ a, b, atsA, off }) => {
        const adds = sum(a.map((x) => (x === "x" ? 0 : x))) + (atsA ?? 0);
        const k: Block = { a, b, atsA, ...(off === undefined || off === 0 || adds + off < 0 || a.includes("x") ? {} : { zoneA: adds + off }) };
        const { istat, all, zoneA } = entries(k);
        const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
        expect(intrude(k, r, istat, zoneA).failures).toEqual([]);
        // Something at or above the threshold is always shown: P is public, and a B ≥ 3 with its zone
        // total is withheld only when it protects something.
        expect(istat.some((i) => shown(r, "P", i))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
