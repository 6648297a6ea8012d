import { planScorecard, type EvaluatedTarget } from "@/db/queries/targets";
import type { Db } from "@/db/queries/zones";
import type { CsvValue } from "@/lib/export/csv";
import { roundTo, type ExportTable } from "@/lib/export/table";
import type { Principal } from "@/lib/auth/roles";
import { OBJECTIVE_AREA_LABELS_IT, TARGET_PROVENANCE_LABELS_IT } from "@/lib/targets/plan";
import { CELL_STATUS_LABELS_IT, COMUNE_RULE_IT, type TargetCell } from "@/lib/targets/scorecard";
import { PROJECTION_LABELS_IT } from "@/lib/targets/projection";
import { filterTargets } from "@/lib/targets/filter";
import { kindLabel, targetSentence } from "@/lib/targets/describe";
import { parsePlanSearch } from "./search-params";

/**
 * The Piano page's scorecard as a table for the CSV and XLSX downloads: one
 * row per target, for the zone and each comune its status and value as the
 * same reader sees them (a withheld value is the mark, with no status), then
 * the zone's projection. Same filters as the page.
 */
export async function planExport(db: Db, code: string, searchParams: URLSearchParams, principal: Principal): Promise<ExportTable | null> {
  const search = parsePlanSearch(Object.fromEntries(searchParams));
  const card = await planScorecard(db, code, principal, { planId: search.planId, year: search.year });
  if (!card.plan) return null;
  const targets = filterTargets(card.targets, search);
  const territories: { istat: string | null; name: string }[] = [{ istat: null, name: "Zona" }, ...card.comuni];
  const header = [
    "area",
    "codice obiettivo",
    "obiettivo",
    "indicatore",
    "unità",
    "tipo",
    "provenienza",
    "fonte normativa",
    "obiettivo fissato",
    ...territories.flatMap((t) => [`stato ${t.name}`, `valore ${t.name}`]),
    "proiezione (zona o comune dell'obiettivo)",
  ];
  const cellOf = (t: EvaluatedTarget, istat: string | null): TargetCell | null =>
    istat === null ? (t.target.comune === null ? t.cell : null) : (t.comuni.find((c) => c.territory === istat) ?? null);
  const rows: CsvValue[][] = targets.map((t) => [
    t.objective ? OBJECTIVE_AREA_LABELS_IT[t.objective.area] : "",
    t.target.objectiveCode ?? "",
    t.objective?.title ?? "",
    t.indicator.name,
    t.indicator.unit,
    kindLabel(t.target.kind),
    TARGET_PROVENANCE_LABELS_IT[t.target.provenance],
    t.target.legalSource ?? "",
    targetSentence(t.target, t.indicator.unit, t.indicator.decimals),
    ...territories.flatMap((terr): CsvValue[] => {
      const c = cellOf(t, terr.istat);
      if (!c) return ["", ""];
      if (terr.istat !== null && t.zoneOnly) return ["solo zona", null];
      return [CELL_STATUS_LABELS_IT[c.status].label, c.withheld ? card.mark : roundTo(c.value, t.indicator.decimals)];
    }),
    PROJECTION_LABELS_IT[t.cell.projection.band].label,
  ]);
  rows.push(["", COMUNE_RULE_IT]);
  if (card.footnote) rows.push(["", card.footnote]);
  return { fileBase: `piano-${code}-${card.plan.startYear}-${card.plan.endYear}-${card.year ?? ""}`, sheet: `Piano ${card.year ?? ""}`.trim(), header, rows };
}
