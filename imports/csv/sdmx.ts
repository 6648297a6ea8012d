import type { IndicatorRule } from "./column-map";

/**
 * SDMX-CSV, as ISTAT's data browser (esploradati.istat.it) and its SDMX web
 * service export a dataflow: one observation per row, the dimensions' codes
 * in their own columns (FREQ, REF_AREA or ITTER107, DATA_TYPE, SEX, AGE…),
 * then TIME_PERIOD, OBS_VALUE and the attributes (BREAK, CONF_STATUS,
 * OBS_STATUS, UNIT_MULT…). Version 1.0 starts with DATAFLOW, version 2.0 with
 * STRUCTURE, STRUCTURE_ID (and ACTION); with labels a header or a cell reads
 * "ID: name" ("REF_AREA: Territorio", "055022: Narni"), or a label column
 * follows its code column ("REF_AREA", "Territorio"), as in the older I.Stat
 * exports (ITTER107, Territorio, …, TIME, Seleziona periodo, Value). Which
 * indicator each combination of dimension values makes is the mapping's to
 * say (IndicatorRule), since a dataflow's codes are not the catalogue's.
 */
export interface SdmxDimension {
  id: string;
  index: number;
  /** The column holding the value's label, when the file has one. */
  label: number | null;
}

export interface SdmxShape {
  /** DATAFLOW (1.0) or STRUCTURE_ID (2.0). */
  structure: number | null;
  territory: number;
  territoryLabel: number | null;
  period: number;
  value: number;
  dimensions: SdmxDimension[];
  confStatus: number | null;
  obsStatus: number | null;
  unitMult: number | null;
  /** Columns the import does not read (structure, action, labels, attributes), for the mapping shown. */
  other: number[];
}

/** The identifier of a header: "REF_AREA: Territorio" → "REF_AREA". */
export function sdmxId(header: string): string {
  const at = header.indexOf(": ");
  return (at === -1 ? header : header.slice(0, at)).trim();
}

/** A cell's code: "055022: Narni" → "055022". */
export function sdmxCode(cell: string): string {
  const at = cell.indexOf(": ");
  return (at === -1 ? cell : cell.slice(0, at)).trim();
}

/** A cell's label, when it carries one ("9: totale" → "totale"). */
export function sdmxCellLabel(cell: string): string | null {
  const at = cell.indexOf(": ");
  return at === -1 ? null : cell.slice(at + 2).trim() || null;
}

const ID = /^[A-Z][A-Z0-9_]*$/;
const STRUCTURE = new Set(["DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "SERIES_KEY", "OBS_KEY"]);
const TERRITORY = new Set(["REF_AREA", "ITTER107"]);
const PERIOD = new Set(["TIME_PERIOD", "TIME"]);
const VALUE = new Set(["OBS_VALUE", "VALUE"]);

/** The SDMX-CSV layout of a header row, or null when the row is not one. */
export function detectSdmx(headers: readonly string[]): SdmxShape | null {
  const ids = headers.map((h) => sdmxId(h));
  const upper = ids.map((id) => id.toUpperCase());
  const find = (set: ReadonlySet<string>) => upper.findIndex((id) => set.has(id));
  const territory = find(TERRITORY);
  const period = find(PERIOD);
  const value = find(VALUE);
  if (territory === -1 || period === -1 || value === -1) return null;
  // "TIME" and "Value" alone are common words: the older I.Stat layout is taken only with its territory code column.
  const isId = (i: number) => ID.test(ids[i] ?? "");
  const labelAfter = (i: number) => (i + 1 < headers.length && !isId(i + 1) && (headers[i + 1] ?? "").trim() !== "" ? i + 1 : null);
  const structure = upper.findIndex((id) => id === "DATAFLOW" || id === "STRUCTURE_ID");
  const at = (name: string) => {
    const i = upper.indexOf(name);
    return i === -1 ? null : i;
  };
  const labels = new Set<number>();
  const dimensions: SdmxDimension[] = [];
  // Dimensions come before the measure (SDMX-CSV orders columns: dimensions, measures, attributes).
  for (let i = 0; i < value; i++) {
    const id = upper[i] ?? "";
    if (labels.has(i) || !isId(i) || STRUCTURE.has(id) || i === territory || i === period) continue;
    const label = labelAfter(i);
    if (label !== null) labels.add(label);
    dimensions.push({ id: ids[i] ?? id, index: i, label });
  }
  const territoryLabel = labelAfter(territory);
  if (territoryLabel !== null) labels.add(territoryLabel);
  const periodLabel = labelAfter(period);
  if (periodLabel !== null) labels.add(periodLabel);
  const used = new Set([territory, period, value, ...dimensions.map((d) => d.index)]);
  const other = headers.map((_, i) => i).filter((i) => !used.has(i) && i !== territoryLabel);
  return { structure: structure === -1 ? null : structure, territory, territoryLabel, period, value, dimensions, confStatus: at("CONF_STATUS"), obsStatus: at("OBS_STATUS"), unitMult: at("UNIT_MULT"), other };
}

/** The dimension codes of a row, by dimension id. */
export function rowDimensions(shape: SdmxShape, cells: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of shape.dimensions) out[d.id] = sdmxCode(cells[d.index] ?? "");
  return out;
}

/** The labels of a row's dimension values, from label columns or "code: label" cells. */
export function rowLabels(shape: SdmxShape, cells: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of shape.dimensions) {
    const label = d.label !== null ? (cells[d.label] ?? "").trim() : sdmxCellLabel(cells[d.index] ?? "");
    if (label) out[d.id] = label;
  }
  return out;
}

const same = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** The first rule whose dimension values all match the row's (a rule may name only some dimensions). */
export function matchRule(rules: readonly IndicatorRule[], dims: Readonly<Record<string, string>>): IndicatorRule | undefined {
  const keys = Object.keys(dims);
  return rules.find((r) =>
    Object.entries(r.when).every(([dim, value]) => {
      const key = keys.find((k) => same(k, dim));
      return key !== undefined && same(dims[key] ?? "", value);
    }),
  );
}

/** A key for a combination of dimension values. */
export const seriesKey = (dims: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(dims));

/** SDMX time periods as the importer reads them: 2024-M03 → 2024-03, 2024-Q1 and 2024 as they are. */
export function sdmxPeriod(raw: string): string {
  const text = sdmxCode(raw);
  const month = /^(\d{4})-M(\d{2})$/.exec(text);
  if (month) return `${month[1]}-${month[2]}`;
  return text;
}

/** A 6-digit ISTAT code: the only territories a zone's values are about (IT, ITI2, ITI22 are Italy, a region, a province). */
export const isComuneCode = (code: string) => /^\d{6}$/.test(code);

/** CONF_STATUS codes of a value withheld by the source (SDMX: C confidential, D secondary confidentiality, N not for publication). */
export const CONFIDENTIAL_STATUS = new Set(["C", "D", "N"]);

/** The rule text as --map writes it: "SEX=9,AGE=TOTAL=POP_TOT". */
export function ruleText(when: Readonly<Record<string, string>>, indicator: string): string {
  return `${Object.entries(when)
    .map(([k, v]) => `${k}=${v}`)
    .join(",")}=${indicator}`;
}
