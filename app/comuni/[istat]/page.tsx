import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { comuneFigures, comuneZone, SCHEDA_YEARS, type ComuneFigures } from "@/db/queries/comune-profile";
import { zoneHasDemoData } from "@/db/queries/observations";
import { requirePage } from "@/app/_auth/access";
import { formatNumber } from "@/lib/format";
import { THEME_LABELS_IT, THEMES, type Polarity } from "@/lib/catalog/schema";
import { COMPARISON_WORDS_IT, compareToZone, indicatorHref } from "@/lib/catalog/words";
import { serviceAreaLabel, spendingTypeLabel } from "@/lib/catalog/service-areas";
import { RESOURCE_KIND_LABELS_IT } from "@/lib/catalog/resource-kinds";
import { DemoBanner } from "@/app/components/DemoBanner";
import { PrintButtonBinder as PrintScript } from "@/app/components/PrintButtonBinder";
import { Sparkline } from "@/app/components/Sparkline";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { DisclosureFootnote, ShownValueCell } from "@/app/components/ShownValueCell";
import { notesOn } from "@/db/queries/notes";
import { NotesPanel } from "@/app/_notes/NotesPanel";
import { listResources, listServices } from "@/db/queries/resources";
import { QuickWidget, Widget } from "@/app/components/Widget";
import { ZoneNav } from "@/app/components/ZoneNav";
import { zoneSections } from "@/app/zone/[code]/sections";

/** Direction of a short series in words, for the trend column (the sparkline itself is decorative). */
function trendWords(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return "andamento non disponibile";
  const first = known[0] as number;
  const last = known[known.length - 1] as number;
  const change = first === 0 ? (last === 0 ? 0 : Math.sign(last)) : (last - first) / Math.abs(first);
  return Math.abs(change) < 0.01 ? "stabile" : change > 0 ? "in aumento" : "in calo";
}

/**
 * The indicator tables are drawn in two column orders: oldest year first on wide screens and
 * on paper, latest year and zone value first on a phone, where only the first columns fit.
 * Each cell is in the page once per order and hidden (display: none, so not read) in the other.
 */
const PHONE_ONLY = "d-md-none d-print-none";
const WIDE_ONLY = "d-none d-md-table-cell d-print-table-cell";
/** On A4 the table keeps the latest PRINTED_YEARS years (the sparkline still draws all of them): five do not fit the page's width. */
const PRINTED_YEARS = 3;
const SCREEN_ONLY_YEAR = "d-none d-md-table-cell d-print-none";

function comparisonText(value: number | null, zone: number | null, polarity: Polarity, decimals: number): string {
  const c = compareToZone(value, zone, polarity, decimals);
  return c === null ? "n.d." : COMPARISON_WORDS_IT[c];
}

function positionText(rank: number | null, of: number): string {
  return rank === null ? "n.d." : `${rank} su ${of}`;
}

type Params = { params: Promise<{ istat: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { istat } = await params;
  await requirePage("zone.read"); // signed in before the lookup: the title must not tell anonymous visitors which comuni exist
  const comune = /^\d{6}$/.test(istat) ? await comuneZone(await serverDb(), istat) : undefined;
  return { title: comune ? `Comune di ${comune.name} · ${comune.zoneName}` : "Comune non trovato" };
}

export default async function ComunePage({ params }: Params) {
  const { istat } = await params;
  await requirePage("zone.read"); // before the lookup: anonymous visitors go to the login, whether the comune exists or not
  if (!/^\d{6}$/.test(istat)) notFound();
  const db = await serverDb();
  const comune = await comuneZone(db, istat);
  if (!comune) notFound();
  const principal = await requirePage("zone.read", comune.zoneCode);
  const demo = await zoneHasDemoData(db, comune.zoneCode);

  return (
    <main id="contenuto" className="container my-4">
      <nav aria-label="Percorso" className="small mb-2 no-print">
        <Link prefetch={false} href={`/zone/${comune.zoneCode}`}>{comune.zoneName}</Link> › <Link prefetch={false} href={`/zone/${comune.zoneCode}/territorio`}>Territorio</Link>
      </nav>
      {/* Every page of the zone one click away (the mayor lands here after login). */}
      <div className="mb-3">
        <ZoneNav sections={zoneSections(comune.zoneCode, principal)} />
      </div>
      {demo && <DemoBanner />}
      <h1 className="h2">
        Comune di {comune.name} <span className="h5 text-secondary">({comune.province}, codice ISTAT {comune.istat})</span>
      </h1>
      <p className="lead">{comune.zoneName}</p>
      <p className="no-print">
        <button type="button" className="btn btn-outline-primary btn-sm" data-print>
          Stampa la scheda
        </button>
      </p>

      {/* Each part loads on its own: a slow query blanks only its part (a skeleton), never the page's header. */}
      <QuickWidget label="indicatori e fragilità del comune" minHeight={900} load={() => comuneFigures(db, comune.istat, principal, { lastYears: SCHEDA_YEARS })}>
        {(profile) => profile && <FiguresSections profile={profile} />}
      </QuickWidget>
      <Widget label="punti di accesso e risorse nel comune" minHeight={240}>
        <ResourcesSection istat={comune.istat} zoneCode={comune.zoneCode} />
      </Widget>
      <Widget label="servizi della zona" minHeight={420}>
        <ServicesSection istat={comune.istat} zoneCode={comune.zoneCode} />
      </Widget>
      <Widget label="note sul comune" minHeight={120}>
        <ComuneNotes istat={comune.istat} zoneCode={comune.zoneCode} />
      </Widget>
      <PrintScript />
    </main>
  );
}

/** The indicators over the years and the fragility index: the scheda's figures, read for the whole zone. */
function FiguresSections({ profile }: { profile: ComuneFigures }) {
  const shownYears = profile.years.slice(-SCHEDA_YEARS);
  // On a phone the latest year and the zone's value come first, older years after (see PHONE_ONLY).
  const phoneYears = [...shownYears].reverse();
  return (
    <>
      {profile.latestYear !== null && <p>Dati fino al {profile.latestYear}.</p>}
      {profile.latestYear === null && (
        <p className="alert alert-info" role="status">
          Per la zona di questo comune non sono ancora stati caricati dati: la scheda mostra le risorse e i servizi registrati.
        </p>
      )}

      {profile.fragility && (
        <section aria-labelledby="fragilita" className="mb-5">
          <h2 id="fragilita" className="h4">
            Fragilità ({profile.latestYear})
          </h2>
          {profile.fragility.withheld ? (
            <p>
              L&apos;indice di fragilità di questo comune non è pubblicato: una sua componente è un tasso su un conteggio di persone inferiore alla
              soglia di riservatezza, e dall&apos;indice si potrebbe ricavare (vedi la nota).
            </p>
          ) : profile.fragility.index === null ? (
            <p>{profile.fragility.exclusionReason ?? "L'indice di fragilità non è calcolabile per questo comune: manca il valore di almeno un indicatore (vedi la tabella)."}</p>
          ) : profile.fragility.nonDiscrimination ? (
            <p>
              Indice di fragilità <strong>{formatNumber(profile.fragility.index, 1)}</strong> (100 = valore della zona). {profile.fragility.nonDiscrimination}{" "}
              <Link prefetch={false} href={`/zone/${profile.zoneCode}/fragilita`}>Come si calcola</Link>
            </p>
          ) : (
            <p>
              Indice di fragilità <strong>{formatNumber(profile.fragility.index, 1)}</strong> (100 = valore della zona): posizione{" "}
              <strong>
                {formatNumber(profile.fragility.rank, Number.isInteger(profile.fragility.rank) ? 0 : 1)} su {profile.fragility.ranked}
              </strong>{" "}
              nella zona (1 = il comune più fragile), decile <strong>{profile.fragility.decile}</strong> (10 = i più fragili).{" "}
              <Link prefetch={false} href={`/zone/${profile.zoneCode}/fragilita`}>Come si calcola</Link>
            </p>
          )}
          <DownloadLinks href={`/comuni/${profile.istat}/dati`} query="tabella=fragilita" what="le componenti della fragilità" />
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Tabella delle componenti dell'indice, scorrevole">
          <table className="table table-sm w-auto">
            <caption className="caption-top">Componenti dell&apos;indice: valore del comune e punteggio (100 = zona; più alto = più fragile)</caption>
            <thead>
              <tr>
                <th scope="col">Indicatore</th>
                <th scope="col">Unità</th>
                <th scope="col" className="num">Valore</th>
                <th scope="col" className="num">Punteggio</th>
              </tr>
            </thead>
            <tbody>
              {profile.fragility.components.map((c) => (
                <tr key={c.indicator}>
                  <th scope="row">
                    <Link prefetch={false} href={indicatorHref(c.indicator)}>{c.name}</Link>
                  </th>
                  <td>{c.unit}</td>
                  <td className="num">{c.withheld ? profile.mark : formatNumber(c.value, c.decimals)}</td>
                  <td className="num">{c.withheld ? profile.mark : formatNumber(c.normalized, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          {profile.fragility.withheld && <DisclosureFootnote footnote={profile.footnote} />}
        </section>
      )}

      <section aria-labelledby="indicatori" className="mb-5">
        <h2 id="indicatori" className="h4">
          Indicatori
        </h2>
        <p className="small">
          Confronto con la zona: valore della zona calcolato con la regola dell&apos;indicatore (somme, rapporti di somme, medie
          ponderate), solo quando tutti i comuni hanno il dato (altrimenti «n.d.» con il valore parziale); la regione solo quando tutte le sue zone hanno il dato{profile.regionNote ? ` (${profile.regionNote})` : ""}.
          «Meglio» o «peggio» della zona e la posizione seguono la lettura dell&apos;indicatore (se è meglio un valore più alto o più basso): posizione 1 = il
          valore migliore tra i comuni della zona; per gli indicatori descrittivi, 1 = il valore più alto. Ogni nome porta alla definizione dell&apos;indicatore.
          <span className="print-only">
            Sulla carta le tabelle riportano gli ultimi {Math.min(PRINTED_YEARS, shownYears.length)} anni; l&apos;andamento copre gli ultimi {shownYears.length}.
          </span>
        </p>
        <DownloadLinks href={`/comuni/${profile.istat}/dati`} query="tabella=indicatori" what="tutti gli indicatori per anno" />
        {THEMES.map((theme) => {
          const rows = profile.indicators.filter((i) => i.def.theme === theme);
          if (rows.length === 0) return null;
          return (
            <div className="table-responsive deferred-render mb-4" key={theme} tabIndex={0} role="region" aria-label={`Indicatori: ${THEME_LABELS_IT[theme]}`}>
              <table className="table table-sm align-middle">
                <caption className="caption-top fw-bold">{THEME_LABELS_IT[theme]}</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicatore</th>
                    <th scope="col">Unità</th>
                    {phoneYears.map((y, k) => (
                      <Fragment key={`p${y}`}>
                        <th scope="col" className={`num ${PHONE_ONLY}`}>
                          {y}
                        </th>
                        {k === 0 && (
                          <th scope="col" className={`num ${PHONE_ONLY}`}>
                            Zona {profile.latestYear}
                          </th>
                        )}
                      </Fragment>
                    ))}
                    {shownYears.map((y, k) => (
                      <th scope="col" className={`num ${k < shownYears.length - PRINTED_YEARS ? SCREEN_ONLY_YEAR : WIDE_ONLY}`} key={y}>
                        {y}
                      </th>
                    ))}
                    <th scope="col">Andamento</th>
                    <th scope="col" className={`num ${WIDE_ONLY}`}>Zona {profile.latestYear}</th>
                    <th scope="col" className="num">{profile.regionName} {profile.latestYear}</th>
                    <th scope="col">Rispetto alla zona</th>
                    <th scope="col" className="num">Posizione</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((i) => (
                    <tr key={i.def.code}>
                      <th scope="row">
                        <Link prefetch={false} href={indicatorHref(i.def.code)}>{i.def.name}</Link>
                      </th>
                      <td>{i.def.unit}</td>
                      {phoneYears.map((y, k) => (
                        <Fragment key={`p${y}`}>
                          <td className={`num ${PHONE_ONLY}`}>
                            <ShownValueCell v={i.cells[y]} decimals={i.def.decimals} mark={profile.mark} />
                          </td>
                          {k === 0 && (
                            <td className={`num ${PHONE_ONLY}`}>
                              <ShownValueCell v={i.zoneCell} decimals={i.def.decimals} mark={profile.mark} />
                            </td>
                          )}
                        </Fragment>
                      ))}
                      {shownYears.map((y, k) => (
                        <td className={`num ${k < shownYears.length - PRINTED_YEARS ? SCREEN_ONLY_YEAR : WIDE_ONLY}`} key={y}>
                          <ShownValueCell v={i.cells[y]} decimals={i.def.decimals} mark={profile.mark} />
                        </td>
                      ))}
                      <td>
                        <Sparkline values={shownYears.map((y) => i.series[y] ?? null)} />
                        <span className="visually-hidden">{trendWords(shownYears.map((y) => i.series[y] ?? null))}</span>
                      </td>
                      <td className={`num ${WIDE_ONLY}`}>
                        <ShownValueCell v={i.zoneCell} decimals={i.def.decimals} mark={profile.mark} />
                      </td>
                      <td className="num">{formatNumber(i.region, i.def.decimals)}</td>
                      <td>{comparisonText(i.latestCell?.value ?? null, i.zone, i.def.polarity, i.def.decimals)}</td>
                      <td className="num">{positionText(i.def.polarity === 0 ? i.rank : i.bestRank, i.of)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
        <DisclosureFootnote footnote={profile.footnote} />
      </section>
    </>
  );
}

type WidgetProps = { istat: string; zoneCode: string };

async function ResourcesSection({ istat, zoneCode }: WidgetProps) {
  await requirePage("zone.read", zoneCode);
  const resources = await listResources(await serverDb(), zoneCode, { comune: istat });
  return (
      <section aria-labelledby="accesso" className="mb-5">
        <h2 id="accesso" className="h4">
          Punti di accesso e risorse nel comune
        </h2>
        {resources.length === 0 ? (
          <p>Nessuna risorsa registrata per questo comune. Le sedi degli Uffici della Cittadinanza della zona sono nella pagina «Risorse».</p>
        ) : (
          <>
            <DownloadLinks href={`/comuni/${istat}/dati`} query="tabella=risorse" what="i punti di accesso e le risorse" />
            <div className="table-responsive" tabIndex={0} role="region" aria-label="Tabella dei punti di accesso, scorrevole">
            <table className="table table-sm">
              <caption className="caption-top">Uffici della Cittadinanza e altre risorse con sede nel comune</caption>
              <thead>
                <tr>
                  <th scope="col">Nome</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Indirizzo</th>
                  <th scope="col">Contatti</th>
                  <th scope="col">Orari</th>
                </tr>
              </thead>
              <tbody>
                {resources.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{RESOURCE_KIND_LABELS_IT[r.kind]}</td>
                    <td>{[r.address, r.postalCode].filter(Boolean).join(" – ") || "—"}</td>
                    <td>
                      {r.phone && <div>tel. {r.phone}</div>}
                      {r.fax && <div>fax {r.fax}</div>}
                      {r.email && <div>{r.email}</div>}
                      {!r.phone && !r.fax && !r.email && "—"}
                    </td>
                    <td>{r.openingHours ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </>
        )}
      </section>
  );
}

async function ServicesSection({ istat, zoneCode }: WidgetProps) {
  await requirePage("zone.read", zoneCode);
  const services = await listServices(await serverDb(), zoneCode);
  return (
      <section aria-labelledby="servizi" className="mb-5">
        <h2 id="servizi" className="h4">
          Servizi della zona per i residenti
        </h2>
        {services.length === 0 ? (
          <p>Nessun servizio registrato per la zona.</p>
        ) : (
          <>
          <DownloadLinks href={`/comuni/${istat}/dati`} query="tabella=servizi" what="i servizi" />
          <div className="table-responsive deferred-render" tabIndex={0} role="region" aria-label="Tabella dei servizi, scorrevole">
          <table className="table table-sm">
            <caption className="caption-top">Servizi gestiti in forma associata dalla zona, per area di utenza</caption>
            <thead>
              <tr>
                <th scope="col">Servizio</th>
                <th scope="col">Area di utenza</th>
                <th scope="col">Tipo</th>
                <th scope="col">Gestione</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.code}>
                  <th scope="row">{s.name}</th>
                  <td>{serviceAreaLabel(s.area)}</td>
                  <td>{spendingTypeLabel(s.spendingType)}</td>
                  <td>{s.managingBody ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          </>
        )}
      </section>
  );
}

async function ComuneNotes({ istat, zoneCode }: WidgetProps) {
  const principal = await requirePage("zone.read", zoneCode);
  const notes = await notesOn(await serverDb(), zoneCode, [{ kind: "comune", key: istat }]);
  return (
    <NotesPanel zone={zoneCode} subject={{ kind: "comune", key: istat }} notes={notes} principal={principal} page={`/comuni/${istat}`} title="Note dell'Ufficio di Piano sul comune" headingLevel={2} />
  );
}
