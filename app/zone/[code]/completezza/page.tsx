import type { Metadata } from "next";
import { indicatorHref } from "@/lib/catalog/words";
import Link from "next/link";
import "@/app/components/territory-tables.css";
import "./completezza.css";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";
import { CELL_STATE_ICONS, CELL_STATE_LABELS_IT, COMPLETENESS_EXCLUDED_THEME, ZONE_CELL, zoneCompleteness, type CellState, type CompletenessCell } from "@/db/queries/completeness";
import { THEME_LABELS_IT, THEMES } from "@/lib/catalog/schema";
import { formatDate, formatNumber } from "@/lib/format";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { completenessQuery, parseCompletenessSearch } from "./search-params";

export const metadata: Metadata = { title: "Completezza dei dati" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const LEGEND: { state: CellState; meaning: string }[] = [
  { state: "presente", meaning: "il valore dell'anno c'è" },
  { state: "riservato", meaning: "la fonte non lo diffonde («x», «*»): non va compilato" },
  { state: "non_aggiornato", meaning: "manca il valore dell'anno, ma c'è quello di un anno prima (indicato accanto)" },
  { state: "mancante", meaning: "nessun valore, né per l'anno né prima" },
  { state: "non_previsto", meaning: "il dato non si raccoglie qui (un dato solo di zona per un comune, o la zona per un dato dei comuni)" },
];

function cellText(c: CompletenessCell): string {
  const base = CELL_STATE_LABELS_IT[c.state];
  if (c.state === "non_aggiornato") return `${base}: ultimo valore del ${c.lastYear}`;
  if (c.unknownBySource) return `${base}: la fonte lo dà come non noto («....»)`;
  return base;
}

const KIND_LABELS_IT: Record<string, string> = { demo: "dati dimostrativi", riferimento: "dati di riferimento" };

export default async function CompletenessPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const search = parseCompletenessSearch(await searchParams);
  const data = await zoneCompleteness(await serverDb(), code, search);
  const { year, comuni, rows, gaps } = data;
  const seesGaps = can(principal, "imports.read");
  const imports = can(principal, "imports.write");
  const columns = [...comuni.map((c) => ({ key: c.istat, name: c.name })), { key: ZONE_CELL, name: "Intera zona (ATS)" }];
  const query = (extra: { year?: number; indicator?: string } = {}) =>
    completenessQuery({ year: extra.year ?? year, theme: search.theme, view: search.view, indicator: extra.indicator ?? search.indicator });
  const gapRows = gaps.reduce((s, g) => s + g.territories.length, 0);

  return (
    <>
      <h1 className="h2">Completezza dei dati</h1>
      <p>
        Per ogni indicatore caricato (gli indicatori calcolati seguono dai loro ingressi), quali comuni e la zona hanno il valore in ciascun anno, e quando
        l&apos;indicatore è stato aggiornato l&apos;ultima volta. La pagina dice solo che cosa c&apos;è e che cosa manca, mai i valori. Le misure di qualità dei
        servizi riguardano un servizio, non un territorio: quelle mancanti sono nella pagina{" "}
        <Link href={`/zone/${code}/qualita`}>Qualità dei servizi</Link> (esito «dato mancante»).
      </p>

      <FilterForm submitLabel="Mostra">
        <SelectField name="anno" label="Anno" column="col-md-3" defaultValue={year !== null ? String(year) : undefined} options={yearOptions(data.years)} />
        <SelectField name="tema" label="Tema" column="col-md-3" defaultValue={search.theme ?? ""} empty="tutti i temi" options={THEMES.filter((t) => t !== COMPLETENESS_EXCLUDED_THEME).map((t) => ({ value: t, label: THEME_LABELS_IT[t] }))} />
        <SelectField
          name="vista"
          label="Indicatori"
          column="col-md-3"
          defaultValue={search.view}
          options={[
            { value: "tutti", label: "tutti" },
            { value: "lacune", label: "solo quelli con dati da completare" },
          ]}
        />
      </FilterForm>

      <section aria-labelledby="legenda" className="mb-4">
        <h2 id="legenda" className="h5">
          Legenda
        </h2>
        <ul className="list-unstyled completeness-legend">
          {LEGEND.map((l) => (
            <li key={l.state}>
              <span className={`completeness-icon state-${l.state}`} aria-hidden="true">
                {CELL_STATE_ICONS[l.state]}
              </span>{" "}
              <strong>{CELL_STATE_LABELS_IT[l.state]}</strong>: {l.meaning}
            </li>
          ))}
        </ul>
      </section>

      {year === null ? (
        <p className="alert alert-info" role="status">
          Nessun dato caricato per questa zona: caricare i valori dalla pagina «Importa dati».
        </p>
      ) : (
        <>
          <section aria-labelledby="per-anno" className="mb-5">
            <h2 id="per-anno" className="h4">
              Copertura per anno
            </h2>
            <table className="table table-sm w-auto">
              <caption className="caption-top">Celle indicatore × territorio di ogni anno{search.theme ? ` (tema ${THEME_LABELS_IT[search.theme]})` : ""}</caption>
              <thead>
                <tr>
                  <th scope="col">Anno</th>
                  <th scope="col" className="num">
                    Presenti
                  </th>
                  <th scope="col" className="num">
                    Non aggiornati
                  </th>
                  <th scope="col" className="num">
                    Mancanti
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.coverage.map((c) => (
                  <tr key={c.year}>
                    <th scope="row">
                      {c.year === year ? (
                        <span aria-current="true">{c.year} (mostrato)</span>
                      ) : (
                        <Link href={`/zone/${code}/completezza${query({ year: c.year })}`}>{c.year}</Link>
                      )}
                    </th>
                    <td className="num">{formatNumber(c.present)}</td>
                    <td className="num">{formatNumber(c.outOfDate)}</td>
                    <td className="num">{formatNumber(c.missing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="matrice" className="mb-5">
            <h2 id="matrice" className="h4">
              Indicatori per territorio, {year}
            </h2>
            {rows.length === 0 ? (
              <p>Nessun indicatore con questi filtri{search.onlyGaps ? `: nel ${year} non manca nulla` : ""}.</p>
            ) : (
              <div className="table-responsive" tabIndex={0} role="region" aria-label={`Completezza per indicatore e territorio nel ${year}, scorrevole`}>
                <table className="table table-sm table-bordered align-middle completeness-matrix">
                  <caption className="caption-top">
                    Stato del dato di ogni indicatore (righe) per comune e per l&apos;intera zona (colonne) nel {year}: simboli e parole come nella legenda
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Indicatore</th>
                      {columns.map((c) => (
                        <th scope="col" key={c.key} className="text-center">
                          {c.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.def.code}>
                        <th scope="row">
                          <Link href={indicatorHref(r.def.code)}>{r.def.name}</Link>
                          <div className="small fw-normal text-secondary">
                            {r.def.code}
                            {r.scope === "zona" ? " · dato di zona" : r.scope === "mai" ? " · mai caricato" : ""}
                          </div>
                        </th>
                        {columns.map((c) => {
                          const cell = r.cells[c.key]!;
                          return (
                            <td key={c.key} className={`text-center state-${cell.state}`} title={cellText(cell)}>
                              <span className="completeness-icon" aria-hidden="true">
                                {CELL_STATE_ICONS[cell.state]}
                              </span>
                              {cell.state === "non_aggiornato" && <span className="small d-block">{cell.lastYear}</span>}
                              <span className="visually-hidden">{cellText(cell)}</span>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {seesGaps && (
            <section aria-labelledby="dati-mancanti" className="mb-5">
              <h2 id="dati-mancanti" className="h4">
                Dati mancanti, {year}
              </h2>
              {gaps.length === 0 ? (
                <p>Nel {year} non manca nessun dato degli indicatori mostrati.</p>
              ) : (
                <>
                  <p>
                    Per ogni lacuna un modello CSV già compilato con le righe che mancano, nel formato dei valori (vedi «Formati accettati» nella pagina Importa
                    dati): basta scrivere il valore nella colonna «valore» (e numeratore e denominatore per i rapporti) e caricare il file
                    {imports ? (
                      <>
                        {" "}
                        dalla pagina <Link href={`/zone/${code}/importa`}>Importa dati</Link>
                      </>
                    ) : (
                      " (lo carica un analista della zona dalla pagina Importa dati)"
                    )}
                    . Le righe lasciate vuote si possono togliere dal file, o lasciare: l&apos;anteprima le segnala e si importano solo le righe valide.
                  </p>
                  <p>
                    <a href={`/zone/${code}/completezza/modello.csv${query()}`} download>
                      Scarica il modello con tutte le lacune del {year} ({formatNumber(gapRows)} {gapRows === 1 ? "riga" : "righe"}, CSV)
                    </a>
                  </p>
                  <table className="table table-sm align-middle">
                    <caption className="caption-top">Indicatori con dati da completare nel {year}, con i territori che non li hanno</caption>
                    <thead>
                      <tr>
                        <th scope="col">Indicatore</th>
                        <th scope="col">Territori da completare</th>
                        <th scope="col">Modello da compilare</th>
                      </tr>
                    </thead>
                    <tbody>
                      {gaps.map((g) => (
                        <tr key={g.indicator}>
                          <th scope="row">
                            {g.name}
                            <div className="small fw-normal text-secondary">{g.indicator}</div>
                          </th>
                          <td>
                            {g.territories.map((t, i) => (
                              <span key={t.who}>
                                {i > 0 && ", "}
                                {t.name}
                                {t.state === "non_aggiornato" && " (non aggiornato)"}
                              </span>
                            ))}
                          </td>
                          <td>
                            <a href={`/zone/${code}/completezza/modello.csv${query({ indicator: g.indicator })}`} download>
                              Modello CSV di {g.indicator} ({g.territories.length} {g.territories.length === 1 ? "riga" : "righe"})
                            </a>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </section>
          )}

          <section aria-labelledby="aggiornamenti" className="mb-5">
            <h2 id="aggiornamenti" className="h4">
              Ultimo aggiornamento per indicatore
            </h2>
            <div className="table-responsive" tabIndex={0} role="region" aria-label="Ultimo aggiornamento per indicatore, scorrevole">
              <table className="table table-sm align-middle">
                <caption className="caption-top">Per ogni indicatore: anni con dati nella zona e l&apos;ultimo caricamento che ne contiene i valori attuali</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicatore</th>
                    <th scope="col">Anni con dati</th>
                    <th scope="col">Ultimo aggiornamento</th>
                    <th scope="col">File</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.def.code}>
                      <th scope="row">
                        <Link href={indicatorHref(r.def.code)}>{r.def.name}</Link>
                        <div className="small fw-normal text-secondary">{r.def.code}</div>
                      </th>
                      <td>{r.firstYear === null ? "nessuno" : r.firstYear === r.lastYear ? String(r.firstYear) : `${r.firstYear}–${r.lastYear}`}</td>
                      <td>{r.lastUpdate ? formatDate(r.lastUpdate.date) : "mai caricato"}</td>
                      <td>{r.lastUpdate ? `${r.lastUpdate.fileName}${KIND_LABELS_IT[r.lastUpdate.kind] ? ` (${KIND_LABELS_IT[r.lastUpdate.kind]})` : ""}` : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
