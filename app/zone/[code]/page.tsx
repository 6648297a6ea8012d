import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { serverDb } from "@/db/server";
import { getZone } from "@/db/queries/zones";
import { zoneOverview, type ZoneOverview } from "@/db/queries/overview";
import { partialNoteIt, shownText } from "@/lib/territory/shown";
import { DisclosureFootnote, ShownValueCell } from "@/app/components/ShownValueCell";
import { BarChartHorizontal } from "@/app/components/BarChartHorizontal";
import { requirePage } from "@/app/_auth/access";
import { QuickWidget } from "@/app/components/Widget";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  await requirePage("zone.read", code); // the title names the zone only to those who may see it
  const zone = await getZone(await serverDb(), code);
  // The layout's title template reaches only the pages below it: the overview names its zone itself.
  return { title: zone ? { absolute: `Panoramica · ${zone.name} · Osservatorio` } : "Zona non trovata" };
}


/** The overview's figures, queried once per request however many widgets read them. */
const overviewOf = cache(async (code: string) => {
  const principal = await requirePage("zone.read", code);
  return zoneOverview(await serverDb(), code, principal);
});

export default async function ZoneOverviewPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  await requirePage("zone.read", code);
  // Each widget reads the same cached query; if it is slow, the page streams at once with a skeleton in each place.
  const load = () => overviewOf(code);
  return (
    <>
      <h1 className="h2">Panoramica della zona</h1>
      <QuickWidget label="cifre chiave della zona" minHeight={260} load={load}>
        {(overview) => <KeyFigures overview={overview} />}
      </QuickWidget>
      <QuickWidget label="tabella dei comuni della zona" minHeight={620} load={load}>
        {(overview) => <ComuniTable overview={overview} />}
      </QuickWidget>
      <QuickWidget label="grafico dei residenti per comune" minHeight={460} load={load}>
        {(overview) => <PopulationChart overview={overview} />}
      </QuickWidget>
    </>
  );
}

function KeyFigures({ overview }: { overview: ZoneOverview }) {
  const { year, comuni, zone, mark } = overview;
  const key = (figure: keyof typeof zone, decimals: number, unit = "") => {
    const z = zone[figure];
    const partial = partialNoteIt(z);
    return { value: partial ? "n.d." : `${shownText(z, decimals, mark)}${unit}`, note: partial ? partial : undefined };
  };
  const population = key("population", 0);
  return (
    <>
      <p className="lead">
        {comuni.length} comuni
        {year !== null ? (
          <>
            {" "}
            · popolazione residente al 31 dicembre {year}: <strong>{population.value}</strong> abitanti
            {population.note && <> ({population.note})</>}
          </>
        ) : (
          <> · nessun dato di popolazione caricato</>
        )}
      </p>

      {year !== null && (
        <section aria-labelledby="cifre-chiave" className="mb-5">
          <h2 id="cifre-chiave" className="h4">
            Cifre chiave {year}
          </h2>
          <ul className="row g-3 list-unstyled">
            <KeyFigure label="Residenti" {...population} />
            <KeyFigure label="Residenti di 65 anni e più" {...key("share65plus", 1, " %")} />
            <KeyFigure label="Residenti di 75 anni e più" {...key("share75plus", 1, " %")} />
            <KeyFigure label="Indice di vecchiaia" {...key("oldAgeIndex", 1)} note={partialNoteIt(zone.oldAgeIndex) ?? "anziani 65+ ogni 100 giovani 0–14"} />
            <KeyFigure label="Residenti stranieri" {...key("shareForeigners", 1, " %")} />
          </ul>
          <p className="small text-secondary">
            I valori della zona sono calcolati come somma dei numeratori diviso somma dei denominatori di tutti i
            comuni (non come media dei valori comunali), e solo quando tutti i comuni hanno il dato: altrimenti la zona è
            «n.d.» e si dice quanti comuni lo hanno. L&apos;anno è l&apos;ultimo in cui la popolazione di tutti i comuni è caricata.
          </p>
        </section>
      )}
    </>
  );
}

function ComuniTable({ overview }: { overview: ZoneOverview }) {
  const { year, comuni: rows, zone, mark, footnote } = overview;
  return (
      <section aria-labelledby="comuni-titolo" className="mb-5">
        <h2 id="comuni-titolo" className="h4">
          I comuni della zona
        </h2>
        <div className="table-responsive deferred-render" tabIndex={0} role="region" aria-label="Tabella scorrevole">
          <table className="table table-sm table-hover align-middle">
            <caption className="caption-top">
              Comuni della zona con popolazione e struttura per età{year !== null ? ` (${year})` : ""}. Fonte: dati
              caricati nell&apos;Osservatorio.
            </caption>
            <thead>
              <tr>
                <th scope="col">Comune</th>
                <th scope="col">Codice ISTAT</th>
                <th scope="col" className="num">Residenti</th>
                <th scope="col" className="num">% 65+</th>
                <th scope="col" className="num">% 75+</th>
                <th scope="col" className="num">Indice di vecchiaia</th>
                <th scope="col" className="num">% stranieri</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.istat}>
                  <th scope="row">
                    <Link prefetch={false} href={`/comuni/${r.istat}`}>{r.name}</Link>
                  </th>
                  <td>{r.istat}</td>
                  <td className="num">
                    <ShownValueCell v={r.figures.population} decimals={0} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={r.figures.share65plus} decimals={1} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={r.figures.share75plus} decimals={1} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={r.figures.oldAgeIndex} decimals={1} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={r.figures.shareForeigners} decimals={1} mark={mark} />
                  </td>
                </tr>
              ))}
            </tbody>
            {year !== null && (
              <tfoot>
                <tr className="fw-bold">
                  <th scope="row">Totale zona</th>
                  <td />
                  <td className="num">
                    <ShownValueCell v={zone.population} decimals={0} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={zone.share65plus} decimals={1} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={zone.share75plus} decimals={1} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={zone.oldAgeIndex} decimals={1} mark={mark} />
                  </td>
                  <td className="num">
                    <ShownValueCell v={zone.shareForeigners} decimals={1} mark={mark} />
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
        <DisclosureFootnote footnote={footnote} />
      </section>
  );
}

function PopulationChart({ overview }: { overview: ZoneOverview }) {
  const { year, comuni: rows } = overview;
  return (
    <>
      {year !== null && (
        <section aria-labelledby="grafico-popolazione" className="mb-5">
          <h2 id="grafico-popolazione" className="h4">
            Residenti per comune, {year}
          </h2>
          <BarChartHorizontal
            data={rows
              .flatMap((r) => (typeof r.figures.population?.value === "number" ? [{ label: r.name, value: r.figures.population.value }] : []))
              .sort((a, b) => b.value - a.value)}
            valueLabel="Residenti"
            unit="residenti"
            summary={`Grafico a barre dei residenti per comune nel ${year}; gli stessi dati sono nella tabella "I comuni della zona".`}
          />
        </section>
      )}
    </>
  );
}

function KeyFigure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <li className="col-6 col-md-4 col-lg">
      <div className="card card-bg h-100">
        <div className="card-body">
          <p className="small text-secondary mb-1">{label}</p>
          <p className="key-figure mb-0">{value}</p>
          {note && <p className="small text-secondary mb-0">{note}</p>}
        </div>
      </div>
    </li>
  );
}
