import type { Db } from "@/db/queries/zones";
import type { Principal } from "@/lib/auth/roles";
import type { ExportTable } from "@/lib/export/table";
import { roundTo } from "@/lib/export/table";
import { STANDARD_STATUS_LABELS_IT, standardText } from "@/lib/services/quality";
import { suppressedMarkIt } from "@/lib/disclosure";
import { parseQualitySearch } from "./search-params";
import { qualityView } from "./view";
import { coverageText, perUserText } from "./figures";

/** The quality table as the page shows it: one row per service and measure, then coverage and spending per user. */
export async function qualityExport(db: Db, code: string, searchParams: URLSearchParams, principal: Principal): Promise<ExportTable | null> {
  const view = await qualityView(db, code, principal, parseQualitySearch(Object.fromEntries(searchParams)));
  if (view.year === null) return null;
  const mark = suppressedMarkIt(view.threshold);
  const rows: ExportTable["rows"] = [];
  for (const { quality, inYear } of view.rows) {
    for (const m of inYear.metrics) {
      if (m.value === null && m.standard === null && m.state !== "suppressed") continue;
      rows.push([quality.service.code, quality.service.name, m.metric.label, m.standard ? standardText(m.metric, m.standard) : null, m.state === "suppressed" ? mark : roundTo(m.value, m.metric.decimals), m.metric.unit, STANDARD_STATUS_LABELS_IT[m.evaluation.status].label, m.evaluation.rule, roundTo(m.previous, m.metric.decimals), m.trend.text]);
    }
    rows.push([quality.service.code, quality.service.name, "Copertura", null, inYear.coverage.state === "suppressed" ? mark : roundTo(inYear.coverage.value, 1), "%", null, coverageText(inYear.coverage, view.threshold), null, null]);
    rows.push([quality.service.code, quality.service.name, "Spesa per utente", null, inYear.spendingPerUser.state === "suppressed" ? mark : roundTo(inYear.spendingPerUser.value, 0), "€", null, perUserText(inYear.spendingPerUser, view.threshold), null, null]);
  }
  return {
    fileBase: `qualita-${code}-${view.year}`,
    sheet: `Qualità ${view.year}`,
    header: ["codice servizio", "servizio", "misura", "standard della carta", `valore ${view.year}`, "unità", "esito", "regola", `valore ${view.year - 1}`, "andamento"],
    rows,
  };
}
