import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IndicatorDefinition, type IndicatorDefinitionInput } from "@/lib/catalog/schema";
import { auditPattern, type SdcCell, type SdcProblem } from "@/lib/disclosure";
import { codesForProtection, protectValues } from "@/db/queries/values-disclosure";

/**
 * The query layer's blocks (db/queries/values-disclosure.ts), checked against an
 * intruder built here from what is published, not from the module's tables: two
 * counts of people A and B, a public population P, a rate R = (A + B) / P × 1000
 * (a summed numerator binds A and B), a rate S = A / D × 100 whose denominator D
 * counts people, and the zone's figures of all of them.
 */
const base = { theme: "bisogni", polarity: 0, source: "test", description: "indicatore di prova" } as const;
const def = (d: Partial<IndicatorDefinitionInput> & Pick<IndicatorDefinitionInput, "code">) =>
  IndicatorDefinition.parse({ ...base, name: `Indicatore ${d.code}`, unit: "persone", aggregation: "sum", isCountOfPeople: true, decimals: 0, ...d });
const CATALOGUE = [
  def({ code: "A" }),
  def({ code: "B" }),
  def({ code: "D" }),
  def({ code: "P", isCountOfPeople: false }),
  def({ code: "R", unit: "per 1.000", aggregation: "ratio", isCountOfPeople: false, decimals: 1, formula: { numerator: "A", numeratorPlus: ["B"], denominator: "P", scale: 1000 } }),
  def({ code: "S", unit: "%", aggregation: "ratio", isCountOfPeople: false, decimals: 1, formula: { numerator: "A", denominator: "D", scale: 100 } }),
  def({ code: "Q", unit: "%", aggregation: "ratio", isCountOfPeople: true, decimals: 1 }),
];

interface Comune {
  a: number;
  b: number;
  d: number;
  p: number;
}

const YEAR = 2024;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

interface Value {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Entry {
  indicator: string;
  year: number;
  comuni: (Value & { istat: string })[];
  zoneRow: null;
  zone: Value & { status: "complete"; partialValue: null; source: "comuni" };
}

function entries(comuni: Comune[]): { istat: string[]; all: Entry[] } {
  const istat = comuni.map((_, i) => `c${i}`);
  const count = (code: string, f: (c: Comune) => number): Entry => ({
    indicator: code,
    year: YEAR,
    comuni: comuni.map((c, i) => ({ istat: istat[i]!, value: f(c), numerator: null, denominator: null })),
    zoneRow: null,
    zone: { value: sum(comuni.map(f)), numerator: null, denominator: null, status: "complete" as const, partialValue: null, source: "comuni" as const },
  });
  const rate = (code: string, num: (c: Comune) => number, den: (c: Comune) => number, scale: number): Entry => ({
    indicator: code,
    year: YEAR,
    comuni: comuni.map((c, i) => ({ istat: istat[i]!, value: den(c) === 0 ? null : (num(c) / den(c)) * scale, numerator: num(c), denominator: den(c) })),
    zoneRow: null,
    zone: {
      value: (sum(comuni.map(num)) / sum(comuni.map(den))) * scale,
      numerator: sum(comuni.map(num)),
      denominator: sum(comuni.map(den)),
      status: "complete" as const,
      partialValue: null,
      source: "comuni" as const,
    },
  });
  return {
    istat,
    all: [
      count("A", (c) => c.a),
      count("B", (c) => c.b),
      count("D", (c) => c.d),
      count("P", (c) => c.p),
      rate("R", (c) => c.a + c.b, (c) => c.p, 1000),
      rate("S", (c) => c.a, (c) => c.d, 100),
    ],
  };
}

const shownOf = (result: ReturnType<typeof protectValues>, code: string, who: string) => {
  const e = result.values.find((v) => v.indicator === code)!;
  const cell = who === "zona" ? e.zone : e.comuni.find((c) => c.istat === who)!;
  return cell.disclosure === "public";
};

/** The intruder's problem: every count of people and its zone total, the summed numerator V = A + B, their equations. */
function intruderProblem(comuni: Comune[], istat: string[]): SdcProblem {
  const cells: SdcCell[] = [];
  const equations: { total: string; terms: string[] }[] = [];
  const people = (id: string, value: number, margin = false) => cells.push({ id, value, kind: "people", margin });
  for (const [code, f] of [
    ["A", (c: Comune) => c.a],
    ["B", (c: Comune) => c.b],
    ["D", (c: Comune) => c.d],
    ["V", (c: Comune) => c.a + c.b],
  ] as const) {
    comuni.forEach((c, i) => people(`${code}|${istat[i]}`, f(c)));
    people(`${code}|zona`, sum(comuni.map(f)), true);
    equations.push({ total: `${code}|zona`, terms: istat.map((i) => `${code}|${i}`) });
  }
  for (const who of [...istat, "zona"]) equations.push({ total: `V|${who}`, terms: [`A|${who}`, `B|${who}`] });
  return { cells, equations, threshold: 3, showZeros: true };
}

describe("the query layer's blocks", () => {
  it("reads a whole block whatever the page asks for: a count brings the rates whose summed numerator includes it", () => {
    expect(new Set(codesForProtection(["A"], CATALOGUE))).toEqual(new Set(["A", "R", "B"]));
    expect(new Set(codesForProtection(["R"], CATALOGUE))).toEqual(new Set(["R", "A", "B"]));
    expect(new Set(codesForProtection(["S"], CATALOGUE))).toEqual(new Set(["S", "A", "D", "R", "B"]));
    expect(codesForProtection(["P"], CATALOGUE)).toEqual(["P"]);
  });

  it("a summed numerator: A hidden, B and the rate shown would give A back (A = R × P / 1000 − B); the block hides enough", () => {
    const comuni: Comune[] = [
      { a: 1, b: 9, d: 20, p: 1000 },
      { a: 7, b: 8, d: 20, p: 1000 },
      { a: 6, b: 5, d: 20, p: 1000 },
      { a: 9, b: 12, d: 20, p: 1000 },
    ];
    const { istat, all } = entries(comuni);
    const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
    expect(shownOf(r, "A", "c0")).toBe(false);
    // Not both B and R of the comune may be shown next to a hidden A.
    expect(shownOf(r, "B", "c0") && shownOf(r, "R", "c0")).toBe(false);
    expect(auditPattern(intruderProblem(comuni, istat), hiddenOf(r, istat), { exact: true }).failures).toEqual([]);
  });

  it("a rate whose denominator counts people is shown only with both its counts", () => {
    const comuni: Comune[] = [
      { a: 10, b: 9, d: 2, p: 1000 },
      { a: 7, b: 8, d: 20, p: 1000 },
      { a: 6, b: 5, d: 20, p: 1000 },
    ];
    const { all } = entries(comuni);
    const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
    expect(shownOf(r, "D", "c0")).toBe(false);
    expect(shownOf(r, "A", "c0")).toBe(true);
    expect(shownOf(r, "S", "c0")).toBe(false);
  });

  it("a ratio imported with its numerator, flagged as counting people, is protected with that numerator and its zone's", () => {
    const values = [1, 12, 30, 8];
    const entry: Entry = {
      indicator: "Q",
      year: YEAR,
      comuni: values.map((n, i) => ({ istat: `c${i}`, value: (n / 50) * 100, numerator: n, denominator: 50 })),
      zoneRow: null,
      zone: { value: (sum(values) / 200) * 100, numerator: sum(values), denominator: 200, status: "complete" as const, partialValue: null, source: "comuni" as const },
    };
    const r = protectValues([entry], { catalogue: CATALOGUE, protect: true });
    const hidden = r.values[0]!.comuni.filter((c) => c.disclosure === "suppressed").map((c) => c.istat);
    expect(hidden).toContain("c0");
    // The zone's rate × its denominator is the zone's numerator: with it shown, a second comune must be hidden.
    if (r.values[0]!.zone.disclosure === "public") expect(hidden.length).toBeGreaterThanOrEqual(2);
  });

  it("property: an intruder knowing every published number, the bounds and the threshold pins no hidden count, nor proves a small one small", () => {
    const comune = fc.record({ a: fc.nat(12), b: fc.nat(12), d: fc.integer({ min: 1, max: 15 }), p: fc.integer({ min: 500, max: 2000 }) });
    fc.assert(
      fc.property(fc.array(comune, { minLength: 2, maxLength: 6 }), (comuni) => {
        const { istat, all } = entries(comuni);
        const r = protectValues(all, { catalogue: CATALOGUE, protect: true });
        const problem = intruderProblem(comuni, istat);
        const audit = auditPattern(problem, hiddenOf(r, istat), { exact: true });
        expect(audit.failures).toEqual([]);
        // A rate is shown only where the counts it is computed from are.
        for (const who of [...istat, "zona"]) {
          if (shownOf(r, "S", who)) expect(shownOf(r, "A", who) && shownOf(r, "D", who)).toBe(true);
          if (shownOf(r, "R", who) && shownOf(r, "B", who)) expect(shownOf(r, "A", who)).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});

/** The intruder's hidden cells: a count not shown, and V wherever R (V × P / 1000, P public) is not shown. */
function hiddenOf(r: ReturnType<typeof protectValues>, istat: string[]): string[] {
  const out: string[] = [];
  for (const who of [...istat, "zona"]) {
    for (const code of ["A", "B", "D"]) if (!shownOf(r, code, who)) out.push(`${code}|${who}`);
    if (!shownOf(r, "R", who)) out.push(`V|${who}`);
  }
  return out;
}
