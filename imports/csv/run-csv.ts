import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { withChunkedImportSession, withImportSession, type ImportSession } from "../load/session";
import { publishBatch, undoApplyingBatch } from "../load/chunked";
import { aggregateScopesOf, refreshScopes } from "@/db/queries/zone-aggregates";
import {
  applyStage,
  BUDGET_SPEC,
  changedValues,
  ISEE_SPEC,
  classify,
  createStage,
  OBSERVATION_SPEC,
  previousYearJumps,
  removeDuplicateKeys,
  RESOURCE_SPEC,
  SERVICE_SPEC,
  STAFF_SPEC,
  StageWriter,
  TARGET_SPEC,
  type VersionedTableSpec,
} from "../load/versioned";
import { compactMessage, compactRowError, MAX_REPORTED_CHANGES, MAX_REPORTED_ERRORS, storableReport, type ColumnMapping, type ImportReport, type RowError, type SdmxReport, type SdmxSeries } from "../report";
import type { ImportPhase, ImportRequest } from "../run";
import { FileRejected } from "./decode";
import { isNoteRow } from "./read";
import { openSource, type TableSource } from "../sheets/source";
import { columnScore, detectValoriLayout, findHeaderRow, matchHeader, scoreKinds, type HeaderMatch, type ValoriLayout } from "./header";
import { compactHeader, headerWords } from "./header-match";
import { defaultMappingName, headerSetKey, IGNORE, isIgnore, parseMapEntries, resolveColumnEntries, type IndicatorRule, type MapEntry } from "./column-map";
import { detectSdmx, matchRule, rowDimensions, rowLabels, ruleText, sdmxCode, seriesKey, type SdmxShape } from "./sdmx";
import { listColumnMappings, saveColumnMapping, type MappingToSave, type SavedMapping } from "@/db/queries/column-mappings";
import { KINDS, type KindSpec } from "./kinds";
import { headerKey, ignoredRows } from "./text";
import { decideConvention, emptyEvidence, MISSING_REASON_IT, observeNumber, type ColumnEvidence, type MissingReason, type NumberConvention } from "./number";
import { loadBudgetSnapshots, loadImportContext, type ImportContext } from "./context";
import { createRowMapper, readObiettiviRow, type ComuniRow, type IndicatoriRow, type LepsRow, type ZoneRow } from "./rows";
import { hasPlanChanges, preparePlans, stampPlanChanges, type PlanUndo } from "./plans";
import { isTenfoldJump, jumpWarning, JUMP_FACTOR } from "@/lib/indicators/plausibility";
import { applyCatalogRows, applyComuniRows, type SnapshotResult } from "./apply-reference";
import { applyZoneRows, type ZoneApplyResult, type ZoneFileRow } from "./apply-zone";
import { applyLepsRows, type LepsApplyResult } from "./apply-leps";
import { plannedSocialWorkerFte, socialWorkerNote, writeSocialWorkerFte, type SocialWorkerChange } from "./apply-staff";
import { iseeNotes, mergeIseePoints, plannedIseeWithdrawals, withdrawIseeRows, type IseeWithdrawal } from "./apply-isee";
import { formatUpTo } from "@/lib/format";

const VERSIONED: Partial<Record<KindSpec["kind"], VersionedTableSpec>> = {
  valori: OBSERVATION_SPEC,
  servizi: SERVICE_SPEC,
  personale: STAFF_SPEC,
  bilancio: BUDGET_SPEC,
  isee: ISEE_SPEC,
  obiettivi: TARGET_SPEC,
  risorse: RESOURCE_SPEC,
};

const PROGRESS_EVERY = 10_000;
/** File-level messages kept (one per unknown column, up to 500 of them). */
const MAX_FILE_ERRORS = 50;

class Rejected extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(" "));
  }
}

interface Plan {
  kind: KindSpec["kind"];
  headerIndex: number;
  headerLine: number;
  headers: string[];
  match: HeaderMatch;
  layout: ValoriLayout | null;
  /** Choices the matching made that the preview shows. */
  notes: string[];
  /** Problems that stop the import; the plan is still returned so that the report shows the mapping to fix them. */
  errors: string[];
  /** Some of the errors are the mapping's to fix (unknown, ambiguous, repeated columns, a required field missing). */
  mappingNeeded: boolean;
  /** column index → where its field came from, when not from the header itself. */
  origins: Map<number, "chosen" | "saved">;
  /** The saved mapping applied, if any. */
  saved: { mapping: SavedMapping; automatic: boolean } | null;
  /** What the commit saves: the user gave a mapping. */
  save: MappingToSave | null;
}

/** First records looked at for the header row. */
const HEADER_SEARCH_ROWS = 30;

/**
 * The header row: one whose headers a saved mapping of the zone knows, or
 * holding every header the user mapped; otherwise as findHeaderRow finds it;
 * with the kind chosen and no row recognised, the first row of two or more
 * cells (the mapping form then shows its columns).
 */
function locateHeaderRow(records: readonly { line: number; cells: string[] }[], request: ImportRequest, indicatorCodes: ReadonlySet<string>, saved: readonly SavedMapping[], userHeaders: readonly string[]): number {
  const keys = new Set(saved.map((m) => m.headerKey));
  const wanted = userHeaders.map(compactHeader);
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const cells = (records[i] as { cells: string[] }).cells;
    if (cells.filter((c) => c.trim() !== "").length < 2) continue;
    if (keys.has(headerSetKey(cells))) return i;
    if (wanted.length > 0) {
      const have = new Set(cells.map(compactHeader));
      if (wanted.every((w) => have.has(w))) return i;
    }
  }
  const kind = request.kind === "confini" ? null : request.kind;
  const found = findHeaderRow(records, indicatorCodes, kind);
  if (found !== -1 || !kind) return found;
  return records.slice(0, limit).findIndex((r) => r.cells.filter((c) => c.trim() !== "").length >= 2);
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase("it-IT") === b.trim().toLocaleLowerCase("it-IT");

/** Header row, kind, column layout and mapping, with the file-level errors that stop the import. */
function planImport(sampleRecords: { line: number; cells: string[] }[], request: ImportRequest, indicatorCodes: ReadonlySet<string>, savedMappings: readonly SavedMapping[]): Plan {
  if (sampleRecords.length === 0) throw new Rejected(["Il file non contiene righe di testo."]);
  const userMap = parseMapEntries(request.map ?? []);
  if (userMap.errors.length) throw new Rejected(userMap.errors);
  const zoneWords = request.zoneCode ? `la zona ${request.zoneCode}` : "i dati di tutte le zone";
  const named = request.mappingName ? savedMappings.find((m) => sameName(m.name, request.mappingName as string)) : undefined;
  if (request.mappingName && !named && userMap.entries.length === 0) {
    const names = savedMappings.map((m) => m.name).sort((a, b) => a.localeCompare(b, "it")).map((n) => `«${n}»`);
    throw new Rejected([`Nessuna corrispondenza delle colonne «${request.mappingName}» salvata per ${zoneWords}${names.length ? ` (salvate: ${names.join(", ")})` : ": non ne è ancora stata salvata nessuna"}.`]);
  }
  const userHeaders = userMap.entries.flatMap((e) => (e.type === "column" ? [e.header] : []));
  const headerIndex = locateHeaderRow(sampleRecords, request, indicatorCodes, savedMappings, userHeaders);
  if (headerIndex === -1) {
    const first = sampleRecords[0]?.cells.filter((c) => c.trim()).slice(0, 6).join(", ");
    throw new Rejected([
      `Intestazione delle colonne non riconosciuta nelle prime righe (prima riga: ${first || "vuota"}). ` +
        "Controllare che il file abbia una riga con i nomi delle colonne (vedi i modelli) o scegliere il tipo di dati.",
    ]);
  }
  const header = sampleRecords[headerIndex] as { line: number; cells: string[] };
  const headers = header.cells.map((c) => c.trim());
  const headerKeyOfFile = headerSetKey(headers);
  const requestedKind = request.kind === "confini" ? null : request.kind;
  if (named && requestedKind && named.kind !== requestedKind) {
    throw new Rejected([`La corrispondenza delle colonne «${named.name}» è per «${named.kind}», non per «${requestedKind}».`]);
  }
  const byHeaders = savedMappings.find((m) => m.headerKey === headerKeyOfFile && (!requestedKind || m.kind === requestedKind));
  const savedUsed = named ?? byHeaders ?? null;
  // An SDMX-CSV export is values; its dimension and attribute columns are not the kind's columns.
  const sdmxShape = requestedKind === null || requestedKind === "valori" ? detectSdmx(headers) : null;
  // A column mapped to a catalogue code ("Totale=POP_TOT") holds values.
  const codeKeys = new Set([...indicatorCodes].map(headerKey));
  const mapsAnIndicator = userMap.entries.some((e) => e.type === "column" && codeKeys.has(headerKey(e.target)));
  let kind = requestedKind ?? savedUsed?.kind ?? (sdmxShape || mapsAnIndicator ? "valori" : null);
  if (!kind) {
    const [best, second] = scoreKinds(headers, indicatorCodes);
    if (!best) throw new Rejected(["Tipo di dati non riconosciuto dalle intestazioni: sceglierlo."]);
    if (second && Math.abs(best.score - second.score) < 0.001) {
      throw new Rejected([`Le intestazioni vanno bene sia per «${best.kind}» sia per «${second.kind}»: scegliere il tipo di dati.`]);
    }
    kind = best.kind;
  }
  const spec = KINDS[kind];
  const errors: string[] = [];

  // The saved mapping first, then the user's entries over it (a field the user gives to a column is taken from any other).
  const fromSaved = savedUsed ? resolveColumnEntries(headers, savedUsed.mapping.columns, spec, false, indicatorCodes) : { forced: new Map<number, string | null>(), indicators: new Map<number, string>(), errors: [] };
  const fromUser = resolveColumnEntries(headers, userMap.entries, spec, true, indicatorCodes);
  // Columns given to an indicator: the user's over the saved ones; a column the user maps to a field is no indicator's.
  const indicatorColumns = new Map([...fromSaved.indicators].filter(([i]) => !fromUser.forced.has(i)));
  for (const [i, code] of fromUser.indicators) indicatorColumns.set(i, code);
  const indicatorOrigins = new Map([...indicatorColumns.keys()].map((i) => [i, fromUser.indicators.has(i) ? ("chosen" as const) : ("saved" as const)]));
  errors.push(...fromUser.errors);
  const userFields = new Set([...fromUser.forced.values()].filter((f): f is string => f !== null));
  const forced = new Map<number, string | null>();
  const origins = new Map<number, "chosen" | "saved">();
  for (const [i, f] of fromSaved.forced) {
    if (fromUser.forced.has(i) || (f !== null && userFields.has(f))) continue;
    forced.set(i, f);
    origins.set(i, "saved");
  }
  for (const [i, f] of fromUser.forced) {
    forced.set(i, f);
    origins.set(i, "chosen");
  }

  let layout: ValoriLayout | null = null;
  let userRules: IndicatorRule[] = [];
  if (sdmxShape && kind === "valori") {
    // Territory, period and value by their SDMX names (the territory's label column is the name, checked against the code); the rest is not read.
    const fixed = new Map<number, string | null>([[sdmxShape.territory, "comune"], [sdmxShape.period, "period"], [sdmxShape.value, "value"]]);
    if (sdmxShape.territoryLabel !== null) fixed.set(sdmxShape.territoryLabel, "comuneName");
    for (const d of sdmxShape.dimensions) fixed.set(d.index, null);
    for (const i of sdmxShape.other) fixed.set(i, null);
    for (const [i, f] of fixed) if (!forced.has(i)) forced.set(i, f);
    const rules = sdmxRules(userMap.entries, sdmxShape, indicatorCodes);
    errors.push(...rules.errors);
    userRules = rules.rules;
    const savedRules = (savedUsed?.kind === "valori" ? savedUsed.mapping.indicators : undefined) ?? [];
    layout = { format: "SDMX-CSV", shape: sdmxShape, rules: [...userRules, ...savedRules.filter((r) => !userRules.some((u) => sameWhen(u.when, r.when)))] };
  }
  const match = matchHeader(headers, spec, forced);
  for (const [i, origin] of indicatorOrigins) {
    forced.delete(i);
    origins.set(i, origin);
  }
  if (kind === "valori" && !layout) layout = detectValoriLayout(headers, indicatorCodes, forced, indicatorColumns);
  const notes: string[] = [];
  const wide = layout !== null && layout.format !== "lungo" && layout.format !== "SDMX-CSV";
  const labelOf = (field: string) => spec.columns.find((c) => c.field === field)?.label ?? field;
  const named_ = (index: number) => `«${headers[index] ?? ""}» (colonna ${index + 1})`;
  const before = errors.length;
  // A comune and a year with no indicator column: a wide file whose value columns are not headed by a catalogue code.
  const wideCandidate = kind === "valori" && layout === null && match.columns.has("comune") && match.columns.has("period") && !match.columns.has("indicator") && match.unknown.length > 0;
  if (!wide) {
    if (wideCandidate) {
      for (const u of match.unknown) {
        errors.push(`La colonna «${u.header}» (colonna ${u.index + 1}) non ha il codice di un indicatore del catalogo: indicare quale indicatore contiene (per esempio --map "${u.header}=POP_TOT") oppure «${IGNORE}».`);
      }
    }
    // An SDMX-CSV file's indicator comes from its dimensions, not from a column.
    for (const m of wideCandidate ? [] : match.missing) if (!(layout?.format === "SDMX-CSV" && m.field === "indicator")) errors.push(`Manca la colonna obbligatoria «${m.label}».`);
    if (!spec.allowExtraColumns && !wideCandidate) {
      for (const u of match.unknown) {
        errors.push(`Colonna sconosciuta «${u.header}» (colonna ${u.index + 1})${u.suggestions.length ? `: forse intendevi «${u.suggestions.join("» o «")}»?` : "."}`);
      }
    }
    for (const a of match.ambiguous) {
      errors.push(`La colonna ${named_(a.index)} può essere ${a.fields.map((f) => `«${labelOf(f)}»`).join(" o ")}: indicare quale nella corrispondenza delle colonne.`);
    }
    // The more specific header fills the field; with extra columns allowed the others are only left aside, and the preview says so.
    const byField = new Map<string, HeaderMatch["duplicates"]>();
    for (const d of match.duplicates) byField.set(d.field, [...(byField.get(d.field) ?? []), d]);
    for (const [field, lost] of byField) {
      const chosen = lost[0]?.chosen ?? -1;
      if (spec.allowExtraColumns) {
        notes.push(`«${labelOf(field)}»: usata ${named_(chosen)}, più specifica di ${lost.map((d) => named_(d.index)).join(", ")} (${lost.length === 1 ? "ignorata" : "ignorate"}).`);
      } else {
        for (const d of lost) errors.push(`La colonna ${named_(d.index)} ripete «${labelOf(field)}», già letto da ${named_(chosen)}: indicare quale usare nella corrispondenza delle colonne, o togliere l'altra.`);
      }
    }
  }
  const mappingNeeded = errors.length > before;
  const firstUnknown = headers.find((h, i) => match.unknown.some((u) => u.index === i)) ?? "Cod. ISTAT";
  if (mappingNeeded) {
    errors.push(
      `Per leggere il file indicare, nella corrispondenza delle colonne dell'anteprima, quale campo contiene ciascuna colonna oppure «${IGNORE}» (da riga di comando: --map "colonna=campo", per esempio --map "${firstUnknown}=${wideCandidate ? "POP_TOT" : "comune"}"${kind === "valori" && !wideCandidate ? '; una colonna con i valori di un solo indicatore si indica con il suo codice, per esempio --map "Totale=POP_TOT"' : ""}).`,
    );
  }

  // A commit with the user's own mapping saves it for the zone: the columns as read, the user's ignored ones included.
  let save: MappingToSave | null = null;
  if (userMap.entries.length > 0 || userRules.length > 0) {
    const forKey = savedMappings.find((m) => m.headerKey === headerKeyOfFile && m.kind === kind);
    const taken = (name: string) => savedMappings.some((m) => sameName(m.name, name) && m.id !== forKey?.id);
    // A named mapping of other headers is only the starting point: this one is saved beside it, under its own name.
    const asked = named && named.headerKey !== headerKeyOfFile ? undefined : request.mappingName?.trim();
    const name = asked || forKey?.name || defaultMappingName(request.fileName, taken);
    if (taken(name)) {
      errors.push(`Una corrispondenza delle colonne «${name}» è già salvata per ${zoneWords}, per file con altre colonne: sceglierne un altro nome per salvare questa.`);
    }
    const fieldAt = new Map([...match.columns].map(([field, index]) => [index, field]));
    const columns = headers.flatMap((h, i) => {
      const field = fieldAt.get(i) ?? indicatorColumns.get(i) ?? (forced.has(i) ? null : undefined);
      return h.trim() === "" || field === undefined ? [] : [{ header: h, field }];
    });
    const indicators = layout?.format === "SDMX-CSV" ? layout.rules : undefined;
    save = { zoneCode: request.zoneCode, kind, headerKey: headerKeyOfFile, name, mapping: { columns, ...(indicators ? { indicators } : {}) }, replacesId: forKey?.id ?? null, userLabel: request.userLabel };
  }
  const saved = savedUsed && savedUsed.kind === kind ? { mapping: savedUsed, automatic: savedUsed !== named } : null;
  return { kind, headerIndex, headerLine: header.line, headers, match, layout, notes, errors, mappingNeeded, origins, saved, save };
}

const sameWhen = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Object.entries(b).some(([k2, v2]) => k.toUpperCase() === k2.toUpperCase() && v.toUpperCase() === v2.toUpperCase()));

/** The user's SDMX entries ("SEX=9,AGE=TOTAL=POP_TOT") checked against the file's dimensions and the catalogue. */
function sdmxRules(entries: readonly MapEntry[], shape: SdmxShape, indicatorCodes: ReadonlySet<string>): { rules: IndicatorRule[]; errors: string[] } {
  const rules: IndicatorRule[] = [];
  const errors: string[] = [];
  const dims = shape.dimensions.map((d) => d.id);
  for (const e of entries) {
    if (e.type !== "indicator") continue;
    const text = ruleText(e.when, e.target);
    const unknownDim = Object.keys(e.when).find((k) => !dims.some((d) => d.toUpperCase() === k.toUpperCase()));
    if (unknownDim) {
      errors.push(`Corrispondenza «${text}»: il file non ha la dimensione «${unknownDim}» (dimensioni: ${dims.join(", ") || "nessuna"}).`);
      continue;
    }
    if (isIgnore(e.target)) {
      rules.push({ when: e.when, indicator: null });
      continue;
    }
    const code = e.target.trim().toUpperCase();
    if (!indicatorCodes.has(code)) {
      errors.push(`Corrispondenza «${text}»: «${e.target}» non è un indicatore del catalogo.`);
      continue;
    }
    rules.push({ when: e.when, indicator: code });
  }
  return { rules, errors };
}

/** Combinations of an SDMX-CSV file's dimension values listed in the report; the file may have more (counted). */
const MAX_LISTED_SERIES = 200;
const MAX_COUNTED_SERIES = 100_000;

/** The distinct combinations of dimension values of an SDMX-CSV file, counted on the first pass over it. */
class SeriesCounter {
  private readonly listed = new Map<string, SdmxSeries>();
  private readonly all = new Map<string, Record<string, string>>();
  private dataflow: string | null = null;
  constructor(private readonly shape: SdmxShape) {}

  add(cells: readonly string[]): void {
    if (this.dataflow === null && this.shape.structure !== null) this.dataflow = sdmxCode(cells[this.shape.structure] ?? "") || null;
    const when = rowDimensions(this.shape, cells);
    const key = seriesKey(when);
    const listed = this.listed.get(key);
    if (listed) {
      listed.rows++;
      return;
    }
    if (this.all.size < MAX_COUNTED_SERIES && !this.all.has(key)) this.all.set(key, when);
    if (this.listed.size < MAX_LISTED_SERIES) this.listed.set(key, { when, labels: rowLabels(this.shape, cells), rows: 1, indicator: undefined });
  }

  /** The listed series with their indicator by the rules, how many combinations have none, and a rule to write for the first. */
  report(rules: readonly IndicatorRule[]): { report: SdmxReport; unresolved: number; example: string } {
    const series = [...this.listed.values()].map((s) => ({ ...s, indicator: matchRule(rules, s.when)?.indicator }));
    const open = [...this.all.values()].filter((when) => matchRule(rules, when) === undefined);
    // The dimensions whose value changes from row to row: the ones that tell series apart.
    const varying = this.shape.dimensions.map((d) => d.id).filter((id) => new Set([...this.all.values()].map((w) => w[id])).size > 1);
    const first = open[0] ?? {};
    const shown = varying.length ? varying : this.shape.dimensions.slice(0, 1).map((d) => d.id);
    const example = shown.map((id) => `${id}=${first[id] ?? ""}`).join(",");
    return { report: { dataflow: this.dataflow, dimensions: varying, series, truncated: this.all.size > this.listed.size }, unresolved: open.length, example };
  }
}

/** A few values of each column from the sample, for the mapping form. */
const SAMPLE_VALUES = 3;
const SAMPLE_CHARS = 40;
function columnSamples(plan: Plan, sampleRecords: readonly { line: number; cells: string[] }[]): string[][] {
  const out = plan.headers.map(() => new Set<string>());
  for (const r of sampleRecords.slice(plan.headerIndex + 1)) {
    if (isNoteRow(r.cells)) continue;
    r.cells.forEach((c, i) => {
      const v = c.trim();
      const set = out[i];
      if (v && set && set.size < SAMPLE_VALUES) set.add(v.length > SAMPLE_CHARS ? `${v.slice(0, SAMPLE_CHARS)}…` : v);
    });
  }
  return out.map((s) => [...s]);
}

/** The columns as read: which field each fills (null: ignored), the candidates and a few values, for the preview and --json. */
function mappingOf(plan: Plan, sampleRecords: readonly { line: number; cells: string[] }[]): ColumnMapping[] {
  const spec = KINDS[plan.kind];
  const fieldAt = new Map([...plan.match.columns].map(([field, index]) => [index, field]));
  // A wide file's value columns are read as their indicator: the preview shows its code as the column's field.
  if (plan.layout?.format === "largo per indicatore") for (const c of plan.layout.indicators) fieldAt.set(c.index, c.code);
  const samples = columnSamples(plan, sampleRecords);
  return plan.headers.map((header, index) => {
    const field = fieldAt.get(index) ?? null;
    const column = field ? spec.columns.find((c) => c.field === field) : undefined;
    const words = headerWords(header);
    const candidates = spec.columns
      .map((c) => ({ field: c.field, label: c.label, score: Math.round(columnScore(words, c)) }))
      .filter((c) => c.score >= 30)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    return {
      index,
      header,
      field,
      label: column?.label ?? field,
      score: field ? Math.round(plan.match.scores.get(field) ?? (column ? 0 : 100)) : null,
      origin: plan.origins.get(index) ?? (field ? "guessed" : null),
      candidates,
      samples: samples[index] ?? [],
    };
  });
}

/** Numeric columns of the plan: by the kind's spec, or every value column of a wide layout. */
function numericColumns(plan: Plan): number[] {
  if (plan.layout?.format === "largo per indicatore") return plan.layout.indicators.map((i) => i.index);
  if (plan.layout?.format === "largo per anno") return plan.layout.years.map((y) => y.index);
  return KINDS[plan.kind].columns
    .filter((c) => c.type === "number" || c.type === "integer")
    .map((c) => plan.match.columns.get(c.field))
    .filter((i): i is number => i !== undefined);
}

async function* dataRecords(source: TableSource, headerLine: number, onEncoding?: (encoding: string) => void) {
  for await (const record of source.records(onEncoding)) {
    if (record.line <= headerLine) continue;
    if (isNoteRow(record.cells) || record.cells.every((c) => c.trim() === "")) continue;
    yield record;
  }
}

/** First pass: every numeric column's convention, decided over the whole column. */
async function decideConventions(source: TableSource, plan: Plan, observe?: (cells: readonly string[]) => void) {
  const columns = numericColumns(plan);
  const evidence = new Map<number, ColumnEvidence>(columns.map((i) => [i, emptyEvidence()]));
  let rows = 0;
  let encoding: string = source.encoding;
  for await (const record of dataRecords(source, plan.headerLine, (e) => (encoding = e))) {
    rows++;
    for (const [i, e] of evidence) observeNumber(e, record.cells[i] ?? "");
    observe?.(record.cells);
  }
  const conventions = new Map<number, NumberConvention>();
  for (const [i, e] of evidence) conventions.set(i, decideConvention(e, source.conventionDelimiter));
  return { conventions, rows, encoding };
}

function formatStaged(value: string | number | null): string {
  if (value === null) return "vuoto";
  const n = Number(value);
  return typeof value === "number" || (value !== "" && Number.isFinite(n)) ? formatUpTo(n, 6) : value;
}

/** A row's compared values in words; a missing value's reason (ISTAT's signs) is said only when there is one. */
function formatCompared(values: Record<string, string | number | null>): string {
  return Object.entries(values)
    .filter(([k, v]) => k !== "missing_reason" || v !== null)
    .map(([k, v]) => (k === "missing_reason" && typeof v === "string" && v in MISSING_REASON_IT ? MISSING_REASON_IT[v as MissingReason] : formatStaged(v)))
    .join(" / ");
}

function changeLabel(key: Record<string, string | number | null>, context: ImportContext): string {
  return Object.entries(key)
    .filter(([k, v]) => v !== null && k !== "zone_code")
    .map(([k, v]) => (k === "comune_istat" ? (context.comuneNames.get(String(v)) ?? String(v)) : String(v)))
    .join(" · ");
}

export async function runCsvImport(handle: DatabaseHandle, request: ImportRequest, base: ImportReport): Promise<ImportReport> {
  let report: ImportReport = { ...base };
  let source: TableSource | null = null;
  const timed = async <T>(phase: ImportPhase, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      request.onPhase?.(phase, performance.now() - started);
    }
  };
  try {
    source = await openSource(request.filePath, { sheet: request.sheet });
    const { sampleRecords } = source;
    report = { ...report, encoding: source.encoding, delimiter: source.delimiter, ...(source.sheet !== null ? { sheet: source.sheet, sheets: source.sheets } : {}) };
    report.notes.push(...source.notes);
    const contextForPlan = await loadImportContext(handle.db, request.zoneCode);
    const savedMappings = await listColumnMappings(handle.db, request.zoneCode);
    const plan = planImport(sampleRecords, request, contextForPlan.indicatorCodes, savedMappings);
    const spec = KINDS[plan.kind];
    report = {
      ...report,
      kind: plan.kind,
      headerLine: plan.headerLine,
      format: plan.kind === "valori" ? (plan.layout?.format === "SDMX-CSV" ? "valori, SDMX-CSV" : `valori, formato ${plan.layout?.format ?? "lungo"}`) : plan.kind,
      mapping: mappingOf(plan, sampleRecords),
      mappingNeeded: plan.mappingNeeded,
      savedMapping: plan.saved
        ? { name: plan.saved.mapping.name, automatic: plan.saved.automatic, savedBy: plan.saved.mapping.createdBy, savedAt: plan.saved.mapping.updatedAt.toISOString() }
        : null,
      mappingSave: plan.save ? { name: plan.save.name, replaces: plan.save.replacesId !== null } : null,
    };
    if (plan.errors.length) throw new Rejected(plan.errors);
    if (!spec.needsZone && request.allowReferenceKinds === false) {
      throw new Rejected([`«${plan.kind}» sono dati di riferimento comuni a tutte le zone: li può importare solo un amministratore.`]);
    }
    if (spec.needsZone && !request.zoneCode) throw new Rejected(["Indicare la zona sociale a cui si riferiscono i dati (per esempio --zona UMB-11)."]);
    if (plan.headerIndex > 0) report.notes.push(`${ignoredRows(plan.headerIndex)} di titolo sopra l'intestazione (riga ${plan.headerLine}).`);
    report.notes.push(...plan.notes);

    const series = plan.layout?.format === "SDMX-CSV" ? new SeriesCounter(plan.layout.shape) : null;
    const opened = source;
    const { conventions, rows, encoding } = await timed("conventions", () => decideConventions(opened, plan, series ? (cells) => series.add(cells) : undefined));
    report = { ...report, encoding };
    if (rows === 0) throw new Rejected(["Il file contiene solo l'intestazione: nessuna riga di dati."]);
    if (series && plan.layout?.format === "SDMX-CSV") {
      // SDMX-CSV writes numbers with a decimal point and never groups thousands.
      conventions.set(plan.layout.shape.value, "en");
      const summary = series.report(plan.layout.rules);
      report = { ...report, sdmx: summary.report };
      if (summary.unresolved > 0) {
        report.mappingNeeded = true;
        throw new Rejected([
          `Il file SDMX-CSV ha ${summary.unresolved === 1 ? "1 combinazione" : `${summary.unresolved.toLocaleString("it-IT")} combinazioni`} di dimensioni senza indicatore: indicare nella corrispondenza delle colonne quale indicatore del catalogo è ciascuna, oppure «${IGNORE}» (da riga di comando: --map "${summary.example}=CODICE").`,
        ]);
      }
    }
    for (const [i, c] of conventions) {
      if (c === "en") report.notes.push(`Colonna «${plan.headers[i]}»: numeri con il punto decimale.`);
    }

    const tableSource = source;
    // `valori` files are the large ones: staged, compared and written in short
    // chunks, published at the end by the batch's status (imports/load/chunked.ts),
    // so that other users are served meanwhile. The other kinds run in one transaction.
    const inSession = <T>(work: (session: ImportSession) => Promise<T>) =>
      VERSIONED[plan.kind] === OBSERVATION_SPEC
        ? withChunkedImportSession(handle, request.zoneCode, work)
        : withImportSession(handle, { zoneCode: request.zoneCode, rollback: false }, work);
    return await inSession(async (session) => {
      const currentYear = request.currentYear ?? new Date().getFullYear();
      // Plans and objectives the file names are written first, so that its rows can refer to them.
      let planUndo: PlanUndo | null = null;
      if (plan.kind === "obiettivi" && request.zoneCode) {
        const read = readObiettiviRow({ currentYear, headers: plan.headers, match: plan.match, layout: plan.layout, conventions, context: contextForPlan, sheet: tableSource.sheet });
        const rows = async function* () {
          for await (const record of dataRecords(tableSource, plan.headerLine)) yield read(record);
        };
        planUndo = await preparePlans(session.trx, request.zoneCode, rows());
      }
      const context = await loadImportContext(session.trx, request.zoneCode);
      const budgetSnapshots = plan.kind === "bilancio" && request.zoneCode ? await loadBudgetSnapshots(session.trx, request.zoneCode) : undefined;
      const mapper = createRowMapper(plan.kind, { currentYear, headers: plan.headers, match: plan.match, layout: plan.layout, conventions, context, sheet: tableSource.sheet, budgetSnapshots });
      const errors: RowError[] = [];
      const warnings: RowError[] = [];
      let errorsTotal = 0;
      let warningsTotal = 0;
      let rowsRead = 0;
      let rejectedLines = 0;
      const versioned = VERSIONED[plan.kind];
      const catalogRows: { line: number; row: IndicatoriRow }[] = [];
      const comuniRows: { line: number; row: ComuniRow }[] = [];
      const lepsRows: { line: number; row: LepsRow }[] = [];
      const zoneRows: { line: number; row: ZoneFileRow }[] = [];
      let writer: StageWriter | null = null;
      if (versioned) {
        await createStage(session, versioned);
        writer = new StageWriter(session, versioned);
      }
      const readStarted = performance.now();
      for await (const record of dataRecords(tableSource, plan.headerLine)) {
        rowsRead++;
        if (rowsRead % PROGRESS_EVERY === 0) request.onProgress?.(rowsRead);
        const mapped = mapper.map(record);
        if (mapped.errors.length > 0) {
          rejectedLines++;
          errorsTotal += mapped.errors.length;
          for (const e of mapped.errors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(compactRowError(e));
          continue;
        }
        for (const w of mapped.warnings ?? []) {
          warningsTotal++;
          if (warnings.length < MAX_REPORTED_ERRORS) warnings.push(w);
        }
        for (const m of mapped.rows) {
          if (m.target === "versioned") await writer?.add(m.row);
          else if (m.target === "indicatori") catalogRows.push(m);
          else if (m.target === "leps") lepsRows.push(m);
          else if (m.target === "zone") zoneRows.push({ line: m.line, row: zoneFileRow(m.row) });
          else comuniRows.push(m);
        }
      }
      request.onProgress?.(rowsRead);
      await writer?.flush();
      request.onPhase?.("read", performance.now() - readStarted - (writer?.copyMilliseconds ?? 0));
      if (writer) request.onPhase?.("stage", writer.copyMilliseconds);
      report = { ...report, rowsRead };
      report.notes.push(...(mapper.notes?.() ?? []));

      let counts = { inserted: 0, updated: 0, unchanged: 0 };
      let snapshot: SnapshotResult | LepsApplyResult | ZoneApplyResult | null = null;
      let socialWorkers: SocialWorkerChange[] = [];
      let iseeWithdrawal: IseeWithdrawal | null = null;
      if (writer && versioned) {
        const iseeMerged = versioned === ISEE_SPEC ? await mergeIseePoints(session) : null;
        const duplicates = await timed("duplicates", () => removeDuplicateKeys(session, versioned));
        for (const d of duplicates) {
          errorsTotal++;
          rejectedLines++;
          if (errors.length < MAX_REPORTED_ERRORS) {
            errors.push({ line: d.line, column: "", value: "", message: `Riga ${d.line}: stesso valore (stessa chiave) della riga ${d.firstLine}; la riga ${d.line} è scartata.` });
          }
        }
        if (versioned === OBSERVATION_SPEC) {
          const jumps = await timed("jumps", () => previousYearJumps(session, JUMP_FACTOR, MAX_REPORTED_ERRORS));
          warningsTotal += jumps.total;
          for (const j of jumps.rows) {
            if (!isTenfoldJump(j.value, j.previous) || warnings.length >= MAX_REPORTED_ERRORS) continue;
            warnings.push({ line: j.line, column: "", value: String(j.value), message: `Riga ${j.line}: ${jumpWarning(j.value, j.previous, j.previousPeriod)}.` });
          }
        }
        counts = await timed("classify", () => classify(session, versioned));
        if (plan.kind === "personale" && request.zoneCode) {
          socialWorkers = await plannedSocialWorkerFte(session, request.zoneCode);
          const note = socialWorkerNote(socialWorkers, context.comuneNames);
          if (note) report.notes.push(note);
        }
        if (iseeMerged && request.zoneCode) {
          iseeWithdrawal = await plannedIseeWithdrawals(session, request.zoneCode);
          report.notes.push(...iseeNotes(iseeMerged, iseeWithdrawal));
        }
        const changes = await timed("changes", () => changedValues(session, versioned, MAX_REPORTED_CHANGES));
        report.changes = changes.map((c) => ({
          line: c.line,
          label: changeLabel(c.key, context),
          before: formatCompared(c.before),
          after: formatCompared(c.after),
        }));
      } else {
        snapshot =
          plan.kind === "indicatori"
            ? await applyCatalogRows(session.trx, catalogRows, errors)
            : plan.kind === "leps"
              ? await applyLepsRows(session.trx, request.zoneCode ?? "", lepsRows, errors, request.userLabel)
              : plan.kind === "zone"
                ? await applyZoneRows(session.trx, zoneRows, errors)
                : await applyComuniRows(session.trx, comuniRows, errors);
        counts = snapshot.counts;
        errorsTotal += snapshot.rejected;
        rejectedLines += snapshot.rejected;
        report.changes = snapshot.changes;
      }
      errors.sort((a, b) => a.line - b.line);
      warnings.sort((a, b) => a.line - b.line);
      report = { ...report, ...counts, rejected: rejectedLines, errors: errors.slice(0, MAX_REPORTED_ERRORS).map(compactRowError), errorsTotal, warnings, warningsTotal };

      // Anything but a commit writes nothing: the transaction rolls back, or (chunked) only the stage was written, and it is dropped.
      if (request.dryRun) throw new Discard({ ...report, status: "previewed" });
      // A `zone` file is a whole territory: all or nothing, even when only the valid rows are asked for.
      if (rejectedLines > 0 && (!request.validOnly || plan.kind === "zone")) throw new Discard({ ...report, status: "rejected" });
      if (warningsTotal > 0 && !request.acceptWarnings) {
        throw new Discard({ ...report, status: "rejected", fileErrors: [warningsNotAccepted(warningsTotal)] });
      }
      const withdrawn = iseeWithdrawal?.ids ?? [];
      if (counts.inserted + counts.updated === 0 && withdrawn.length === 0 && !(planUndo && hasPlanChanges(planUndo))) throw new Discard({ ...report, status: "unchanged" });
      const zoneCode = request.zoneCode;
      const afterApply =
        socialWorkers.length > 0 && zoneCode
          ? (batchId: number) => writeSocialWorkerFte(session.trx, zoneCode, batchId, socialWorkers)
          : withdrawn.length > 0 && zoneCode
            ? (batchId: number) => withdrawIseeRows(session.trx, zoneCode, batchId, withdrawn)
            : null;
      return commit(session, request, report, versioned, snapshot, planUndo, plan.save, afterApply);
    });
  } catch (error) {
    if (error instanceof Discard) return error.report;
    const fileErrors = error instanceof Rejected ? error.messages : error instanceof FileRejected ? [error.message] : null;
    if (fileErrors) return { ...report, status: request.dryRun ? "previewed" : "rejected", fileErrors: fileErrors.slice(0, MAX_FILE_ERRORS).map(compactMessage) };
    throw error;
  } finally {
    source?.close();
  }
}

/** Why a commit with warnings wrote nothing (the same words for the CLI, the page and the API). */
export function warningsNotAccepted(total: number): string {
  return `${total === 1 ? "C'è 1 avviso" : `Ci sono ${total} avvisi`} da confermare (valori insoliti, periodi fuori dal 1990 – anno in corso, nomi di comune diversi dal codice): nulla è stato scritto. Controllare gli avvisi e confermare (da riga di comando con --accept-warnings).`;
}

/** Ends the import session with a rollback and carries the report out of it. */
class Discard extends Error {
  constructor(readonly report: ImportReport) {
    super("discard");
  }
}

async function commit(
  session: ImportSession,
  request: ImportRequest,
  report: ImportReport,
  versioned: VersionedTableSpec | undefined,
  snapshot: SnapshotResult | LepsApplyResult | ZoneApplyResult | null,
  planUndo: PlanUndo | null,
  mappingSave: MappingToSave | null,
  /** Rows the import derives from its own (the LEPS's AS_FTE from a `personale` file), written under its batch. */
  afterApply: ((batchId: number) => Promise<void>) | null = null,
): Promise<ImportReport> {
  const batchId = await session.step((trx) =>
    createCommittedBatch(trx, {
      kind: report.kind ?? "valori",
      zoneCode: request.zoneCode,
      fileName: request.fileName,
      fileHash: report.fileHash,
      fileSize: report.fileSize,
      userLabel: request.userLabel,
      format: report.format,
      encoding: report.encoding,
      delimiter: report.delimiter,
      counts: { rowsRead: report.rowsRead, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected },
      report: storableReport({ ...report, status: "committed", undo: snapshot?.undo ?? null, ...(planUndo && hasPlanChanges(planUndo) ? { planUndo } : {}) }),
      status: "applying",
    }),
  );
  try {
    if (planUndo) await stampPlanChanges(session.trx, planUndo, batchId);
    const applyStarted = performance.now();
    if (versioned) await applyStage(session, versioned, batchId);
    if (afterApply) await afterApply(batchId);
    else if (snapshot) await snapshot.apply(batchId);
    // What the batch changes in the zone figures, read while nothing is published yet.
    const scopes = await aggregateScopesOf(session.trx, batchId, snapshot?.undo ?? null);
    request.onPhase?.("apply", performance.now() - applyStarted);
    const publishStarted = performance.now();
    await session.step(async (trx) => {
      await publishBatch(trx, batchId);
      // The maintained zone figures change in the transaction that publishes their inputs.
      await refreshScopes(trx, scopes);
      // The user's mapping is saved with the commit, so that a rejected or previewed file saves nothing.
      if (mappingSave) await saveColumnMapping(trx, mappingSave);
      await trx
        .insertInto("audit_event")
        .values({
          actor: request.userLabel,
          action: "import.commit",
          zone_code: request.zoneCode,
          subject: `import_batch:${batchId}`,
          details: JSON.stringify({
            kind: report.kind,
            fileName: request.fileName,
            inserted: report.inserted,
            updated: report.updated,
            rejected: report.rejected,
            ...(mappingSave ? { columnMapping: mappingSave.name } : report.savedMapping ? { columnMappingUsed: report.savedMapping.name } : {}),
          }),
        })
        .execute();
    });
    request.onPhase?.("publish", performance.now() - publishStarted);
  } catch (error) {
    // In one transaction the rollback undoes it all; in chunks, what was written is taken away again.
    if (session.chunked) await undoApplyingBatch(batchId, (work) => session.step(work));
    throw error;
  }
  return { ...report, status: "committed", batchId };
}

/** A parsed `zone` row as the territory import reads it (imports/csv/apply-zone.ts). */
function zoneFileRow(row: ZoneRow): ZoneFileRow {
  return {
    officialCode: row.officialCode,
    number: row.number.value,
    name: row.name,
    regionCode: row.regionCode,
    capofila: row.capofila,
    comune: row.comune,
    validFrom: row.validFrom,
    validTo: row.validTo,
    part: row.part,
    share: row.share === null ? null : row.share.value,
    successor: row.successor,
  };
}
