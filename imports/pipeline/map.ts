import type { z } from "zod";
import { KINDS, type KindName } from "../kinds/index";
import type { ColumnDef, KindDefinition } from "../kinds/types";
import { columnIssues, matchColumns, unknownColumnMessage } from "../kinds/headers";
import { detectKind, looksLikeHeader } from "../kinds/detect-kind";
import { detectValoriLayout, type ValoriLayout } from "../kinds/valori-layout";
import { valori } from "../kinds/valori";
import { parseCell, type CellValue } from "../parse/cell";
import { addEvidence, emptyEvidence, type ColumnConvention, type NumberEvidence } from "../parse/number";
import type { ComuneResolver } from "../parse/comune";
import { FileError, rowError, toFileIssue, type FileIssue, type RowError } from "../validate/errors";
import { readCsv, type CsvInfo, type CsvRow, type CsvSource, type ReadOptions } from "./read";
import { decideColumnConventions } from "./columns";

/**
 * Raw rows of a kind → typed rows and row errors. Two passes over the file,
 * because a column's number convention is decided from the whole column:
 * pass 1 streams the file once collecting per-column counts (constant memory)
 * and finds every file-level problem; pass 2 re-opens the source and maps.
 * `open` must therefore give the same bytes twice (a file on disk, an upload
 * held in a temp file, a buffer); no row is kept between the passes.
 */
export type RowOf<K extends KindName> = z.infer<(typeof KINDS)[K]["schema"]>;
export type MappedRow = { [K in KindName]: { kind: K; line: number; row: RowOf<K> } }[KindName];

export type MappedItem = ({ type: "row" } & MappedRow) | { type: "error"; error: RowError } | { type: "file-error"; issue: FileIssue };

export type ValoriFormat = "long" | "wide-by-indicator" | "wide-by-period";

export interface MapOptions {
  /** The kind; detected from the headers when absent. */
  kind?: KindName;
  /** Known indicator codes: needed for wide valori files and help header detection. */
  indicatorCodes?: readonly string[];
  prefixAliases?: Readonly<Record<string, string>>;
  /** Resolves comune cells to ISTAT codes; without it rows keep the text as written. */
  comuni?: { resolver: ComuneResolver; requireInZone: boolean };
  read?: Omit<ReadOptions, "isHeader">;
}

export interface MapResult {
  /** Non-empty means the file cannot be imported; `items` is then empty. */
  fileIssues: FileIssue[];
  info: CsvInfo | null;
  kind: KindName | null;
  format: ValoriFormat | null;
  /** Number convention per header of each numeric column. */
  conventions: Record<string, ColumnConvention>;
  /** Data rows read in pass 1 (blank lines, titles and notes excluded). */
  rowsRead: number;
  items: AsyncIterable<MappedItem>;
}

/** A prepared mapping of one physical row to zero or more typed rows. */
type RowMapper = (row: CsvRow) => MappedItem[];

const nothing: AsyncIterable<MappedItem> = { async *[Symbol.asyncIterator]() {} };

function failed(fileIssues: FileIssue[], info: CsvInfo | null = null, kind: KindName | null = null): MapResult {
  return { fileIssues, info, kind, format: null, conventions: {}, rowsRead: 0, items: nothing };
}

export async function mapCsv(open: () => CsvSource, opts: MapOptions = {}): Promise<MapResult> {
  const codes = opts.indicatorCodes ?? [];
  const isHeader = opts.kind
    ? (cells: readonly string[]) => matchColumns(cells, KINDS[opts.kind as KindName]).indexOf.size >= 2 || (opts.kind === "valori" && detectValoriLayout(cells, codes) !== null)
    : (cells: readonly string[]) => looksLikeHeader(cells, codes);
  const readOpts: ReadOptions = { ...opts.read, isHeader };

  // Pass 1: detection, file-level checks, number evidence.
  let info: CsvInfo;
  let plan: Plan;
  let rowsRead = 0;
  const evidence = new Map<number, NumberEvidence>();
  try {
    const reading = await readCsv(open(), readOpts);
    info = reading.info;
    const kind = opts.kind ?? pickKind(info.headers, codes);
    plan = planFor(kind, info, opts);
    if (plan.issues.length > 0) return failed(plan.issues, info, kind);
    for (const i of plan.numericColumns) evidence.set(i, emptyEvidence());
    for await (const row of reading.rows) {
      rowsRead++;
      for (const [i, e] of evidence) addEvidence(e, row.cells[i] ?? "");
    }
  } catch (error) {
    return failed([toFileIssue(error)]);
  }
  if (rowsRead === 0) {
    return failed([{ code: "header-only", line: info.headerLine, message: "Il file contiene solo l'intestazione: nessuna riga di dati da importare." }], info, plan.kind);
  }
  const conventions = decideColumnConventions(evidence, info.delimiter);
  const mapper = plan.mapper(conventions);
  const conventionsByHeader = Object.fromEntries([...conventions].map(([i, c]) => [info.headers[i] ?? String(i), c]));

  // Pass 2: mapping, streamed.
  async function* items(): AsyncGenerator<MappedItem> {
    try {
      const reading = await readCsv(open(), { ...readOpts, delimiter: info.delimiter });
      for await (const row of reading.rows) yield* mapper(row);
      info.encoding = reading.info.encoding;
      info.skipped = reading.info.skipped;
    } catch (error) {
      yield { type: "file-error", issue: toFileIssue(error) };
    }
  }
  return { fileIssues: [], info, kind: plan.kind, format: plan.format, conventions: conventionsByHeader, rowsRead, items: items() };
}

function pickKind(headers: readonly string[], codes: readonly string[]): KindName {
  const d = detectKind(headers, codes);
  if (d.kind) return d.kind;
  const top = d.scores.slice(0, 3).filter((s) => s.score > 0).map((s) => `«${KINDS[s.kind].label}»`);
  throw new FileError(
    d.ambiguous ? "ambiguous-kind" : "unknown-kind",
    d.ambiguous
      ? `Dalle intestazioni il file potrebbe essere ${top.slice(0, 2).join(" o ")}: scegli il tipo di dati.`
      : `Non riconosco il tipo di dati dalle intestazioni (${headers.filter((h) => h).slice(0, 6).join(", ")}): scegli il tipo di dati o usa il modello scaricabile.`,
  );
}

interface Plan {
  kind: KindName;
  format: ValoriFormat | null;
  issues: FileIssue[];
  numericColumns: number[];
  mapper: (conventions: ReadonlyMap<number, ColumnConvention>) => RowMapper;
}

function planFor(kind: KindName, info: CsvInfo, opts: MapOptions): Plan {
  if (kind === "valori") {
    const layout = detectValoriLayout(info.headers, opts.indicatorCodes ?? [], opts.prefixAliases);
    if (layout && layout.format !== "long") return widePlan(layout, info, opts);
  }
  const def = KINDS[kind] as KindDefinition;
  const match = matchColumns(info.headers, def);
  const issues = columnIssues(match, info.headers, def, info.headerLine);
  const placed = def.columns.flatMap((col) => {
    const index = match.indexOf.get(col.key);
    return index === undefined ? [] : [{ col, index }];
  });
  const numericColumns = placed.filter((p) => p.col.type === "number" || p.col.type === "integer").map((p) => p.index);
  return {
    kind,
    format: kind === "valori" ? "long" : null,
    issues,
    numericColumns,
    mapper: (conventions) => (row) => mapStandardRow(kind, def, placed, info, row, conventions, opts),
  };
}

const EXTRA_CELLS = (n: number, m: number) =>
  `la riga ha ${n} campi ma l'intestazione ne ha ${m}: forse un valore contiene il separatore e non è tra virgolette`;

/** Row-level check shared by all layouts: data beyond the last named column. */
function extraCellsError(info: CsvInfo, row: CsvRow): RowError | null {
  let last = row.cells.length - 1;
  while (last >= 0 && (row.cells[last] as string).trim() === "") last--;
  let named = info.headers.length - 1;
  while (named >= 0 && (info.headers[named] as string) === "") named--;
  return last > named ? rowError(row.line, "", row.cells.slice(named + 1, last + 1).join(info.delimiter), EXTRA_CELLS(last + 1, named + 1)) : null;
}

function resolveComune(value: CellValue, col: ColumnDef, header: string, raw: string, line: number, opts: MapOptions): { value: CellValue; error: RowError | null } {
  if (col.type !== "comune" || typeof value !== "string" || !opts.comuni) return { value, error: null };
  const r = opts.comuni.resolver.resolve(value);
  if (!r.ok) return { value, error: rowError(line, header, raw, r.message) };
  if (opts.comuni.requireInZone && !r.inZone) {
    return { value, error: rowError(line, header, raw, `è ${r.comune.name} (${r.comune.istat}), che non appartiene alla zona`) };
  }
  return { value: r.comune.istat, error: null };
}

function validate(
  kind: KindName,
  def: KindDefinition,
  candidate: Record<string, CellValue>,
  line: number,
  where: (key: string) => { header: string; raw: string },
): MappedItem[] {
  const parsed = def.schema.safeParse(candidate);
  if (parsed.success) return [{ type: "row", kind, line, row: parsed.data } as MappedItem];
  return parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    const { header, raw } = where(key);
    return { type: "error", error: rowError(line, header, raw, issue.message) };
  });
}

function mapStandardRow(
  kind: KindName,
  def: KindDefinition,
  placed: readonly { col: ColumnDef; index: number }[],
  info: CsvInfo,
  row: CsvRow,
  conventions: ReadonlyMap<number, ColumnConvention>,
  opts: MapOptions,
): MappedItem[] {
  const extra = extraCellsError(info, row);
  if (extra) return [{ type: "error", error: extra }];
  const candidate: Record<string, CellValue> = Object.fromEntries(def.columns.map((c) => [c.key, null]));
  const errors: MappedItem[] = [];
  for (const { col, index } of placed) {
    const raw = row.cells[index] ?? "";
    const header = info.headers[index] ?? col.label;
    const cell = parseCell(col, raw, conventions.get(index));
    if (!cell.ok) {
      errors.push({ type: "error", error: rowError(row.line, header, raw, cell.message) });
      continue;
    }
    const resolved = resolveComune(cell.value, col, header, raw, row.line, opts);
    if (resolved.error) errors.push({ type: "error", error: resolved.error });
    candidate[col.key] = resolved.value;
  }
  if (errors.length > 0) return errors;
  return validate(kind, def, candidate, row.line, (key) => {
    const p = placed.find((x) => x.col.key === key);
    return p ? { header: info.headers[p.index] ?? p.col.label, raw: row.cells[p.index] ?? "" } : { header: def.columns.find((c) => c.key === key)?.label ?? key, raw: "" };
  });
}

function widePlan(layout: Exclude<ValoriLayout, { format: "long" }>, info: CsvInfo, opts: MapOptions): Plan {
  const issues: FileIssue[] = layout.unknown.map((u) => ({ code: "unknown-column" as const, line: info.headerLine, message: unknownColumnMessage(u.header, u.suggestions, valori.label) }));
  const seen = new Map<string, string>();
  for (const v of layout.values) {
    const k = `${v.indicator ?? ""}|${v.period?.period ?? ""}`;
    const first = seen.get(k);
    if (first !== undefined) {
      issues.push({ code: "duplicate-column", line: info.headerLine, message: `Le colonne "${first}" e "${v.header}" indicano lo stesso dato: tienine una sola.` });
    } else seen.set(k, v.header);
  }
  const col = (key: string) => valori.columns.find((c) => c.key === key) as ColumnDef;
  return {
    kind: "valori",
    format: layout.format,
    issues,
    numericColumns: layout.values.map((v) => v.index),
    mapper: (conventions) => (row) => {
      const extra = extraCellsError(info, row);
      if (extra) return [{ type: "error", error: extra }];
      const fixed: Record<string, CellValue> = { comune: null, period: null, indicator: null, service: null };
      const errors: MappedItem[] = [];
      const fixedColumns = { comune: layout.comune, period: layout.period, indicator: layout.indicator, service: layout.service };
      for (const [key, index] of Object.entries(fixedColumns)) {
        if (index === null) continue;
        const raw = row.cells[index] ?? "";
        const header = info.headers[index] ?? key;
        const cell = parseCell(col(key), raw);
        if (!cell.ok) errors.push({ type: "error", error: rowError(row.line, header, raw, cell.message) });
        else {
          const resolved = resolveComune(cell.value, col(key), header, raw, row.line, opts);
          if (resolved.error) errors.push({ type: "error", error: resolved.error });
          fixed[key] = resolved.value;
        }
      }
      if (errors.length > 0) return errors;
      return layout.values.flatMap((v) => {
        const raw = row.cells[v.index] ?? "";
        const cell = parseCell({ ...col("value"), required: false }, raw, conventions.get(v.index));
        if (!cell.ok) return [{ type: "error" as const, error: rowError(row.line, v.header, raw, cell.message) }];
        const candidate = { ...fixed, indicator: v.indicator ?? fixed.indicator ?? null, period: v.period ?? fixed.period ?? null, value: cell.value, numerator: null, denominator: null };
        return validate("valori", valori, candidate, row.line, (key) => {
          const index = key === "value" ? v.index : (fixedColumns[key as keyof typeof fixedColumns] ?? null);
          return { header: index === null ? v.header : (info.headers[index] ?? key), raw: index === null ? "" : (row.cells[index] ?? "") };
        });
      });
    },
  };
}

/** Small files and tests: every item of a mapping, errors capped. */
export async function collectMapped(result: MapResult, maxErrors = 10_000): Promise<{ rows: MappedRow[]; errors: RowError[]; fileIssues: FileIssue[]; rejectedLines: number; moreErrors: number }> {
  const rows: MappedRow[] = [];
  const errors: RowError[] = [];
  const fileIssues = [...result.fileIssues];
  const rejected = new Set<number>();
  let moreErrors = 0;
  for await (const item of result.items) {
    if (item.type === "row") {
      const { type: _type, ...row } = item;
      rows.push(row as MappedRow);
    } else if (item.type === "error") {
      rejected.add(item.error.line);
      if (errors.length < maxErrors) errors.push(item.error);
      else moreErrors++;
    } else fileIssues.push(item.issue);
  }
  return { rows, errors, fileIssues, rejectedLines: rejected.size, moreErrors };
}
