/**
 * "Scarica: CSV · Excel (XLSX)" for one table. `href` is the download path
 * without extension (…/dati); `query` carries the page's filters.
 */
export function DownloadLinks({ href, query, what }: { href: string; query?: string; what: string }) {
  const q = query && query !== "?" ? (query.startsWith("?") ? query : `?${query}`) : "";
  return (
    <p className="small no-print mb-2">
      Scarica {what}:{" "}
      <a href={`${href}.csv${q}`} download>
        CSV<span className="visually-hidden"> ({what})</span>
      </a>{" "}
      ·{" "}
      <a href={`${href}.xlsx${q}`} download>
        Excel (XLSX)<span className="visually-hidden"> ({what})</span>
      </a>
    </p>
  );
}
