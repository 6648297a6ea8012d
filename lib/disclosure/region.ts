/**
 * The region's figures of counts of people, protected jointly with the zones
 * and their comuni: the region's figure is the sum of the zones' figures, one
 * more published equation over the blocks of every zone (each zone total the
 * margin of its comuni). Each zone's pattern is its own block's (so the zone's
 * pages, downloads and API never depend on another zone's data); a region
 * figure is published exactly when the exact audit of the whole hierarchy —
 * every zone's block with its pattern and threshold, the region figures
 * already published, and this one — still passes. So a region figure is
 * withheld only when showing it would pin a hidden cell or prove a small one
 * small, not whenever some zone withholds its total.
 */
import { auditPattern } from "./audit";
import type { CellStatus, SdcCell, SdcEquation } from "./model";
import type { SdcProblem } from "./model";

/** One zone's protected block (ProtectedTablesResult.problem and .status). */
export interface ZoneBlock {
  /** Blocks are told apart by this object: two figures of one block must pass the same one. */
  problem: SdcProblem;
  status: ReadonlyMap<string, CellStatus>;
}

export interface RegionFigureInput {
  /** The figure's key (e.g. the count's code); the result names the keys that may be published. */
  key: string;
  /** For every zone of the region: its block and the id, in that block, of the zone's total. */
  zones: readonly { block: ZoneBlock; total: string }[];
}

/** The keys whose region figure may be published, in the order given (earlier figures first). */
export function publishableRegionFigures(figures: readonly RegionFigureInput[]): Set<string> {
  const byProblem = new Map<SdcProblem, ZoneBlock>();
  for (const f of figures) for (const z of f.zones) if (!byProblem.has(z.block.problem)) byProblem.set(z.block.problem, z.block);
  const blocks = [...byProblem.values()];
  const prefixOf = new Map(blocks.map((b, i) => [b.problem, `${i}|`]));
  const prefix = { get: (b: ZoneBlock) => prefixOf.get(b.problem) };
  const cells: SdcCell[] = [];
  const equations: SdcEquation[] = [];
  const hidden: string[] = [];
  for (const b of blocks) {
    const p = prefix.get(b)!;
    for (const c of b.problem.cells) {
      cells.push({ ...c, id: p + c.id, threshold: c.threshold ?? b.problem.threshold });
      if (b.status.get(c.id) !== "shown") hidden.push(p + c.id);
    }
    for (const e of b.problem.equations) equations.push({ total: p + e.total, terms: e.terms.map((t) => p + t) });
  }
  const threshold = Math.min(...blocks.map((b) => b.problem.threshold));
  const showZeros = blocks.every((b) => b.problem.showZeros);
  const kept = new Set<string>();
  for (const f of figures) {
    if (kept.has(f.key) || f.zones.length === 0) continue;
    const totals = f.zones.map((z) => ({ id: prefix.get(z.block)! + z.total, cell: z.block.problem.cells.find((c) => c.id === z.total) }));
    // A zone without its figure: the region has none either.
    if (totals.some((t) => !t.cell || t.cell.value === null || t.cell.confidential)) continue;
    const id = `region|${f.key}`;
    const cell: SdcCell = {
      id,
      value: totals.reduce((s, t) => s + t.cell!.value!, 0),
      kind: "people",
      margin: true,
      // The region's figure is shown to readers of every zone: the strictest threshold of them.
      threshold: Math.max(...f.zones.map((z) => z.block.problem.threshold)),
    };
    const candidate = { cells: [...cells, cell], equations: [...equations, { total: id, terms: totals.map((t) => t.id) }] };
    if (passes(() => auditPattern({ ...candidate, threshold, showZeros }, hidden).passed)) {
      kept.add(f.key);
      cells.push(cell);
      equations.push(candidate.equations.at(-1)!);
    }
  }
  return kept;
}

/** An audit that cannot run (figures inconsistent with the equations) publishes nothing more. */
function passes(audit: () => boolean): boolean {
  try {
    return audit();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("disclosure")) return false;
    throw error;
  }
}
