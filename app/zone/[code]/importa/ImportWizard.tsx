"use client";

import { useCallback, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { DATASET_KINDS, DATASET_KIND_LABELS_IT, errorsCsv, mappingSentences, UPLOAD_ID_HEADER, type DatasetKind, type ImportReport } from "@/imports/report";
import { formatNumber } from "@/lib/format";
import { MappingForm } from "./MappingForm";
import type { IndicatorOption } from "./SeriesTable";

/** The column mapping the analyst chose in the preview: sent again with the commit, which saves it. */
interface ChosenMapping {
  map: string[];
  name: string | null;
}

function addMapping(params: URLSearchParams, chosen: ChosenMapping | null): void {
  if (!chosen) return;
  for (const entry of chosen.map) params.append("map", entry);
  if (chosen.name) params.set("mapping", chosen.name);
}

/** One NDJSON line of the import endpoint's response. */
type ImportEvent =
  | { type: "progress"; rowsRead: number }
  | { type: "report"; report: ImportReport; uploadId: string | null }
  | { type: "error"; message: string };

interface Props {
  zoneCode: string;
  maxUploadMb: number;
  /** The catalogue's indicators, for the mapping of an SDMX-CSV file. */
  indicators: readonly IndicatorOption[];
}

type Phase =
  | { step: "idle" }
  | { step: "uploading"; fraction: number }
  | { step: "processing"; rowsRead: number }
  | { step: "previewed"; report: ImportReport; uploadId: string | null }
  | { step: "done"; report: ImportReport }
  | { step: "failed"; message: string };

const fmt = { format: (v: number) => formatNumber(v) };

/** Sends a request with upload progress and reads the NDJSON events as they arrive. */
function sendWithProgress(
  url: string,
  body: Blob | { uploadId: string },
  onUpload: (fraction: number) => void,
  onEvent: (event: ImportEvent) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let seen = 0;
    const drain = () => {
      const text = xhr.responseText;
      const lastNewline = text.lastIndexOf("\n");
      if (lastNewline < seen) return;
      for (const line of text.slice(seen, lastNewline).split("\n")) {
        if (line.trim()) onEvent(JSON.parse(line) as ImportEvent);
      }
      seen = lastNewline + 1;
    };
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    // The id of an uploaded file travels in a header, never in the address (logs, history).
    if (!(body instanceof Blob)) xhr.setRequestHeader(UPLOAD_ID_HEADER, body.uploadId);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    xhr.onprogress = drain;
    xhr.onload = () => {
      drain();
      if (xhr.status >= 400 && seen === 0) {
        try {
          // Errors are application/problem+json (RFC 9457): the Italian explanation is `detail`.
          const body = JSON.parse(xhr.responseText) as { detail?: string };
          onEvent({ type: "error", message: body.detail ?? `Errore ${xhr.status}` });
        } catch {
          onEvent({ type: "error", message: `Errore ${xhr.status}` });
        }
      }
      resolve();
    };
    xhr.onerror = () => reject(new Error("Connessione interrotta durante l'invio del file."));
    xhr.send(body instanceof Blob ? body : null);
  });
}

export function ImportWizard({ zoneCode, maxUploadMb, indicators }: Props) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DatasetKind | "">("");
  // The spreadsheet's sheet to read ("": the first with data, as the server chooses it).
  const [sheet, setSheet] = useState("");
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [dragging, setDragging] = useState(false);
  // The preview's warnings must be accepted explicitly before a commit writes them.
  const [warningsAccepted, setWarningsAccepted] = useState(false);
  const [chosenMapping, setChosenMapping] = useState<ChosenMapping | null>(null);
  const [editingMapping, setEditingMapping] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const handleEvent = useCallback((event: ImportEvent) => {
    if (event.type === "progress") setPhase({ step: "processing", rowsRead: event.rowsRead });
    else if (event.type === "error") setPhase({ step: "failed", message: event.message });
    else if (event.report.status === "previewed") {
      setWarningsAccepted(false);
      setPhase({ step: "previewed", report: event.report, uploadId: event.uploadId });
    }
    else setPhase({ step: "done", report: event.report });
  }, []);

  const preview = async (options: { sheet?: string; mapping?: ChosenMapping | null } = {}) => {
    const chosenSheet = options.sheet ?? sheet;
    const mapping = options.mapping ?? null;
    if (!file) return;
    setChosenMapping(mapping);
    setEditingMapping(false);
    if (file.size > maxUploadMb * 1024 * 1024) {
      setPhase({ step: "failed", message: `Il file supera il limite di ${maxUploadMb} MB.` });
      return;
    }
    const params = new URLSearchParams({ zona: zoneCode, mode: "preview", name: file.name });
    if (kind) params.set("kind", kind);
    if (chosenSheet) params.set("sheet", chosenSheet);
    addMapping(params, mapping);
    setPhase({ step: "uploading", fraction: 0 });
    try {
      await sendWithProgress(`/api/v1/imports?${params}`, file, (fraction) => setPhase({ step: "uploading", fraction }), handleEvent);
    } catch (error) {
      setPhase({ step: "failed", message: (error as Error).message });
    }
  };

  const commit = async (uploadId: string, validOnly: boolean, previewedSheet: string | undefined) => {
    const params = new URLSearchParams({
      zona: zoneCode,
      mode: validOnly ? "commit-valid" : "commit",
      name: file?.name ?? "file.csv",
    });
    if (kind) params.set("kind", kind);
    // The sheet the preview read, so that the commit reads the same one.
    if (previewedSheet !== undefined) params.set("sheet", previewedSheet);
    if (warningsAccepted) params.set("acceptWarnings", "true");
    addMapping(params, chosenMapping);
    setPhase({ step: "processing", rowsRead: 0 });
    try {
      await sendWithProgress(`/api/v1/imports?${params}`, { uploadId }, () => undefined, handleEvent);
      router.refresh();
    } catch (error) {
      setPhase({ step: "failed", message: (error as Error).message });
    }
  };

  const downloadErrors = (report: ImportReport) => {
    const blob = new Blob([errorsCsv(report)], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `errori-${report.fileName.replace(/\.[^.]+$/, "")}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const busy = phase.step === "uploading" || phase.step === "processing";

  return (
    <section aria-labelledby="carica-titolo" className="mb-5">
      <h2 id="carica-titolo" className="h4">
        Carica un file
      </h2>
      <div
        className={`border border-2 rounded p-4 mb-3 text-center ${dragging ? "border-primary bg-light" : "border-secondary"}`}
        style={{ borderStyle: "dashed" }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const dropped = e.dataTransfer.files[0];
          if (dropped) {
            setFile(dropped);
            setSheet("");
            setPhase({ step: "idle" });
          }
        }}
      >
        <p className="mb-2">
          Trascina qui un file CSV, un foglio di calcolo (.xlsx, .ods, .xls) o, per i confini, un GeoJSON/TopoJSON, oppure sceglilo:
        </p>
        <label htmlFor="file-input" className="visually-hidden">
          File da importare
        </label>
        <input
          id="file-input"
          ref={inputRef}
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.ods,.xls,.json,.geojson,.topojson,text/csv"
          className="form-control"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setSheet("");
            setPhase({ step: "idle" });
          }}
        />
        {file && (
          <p className="mt-2 mb-0" aria-live="polite">
            File scelto: <strong>{file.name}</strong> ({fmt.format(Math.ceil(file.size / 1024))} KB)
          </p>
        )}
      </div>
      <div className="row g-3 align-items-end mb-3">
        <div className="col-md-6">
          <div className="select-wrapper">
            <label htmlFor="kind-select">Tipo di dati</label>
            <select id="kind-select" value={kind} onChange={(e) => setKind(e.currentTarget.value as DatasetKind | "")}>
              <option value="">Riconosci dalle intestazioni</option>
              {DATASET_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DATASET_KIND_LABELS_IT[k]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-md-6">
          <button type="button" className="btn btn-primary" disabled={!file || busy} onClick={() => void preview()}>
            Controlla il file (anteprima)
          </button>
        </div>
      </div>

      <div aria-live="polite">
        {phase.step === "uploading" && (
          <Progress label="Invio del file" value={Math.round(phase.fraction * 100)} text={`${Math.round(phase.fraction * 100)} %`} />
        )}
        {phase.step === "processing" && (
          <Progress label="Elaborazione" value={null} text={`${fmt.format(phase.rowsRead)} righe lette`} />
        )}
        {phase.step === "failed" && (
          <div className="alert alert-danger" role="alert">
            {phase.message}
          </div>
        )}
      </div>
      {phase.step === "previewed" && (
        <ReportView report={phase.report} onDownloadErrors={downloadErrors}>
          {phase.report.sheets && phase.report.sheets.length > 1 && (
            <div className="select-wrapper mt-3 mb-2" style={{ maxWidth: "28rem" }}>
              <label htmlFor="sheet-select">Foglio da leggere ({phase.report.sheets.length} nel file)</label>
              <select
                id="sheet-select"
                value={String(phase.report.sheets.indexOf(phase.report.sheet ?? "") + 1)}
                disabled={busy}
                onChange={(e) => {
                  const chosen = e.currentTarget.value;
                  setSheet(chosen);
                  void preview({ sheet: chosen });
                }}
              >
                {phase.report.sheets.map((name, i) => (
                  // By number: two sheets may differ only in case or spaces.
                  <option key={`${i}-${name}`} value={String(i + 1)}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {phase.report.mappingNeeded !== true && !editingMapping && phase.report.mapping && phase.report.mapping.length > 0 && (
            <button type="button" className="btn btn-outline-secondary btn-sm mt-2" onClick={() => setEditingMapping(true)}>
              {phase.report.savedMapping || phase.report.mappingSave ? "Cambia la corrispondenza delle colonne" : "Controlla o cambia la corrispondenza delle colonne"}
            </button>
          )}
          {phase.report.warningsTotal > 0 && phase.report.fileErrors.length === 0 && (
            <div className="form-check mt-3">
              <input
                className="form-check-input"
                type="checkbox"
                id="accept-warnings"
                checked={warningsAccepted}
                onChange={(e) => setWarningsAccepted(e.target.checked)}
              />
              <label className="form-check-label" htmlFor="accept-warnings">
                Ho controllato gli avvisi ({fmt.format(phase.report.warningsTotal)}) e i valori sono corretti: importarli comunque
              </label>
            </div>
          )}
          <div className="d-flex flex-wrap gap-2 mt-3">
            {phase.uploadId && phase.report.fileErrors.length === 0 && phase.report.rejected === 0 && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={phase.report.warningsTotal > 0 && !warningsAccepted}
                onClick={() => void commit(phase.uploadId as string, false, phase.report.sheet)}
              >
                Conferma l&apos;importazione
              </button>
            )}
            {phase.report.fileErrors.length === 0 && phase.report.rejected > 0 && phase.report.rejected >= phase.report.rowsRead && (
              <p className="mb-0" role="status">
                Nessuna riga valida da importare: correggere le righe scartate e ricontrollare il file.
              </p>
            )}
            {phase.uploadId && phase.report.fileErrors.length === 0 && phase.report.rejected > 0 && phase.report.rejected < phase.report.rowsRead && (
              <button
                type="button"
                className="btn btn-outline-primary"
                disabled={phase.report.warningsTotal > 0 && !warningsAccepted}
                onClick={() => void commit(phase.uploadId as string, true, phase.report.sheet)}
              >
                {validOnlyLabel(phase.report.rowsRead - phase.report.rejected, phase.report.rejected)}
              </button>
            )}
          </div>
        </ReportView>
      )}
      {phase.step === "previewed" && (phase.report.mappingNeeded === true || editingMapping) && phase.report.mapping && (
        <MappingForm
          key={`${phase.report.fileHash}-${JSON.stringify(phase.report.mapping.map((m) => m.field))}`}
          report={phase.report}
          busy={busy}
          indicators={indicators}
          onApply={(map, name) => void preview({ mapping: { map, name } })}
          onCancel={phase.report.mappingNeeded === true ? undefined : () => setEditingMapping(false)}
        />
      )}
      {phase.step === "done" && <ReportView report={phase.report} onDownloadErrors={downloadErrors} />}
    </section>
  );
}

function Progress({ label, value, text }: { label: string; value: number | null; text: string }) {
  return (
    <div className="mb-3">
      <p className="mb-1">
        {label}: {text}
      </p>
      <div className="progress" style={{ height: 12 }}>
        <div
          className={`progress-bar ${value === null ? "progress-bar-striped progress-bar-animated" : ""}`}
          role="progressbar"
          aria-label={label}
          aria-valuenow={value ?? undefined}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuetext={text}
          style={{ width: `${value ?? 100}%` }}
        />
      </div>
    </div>
  );
}

const STATUS_TEXT: Record<ImportReport["status"], string> = {
  previewed: "Anteprima: nulla è stato ancora scritto.",
  committed: "Importazione completata.",
  unchanged: "Nessuna modifica: il contenuto del file è già presente.",
  rejected: "Il file ha errori: nulla è stato scritto.",
};

function ReportView({
  report,
  onDownloadErrors,
  children,
}: {
  report: ImportReport;
  onDownloadErrors: (r: ImportReport) => void;
  children?: React.ReactNode;
}) {
  const ok = report.fileErrors.length === 0 && report.rejected === 0;
  return (
    <div className={`alert ${ok ? "alert-success" : "alert-warning"}`} role="status">
      <h3 className="h5">
        {report.fileName}: {STATUS_TEXT[report.status]}
        {report.batchId !== null && ` Caricamento n. ${report.batchId}.`}
      </h3>
      <dl className="row mb-2 small">
        <dt className="col-sm-3">Tipo di dati</dt>
        <dd className="col-sm-9">{report.kind ? DATASET_KIND_LABELS_IT[report.kind] : "non riconosciuto"}</dd>
        {report.format && (
          <>
            <dt className="col-sm-3">Formato</dt>
            <dd className="col-sm-9">{report.format}</dd>
          </>
        )}
        {report.sheet !== undefined && (
          <>
            <dt className="col-sm-3">Foglio di calcolo</dt>
            <dd className="col-sm-9">
              {report.encoding} · foglio «{report.sheet}»
              {report.sheets && report.sheets.length > 1 && ` (${(report.sheets.indexOf(report.sheet) + 1).toString()} di ${report.sheets.length.toString()})`}
              {report.headerLine && ` · intestazione alla riga ${report.headerLine}`}
            </dd>
          </>
        )}
        {report.encoding && report.sheet === undefined && (
          <>
            <dt className="col-sm-3">Codifica · separatore</dt>
            <dd className="col-sm-9">
              {report.encoding}
              {report.delimiter && ` · "${report.delimiter === "\t" ? "tab" : report.delimiter}"`}
              {report.headerLine && ` · intestazione alla riga ${report.headerLine}`}
            </dd>
          </>
        )}
      </dl>
      <table className="table table-sm w-auto mb-2">
        <caption className="visually-hidden">Conteggi dell&apos;importazione</caption>
        <thead>
          <tr>
            <th scope="col">Righe lette</th>
            <th scope="col">Nuovi valori</th>
            <th scope="col">Valori modificati</th>
            <th scope="col">Invariati</th>
            <th scope="col">Righe scartate</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="num">{fmt.format(report.rowsRead)}</td>
            <td className="num">{fmt.format(report.inserted)}</td>
            <td className="num">{fmt.format(report.updated)}</td>
            <td className="num">{fmt.format(report.unchanged)}</td>
            <td className="num">{fmt.format(report.rejected)}</td>
          </tr>
        </tbody>
      </table>
      {report.fileErrors.length > 0 && (
        <ul>
          {report.fileErrors.map((m) => (
            <li key={m}>
              <strong>Errore nel file:</strong> {m}
            </li>
          ))}
        </ul>
      )}
      {report.notes.map((n) => (
        <p key={n} className="small mb-1">
          {n}
        </p>
      ))}
      {mappingSentences(report).map((n) => (
        <p key={n} className="small mb-1 fw-semibold">
          {n}
        </p>
      ))}
      {report.changes.length > 0 && (
        <details className="mb-2">
          <summary>Valori che cambiano ({fmt.format(report.updated)})</summary>
          <table className="table table-sm">
            <caption className="visually-hidden">Valori modificati: prima e dopo</caption>
            <thead>
              <tr>
                <th scope="col">Riga</th>
                <th scope="col">Valore</th>
                <th scope="col">Prima</th>
                <th scope="col">Dopo</th>
              </tr>
            </thead>
            <tbody>
              {report.changes.map((c) => (
                <tr key={c.line}>
                  <td className="num">{c.line}</td>
                  <td>{c.label}</td>
                  <td className="num">{c.before}</td>
                  <td className="num">{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {report.errors.length > 0 && (
        <>
          <h4 className="h6 mt-3">Righe scartate ({fmt.format(report.errorsTotal)})</h4>
          <RowMessages rows={report.errors} label="Righe scartate" caption="Righe scartate con il motivo" heading="Motivo" tone="danger" maxHeight={400} />
          {report.errorsTotal > Math.min(report.errors.length, 500) && (
            <p className="small text-muted">
              Sono mostrati i primi {fmt.format(Math.min(report.errors.length, 500))} errori
              {report.errorsTotal > report.errors.length ? ` (il file CSV ne contiene ${fmt.format(report.errors.length)})` : ""}: altri{" "}
              {fmt.format(report.errorsTotal - Math.min(report.errors.length, 500))} non sono elencati. Correggere questi e ricontrollare il file.
            </p>
          )}
          <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => onDownloadErrors(report)}>
            Scarica l&apos;elenco degli errori (CSV)
          </button>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <h4 className="h6 mt-3">Avvisi da confermare ({fmt.format(report.warningsTotal)})</h4>
          <p className="small mb-1">
            Valori validi ma insoliti: un valore 10 volte diverso da quello dell&apos;anno prima per lo stesso territorio, un periodo dopo
            l&apos;anno in corso o prima del 1990. Si importano solo confermandoli.
          </p>
          <RowMessages rows={report.warnings} label="Avvisi da confermare" caption="Avvisi con la riga e il motivo" heading="Avviso" tone="warning" maxHeight={300} />
        </>
      )}
      {children}
    </div>
  );
}

/** Row errors or warnings of a report: line, column, value and message (at most 500 shown; the CSV has them all). */
function RowMessages(props: { rows: ImportReport["errors"]; label: string; caption: string; heading: string; tone: "danger" | "warning"; maxHeight: number }) {
  return (
    <div className="table-responsive" style={{ maxHeight: props.maxHeight }} tabIndex={0} role="region" aria-label={props.label}>
      <table className="table table-sm">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Riga</th>
            <th scope="col">Colonna</th>
            <th scope="col">Valore</th>
            <th scope="col">{props.heading}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.slice(0, 500).map((e, i) => (
            <tr key={`${e.line}-${e.column}-${i}`} className={`table-${props.tone}`}>
              <td className="num">{e.line}</td>
              <td>{e.column}</td>
              <td>
                <code>{e.value}</code>
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Importa solo le 3 righe valide (le 2 scartate restano registrate)", in the singular when it is one. */
function validOnlyLabel(valid: number, rejected: number): string {
  const rows = valid === 1 ? "Importa solo la riga valida" : `Importa solo le ${fmt.format(valid)} righe valide`;
  const dropped = rejected === 1 ? "la riga scartata resta registrata" : `le ${fmt.format(rejected)} scartate restano registrate`;
  return `${rows} (${dropped})`;
}
