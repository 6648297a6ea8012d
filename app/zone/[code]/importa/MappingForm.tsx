"use client";

import { useId, useRef, useState } from "react";
import { KINDS } from "@/imports/csv/kinds";
import { IGNORE, type ColumnMapping, type ImportReport } from "@/imports/report";
import { ChoiceSelect } from "./ChoiceSelect";
import { initialSeriesChoices, SeriesTable, seriesRule, type IndicatorOption } from "./SeriesTable";

/**
 * The column mapping of the preview: the file's columns beside the kind's
 * fields, the best guess chosen, a few values of each column. The analyst
 * confirms or changes each choice (or «ignora») and the preview is computed
 * again with them; the commit saves them for the zone. Plain <select>s with
 * labels; errors are linked to their control (aria-describedby).
 */
interface Props {
  report: ImportReport;
  busy: boolean;
  /** The catalogue's indicators, for an SDMX-CSV file's combinations. */
  indicators: readonly IndicatorOption[];
  /** The entries for the API's map= (one per column: "header=field") and the name to save them under. */
  onApply: (map: string[], name: string | null) => void;
  onCancel?: () => void;
}

/** What a column starts with: its field as read, else the best guess not taken by another column, else nothing (or «ignora» where extra columns are allowed). */
function initialChoices(mapping: readonly ColumnMapping[], allowExtra: boolean): string[] {
  const taken = new Set(mapping.flatMap((m) => (m.field ? [m.field] : [])));
  return mapping.map((m) => {
    if (m.field) return m.field;
    if (m.origin) return IGNORE; // ignored by the user or by a saved mapping
    const guess = m.candidates?.find((c) => !taken.has(c.field) && c.score >= 45);
    if (guess) {
      taken.add(guess.field);
      return guess.field;
    }
    return allowExtra ? IGNORE : "";
  });
}

export function MappingForm({ report, busy, indicators, onApply, onCancel }: Props) {
  const base = useId();
  const mapping = report.mapping ?? [];
  const spec = report.kind && report.kind !== "confini" ? KINDS[report.kind] : null;
  const [choices, setChoices] = useState(() => initialChoices(mapping, spec?.allowExtraColumns ?? false));
  const [name, setName] = useState(report.savedMapping?.name ?? report.mappingSave?.name ?? "");
  const [submitted, setSubmitted] = useState(false);
  const sdmx = report.sdmx;
  const [seriesChoices, setSeriesChoices] = useState(() => (sdmx ? initialSeriesChoices(sdmx) : []));
  const selects = useRef<(HTMLSelectElement | null)[]>([]);
  const seriesSelects = useRef<(HTMLSelectElement | null)[]>([]);
  if (!spec) return null;

  // A "valori" column may hold one indicator's values (a wide file whose column is headed «Totale»): its code is the choice.
  const indicatorChoices = spec.kind === "valori" && !sdmx ? indicators.map((i) => ({ value: i.code, label: `valori di ${i.name} (${i.code})` })) : [];
  const fieldOptions = [...spec.columns.map((c) => ({ value: c.field, label: `${c.label}${c.required ? " (obbligatorio)" : ""}` })), ...indicatorChoices];
  const labelOf = (field: string) => fieldOptions.find((o) => o.value === field)?.label ?? field;
  const columns = mapping.filter((m) => m.header.trim() !== "");
  // Problems of each column, and of the whole form (a required field no column fills).
  const columnError = new Map<number, string>();
  // An SDMX-CSV file's columns are read by their SDMX names: only its combinations are chosen.
  const seriesError = new Map<number, string>();
  if (sdmx) sdmx.series.forEach((_, i) => (seriesChoices[i] ?? "") === "" && seriesError.set(i, `Scegliere l'indicatore di questa combinazione oppure «${IGNORE}».`));
  for (const m of sdmx ? [] : columns) {
    const choice = choices[m.index] ?? "";
    if (choice === "") {
      columnError.set(m.index, `Scegliere il campo della colonna «${m.header}» oppure «${IGNORE}».`);
      continue;
    }
    if (choice === IGNORE) continue;
    const other = columns.find((o) => o.index < m.index && choices[o.index] === choice);
    if (other) columnError.set(m.index, `«${labelOf(choice)}» è già scelto per la colonna «${other.header}»: ogni campo va a una sola colonna.`);
  }
  const chosen = new Set(choices);
  // With a column per indicator, each holds its own indicator's values: no indicator or value column is needed.
  const wide = indicatorChoices.some((o) => chosen.has(o.value));
  const missing = sdmx ? [] : spec.columns.filter((c) => c.required && !chosen.has(c.field) && !(wide && (c.field === "indicator" || c.field === "value")));
  const formErrorId = `${base}-mancanti`;
  const hasErrors = columnError.size > 0 || missing.length > 0 || seriesError.size > 0;

  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    setSubmitted(true);
    if (hasErrors) {
      if (sdmx) {
        seriesSelects.current[[...seriesError.keys()][0] ?? 0]?.focus();
        return;
      }
      const first = columns.find((m) => columnError.has(m.index));
      selects.current[first?.index ?? columns[0]?.index ?? 0]?.focus();
      return;
    }
    onApply(
      sdmx ? sdmx.series.map((s, i) => seriesRule(s.when, seriesChoices[i] ?? IGNORE)) : columns.map((m) => `${m.header}=${choices[m.index] ?? IGNORE}`),
      name.trim() || null,
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${base}-titolo`} className="bg-white text-body border rounded p-3 mt-3" aria-describedby={submitted && missing.length ? formErrorId : undefined}>
      <h4 id={`${base}-titolo`} className="h6">
        Corrispondenza delle colonne
      </h4>
      <p className="small mb-2">
        Per ogni colonna del file scegliere il campo che contiene, oppure «{IGNORE}» per non leggerla. La scelta più probabile è già indicata. Alla
        conferma dell&apos;importazione la corrispondenza è salvata per la zona e applicata ai prossimi file con le stesse intestazioni.
      </p>
      {submitted && missing.length > 0 && (
        <p id={formErrorId} className="text-danger small fw-semibold" role="alert">
          Manca la colonna per {missing.length === 1 ? "il campo obbligatorio" : "i campi obbligatori"} {missing.map((c) => `«${c.label}»`).join(", ")}: sceglierlo per una delle colonne.
        </p>
      )}
      {sdmx && (
        <>
          <p className="small mb-1">
            File SDMX-CSV: {columns.filter((m) => m.field).map((m) => `«${m.header}» → ${m.label ?? m.field}`).join(", ")}; le altre colonne (dimensioni e attributi) non sono lette.
          </p>
          <SeriesTable
            idBase={base}
            sdmx={sdmx}
            indicators={indicators}
            choices={seriesChoices}
            errors={submitted ? seriesError : new Map()}
            onChange={(i, value) => setSeriesChoices((c) => c.map((v, j) => (j === i ? value : v)))}
            selectRef={(i, el) => {
              seriesSelects.current[i] = el;
            }}
          />
        </>
      )}
      <div className="table-responsive" hidden={sdmx !== undefined}>
        <table className="table table-sm align-middle">
          <caption className="visually-hidden">Colonne del file, valori di esempio e campo scelto per ciascuna</caption>
          <thead>
            <tr>
              <th scope="col">Colonna del file</th>
              <th scope="col">Valori di esempio</th>
              <th scope="col">Campo</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((m) => {
              const id = `${base}-col-${m.index}`;
              const error = submitted ? columnError.get(m.index) : undefined;
              return (
                <tr key={m.index}>
                  <th scope="row">
                    <label htmlFor={id} className="fw-normal mb-0">
                      {m.header}
                      <span className="visually-hidden"> (colonna {m.index + 1})</span>
                    </label>
                  </th>
                  <td className="small">{m.samples?.length ? m.samples.join(" · ") : <span className="text-muted">vuota</span>}</td>
                  <td>
                    <ChoiceSelect
                      id={id}
                      value={choices[m.index] ?? ""}
                      options={fieldOptions}
                      ignoreMeaning="non leggere la colonna"
                      error={error}
                      register={(el) => {
                        selects.current[m.index] = el;
                      }}
                      onChange={(value) => setChoices((c) => c.map((v, i) => (i === m.index ? value : v)))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="row g-2 align-items-end">
        <div className="col-md-6">
          <label htmlFor={`${base}-nome`} className="form-label small">
            Nome con cui salvarla (facoltativo)
          </label>
          <input
            id={`${base}-nome`}
            className="form-control form-control-sm"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            aria-describedby={`${base}-nome-aiuto`}
          />
          <p id={`${base}-nome-aiuto`} className="small text-muted mb-0">
            Se vuoto, il nome del file.
          </p>
        </div>
        <div className="col-md-6 d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
            Ricalcola l&apos;anteprima con queste colonne
          </button>
          {onCancel && (
            <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onCancel}>
              Annulla
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
