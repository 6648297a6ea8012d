import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { indicatorLastImports } from "@/db/queries/indicator-imports";
import { listZones } from "@/db/queries/zones";
import { requirePage } from "@/app/_auth/access";
import { zoneScope } from "@/lib/auth/roles";
import { THEME_LABELS_IT, formulaInputs, ratioScale } from "@/lib/catalog/schema";
import { AGGREGATION_WORDS_IT, POLARITY_WORDS_IT, formulaWords, indicatorHref } from "@/lib/catalog/words";
import { formatNumber } from "@/lib/format";

type Params = { params: Promise<{ codice: string }> };

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { codice } = await params;
  await requirePage("zone.read");
  const def = CODE.test(codice) ? (await indicatorDefinitions(await serverDb())).find((d) => d.code === codice) : undefined;
  return { title: def ? `${def.name} · Indicatori` : "Indicatore non trovato" };
}

const dateTime = new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** One indicator's definition: what it measures, unit, polarity, formula, aggregation, source, and the last import per zone. */
export default async function IndicatorPage({ params }: Params) {
  const { codice } = await params;
  const principal = await requirePage("zone.read");
  if (!CODE.test(codice)) notFound();
  const db = await serverDb();
  const catalogue = await indicatorDefinitions(db);
  const def = catalogue.find((d) => d.code === codice);
  if (!def) notFound();
  const zones = await listZones(db, zoneScope(principal));
  const imports = await indicatorLastImports(
    db,
    def.code,
    zones.map((z) => z.code),
  );
  const names = new Map(catalogue.map((d) => [d.code, d.name]));
  const formula = formulaWords(def, names);
  const usedBy = catalogue.filter((d) => d.formula && formulaInputs(d.formula).includes(def.code));
  const scale = def.aggregation === "ratio" && !def.formula ? ratioScale(def) : null;

  return (
    <main id="contenuto" className="container my-4">
      <nav aria-label="Percorso" className="small mb-2 no-print">
        <Link href="/indicatori">Indicatori</Link> › {THEME_LABELS_IT[def.theme]}
      </nav>
      <h1 className="h2">{def.name}</h1>
      <p className="lead">{def.description}</p>
      <dl className="row definition-list">
        <dt className="col-sm-3">Codice</dt>
        <dd className="col-sm-9">
          <code>{def.code}</code>
        </dd>
        <dt className="col-sm-3">Tema</dt>
        <dd className="col-sm-9">{THEME_LABELS_IT[def.theme]}</dd>
        <dt className="col-sm-3">Unità di misura</dt>
        <dd className="col-sm-9">
          {def.unit} (con {def.decimals === 0 ? "nessun decimale" : def.decimals === 1 ? "1 decimale" : `${def.decimals} decimali`})
        </dd>
        <dt className="col-sm-3">Lettura</dt>
        <dd className="col-sm-9">{POLARITY_WORDS_IT[def.polarity]}</dd>
        <dt className="col-sm-3">Formula</dt>
        <dd className="col-sm-9">
          {formula && def.formula ? (
            <>
              <p className="mb-1">{formula}</p>
              <p className="mb-0 small">
                Dati di partenza:{" "}
                {formulaInputs(def.formula).map((code, k) => (
                  <span key={code}>
                    {k > 0 && ", "}
                    <Link href={indicatorHref(code)}>{names.get(code) ?? code}</Link>
                  </span>
                ))}
                . Il valore è calcolato dall&apos;Osservatorio a ogni importazione dei dati di partenza.
              </p>
            </>
          ) : scale !== null ? (
            <>Rapporto importato con numeratore e denominatore{scale !== 1 ? ` (× ${formatNumber(scale)})` : ""}.</>
          ) : (
            <>Valore importato così com&apos;è dalla fonte.</>
          )}
        </dd>
        <dt className="col-sm-3">Valore della zona</dt>
        <dd className="col-sm-9">{AGGREGATION_WORDS_IT[def.aggregation]}.</dd>
        <dt className="col-sm-3">Fonte</dt>
        <dd className="col-sm-9">{def.source}</dd>
        {def.isCountOfPeople && (
          <>
            <dt className="col-sm-3">Riservatezza</dt>
            <dd className="col-sm-9">
              Conta persone: per la Conferenza di zona, nei report e nelle esportazioni i valori sotto la soglia di riservatezza della zona sono oscurati.
            </dd>
          </>
        )}
        {usedBy.length > 0 && (
          <>
            <dt className="col-sm-3">Entra nel calcolo di</dt>
            <dd className="col-sm-9">
              {usedBy.map((d, k) => (
                <span key={d.code}>
                  {k > 0 && ", "}
                  <Link href={indicatorHref(d.code)}>{d.name}</Link>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="importazioni" className="mt-5">
        <h2 id="importazioni" className="h4">
          Ultima importazione per zona
        </h2>
        {imports.length === 0 ? (
          <p>Nessuna delle zone visibili con questo profilo ha ancora dati di questo indicatore.</p>
        ) : (
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Ultima importazione per zona">
            <table className="table table-sm">
              <caption className="caption-top">Zone con valori correnti dell&apos;indicatore: data dell&apos;ultima importazione che li contiene e anni coperti</caption>
              <thead>
                <tr>
                  <th scope="col">Zona</th>
                  <th scope="col">Ultima importazione</th>
                  <th scope="col">Anni</th>
                  <th scope="col" className="num">
                    Valori
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.zoneCode}>
                    <th scope="row">
                      <Link href={`/zone/${i.zoneCode}`}>{i.zoneName}</Link>
                    </th>
                    <td>{i.committedAt ? dateTime.format(i.committedAt) : "n.d."}</td>
                    <td>{i.firstYear === i.lastYear ? i.firstYear : `${i.firstYear}–${i.lastYear}`}</td>
                    <td className="num">{formatNumber(i.values)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
