import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import Link from "next/link";
import { POLARITY_WORDS_IT, indicatorHref } from "@/lib/catalog/words";
import { serverDb } from "@/db/server";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { territorySeries, territoryTable, type TerritorySeries } from "@/db/queries/territory";
import { requirePage } from "@/app/_auth/access";
import { formatNumber } from "@/lib/format";
import { THEME_LABELS_IT, THEMES, type IndicatorDefinition } from "@/lib/catalog/schema";
import { BarChartHorizontal } from "@/app/components/BarChartHorizontal";
import { LineChartSeries } from "@/app/components/LineChartSeries";
import { parseTerritorySearch, territorySortKey } from "./search-params";
import { sortRowsBy } from "@/lib/territory/sort";
import { IndicatorCheckboxes } from "@/app/components/IndicatorCheckboxes";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { DisclosureFootnote, ShownValueCell } from "@/app/components/ShownValueCell";
import { QuickWidget } from "@/app/components/Widget";

export const metadata: Metadata = { title: "Territorio" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TerritoryPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const search = parseTerritorySearch(await searchParams);
  const db = await serverDb();
  const [table, catalogue] = await Promise.all([territoryTable(db, code, search.indicators, search.year, principal), indicatorDefinitions(db)]);
  const seriesDef = catalogue.find((d) => d.code === search.series) ?? table.indicators[0];
  const rows = sortRowsBy(table.rows, territorySortKey(search.sort), search.direction);
  const query = (changes: Record<string, string>) => {
    const base: Record<string, string> = { indicatori: search.indicators.join(","), ordina: search.sort, verso: search.direction, serie: search.series };
    if (table.year) base.anno = String(table.year);
    return `?${new URLSearchParams({ ...base, ...changes })}`;
  };
  const sortLink = (key: string, label: string) => {
    const active = search.sort === key;
    const next = active && search.direction === "asc" ? "desc" : "asc";
    return (
      <Link prefetch={false} href={query({ ordina: key, verso: next })} className="text-decoration-none">
        {label}
        <span aria-hidden="true">{active ? (search.direction === "asc" ? " ▲" : " ▼") : " ↕"}</span>
        <span className="visually-hidden">{active ? `, ordinato ${search.direction === "asc" ? "crescente" : "decrescente"}` : ", ordina"}</span>
      </Link>
    );
  };
  const ariaSort = (key: string) => (search.sort === key ? (search.direction === "asc" ? "ascending" : "descending") : undefined);
  const ranking = seriesDef
    ? table.rows
        .filter((r) => r.values[seriesDef.code] !== null && r.values[seriesDef.code] !== undefined)
        .sort((a, b) => (b.values[seriesDef.code] as number) - (a.values[seriesDef.code] as number))
        .map((r) => ({ label: r.name, value: r.values[seriesDef.code] as number }))
    : [];

  return (
    <>
      <h1 className="h2">Lettura del territorio</h1>
      {table.year === null ? (
        <p className="alert alert-info">Nessun dato caricato per questa zona: importare i valori degli indicatori dalla pagina «Importa dati».</p>
      ) : (
        <>
          <FilterForm
            submitLabel="Aggiorna"
            submitColumn="col-md-4"
            after={
              <details className="mt-3">
                <summary>Scegli gli indicatori della tabella ({table.indicators.length})</summary>
                {THEMES.map((theme) => (
                  <IndicatorCheckboxes
                    key={theme}
                    legend={THEME_LABELS_IT[theme]}
                    indicators={catalogue.filter((d) => d.theme === theme)}
                    checked={search.indicators}
                    idPrefix="ind"
                  />
                ))}
              </details>
            }
          >
            <SelectField name="anno" label="Anno" column="col-md-3" defaultValue={String(table.year)} options={yearOptions(table.years)} />
            <SelectField
              name="serie"
              label="Indicatore del grafico e della serie storica"
              column="col-md-5"
              defaultValue={search.series}
              options={table.indicators.map((d) => ({ value: d.code, label: d.name }))}
            />
          </FilterForm>

          <section aria-labelledby="tabella-comuni" className="mb-5">
            <h2 id="tabella-comuni" className="h4">
              I comuni nel {table.year}
            </h2>
            <p className="small">
              Valori di zona e di regione calcolati con la regola di ogni indicatore: i conteggi si sommano, i tassi sono somma dei
              numeratori diviso somma dei denominatori, le medie sono ponderate per la popolazione; un valore dell&apos;ATS si somma ai comuni
              quando il catalogo lo dice (per esempio gli assistenti sociali dell&apos;ambito). Il valore di zona si dà solo se tutti i comuni
              hanno il dato: altrimenti è «n.d.» con il valore parziale e quanti comuni lo hanno. Indice di fragilità: metodo AMPI
              con gli indicatori predefiniti, vedi la pagina «Fragilità»; decile 10 = i comuni più fragili della zona.
            </p>
            <DownloadLinks href={`/zone/${code}/territorio/dati`} query={query({})} what="la tabella dei comuni" />
            {table.fragilityNote && <p className="small text-secondary">Indice di fragilità non disponibile: {table.fragilityNote}</p>}
            <p className="small">
              Definizioni:{" "}
              {table.indicators.map((d, k) => (
                <span key={d.code}>
                  {k > 0 && " · "}
                  <Link prefetch={false} href={indicatorHref(d.code)}>{d.name}</Link>
                </span>
              ))}
            </p>
            <div className="table-responsive deferred-render" tabIndex={0} role="region" aria-label="Tabella dei comuni, scorrevole">
              <table className="table table-sm table-hover align-middle">
                <caption className="caption-top">Indicatori dei comuni della zona, {table.year}</caption>
                <thead>
                  <tr>
                    <th scope="col" aria-sort={ariaSort("nome")}>
                      {sortLink("nome", "Comune")}
                    </th>
                    {table.indicators.map((d) => (
                      <th scope="col" key={d.code} className="num" aria-sort={ariaSort(d.code)}>
                        {sortLink(d.code, d.name)}
                        <div className="small fw-normal text-secondary">{d.unit}</div>
                      </th>
                    ))}
                    <th scope="col" className="num" aria-sort={ariaSort("fragilita")}>
                      {sortLink("fragilita", "Indice di fragilità")}
                    </th>
                    <th scope="col" className="num">
                      Decile
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.istat}>
                      <th scope="row">
                        <Link prefetch={false} href={`/comuni/${r.istat}`}>{r.name}</Link>
                      </th>
                      {table.indicators.map((d) => (
                        <td key={d.code} className="num">
                          <ShownValueCell v={r.cells[d.code]} decimals={d.decimals} mark={table.mark} />
                        </td>
                      ))}
                      <td className="num">{formatNumber(r.fragility.index, 1)}</td>
                      <td className="num">{r.fragility.decile ?? "n.d."}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {table.zoneRow && (
                    <tr>
                      <th scope="row">
                        Ambito (ATS)
                        <span className="d-block small fw-normal text-secondary">valori dell&apos;intera zona, non di un comune</span>
                      </th>
                      {table.indicators.map((d) => (
                        <td key={d.code} className="num">
                          {table.zoneRow?.[d.code] ? (
                            <>
                              <ShownValueCell v={table.zoneRow[d.code]} decimals={d.decimals} mark={table.mark} />
                              <span className="d-block small fw-normal text-secondary">
                                {d.zoneRow === "component" ? "si somma ai comuni" : table.zone[d.code]?.source === "zone_row" ? "totale della zona" : "non usato: i comuni hanno il dato"}
                              </span>
                            </>
                          ) : (
                            "—"
                          )}
                        </td>
                      ))}
                      <td colSpan={2} />
                    </tr>
                  )}
                  <tr className="fw-bold">
                    <th scope="row">Zona</th>
                    {table.indicators.map((d) => (
                      <td key={d.code} className="num">
                        <ShownValueCell v={table.zone[d.code]} decimals={d.decimals} mark={table.mark} />
                      </td>
                    ))}
                    <td colSpan={2} />
                  </tr>
                  <tr>
                    <th scope="row">{table.region.name}</th>
                    {table.indicators.map((d) => (
                      <td key={d.code} className="num">
                        {formatNumber(table.region.values[d.code] ?? null, d.decimals)}
                      </td>
                    ))}
                    <td colSpan={2} />
                  </tr>
                </tfoot>
              </table>
            </div>
            <DisclosureFootnote footnote={table.footnote} />
            {table.region.note && (
              <p className="small">
                <strong>{table.region.name}</strong>: {table.region.note}
              </p>
            )}
          </section>

          {seriesDef && (
            <section aria-labelledby="graduatoria" className="mb-5">
              <h2 id="graduatoria" className="h4">
                {seriesDef.name}: graduatoria dei comuni, {table.year}
              </h2>
              <p className="small">
                <Link prefetch={false} href={indicatorHref(seriesDef.code)}>Definizione di «{seriesDef.name}»</Link>: {POLARITY_WORDS_IT[seriesDef.polarity]}.
              </p>
              <BarChartHorizontal
                data={ranking}
                valueLabel={seriesDef.name}
                unit={seriesDef.unit}
                decimals={seriesDef.decimals}
                summary={`Grafico a barre di ${seriesDef.name} per comune nel ${table.year}, dal valore più alto; gli stessi dati sono nella tabella che segue.`}
              />
              <details className="mt-2" open>
                <summary>Dati del grafico</summary>
                <DownloadLinks href={`/zone/${code}/territorio/dati`} query={query({ tabella: "graduatoria" })} what="la graduatoria" />
                <table className="table table-sm w-auto mt-2">
                  <caption className="caption-top">
                    {seriesDef.name} ({seriesDef.unit}) per comune, {table.year}, dal valore più alto
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">Pos.</th>
                      <th scope="col">Comune</th>
                      <th scope="col" className="num">Valore</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.map((r, i) => (
                      <tr key={r.label}>
                        <td className="num">{i + 1}</td>
                        <th scope="row">{r.label}</th>
                        <td className="num">
                          <ShownValueCell v={table.rows.find((x) => x.name === r.label)?.cells[seriesDef.code]} decimals={seriesDef.decimals} mark={table.mark} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </section>
          )}

          {seriesDef && (
            <QuickWidget label={`serie storica di ${seriesDef.name}`} minHeight={760} load={() => territorySeries(db, code, seriesDef.code, principal)}>
              {(series) => <SeriesSection code={code} indicator={seriesDef} series={series} downloadQuery={query({ tabella: "serie" })} />}
            </QuickWidget>
          )}
        </>
      )}
    </>
  );
}

/** The zone's time series of one indicator: a widget of its own, so that a slow query does not hold up the table. */
function SeriesSection({ code, indicator: seriesDef, series, downloadQuery }: { code: string; indicator: IndicatorDefinition; series: TerritorySeries; downloadQuery: string }) {
  return (
    <section aria-labelledby="serie-storica" className="mb-5">
      <h2 id="serie-storica" className="h4">
        {seriesDef.name}: serie storica della zona
      </h2>
      <LineChartSeries
        data={series.zone.map((p) => ({ year: p.year, value: p.value }))}
        label={seriesDef.name}
        unit={seriesDef.unit}
        decimals={seriesDef.decimals}
        summary={`Andamento di ${seriesDef.name} nella zona per anno; i valori della zona e di ogni comune sono nella tabella che segue.`}
      />
      <DownloadLinks href={`/zone/${code}/territorio/dati`} query={downloadQuery} what="la serie storica" />
      <div className="table-responsive deferred-render" tabIndex={0} role="region" aria-label="Serie storica per comune, scorrevole">
        <table className="table table-sm align-middle">
          <caption className="caption-top">
            {seriesDef.name} per anno ({seriesDef.unit}): la zona e i suoi comuni
          </caption>
          <thead>
            <tr>
              <th scope="col">Territorio</th>
              {series.years.map((y) => (
                <th scope="col" key={y} className="num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="fw-bold">
              <th scope="row">Zona</th>
              {series.zone.map((p) => (
                <td key={p.year} className="num">
                  <ShownValueCell v={p.shown} decimals={seriesDef.decimals} mark={series.mark} />
                </td>
              ))}
            </tr>
            {series.comuni.map((c) => (
              <tr key={c.istat}>
                <th scope="row">
                  <Link prefetch={false} href={`/comuni/${c.istat}`}>{c.name}</Link>
                </th>
                {series.years.map((y) => (
                  <td key={y} className="num">
                    <ShownValueCell v={c.cells[y]} decimals={seriesDef.decimals} mark={series.mark} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DisclosureFootnote footnote={series.footnote} />
    </section>
  );
}
