import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import "./quality.css";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { SERVICE_AREAS } from "@/lib/catalog/service-areas";
import { disclosureFootnoteIt } from "@/lib/disclosure";
import { QUALITY_RULE_IT, STANDARD_STATUS_LABELS_IT } from "@/lib/services/quality";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { parseQualitySearch, qualitySearchQuery } from "./search-params";
import { qualityView } from "./view";
import { QualityTable, StandardStatusBadge } from "./QualityTable";

export const metadata: Metadata = { title: "Qualità dei servizi" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Services × measures against the carta dei servizi, for one year. */
export default async function QualityPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const filter = parseQualitySearch(await searchParams);
  const db = await serverDb();
  const view = await qualityView(db, code, principal, filter);
  const query = qualitySearchQuery(filter, view.year);
  const suppressed = view.rows.some((r) => r.inYear.metrics.some((m) => m.state === "suppressed") || r.inYear.coverage.state === "suppressed");

  return (
    <>
      <h1 className="h2">Qualità dei servizi</h1>
      <p>{QUALITY_RULE_IT}</p>
      <p className="small">
        Le misure si importano come «valori» con la colonna «servizio» (indicatori SRV_…); gli standard come «obiettivi» con la colonna «servizio» e il tipo
        soglia_massima o soglia_minima. Il catalogo è nella pagina <Link href={`/zone/${code}/servizi`}>Servizi</Link>.
      </p>
      {view.year === null ? (
        <p className="alert alert-info" role="status">
          Nessuna misura di qualità importata per questa zona.
        </p>
      ) : (
        <>
          <FilterForm submitLabel="Mostra" submitColumn="col-md-3">
            <SelectField name="anno" label="Anno" column="col-md-3" defaultValue={String(view.year)} options={yearOptions([...view.years].reverse())} />
            <SelectField name="area" label="Area di utenza" column="col-md-3" defaultValue={filter.area ?? ""} empty="Tutte" options={SERVICE_AREAS.map((a) => ({ value: a.code, label: a.label }))} />
            <SelectField
              name="esito"
              label="Servizi"
              column="col-md-3"
              defaultValue={filter.outcome ?? ""}
              empty="Tutti"
              options={[
                { value: "non_rispettato", label: "Con uno standard non rispettato" },
                { value: "dato_mancante", label: "Con un dato mancante" },
              ]}
            />
          </FilterForm>
          <ul className="list-inline" aria-label={`Esiti degli standard nel ${view.year}`}>
            {(["rispettato", "non_rispettato", "dato_mancante"] as const).map((s) => (
              <li key={s} className="list-inline-item me-4">
                <StandardStatusBadge status={s} />: {view.counts[s]} {view.counts[s] === 1 ? "misura" : "misure"}
              </li>
            ))}
          </ul>
          {view.rows.length === 0 ? (
            <p className="alert alert-info" role="status">
              Nessun servizio con questi filtri nel {view.year}.
            </p>
          ) : (
            <>
              <DownloadLinks href={`/zone/${code}/qualita/dati`} query={query} what="la tabella della qualità" />
              <QualityTable zone={code} rows={view.rows} year={view.year} threshold={view.threshold} caption={`Misure di qualità e standard della carta dei servizi, ${view.year}`} />
              {suppressed && <DisclosureFootnote footnote={disclosureFootnoteIt(view.threshold)} />}
            </>
          )}
          <p className="small text-secondary">
            Legenda: {Object.values(STANDARD_STATUS_LABELS_IT).map((s) => `${s.symbol} ${s.label}`).join(" · ")}.
          </p>
        </>
      )}
    </>
  );
}
