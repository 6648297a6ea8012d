import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { zoneBoundaries } from "@/db/queries/boundaries";
import { indicatorDefinitions, territoryValues, zoneYears } from "@/db/queries/indicators";
import { requirePage } from "@/app/_auth/access";
import { renderShapes } from "@/lib/geo/render";
import { quantileBreaks, classOf } from "@/lib/geo/classes";
import { formatNumber } from "@/lib/format";
import { ChoroplethMap } from "@/app/components/ChoroplethMap";

export const metadata: Metadata = { title: "Mappa" };

const Filters = z.object({
  indicatore: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional().catch(undefined),
  anno: z.coerce.number().int().optional().catch(undefined),
});

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function MapPage({ params, searchParams }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const filters = Filters.parse(await searchParams);
  const db = await serverDb();
  const [boundaries, catalogue, years] = await Promise.all([zoneBoundaries(db, code), indicatorDefinitions(db), zoneYears(db, code)]);
  const def = catalogue.find((d) => d.code === (filters.indicatore ?? "PERC_75_PLUS")) ?? catalogue[0];
  const year = filters.anno !== undefined && years.includes(filters.anno) ? filters.anno : years[years.length - 1];

  if (boundaries.length === 0) {
    return (
      <>
        <h1 className="h2">Mappa</h1>
        <div className="alert alert-info" role="status">
          <p>
            <strong>Mancano i confini dei comuni.</strong> La mappa si disegna dai confini comunali, che ogni ufficio importa una
            volta (Osservatorio non li distribuisce).
          </p>
          <ol className="mb-0">
            <li>Procurarsi un file GeoJSON o TopoJSON dei confini comunali in WGS84 con il codice ISTAT del comune tra le proprietà (per esempio i limiti amministrativi ISTAT convertiti in WGS84, o il GeoJSON dei comuni dell&apos;Umbria di openpolis).</li>
            <li>
              Importarlo dalla pagina <Link href={`/zone/${code}/importa`}>Importa dati</Link> (tipo «Confini comunali») oppure con{" "}
              <code>npm run import -- confini.geojson --kind confini --zona {code}</code>.
            </li>
          </ol>
        </div>
      </>
    );
  }

  const values = def && year !== undefined ? await territoryValues(db, code, [def.code], [year], catalogue) : [];
  const data = boundaries.map((b) => {
    const value = values.find((v) => v.istat === b.istat)?.value ?? null;
    return { istat: b.istat, name: b.name, value, formatted: value === null ? "n.d." : `${formatNumber(value, def?.decimals ?? 1)} ${def?.unit ?? ""}` };
  });
  const breaks = quantileBreaks(data.map((d) => d.value).filter((v): v is number => v !== null));
  const map = renderShapes(boundaries.map((b) => ({ id: b.istat, geometry: b.geometry })), 720);
  const title = `${def?.name ?? ""}, ${year ?? ""}: mappa dei comuni della zona`;

  return (
    <>
      <h1 className="h2">Mappa</h1>
      <form method="get" className="row g-3 align-items-end mb-4 no-print">
        <div className="col-md-6">
          <label htmlFor="indicatore" className="form-label">Indicatore</label>
          <select id="indicatore" name="indicatore" className="form-select" defaultValue={def?.code}>
            {catalogue.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-3">
          <label htmlFor="anno" className="form-label">Anno</label>
          <select id="anno" name="anno" className="form-select" defaultValue={year !== undefined ? String(year) : undefined}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
        <div className="col-md-3">
          <button type="submit" className="btn btn-primary">Mostra</button>
        </div>
      </form>
      <h2 className="h4">{title}</h2>
      <ChoroplethMap map={map} data={data} breaks={breaks} title={title} formatValue={(v) => formatNumber(v, def?.decimals ?? 1)} />
      <table className="table table-sm w-auto mt-4">
        <caption className="caption-top">Gli stessi dati della mappa</caption>
        <thead>
          <tr>
            <th scope="col">Comune</th>
            <th scope="col" className="num">{def?.name} ({def?.unit})</th>
            <th scope="col" className="num">Classe</th>
          </tr>
        </thead>
        <tbody>
          {[...data].sort((a, b) => a.name.localeCompare(b.name, "it")).map((d) => (
            <tr key={d.istat}>
              <th scope="row">
                <Link href={`/comuni/${d.istat}`}>{d.name}</Link>
              </th>
              <td className="num">{d.formatted}</td>
              <td className="num">{breaks ? (classOf(d.value, breaks) ?? "n.d.") : "n.d."}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
