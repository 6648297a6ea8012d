import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import { indicatorHref } from "@/lib/catalog/words";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { AMPI_METHOD_IT } from "@/lib/fragility/ampi";
import { formatNumber, formatSigned } from "@/lib/format";
import { IndicatorCheckboxes } from "@/app/components/IndicatorCheckboxes";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField, yearOptions } from "@/app/components/FilterForm";
import { fragilityFilters, fragilityOutcome, fragilityQuery, referenceNoteIt, WITHHELD_INDEX_IT, type FragilityFilters, type FragilityView } from "./view";
import { QuickWidget } from "@/app/components/Widget";
import { DisclosureFootnote } from "@/app/components/ShownValueCell";
import { disclosureFootnoteIt, suppressedMarkIt } from "@/lib/disclosure";

export const metadata: Metadata = { title: "Fragilità" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FragilityPage({ params, searchParams }: Params) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const db = await serverDb();
  const filters = await fragilityFilters(db, code, await searchParams);
  const { years, candidates, year, base, chosen } = filters;

  return (
    <>
      <h1 className="h2">Indice di fragilità dei comuni</h1>
      <FilterForm
        submitLabel="Calcola"
        after={
          <IndicatorCheckboxes
            legend="Indicatori dell'indice"
            indicators={candidates}
            checked={chosen}
            idPrefix="f"
            describe={(d) => `${d.name} ${d.polarity === -1 ? "(più alto = più fragile)" : "(più alto = meno fragile)"}`}
          />
        }
      >
        <SelectField name="anno" label="Anno" column="col-md-3" defaultValue={year !== undefined ? String(year) : undefined} options={yearOptions(years)} />
        <SelectField
          name="base"
          label="Anno base (riferimento = valore della zona)"
          column="col-md-3"
          defaultValue={base !== undefined ? String(base) : ""}
          empty="uguale all'anno mostrato"
          options={yearOptions(years)}
        />
      </FilterForm>

      {/* The index reads every component of every comune: when that is slow, it streams in while the form and the method are already shown. */}
      <QuickWidget label="l'indice di fragilità" minHeight={480} load={() => fragilityOutcome(db, code, filters, principal)}>
        {(o) => <FragilityResults code={code} filters={filters} outcome={o} />}
      </QuickWidget>

      <section aria-labelledby="metodo">
        <h2 id="metodo" className="h4">
          Come si calcola
        </h2>
        {AMPI_METHOD_IT.split("\n\n").map((p, i) => (
          <p key={i} style={{ whiteSpace: "pre-line" }}>
            {p}
          </p>
        ))}
      </section>
    </>
  );
}

function FragilityResults({ code, filters, outcome }: { code: string; filters: FragilityFilters; outcome: Pick<FragilityView, "result" | "problem"> }) {
  const { result, problem } = outcome;
  const catalogue = filters.catalogue;
  const name = (c: string) => catalogue.find((d) => d.code === c)?.name ?? c;
  const decimals = (c: string) => catalogue.find((d) => d.code === c)?.decimals ?? 1;
  return (
    <>
    {problem && (
      <div className="alert alert-warning" role="status">
        <p className="mb-1">
          <strong>L&apos;indice non si può calcolare</strong>: {problem}
        </p>
        <p className="mb-0 small">
          Si può scegliere un altro anno o un altro anno base, togliere l&apos;indicatore che manca, oppure caricarne i dati dalla
          pagina «Importa dati».
        </p>
      </div>
    )}

    {result && (
      <>
        <section aria-labelledby="classifica" className="mb-5">
          <h2 id="classifica" className="h4">
            Comuni dal più fragile, {result.year} (anno base {result.baseYear})
          </h2>
          {result.nonDiscriminationReason && (
            <p className="alert alert-warning" role="status">
              {result.nonDiscriminationReason}
            </p>
          )}
          {result.excludedInBaseYear.length > 0 && (
            <p className="small">
              {result.excludedInBaseYear.length === 1 ? "Un comune è escluso" : `${result.excludedInBaseYear.length} comuni sono esclusi`} perché
              manca un indicatore nell&apos;anno base {result.baseYear}; il valore di riferimento resta quello della zona (vedi la
              tabella).
            </p>
          )}
          <DownloadLinks href={`/zone/${code}/fragilita/dati`} query={fragilityQuery(filters)} what="la graduatoria con le componenti" />
          <div className="table-responsive deferred-render" tabIndex={0} role="region" aria-label="Indice di fragilità per comune, scorrevole">
            <table className="table table-sm align-middle">
              <caption className="caption-top">
                Indice AMPI+ (100 = zona nell&apos;anno base), posizione, decile (10 = più fragili), variazione sull&apos;anno prima (con gli
                stessi riferimenti, calcolati su entrambi gli anni; a pari indice la posizione è la media dei posti condivisi) e
                per ogni componente il valore del comune e, sotto, il punteggio normalizzato («punt.»)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Pos.</th>
                  <th scope="col">Comune</th>
                  <th scope="col" className="num">Indice</th>
                  <th scope="col" className="num">Decile</th>
                  <th scope="col" className="num">Variazione sul {result.year - 1}</th>
                  {result.indicators.map((i) => (
                    <th scope="col" key={i.code} className="num">
                      <Link prefetch={false} href={indicatorHref(i.code)}>{name(i.code)}</Link>
                      <div className="small fw-normal text-secondary">{catalogue.find((d) => d.code === i.code)?.unit}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.units.map((u) => (
                  <tr key={u.unit}>
                    <td className="num">{u.rank === null ? "—" : formatNumber(u.rank, Number.isInteger(u.rank) ? 0 : 1)}</td>
                    <th scope="row">
                      <Link prefetch={false} href={`/comuni/${u.unit}`}>{u.name ?? u.unit}</Link>
                      {u.excluded && <div className="small text-secondary">non classificato: {u.exclusionReason}</div>}
                      {result.withheld[u.unit] && <div className="small text-secondary">{WITHHELD_INDEX_IT}</div>}
                    </th>
                    <td className="num">{result.withheld[u.unit] ? "non pubblicato" : formatNumber(u.index, 1)}</td>
                    <td className="num">{u.decile ?? "—"}</td>
                    <td className="num">{u.change === null ? "n.d." : formatSigned(u.change, 1)}</td>
                    {u.components.map((c) => (
                      <td key={c.indicator} className="num">
                        {result.withheld[u.unit]?.includes(c.indicator) ? `${suppressedMarkIt(result.threshold)} *` : formatNumber(c.value, decimals(c.indicator))}
                        <div className="small text-secondary">punt. {result.withheld[u.unit]?.includes(c.indicator) ? "non pubblicato" : formatNumber(c.normalized, 1)}</div>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {Object.keys(result.withheld).length > 0 && <DisclosureFootnote footnote={disclosureFootnoteIt(result.threshold)} />}
        </section>

        <section aria-labelledby="riferimenti" className="mb-5">
          <h2 id="riferimenti" className="h4">
            Riferimenti e intervalli
          </h2>
          <DownloadLinks href={`/zone/${code}/fragilita/dati`} query={fragilityQuery(filters, { tabella: "riferimenti" })} what="i riferimenti" />
          <div className="table-responsive deferred-render" tabIndex={0} role="region" aria-label="Tabella dei riferimenti e degli intervalli, scorrevole">
          <table className="table table-sm w-auto">
            <caption className="caption-top">
              Per ogni indicatore: verso, valore di riferimento della zona (lo stesso di Territorio: parziale quando qualche comune non
              ha il dato), minimo e massimo dei comuni
            </caption>
            <thead>
              <tr>
                <th scope="col">Indicatore</th>
                <th scope="col">Verso rispetto alla fragilità</th>
                <th scope="col" className="num">Riferimento (zona, {result.baseYear})</th>
                <th scope="col" className="num">Minimo</th>
                <th scope="col" className="num">Massimo</th>
              </tr>
            </thead>
            <tbody>
              {result.indicators.map((i) => (
                <tr key={i.code}>
                  <th scope="row">
                    <Link prefetch={false} href={indicatorHref(i.code)}>{name(i.code)}</Link>
                  </th>
                  <td>{i.polarity === 1 ? "più alto = più fragile" : "più alto = meno fragile"}</td>
                  <td className="num">
                    {formatNumber(i.reference, decimals(i.code))}
                    {referenceNoteIt(result, i.code) && <div className="small text-secondary">{referenceNoteIt(result, i.code)}</div>}
                  </td>
                  <td className="num">{formatNumber(i.min, decimals(i.code))}</td>
                  <td className="num">{formatNumber(i.max, decimals(i.code))}</td>
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
