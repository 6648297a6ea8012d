import type { Metadata } from "next";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { requirePage } from "@/app/_auth/access";
import { THEME_LABELS_IT, THEMES } from "@/lib/catalog/schema";
import { POLARITY_WORDS_IT, indicatorHref } from "@/lib/catalog/words";

export const metadata: Metadata = { title: "Indicatori" };

/** The indicator catalogue: every indicator by theme, with its unit, polarity in words and source. */
export default async function IndicatorCataloguePage() {
  await requirePage("zone.read");
  const catalogue = await indicatorDefinitions(await serverDb());
  return (
    <main id="contenuto" className="container my-4">
      <h1 className="h2">Indicatori</h1>
      <p className="lead">
        Che cosa misura ogni indicatore dell&apos;Osservatorio, in quale unità, se è meglio un valore più alto o più basso, come si calcola il valore della zona e
        da quale fonte viene. Ogni nome porta alla definizione completa.
      </p>
      <nav aria-label="Temi" className="mb-4">
        <ul className="list-inline mb-0">
          {THEMES.filter((t) => catalogue.some((d) => d.theme === t)).map((t) => (
            <li className="list-inline-item" key={t}>
              <a href={`#tema-${t}`}>{THEME_LABELS_IT[t]}</a>
            </li>
          ))}
        </ul>
      </nav>
      {THEMES.map((theme) => {
        const rows = catalogue.filter((d) => d.theme === theme).sort((a, b) => a.name.localeCompare(b.name, "it"));
        if (rows.length === 0) return null;
        return (
          <section key={theme} aria-labelledby={`tema-${theme}`} className="mb-5">
            <h2 id={`tema-${theme}`} className="h4">
              {THEME_LABELS_IT[theme]}
            </h2>
            <div className="table-responsive" tabIndex={0} role="region" aria-label={`Indicatori: ${THEME_LABELS_IT[theme]}`}>
              <table className="table table-sm">
                <caption className="visually-hidden">Indicatori del tema {THEME_LABELS_IT[theme]}</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicatore</th>
                    <th scope="col">Unità</th>
                    <th scope="col">Lettura</th>
                    <th scope="col">Fonte</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={d.code}>
                      <th scope="row">
                        <Link href={indicatorHref(d.code)}>{d.name}</Link>
                        <div className="small text-secondary">
                          <code>{d.code}</code>
                        </div>
                      </th>
                      <td>{d.unit}</td>
                      <td>{POLARITY_WORDS_IT[d.polarity]}</td>
                      <td>{d.source}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </main>
  );
}
