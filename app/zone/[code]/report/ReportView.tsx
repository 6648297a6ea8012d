import { formatDate, formatDateLong } from "@/lib/format";
import { comuneAnchor, sectionAnchor, type ReportBlock, type ReportDocument, type ReportTable, type ReportText } from "@/lib/report/model";
import { REPORT_TEXT_LABELS_IT, type ReportTextKey } from "@/lib/report/texts";
import { ReportBarChart } from "./ReportBarChart";
import { ReportTextForm } from "./ReportTextForm";
import { DownloadLinks } from "@/app/components/DownloadLinks";

/**
 * The annual report rendered from its document (lib/report/model.ts): the
 * draft's page, the PDF (this page printed by Chromium) and a frozen edition
 * all go through here. `editable` adds the planners' forms (never printed).
 */
export interface ReportViewProps {
  doc: ReportDocument;
  /** Status line of the cover: "Bozza", "Edizione n. 2 approvata con …". */
  status: string;
  editable?: { zone: string; year: number } | null;
  /** The path the tables download from (…/report/2025 or …/edizioni/1): each table gets its CSV and XLSX links (never printed). */
  downloads?: string;
}

export function ReportView({ doc, status, editable, downloads }: ReportViewProps) {
  const edit = (key: ReportTextKey, text: ReportText | null) =>
    editable ? <ReportTextForm zone={editable.zone} year={editable.year} textKey={key} label={REPORT_TEXT_LABELS_IT[key]} body={text?.body ?? ""} /> : null;
  return (
    <article className="report-doc" aria-labelledby="report-title">
      <header className="report-cover">
        <p className="report-kicker">Relazione annuale alla Conferenza di zona</p>
        <h1 id="report-title" className="report-title">
          {doc.zone.name}
          <span className="d-block">Anno {doc.year}</span>
        </h1>
        <dl className="report-facts">
          <dt>Comune capofila</dt>
          <dd>{doc.zone.capofila ?? "—"}</dd>
          <dt>Stato</dt>
          <dd>{status}</dd>
          <dt>Data</dt>
          <dd>{formatDateLong(doc.generatedAt.slice(0, 10))}</dd>
          <dt>Anno dei dati</dt>
          <dd>{doc.dataYear ?? "nessun dato caricato"}</dd>
        </dl>
        <h2 className="h6">Fonti dei dati</h2>
        {doc.sources.length === 0 ? (
          <p className="small">Nessun dato importato per questa zona.</p>
        ) : (
          <ul className="small">
            {doc.sources.map((s) => (
              <li key={s.name}>
                {s.name}, aggiornato al {formatDate(s.updatedOn)}
              </li>
            ))}
          </ul>
        )}
        <p className="small">
          Tutela del segreto statistico: {doc.disclosure.footnote}
        </p>
      </header>

      <nav className="report-toc" aria-labelledby="report-toc-title">
        <h2 id="report-toc-title">Indice</h2>
        <ol>
          <li>
            <a href="#sezione-introduzione">Introduzione</a>
          </li>
          {doc.sections.map((s) => (
            <li key={s.key}>
              <a href={`#${sectionAnchor(s.key)}`}>{s.title}</a>
            </li>
          ))}
          <li>
            <a href="#sezione-conclusioni">Conclusioni</a>
          </li>
          {doc.annex.length > 0 && (
            <li>
              <a href="#sezione-allegato">Allegato: i comuni</a>
              <ol>
                {doc.annex.map((p) => (
                  <li key={p.istat}>
                    <a href={`#${comuneAnchor(p.istat)}`}>{p.name}</a>
                  </li>
                ))}
              </ol>
            </li>
          )}
        </ol>
      </nav>

      <section id="sezione-introduzione" className="report-section" aria-labelledby="titolo-introduzione">
        <h2 id="titolo-introduzione">Introduzione</h2>
        <Signed text={doc.introduction} empty="L'Ufficio di Piano non ha ancora scritto l'introduzione." />
        {edit("introduzione", doc.introduction)}
      </section>

      {doc.sections.map((s) => (
        <section key={s.key} id={sectionAnchor(s.key)} className="report-section" aria-labelledby={`titolo-${s.key}`}>
          <h2 id={`titolo-${s.key}`}>{s.title}</h2>
          {s.comment && (
            <div className="report-comment">
              <h3 className="h6">Commento dell&apos;Ufficio di Piano</h3>
              <Signed text={s.comment} empty="" />
            </div>
          )}
          {edit(s.key as ReportTextKey, s.comment)}
          <Blocks blocks={s.blocks} prefix={s.key} downloads={downloads} />
        </section>
      ))}

      <section id="sezione-conclusioni" className="report-section" aria-labelledby="titolo-conclusioni">
        <h2 id="titolo-conclusioni">Conclusioni</h2>
        <Signed text={doc.conclusions} empty="L'Ufficio di Piano non ha ancora scritto le conclusioni." />
        {edit("conclusioni", doc.conclusions)}
      </section>

      {doc.annex.length > 0 && (
        <section id="sezione-allegato" className="report-annex" aria-labelledby="titolo-allegato">
          <h2 id="titolo-allegato" className="report-annex-title">
            Allegato: i comuni
          </h2>
          {doc.annex.map((p) => (
            <section key={p.istat} id={comuneAnchor(p.istat)} className="report-section report-comune" aria-labelledby={`titolo-comune-${p.istat}`}>
              <h3 id={`titolo-comune-${p.istat}`}>{p.name}</h3>
              <Blocks blocks={p.blocks} prefix={`comune-${p.istat}`} level={4} downloads={downloads} />
            </section>
          ))}
        </section>
      )}
    </article>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function Signed({ text, empty }: { text: ReportText | null; empty: string }) {
  if (!text) return empty ? <p className="text-secondary">{empty}</p> : null;
  return (
    <>
      <Paragraphs text={text.body} />
      <p className="small text-secondary">
        {text.author}, {formatDate(text.updatedAt)}
      </p>
    </>
  );
}

function Blocks({ blocks, prefix, level = 3, downloads }: { blocks: ReportBlock[]; prefix: string; level?: 3 | 4; downloads?: string | undefined }) {
  const H = level === 3 ? "h3" : "h4";
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case "paragraph":
            return <p key={i}>{b.text}</p>;
          case "table":
            return <Table key={i} table={b.table} downloads={downloads} />;
          case "chart":
            return <ReportBarChart key={i} chart={b.chart} titleId={`grafico-${prefix}-${i}`} />;
          case "notes":
            return (
              <div key={i} className="report-notes">
                <H className="h6">Note dell&apos;Ufficio di Piano</H>
                <ul>
                  {b.notes.map((n, j) => (
                    <li key={j}>
                      <strong>{n.subject}</strong>: {n.body} <span className="small text-secondary">({n.author}, {formatDate(n.date)})</span>
                    </li>
                  ))}
                </ul>
              </div>
            );
        }
      })}
    </>
  );
}

function Table({ table, downloads }: { table: ReportTable; downloads?: string | undefined }) {
  const body = table.rows.filter((r) => !r.total);
  const foot = table.rows.filter((r) => r.total);
  const row = (r: ReportTable["rows"][number], i: number) => (
    <tr key={i}>
      <th scope="row">{r.header}</th>
      {r.cells.map((c, j) => (
        <td key={j} className={table.columns[j]?.numeric ? "num" : undefined}>
          {c.text}
          {c.state === "suppressed" && <sup aria-hidden="true">*</sup>}
          {c.note && <span className="d-block small text-secondary">{c.note}</span>}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="report-table table-responsive" tabIndex={0} role="region" aria-label={`${table.caption}, tabella scorrevole`}>
      <table className="table table-sm" id={`tabella-${table.id}`}>
        <caption className="caption-top">{table.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeader}</th>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>
                {c.label}
                {c.unit && c.unit !== "persone" && c.unit !== "%" && <span className="d-block small fw-normal">{c.unit}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body.map(row)}</tbody>
        {foot.length > 0 && <tfoot>{foot.map(row)}</tfoot>}
      </table>
      {table.notes.map((n, i) => (
        <p key={i} className="small report-table-note">
          {n.includes("segreto statistico") ? <span aria-hidden="true">* </span> : null}
          {n}
        </p>
      ))}
      {downloads && <DownloadLinks href={`${downloads}/dati`} query={`tabella=${encodeURIComponent(table.id)}`} what={`la tabella «${table.caption}»`} />}
    </div>
  );
}
