/**
 * npm run bench:disclosure [-- --rows 100 --cols 20 --runs 3]
 *
 * Times protectTables on a comuni × years (or categories) table of counts of
 * people with row, column and grand totals and about 8% small cells (the
 * 2-D case of the issue, the heaviest one a page can ask for), in the fast
 * mode the pages use and with the exact audit of every hidden cell.
 * Deterministic data (a linear congruential generator), so runs compare.
 * Results go to stdout; copy them to docs/benchmarks.md with the machine and date.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { protectTables, publishableRegionFigures, type ProtectedTableInput, type RegionFigureInput } from "@/lib/disclosure";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "100" },
    cols: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    "only-cols": { type: "boolean", default: false },
    zones: { type: "string", default: "12" },
    figures: { type: "string", default: "20" },
  },
});
const ROWS = Number(args.rows);
const COLS = Number(args.cols);
const RUNS = Number(args.runs);

/** A table with ~8% cells of 1–2, the others 3–60, deterministic. */
export function benchTable(rows: number, cols: number, margins: "all" | "columns"): ProtectedTableInput {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rowKeys = Array.from({ length: rows }, (_, r) => `c${r}`);
  const colKeys = Array.from({ length: cols }, (_, c) => `y${c}`);
  const cells: Record<string, Record<string, number>> = {};
  for (const r of rowKeys) {
    cells[r] = {};
    for (const c of colKeys) cells[r][c] = next() < 0.08 ? 1 + Math.floor(next() * 2) : 3 + Math.floor(next() * 58);
  }
  const columnTotals = Object.fromEntries(colKeys.map((c) => [c, rowKeys.reduce((s, r) => s + cells[r]![c]!, 0)]));
  if (margins === "columns") return { id: "t", rows: rowKeys, columns: colKeys.map((key) => ({ key })), cells, columnTotals };
  const rowTotals = Object.fromEntries(rowKeys.map((r) => [r, colKeys.reduce((s, c) => s + cells[r]![c]!, 0)]));
  const grandTotal = Object.values(rowTotals).reduce((a, b) => a + b, 0);
  return { id: "t", rows: rowKeys, columns: colKeys.map((key) => ({ key })), cells, columnTotals, rowTotals, grandTotal };
}

function time(label: string, f: () => { hidden: number }): void {
  const ms: number[] = [];
  let hidden = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    hidden = f().hidden;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${(ms[Math.floor(ms.length / 2)]! / 1000).toFixed(3)} s, min ${(ms[0]! / 1000).toFixed(3)} s over ${RUNS} runs; ${hidden} cells (figures) hidden`);
}

const hiddenOf = (r: ReturnType<typeof protectTables>) =>
  r.tables.flatMap((t) => [...Object.values(t.cells).flatMap((row) => Object.values(row)), ...Object.values(t.columnTotals), ...Object.values(t.rowTotals)]).filter((v) => v.status === "primary" || v.status === "secondary").length;

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}, ${new Date().toISOString()}`);
for (const margins of args["only-cols"] ? (["columns"] as const) : (["all", "columns"] as const)) {
  const table = benchTable(ROWS, COLS, margins);
  const name = `${ROWS} × ${COLS}, ${margins === "all" ? "row, column and grand totals" : "column totals only"}`;
  time(`${name}, page mode`, () => ({ hidden: hiddenOf(protectTables({ tables: [table], threshold: 3 })) }));
  time(`${name}, exact audit`, () => ({ hidden: hiddenOf(protectTables({ tables: [table], threshold: 3, exactAudit: true })) }));
}

/**
 * The region's joint audit (lib/disclosure/region.ts): `figures` counts, each over `zones` zones of
 * 8 comuni (about 8% small cells, some zones with a small total), every zone protected on its own,
 * then which region figures may be published.
 */
const ZONES = Number(args.zones);
const FIGURES = Number(args.figures);
function regionFigures(): RegionFigureInput[] {
  let seed = 777;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: FIGURES }, (_, f) => ({
    key: `k${f}`,
    zones: Array.from({ length: ZONES }, (_, z) => {
      const small = next() < 0.15;
      const values = Array.from({ length: 8 }, () => (small ? (next() < 0.3 ? 1 : 0) : next() < 0.08 ? 1 + Math.floor(next() * 2) : 3 + Math.floor(next() * 58)));
      const rows = values.map((_, i) => `c${i}`);
      const total = { value: values.reduce((a, b) => a + b, 0), id: `z${z}|zona` };
      const r = protectTables({ threshold: 3 + (z % 3), tables: [{ id: `z${z}`, rows, columns: [{ key: "n" }], cells: Object.fromEntries(rows.map((row, i) => [row, { n: values[i]! }])), columnTotals: { n: total } }] });
      return { block: { problem: r.problem, status: r.status }, total: total.id };
    }),
  }));
}
const figures = regionFigures();
let published = 0;
time(`region of ${ZONES} zones × 8 comuni, ${FIGURES} figures, joint audit`, () => {
  published = publishableRegionFigures(figures).size;
  return { hidden: FIGURES - published };
});
// The rule before the joint audit: a region figure only when every zone shows its total.
const everyZoneShown = figures.filter((f) => f.zones.every((z) => z.block.status.get(z.total) === "shown")).length;
console.log(`region figures published: ${published} of ${FIGURES} (${everyZoneShown} with the former rule "every zone shows its total")`);
