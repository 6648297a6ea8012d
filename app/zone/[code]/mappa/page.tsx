import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import { indicatorHref } from "@/lib/catalog/words";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";
import { renderShapes } from "@/lib/geo/render";
import { formatNumber } from "@/lib/format";
import { THEME_LABELS_IT, THEMES } from "@/lib/catalog/schema";
import { ChoroplethMap } from "@/app/components/ChoroplethMap";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { mapView } from "./view";
import { DisclosureFootnote, ShownValueCell } from "@/app/components/ShownValueCell";

export const metadata: Metadata = { title: "Mappa" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MapPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  // Instructions to import are for those who can act on them (analyst, admin).
  const canImport = can(principal, "imports.write");
  const { boundaries, catalogue, def, years, year, rows, breaks, mark, footnote } = await mapView(await serverDb(), code, await searchParams, principal);

  if (boundaries.length === 0) {
    return (
      <>
        <h1 className="h2">Mappa</h1>
        <div className="alert alert-info" role="status">
          <p>
            <strong>Mancano i confini dei comuni.</strong> La mappa si disegna dai confini comunali: Osservatorio distribuisce quelli dei
            comuni dell&apos;Umbria; per gli altri comuni l&apos;ufficio li importa una volta sola.
          </p>
          {canImport ? (
            <ol className="mb-2">
              <li>
                Procurarsi un file GeoJSON o TopoJSON dei confini comunali in coordinate geografiche (WGS84) con il codice ISTAT del
                comune tra le proprietà (per esempio <code>PRO_COM_T</code> o <code>com_istat_code</code>): vanno bene i limiti
                amministrativi pubblicati dall&apos;ISTAT, convertiti in GeoJSON WGS84.
              </li>
              <li>
                Importarlo come tipo di dati «Confini comunali» (<code>confini</code>) dalla pagina{" "}
                <Link href={`/zone/${code}/importa`}>Importa dati</Link>, oppure dalla riga di comando:
                <pre className="mt-2 mb-0">
                  <code>npm run import -- confini.geojson --kind confini --zona {code}</code>
                </pre>
              </li>
            </ol>
          ) : (
            <p>L&apos;importazione dei confini spetta all&apos;analista o all&apos;amministratore dell&apos;Osservatorio.</p>
          )}
          <p className="mb-0 small">
            I confini vengono semplificati all&apos;importazione; si tengono solo i comuni della zona. Fino ad allora gli stessi valori
            sono nella pagina <Link href={`/zone/${code}/territorio`}>Territorio</Link>.
          </p>
        </div>
      </>
    );
  }

  const decimals = def?.decimals ?? 1;
  const unit = def?.unit ?? "";
  const map = renderShapes(boundaries.map((b) => ({ id: b.istat, geometry: b.geometry })), 720);
  const title = `${def?.name ?? ""}, ${year ?? ""}: mappa dei comuni della zona`;
  const missingShapes = rows.filter((r) => !r.hasBoundary);
  const query = `?${new URLSearchParams({ ...(def ? { indicatore: def.code } : {}), ...(year !== undefined ? { anno: String(year) } : {}) })}`;

  return (
    <>
      <h1 className="h2">Mappa</h1>
      <FilterForm submitLabel="Mostra">
        <SelectField
          name="indicatore"
          label="Indicatore"
          column="col-md-6"
          defaultValue={def?.code}
          groups={THEMES.map((theme) => ({
            label: THEME_LABELS_IT[theme],
            options: catalogue.filter((d) => d.theme === theme).map((d) => ({ value: d.code, label: d.name })),
          }))}
        />
        <SelectField name="anno" label="Anno" column="col-md-3" defaultValue={year !== undefined ? String(year) : undefined} options={yearOptions(years)} />
      </FilterForm>
      <h2 className="h4">{title}</h2>
      {year === undefined && <p className="alert alert-info">Nessun dato caricato per questa zona: la mappa mostra solo i confini.</p>}
      <ChoroplethMap
        map={map}
        data={rows.filter((r) => r.hasBoundary).map((r) => ({ istat: r.istat, name: r.name, value: r.value, formatted: r.cell?.disclosure === "suppressed" ? mark : r.value === null ? "n.d." : `${formatNumber(r.value, decimals)} ${unit}` }))}
        breaks={breaks}
        title={title}
        formatValue={(v) => formatNumber(v, decimals)}
      />
      <p className="small text-secondary">
        Confini dei comuni: © Openpolis,{" "}
        <a href="https://github.com/openpolis/geojson-italy">geojson-italy</a>, da ISTAT;{" "}
        <a href="https://creativecommons.org/licenses/by/4.0/deed.it">CC BY 4.0</a>; semplificati. Quando l&apos;ufficio ne importa altri, valgono la fonte e
        la licenza di quelli.
      </p>
      {missingShapes.length > 0 && (
        <p className="small">
          Senza confini importati, quindi non disegnati: {missingShapes.map((r) => r.name).join(", ")}. I loro valori sono nella tabella.
        </p>
      )}
      <h2 className="h4 mt-4">I dati della mappa</h2>
      <DownloadLinks href={`/zone/${code}/mappa/dati`} query={query} what="i dati della mappa" />
      <div className="table-responsive" tabIndex={0} role="region" aria-label="I dati della mappa">
      <table className="table table-sm w-auto">
        <caption className="caption-top">
          {def ? <Link href={indicatorHref(def.code)}>{def.name}</Link> : null} ({unit}) per comune, {year ?? "n.d."}, e classe sulla mappa (1 = valori più bassi)
        </caption>
        <thead>
          <tr>
            <th scope="col">Comune</th>
            <th scope="col" className="num">
              Valore
            </th>
            <th scope="col" className="num">
              Classe
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.istat}>
              <th scope="row">
                <Link href={`/comuni/${r.istat}`}>{r.name}</Link>
              </th>
              <td className="num">
                <ShownValueCell v={r.cell} decimals={decimals} mark={mark} />
              </td>
              <td className="num">{r.hasBoundary ? (r.classNumber ?? "n.d.") : "non disegnato"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <DisclosureFootnote footnote={footnote} />
    </>
  );
}
