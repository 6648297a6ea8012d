import "server-only";
import type { Db } from "./zones";
import { indicatorDefinitions } from "./indicators";
import { zoneProtectionBlocks } from "./values";
import { peopleCountsOf } from "./values-disclosure";
import { auditPattern, type AuditResult, type CellStatus, type SdcCell, type SdcEquation } from "@/lib/disclosure";

/**
 * The exact audit of a report's counts of people, across all its tables:
 * every table of the document (sections and annex pages, every year it
 * shows) is a view of the zone's protection blocks, so an intruder holding
 * the whole document knows the union of their published cells and sums.
 * The audit joins those blocks and checks that no hidden cell is determined
 * or provably below the threshold (lib/disclosure auditPattern).
 */
export async function auditReportCounts(db: Db, zoneCode: string, codes: readonly string[], years: readonly number[]): Promise<AuditResult & { hidden: number; cells: number }> {
  const catalogue = await indicatorDefinitions(db);
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const keys = new Set<string>();
  for (const c of codes) {
    const counts = byCode.has(c) ? peopleCountsOf(byCode.get(c)!, byCode) : null;
    if (counts?.numerator) keys.add(counts.numerator);
    if (counts?.denominator) keys.add(counts.denominator);
  }
  const cells = new Map<string, SdcCell>();
  const equations = new Map<string, SdcEquation>();
  const status = new Map<string, CellStatus>();
  let threshold = 3;
  for (const year of years) {
    const blockOf = await zoneProtectionBlocks(db, zoneCode, codes, year, catalogue);
    for (const key of keys) {
      const b = blockOf(year, key);
      if (!b) continue;
      threshold = b.block.problem.threshold;
      for (const c of b.block.problem.cells) cells.set(c.id, c);
      for (const e of b.block.problem.equations) equations.set(`${e.total}=${e.terms.join("+")}`, e);
      for (const [id, s] of b.block.status) status.set(id, s);
    }
  }
  const hidden = [...status].filter(([, s]) => s !== "shown").map(([id]) => id);
  const result = auditPattern({ cells: [...cells.values()], equations: [...equations.values()], threshold, showZeros: true }, hidden, { exact: true });
  return { ...result, hidden: hidden.length, cells: cells.size };
}
