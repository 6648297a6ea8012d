/**
 * "Scarica: CSV · CSV standard · Excel (XLSX)" for one table. `href` is the
 * download path without extension (…/dati); `query` carries the page's
 * filters. "CSV" opens in Excel with Italian settings (`;`, decimal comma);
 * "CSV standard" (`,`, decimal point) is for other programs.
 */
export function DownloadLinks({ href, query, what }: { href: string; query?: string; what: string }) {
  const q = query && query !== "?" ? (query.startsWith("?") ? query : `?${query}`) : "";
  const standard = q ? `${q}&formato=standard` : "?formato=standard";
  return (
    <p className="small no-print mb-2">
      Scarica {what}:{" "}
      <a href={`${href}.csv${q}`} download>
        CSV<span className="visually-hidden"> per Excel ({what})</span>
      </a>{" "}
      ·{" "}
      <a href={`${href}.csv${standard}`} download>
        CSV standard<span className="visually-hidden"> con virgola e punto decimale ({what})</span>
      </a>{" "}
      ·{" "}
      <a href={`${href}.xlsx${q}`} download>
        Excel (XLSX)<span className="visually-hidden"> ({what})</span>
      </a>
    </p>
  );
}
