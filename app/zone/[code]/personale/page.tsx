import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { zoneStaff, type StaffGroup } from "@/db/queries/staff";
import { requirePage } from "@/app/_auth/access";
import { formatDate, formatNumber, formatSigned } from "@/lib/format";
import { LEPS_SOCIAL_WORKER_RULE_IT } from "@/lib/services/staff";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { parseStaffSearch } from "./search-params";

export const metadata: Metadata = { title: "Personale dei servizi" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function GroupTable({ title, groups, year, keyLabel, link }: { title: string; groups: StaffGroup[]; year: number; keyLabel: string; link?: (key: string) => string | null }) {
  const total = groups.reduce((s, g) => s + g.fte, 0);
  const hasPrevious = groups.some((g) => g.previous !== null);
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={`${title}, scorrevole`}>
      <table className="table table-sm align-middle">
        <caption className="caption-top">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" className="num">
              FTE {year}
            </th>
            <th scope="col" className="num">
              FTE {year - 1}
            </th>
            <th scope="col" className="num">
              Variazione
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const href = link?.(g.key) ?? null;
            return (
              <tr key={g.key}>
                <th scope="row" className="fw-normal">
                  {href ? <Link href={href}>{g.label}</Link> : g.label}
                </th>
                <td className="num">{formatNumber(g.fte, 1)}</td>
                <td className="num">{g.previous === null ? "n.d." : formatNumber(g.previous, 1)}</td>
                <td className="num">{g.previous === null ? "n.d." : formatSigned(g.fte - g.previous, 1)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totale</th>
            <td className="num">{formatNumber(total, 1)}</td>
            <td className="num">{hasPrevious ? formatNumber(groups.reduce((s, g) => s + (g.previous ?? 0), 0), 1) : "n.d."}</td>
            <td className="num">{hasPrevious ? formatSigned(total - groups.reduce((s, g) => s + (g.previous ?? 0), 0), 1) : "n.d."}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Staff of the zone's services: FTE by profile, service, sede and employer, per 10,000 residents, year over year. */
export default async function StaffPage({ params, searchParams }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const { year } = parseStaffSearch(await searchParams);
  const db = await serverDb();
  const staff = await zoneStaff(db, code);
  const y = staff.byYear.find((s) => s.year === year) ?? staff.byYear.at(-1) ?? null;

  return (
    <>
      <h1 className="h2">Personale dei servizi</h1>
      <p>
        Tempi pieni equivalenti (FTE) del personale dei servizi sociali della zona, per profilo, servizio, sede e datore di lavoro, alla data più recente di
        ciascun anno. Si aggiorna importando i dati «personale». {LEPS_SOCIAL_WORKER_RULE_IT} Gli assistenti sociali del LEPS sono calcolati da questi dati
        (indicatore AS_FTE) a ogni importazione: la verifica è nella pagina <Link href={`/zone/${code}/leps`}>LEPS</Link>.
      </p>
      {!y ? (
        <p className="alert alert-info" role="status">
          Nessun dato sul personale per questa zona. Si carica dalla pagina «Importa dati», tipo «personale».
        </p>
      ) : (
        <>
          <FilterForm submitLabel="Mostra" submitColumn="col-md-3">
            <SelectField name="anno" label="Anno" column="col-md-3" defaultValue={String(y.year)} options={yearOptions([...staff.years].reverse())} />
          </FilterForm>
          <ul className="list-unstyled">
            <li>
              <strong>Al {formatDate(y.asOf)}:</strong> {formatNumber(y.total, 1)} FTE in tutto
              {y.previousTotal !== null ? ` (${formatSigned(y.total - y.previousTotal, 1)} rispetto all'anno prima)` : ""}.
            </li>
            <li>
              Per 10.000 residenti:{" "}
              {y.per10000.value === null ? `n.d. (${y.per10000.reason})` : `${formatNumber(y.per10000.value, 1)} FTE (${formatNumber(y.total, 1)} FTE su ${formatNumber(y.residents, 0)} residenti)`}.
            </li>
            <li>Assistenti sociali di comuni e ATS (per il LEPS): {formatNumber(y.lepsSocialWorkers, 1)} FTE.</li>
          </ul>
          <DownloadLinks href={`/zone/${code}/personale/dati`} query={`?anno=${y.year}`} what="l'elenco del personale" />
          <GroupTable title={`FTE per profilo, ${y.year}`} groups={y.byProfile} year={y.year} keyLabel="Profilo" />
          <GroupTable title={`FTE per servizio, ${y.year}`} groups={y.byService} year={y.year} keyLabel="Servizio" link={(k) => (k === "" ? null : `/zone/${code}/servizi/${encodeURIComponent(k)}`)} />
          <GroupTable title={`FTE per sede, ${y.year}`} groups={y.bySede} year={y.year} keyLabel="Sede" />
          <GroupTable title={`FTE per datore di lavoro, ${y.year}`} groups={y.byEmployer} year={y.year} keyLabel="Datore di lavoro" />
        </>
      )}
    </>
  );
}
