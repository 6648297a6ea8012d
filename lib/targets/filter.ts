import type { CellStatus, TargetCell } from "./scorecard";
import type { ObjectiveArea, TargetProvenance } from "./plan";

/**
 * The Piano page's filters over judged targets: the cell a target is read
 * in is the zone's (or its own comune's), or the chosen comune's.
 */
export interface PlanFilter {
  area?: string;
  status?: CellStatus;
  comune?: string;
  provenance?: TargetProvenance;
}

export interface FilterableTarget {
  target: { comune: string | null; provenance: TargetProvenance };
  objective: { area: ObjectiveArea } | null;
  cell: TargetCell;
  comuni: TargetCell[];
}

/** The cell shown for a target under the filter: the comune's when one is chosen. */
export function shownCell(t: FilterableTarget, comune: string | undefined): TargetCell | null {
  if (!comune) return t.cell;
  return t.comuni.find((c) => c.territory === comune) ?? null;
}

export function filterTargets<T extends FilterableTarget>(targets: readonly T[], filter: PlanFilter): T[] {
  return targets.filter((t) => {
    if (filter.area && (t.objective?.area ?? null) !== filter.area) return false;
    if (filter.provenance && t.target.provenance !== filter.provenance) return false;
    const cell = shownCell(t, filter.comune);
    if (!cell) return false;
    if (filter.status && cell.status !== filter.status) return false;
    return true;
  });
}
