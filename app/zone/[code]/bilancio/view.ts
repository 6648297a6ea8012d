import type { Db } from "@/db/queries/zones";
import { budgetProgression, budgetSnapshotDates, loadBudgetIstat, loadBudgetYear } from "@/db/queries/budget";
import type { BudgetYearSummary } from "@/lib/budget/summary";
import type { ProgressionStep } from "@/lib/budget/progression";
import type { IstatAreaRow } from "@/lib/budget/istat";
import type { ComuneBalance } from "@/lib/budget/comuni";
import type { BudgetFilter } from "./search-params";

export interface BudgetPageView {
  /** Years with budget lines, most recent first. */
  years: number[];
  year: number | null;
  dates: string[];
  summary: BudgetYearSummary | null;
  progression: ProgressionStep[];
  /** The ISTAT survey layout (vista=istat) and the comuni's balance (vista=comune), read only for those views. */
  istat: IstatAreaRow[] | null;
  comuni: ComuneBalance[] | null;
}

/** The page's data: the chosen year (default the most recent) at the chosen snapshot (default the year's latest). */
export async function budgetView(db: Db, zoneCode: string, f: BudgetFilter): Promise<BudgetPageView> {
  const snapshots = await budgetSnapshotDates(db, zoneCode);
  const years = snapshots.map((s) => s.year);
  if (years.length === 0) return { years, year: null, dates: [], summary: null, progression: [], istat: null, comuni: null };
  const year = f.year !== undefined && years.includes(f.year) ? f.year : years[0]!;
  const loaded = await loadBudgetYear(db, zoneCode, { year, asOf: f.asOf ?? null, source: f.source ?? null, atRisk: { months: f.months, threshold: f.thresholdPercent / 100 } });
  const summary = loaded?.summary ?? null;
  const [progression, survey] = await Promise.all([
    budgetProgression(db, zoneCode, year, f.source ?? null),
    summary && (f.view === "istat" || f.view === "comune") ? loadBudgetIstat(db, zoneCode, year, summary.asOf) : Promise.resolve(null),
  ]);
  return { years, year, dates: loaded?.dates ?? [], summary, progression, istat: f.view === "istat" ? (survey?.rows ?? null) : null, comuni: f.view === "comune" ? (survey?.comuni ?? null) : null };
}
