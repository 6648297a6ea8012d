import Link from "next/link";
import type { ServiceQuality, ServiceYear, ShownState } from "@/db/queries/quality";
import { STANDARD_STATUS_LABELS_IT, TREND_LABELS_IT, standardText, type StandardStatus } from "@/lib/services/quality";
import { cellText, coverageText, perUserText, UNPUBLISHABLE_IT } from "./figures";

/** A standard's outcome as a symbol and a word (colour only repeats it, WCAG 1.4.1). */
export function StandardStatusBadge({ status }: { status: StandardStatus }) {
  const { label, symbol } = STANDARD_STATUS_LABELS_IT[status];
  return (
    <span className={`standard-status standard-status-${status}`}>
      <span aria-hidden="true">{symbol}</span> {label}
    </span>
  );
}

function Unpublishable({ state }: { state: ShownState }) {
  return state === "unpublishable" ? <span className="d-block small text-danger-emphasis">{UNPUBLISHABLE_IT}</span> : null;
}

/**
 * The measures of services in one year: a group of rows per service, each
 * measure with the carta's standard, the value, the outcome (with the rule in
 * words) and the change from the year before; then coverage and spending per
 * user with their numerator and denominator.
 */
export function QualityTable({ zone, rows, year, threshold, caption, linkServices = true }: { zone: string; rows: { quality: ServiceQuality; inYear: ServiceYear }[]; year: number; threshold: number; caption: string; linkServices?: boolean }) {
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={`${caption}, scorrevole`}>
      <table className="table table-sm align-middle quality-table">
        <caption className="caption-top">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Servizio</th>
            <th scope="col">Misura</th>
            <th scope="col">Standard della carta</th>
            <th scope="col" className="num">
              Valore {year}
            </th>
            <th scope="col">Esito</th>
            <th scope="col">Rispetto al {year - 1}</th>
          </tr>
        </thead>
        {rows.map(({ quality, inYear }) => {
          const shown = inYear.metrics.filter((m) => m.value !== null || m.standard !== null || m.state === "suppressed");
          const span = shown.length + 2;
          return (
            <tbody key={quality.service.code}>
              {shown.map((m, i) => (
                <tr key={m.metric.code}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={span} className="align-top">
                      {linkServices ? <Link href={`/zone/${zone}/servizi/${encodeURIComponent(quality.service.code)}`}>{quality.service.name}</Link> : quality.service.name}
                    </th>
                  )}
                  <th scope="row" className="fw-normal">
                    {m.metric.label}
                  </th>
                  <td>{m.standard ? standardText(m.metric, m.standard) : "—"}</td>
                  <td className="num">
                    {cellText(m, threshold)}
                    {m.value === null && m.state !== "suppressed" && m.reason && <span className="d-block small text-secondary">{m.reason}</span>}
                    <Unpublishable state={m.state} />
                  </td>
                  <td>
                    <StandardStatusBadge status={m.evaluation.status} />
                    {m.evaluation.status !== "nessuno_standard" && <span className="d-block small">{m.evaluation.rule}</span>}
                  </td>
                  <td className="quality-trend">
                    <span aria-hidden="true">{TREND_LABELS_IT[m.trend.direction].symbol}</span> {m.trend.text}
                  </td>
                </tr>
              ))}
              <tr>
                {shown.length === 0 && (
                  <th scope="rowgroup" rowSpan={2} className="align-top">
                    {quality.service.name}
                  </th>
                )}
                <th scope="row" className="fw-normal">
                  Copertura
                </th>
                <td colSpan={4}>
                  {coverageText(inYear.coverage, threshold)}
                  <Unpublishable state={inYear.coverage.state} />
                </td>
              </tr>
              <tr>
                <th scope="row" className="fw-normal">
                  Spesa per utente
                </th>
                <td colSpan={4}>
                  {perUserText(inYear.spendingPerUser, threshold)}
                  <Unpublishable state={inYear.spendingPerUser.state} />
                </td>
              </tr>
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
