import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import "../../qualita/quality.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { getService } from "@/db/queries/services";
import { zoneServiceQuality } from "@/db/queries/quality";
import { zoneStaff } from "@/db/queries/staff";
import { notesOn } from "@/db/queries/notes";
import { requirePage } from "@/app/_auth/access";
import { serviceAreaLabel, spendingTypeLabel } from "@/lib/catalog/service-areas";
import { managementModeLabel, serviceCategoryLabel } from "@/lib/services/categories";
import { STANDARD_STATUS_LABELS_IT } from "@/lib/services/quality";
import { disclosureFootnoteIt, suppressedMarkIt } from "@/lib/disclosure";
import { formatDate, formatNumber } from "@/lib/format";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { NotesPanel } from "@/app/_notes/NotesPanel";
import { QualityTable } from "../../qualita/QualityTable";
import { cellText, UNPUBLISHABLE_IT } from "../../qualita/figures";

export const metadata: Metadata = { title: "Servizio" };

type Params = { params: Promise<{ code: string; servizio: string }> };

const ServiceCode = z.string().regex(/^[A-Z0-9][A-Z0-9_]{0,49}$/);

/** The budget pages, linked only when the build has them. */

/** One service: catalogue details, users by comune, quality against its standards over the years, staff and notes. */
export default async function ServicePage({ params }: Params) {
  const { code, servizio } = await params;
  const principal = await requirePage("zone.read", code);
  const parsed = ServiceCode.safeParse(decodeURIComponent(servizio));
  if (!parsed.success) notFound();
  const db = await serverDb();
  const service = await getService(db, code, parsed.data);
  if (!service) notFound();
  const [quality, staff, notes] = await Promise.all([
    zoneServiceQuality(db, code, { principal, service: service.code }),
    zoneStaff(db, code, { service: service.code }),
    notesOn(db, code, [{ kind: "service", key: service.code }]),
  ]);
  const q = quality.services[0]!;
  const last = q.years.at(-1) ?? null;
  const mark = suppressedMarkIt(quality.threshold);
  const lastStaff = staff.byYear.at(-1) ?? null;
  const suppressed = q.years.some((y) => y.metrics.some((m) => m.state === "suppressed") || y.usersByComune.some((c) => c.state === "suppressed"));
  const shownMetrics = last ? last.metrics.filter((m) => q.years.some((y) => y.metrics.find((x) => x.metric.code === m.metric.code)?.value !== null) || m.standard !== null) : [];

  return (
    <>
      <p className="small mb-1">
        <Link href={`/zone/${code}/servizi`}>Servizi</Link>
      </p>
      <h1 className="h2">{service.name}</h1>
      <dl className="row">
        <dt className="col-sm-3">Codice</dt>
        <dd className="col-sm-9">
          <code>{service.code}</code>
        </dd>
        <dt className="col-sm-3">Area di utenza</dt>
        <dd className="col-sm-9">{serviceAreaLabel(service.area)}</dd>
        <dt className="col-sm-3">Tipo di spesa</dt>
        <dd className="col-sm-9">{spendingTypeLabel(service.spendingType)}</dd>
        <dt className="col-sm-3">Categoria ISTAT</dt>
        <dd className="col-sm-9">{service.categoryCode ? serviceCategoryLabel(service.categoryCode) : "—"}</dd>
        <dt className="col-sm-3">Nomenclatore</dt>
        <dd className="col-sm-9">
          {service.nomenclatoreCode ? `${service.nomenclatoreCode}${service.nomenclatoreFrom ? ` dal ${formatDate(service.nomenclatoreFrom)}` : ""}${service.nomenclatoreTo ? ` al ${formatDate(service.nomenclatoreTo)}` : ""}` : "—"}
        </dd>
        <dt className="col-sm-3">Gestione</dt>
        <dd className="col-sm-9">
          {managementModeLabel(service.managementMode)}
          {service.managingBody ? ` — ${service.managingBody}` : ""}
        </dd>
        <dt className="col-sm-3">Dove</dt>
        <dd className="col-sm-9">
          {service.comuni.length === 0 ? "Tutta la zona" : service.comuni.map((c) => c.name).join(", ")}
          {service.sedi.length > 0 ? ` · Sedi: ${service.sedi.join("; ")}` : ""}
        </dd>
      </dl>
      <p>
        <Link href={`/zone/${code}/bilancio?vista=servizio`}>Spesa dei servizi nel bilancio della zona</Link>, questo compreso.
      </p>

      <section aria-labelledby="qualita" className="mb-5">
        <h2 id="qualita" className="h4">
          Qualità e standard della carta dei servizi
        </h2>
        {!last ? (
          <p className="alert alert-info" role="status">
            Nessuna misura di qualità importata per questo servizio.
          </p>
        ) : (
          <>
            <QualityTable zone={code} rows={[{ quality: q, inYear: last }]} year={last.year} threshold={quality.threshold} caption={`Misure del servizio nel ${last.year}`} linkServices={false} />
            <div className="table-responsive" tabIndex={0} role="region" aria-label="Andamento delle misure negli anni, scorrevole">
              <table className="table table-sm align-middle">
                <caption className="caption-top">Andamento negli anni (valore ed esito rispetto allo standard)</caption>
                <thead>
                  <tr>
                    <th scope="col">Misura</th>
                    {q.years.map((y) => (
                      <th key={y.year} scope="col" className="num">
                        {y.year}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shownMetrics.map((m) => (
                    <tr key={m.metric.code}>
                      <th scope="row" className="fw-normal">
                        {m.metric.label}
                      </th>
                      {q.years.map((y) => {
                        const cell = y.metrics.find((x) => x.metric.code === m.metric.code)!;
                        const s = STANDARD_STATUS_LABELS_IT[cell.evaluation.status];
                        return (
                          <td key={y.year} className="num">
                            {cellText(cell, quality.threshold)}
                            {cell.evaluation.status !== "nessuno_standard" && (
                              <span className={`d-block small standard-status standard-status-${cell.evaluation.status}`}>
                                <span aria-hidden="true">{s.symbol}</span> {s.label}
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="comuni-utenti" className="mb-5">
        <h2 id="comuni-utenti" className="h4">
          Dove vivono gli utenti{last ? ` (${last.year})` : ""}
        </h2>
        {!last || last.usersByComune.length === 0 ? (
          <p>Gli utenti di questo servizio non sono registrati per comune di residenza.</p>
        ) : (
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Utenti per comune di residenza, scorrevole">
            <table className="table table-sm align-middle">
              <caption className="caption-top">Utenti per comune di residenza, {last.year}</caption>
              <thead>
                <tr>
                  <th scope="col">Comune</th>
                  <th scope="col" className="num">
                    Utenti
                  </th>
                </tr>
              </thead>
              <tbody>
                {last.usersByComune.map((c) => (
                  <tr key={c.istat}>
                    <th scope="row" className="fw-normal">
                      <Link href={`/comuni/${c.istat}`}>{c.name}</Link>
                    </th>
                    <td className="num">
                      {c.state === "suppressed" ? mark : formatNumber(c.value, 0)}
                      {c.state === "unpublishable" && <span className="d-block small text-danger-emphasis">{UNPUBLISHABLE_IT}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Totale della zona</th>
                  <td className="num">{cellText(last.metrics.find((m) => m.metric.code === "SRV_UTENTI")!, quality.threshold)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {suppressed && <DisclosureFootnote footnote={disclosureFootnoteIt(quality.threshold)} />}
      </section>

      <section aria-labelledby="personale" className="mb-5">
        <h2 id="personale" className="h4">
          Personale{lastStaff ? ` al ${formatDate(lastStaff.asOf)}` : ""}
        </h2>
        {!lastStaff || lastStaff.rows.length === 0 ? (
          <p>Nessun dato sul personale di questo servizio (import «personale»).</p>
        ) : (
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Personale del servizio, scorrevole">
            <table className="table table-sm align-middle">
              <caption className="caption-top">
                Tempi pieni equivalenti per profilo, {lastStaff.year}: {formatNumber(lastStaff.total, 1)} in tutto
              </caption>
              <thead>
                <tr>
                  <th scope="col">Profilo</th>
                  <th scope="col" className="num">
                    FTE {lastStaff.year}
                  </th>
                  <th scope="col" className="num">
                    FTE {lastStaff.year - 1}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lastStaff.byProfile.map((g) => (
                  <tr key={g.key}>
                    <th scope="row" className="fw-normal">
                      {g.label}
                    </th>
                    <td className="num">{formatNumber(g.fte, 1)}</td>
                    <td className="num">{g.previous === null ? "n.d." : formatNumber(g.previous, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="small">
          <Link href={`/zone/${code}/personale`}>Tutto il personale della zona</Link>
        </p>
      </section>

      <NotesPanel zone={code} subject={{ kind: "service", key: service.code }} notes={notes} principal={principal} page={`/zone/${code}/servizi/${service.code}`} title="Note sul servizio" headingLevel={2} />
    </>
  );
}
