import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { protectTables, publishableRegionFigures, type SdcCell, type SdcProblem, type ZoneBlock } from "@/lib/disclosure";
import { bruteForceIntervals, enumerationCap } from "./brute";

/**
 * The region × zones × comuni hierarchy (lib/disclosure/region.ts): each
 * zone protected on its own (its comuni and its total, its own threshold), the
 * region's figure (Σ zone totals) published only when the whole hierarchy
 * stays safe. Checked by an intruder that enumerates the integer solutions of
 * everything published (brute.ts), not by the module's audit, both ways:
 * what is published leaks nothing, and a withheld region figure would leak.
 */
interface Zone {
  comuni: number[];
  threshold: number;
}

function protectZone(z: Zone, i: number): { block: ZoneBlock; total: string } {
  const r = protectTables({
    threshold: z.threshold,
    tables: [{ id: `z${i}`, rows: z.comuni.map((_, k) => `c${k}`), columns: [{ key: "n" }], cells: Object.fromEntries(z.comuni.map((v, k) => [`c${k}`, { n: v }])), columnTotals: { n: { value: z.comuni.reduce((a, b) => a + b, 0), id: `z${i}|zona` } } }],
  });
  return { block: { problem: r.problem, status: r.status }, total: `z${i}|zona` };
}

/** The intruder's view: every comune, zone total and the region's figure, with each zone's threshold. */
function hierarchy(zones: Zone[]): { problem: SdcProblem; thresholdOf: Map<string, number> } {
  const cells: SdcCell[] = [];
  const equations: { total: string; terms: string[] }[] = [];
  const thresholdOf = new Map<string, number>();
  zones.forEach((z, i) => {
    z.comuni.forEach((v, k) => {
      cells.push({ id: `z${i}|c${k}`, value: v, kind: "people" });
      thresholdOf.set(`z${i}|c${k}`, z.threshold);
    });
    cells.push({ id: `z${i}|zona`, value: z.comuni.reduce((a, b) => a + b, 0), kind: "people", margin: true });
    thresholdOf.set(`z${i}|zona`, z.threshold);
    equations.push({ total: `z${i}|zona`, terms: z.comuni.map((_, k) => `z${i}|c${k}`) });
  });
  const all = cells.filter((c) => c.id.endsWith("|zona")).reduce((s, c) => s + c.value!, 0);
  cells.push({ id: "regione", value: all, kind: "people", margin: true });
  thresholdOf.set("regione", Math.max(...zones.map((z) => z.threshold)));
  equations.push({ total: "regione", terms: zones.map((_, i) => `z${i}|zona`) });
  return { problem: { cells, equations, threshold: 3, showZeros: true }, thresholdOf };
}

/** Whether the intruder, enumerating, pins a hidden cell or proves a small one below its zone's threshold. */
function leaks(zones: Zone[], hidden: Set<string>): boolean {
  const { problem, thresholdOf } = hierarchy(zones);
  // The cap means "at least cap": above every threshold, so that it never reads as "below".
  const intervals = bruteForceIntervals(problem, hidden, Math.max(enumerationCap(problem, hidden), 2 * Math.max(...thresholdOf.values())));
  for (const id of hidden) {
    // A region figure not shown is no cell to protect: it may be known from the zones anyway.
    if (id === "regione") continue;
    const cell = problem.cells.find((c) => c.id === id)!;
    const iv = intervals.get(id)!;
    if (iv.max - iv.min < 1) return true;
    const t = thresholdOf.get(id)!;
    if (cell.value! > 0 && cell.value! < t && iv.max < t) return true;
  }
  // A shown count below its threshold is a leak too.
  return problem.cells.some((c) => !hidden.has(c.id) && c.value! > 0 && c.value! < thresholdOf.get(c.id)!);
}

function decide(zones: Zone[]) {
  const blocks = zones.map(protectZone);
  const published = publishableRegionFigures([{ key: "n", zones: blocks }]).has("n");
  return { published, blocks };
}

/** The hidden comuni and zone totals, by the hierarchy's names, from each zone's pattern. */
function hiddenOf(zones: Zone[], blocks: { block: ZoneBlock; total: string }[]): Set<string> {
  const hidden = new Set<string>();
  blocks.forEach(({ block, total }, i) => {
    if (block.status.get(total) !== "shown") hidden.add(`z${i}|zona`);
    zones[i]!.comuni.forEach((_, k) => {
      const id = block.problem.cells.find((c) => !c.margin && c.id.split("\u001f").includes(`c${k}`))!.id;
      if (block.status.get(id) !== "shown") hidden.add(`z${i}|c${k}`);
    });
  });
  return hidden;
}

describe("region × zones × comuni", () => {
  it("one zone withholding its total: the region would give it back, so it is withheld", () => {
    const zones: Zone[] = [
      { comuni: [1, 0, 0], threshold: 3 },
      { comuni: [20, 20], threshold: 3 },
    ];
    const { published, blocks } = decide(zones);
    expect(published).toBe(false);
    // Shown, the region's figure minus the other zone's total is the first zone's 1.
    expect(leaks(zones, hiddenOf(zones, blocks))).toBe(true);
    expect(leaks(zones, new Set([...hiddenOf(zones, blocks), "regione"]))).toBe(false);
  });

  it("two zones withholding their totals: the region gives only their sum, which pins neither, so it is shown", () => {
    const zones: Zone[] = [
      { comuni: [2, 0, 0], threshold: 3 },
      { comuni: [0, 2], threshold: 3 },
      { comuni: [20, 20], threshold: 3 },
    ];
    const { published, blocks } = decide(zones);
    const hidden = hiddenOf(zones, blocks);
    expect(hidden.has("z0|zona") && hidden.has("z1|zona")).toBe(true);
    expect(published).toBe(true);
    expect(leaks(zones, hidden)).toBe(false);
  });

  it("each zone's own threshold: the same sum is safe for a zone at 3 and not for a zone at 5", () => {
    const at = (threshold: number): Zone[] => [
      { comuni: [2, 0], threshold: 3 },
      { comuni: [2, 0], threshold },
      { comuni: [20, 20], threshold: 3 },
    ];
    expect(decide(at(3)).published).toBe(true);
    // Zone 1 at 5: its total 2 must not be provably below 5, and the region leaves it at most 3.
    expect(decide(at(5)).published).toBe(false);
  });

  it("property: over random hierarchies the published figures leak nothing, and a withheld region figure would leak", () => {
    const zone = fc.record({ comuni: fc.array(fc.oneof(fc.nat(3), fc.nat(9)), { minLength: 1, maxLength: 3 }), threshold: fc.constantFrom(3, 3, 4, 5) });
    fc.assert(
      fc.property(fc.array(zone, { minLength: 2, maxLength: 3 }), (zones) => {
        const { published, blocks } = decide(zones);
        const hidden = hiddenOf(zones, blocks);
        if (!published) hidden.add("regione");
        expect(leaks(zones, hidden)).toBe(false);
        if (!published) {
          hidden.delete("regione");
          expect(leaks(zones, hidden)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
