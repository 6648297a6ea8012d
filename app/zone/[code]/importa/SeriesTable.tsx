"use client";

import { formatNumber } from "@/lib/format";
import { IGNORE, type SdmxReport } from "@/imports/report";
import { ChoiceSelect } from "./ChoiceSelect";

/**
 * The SDMX-CSV part of the column mapping: each combination of the file's
 * dimension values (with their labels and how many rows have it) beside a
 * <select> of the catalogue's indicators, or «ignora».
 */
export interface IndicatorOption {
  code: string;
  name: string;
}

interface Props {
  idBase: string;
  sdmx: SdmxReport;
  indicators: readonly IndicatorOption[];
  choices: readonly string[];
  onChange: (index: number, value: string) => void;
  /** Series index → error message, shown beside its select and linked to it. */
  errors: ReadonlyMap<number, string>;
  selectRef: (index: number, el: HTMLSelectElement | null) => void;
}

/** The series' initial choices: the indicator the saved rules give, «ignora», or nothing. */
export function initialSeriesChoices(sdmx: SdmxReport): string[] {
  return sdmx.series.map((s) => (s.indicator === undefined ? "" : (s.indicator ?? IGNORE)));
}

/** A combination as the rule --map writes: every dimension's value, so that the rule is exact. */
export function seriesRule(when: Readonly<Record<string, string>>, choice: string): string {
  return `${Object.entries(when)
    .map(([k, v]) => `${k}=${v}`)
    .join(",")}=${choice}`;
}

export function SeriesTable({ idBase, sdmx, indicators, choices, onChange, errors, selectRef }: Props) {
  const indicatorOptions = indicators.map((ind) => ({ value: ind.code, label: `${ind.code} – ${ind.name}` }));
  // The dimensions that change from row to row tell the combinations apart; with none, every dimension is shown.
  const shown = sdmx.dimensions.length > 0 ? sdmx.dimensions : Object.keys(sdmx.series[0]?.when ?? {});
  const constant = Object.entries(sdmx.series[0]?.when ?? {}).filter(([k]) => !shown.includes(k));
  return (
    <>
      <h5 className="h6 mt-3" id={`${idBase}-serie`}>
        Indicatore di ogni combinazione di dimensioni{sdmx.dataflow ? ` (dataflow ${sdmx.dataflow})` : ""}
      </h5>
      {constant.length > 0 && (
        <p className="small mb-1">
          Uguali in tutte le righe: {constant.map(([k, v]) => `${k} = ${v}${sdmx.series[0]?.labels[k] ? ` (${sdmx.series[0].labels[k]})` : ""}`).join(", ")}.
        </p>
      )}
      {sdmx.truncated && (
        <p className="small mb-1">
          Il file ha più combinazioni di quelle elencate: per le altre indicare l&apos;indicatore da riga di comando (--map &quot;DIMENSIONE=valore=CODICE&quot;).
        </p>
      )}
      <div className="table-responsive">
        <table className="table table-sm align-middle" aria-labelledby={`${idBase}-serie`}>
          <thead>
            <tr>
              {shown.map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
              <th scope="col" className="text-end">
                Righe
              </th>
              <th scope="col">Indicatore</th>
            </tr>
          </thead>
          <tbody>
            {sdmx.series.map((s, i) => {
              const id = `${idBase}-serie-${i}`;
              const error = errors.get(i);
              const words = shown.map((d) => `${d} ${s.when[d] ?? ""}${s.labels[d] ? ` (${s.labels[d]})` : ""}`).join(", ");
              return (
                <tr key={id}>
                  {shown.map((d) => (
                    <td key={d}>
                      <code>{s.when[d]}</code>
                      {s.labels[d] ? ` ${s.labels[d]}` : ""}
                    </td>
                  ))}
                  <td className="num text-end">{formatNumber(s.rows)}</td>
                  <td>
                    <label htmlFor={id} className="visually-hidden">
                      Indicatore per {words}
                    </label>
                    <ChoiceSelect
                      id={id}
                      value={choices[i] ?? ""}
                      options={indicatorOptions}
                      ignoreMeaning="non importare queste righe"
                      error={error}
                      register={(el) => selectRef(i, el)}
                      onChange={(value) => onChange(i, value)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
