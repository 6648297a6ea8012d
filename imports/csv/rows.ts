import type { RowError } from "../report";
import type { StagedRow, TableValues } from "../load/versioned";
import type { BUDGET_SPEC, ISEE_SPEC, OBSERVATION_SPEC, RESOURCE_SPEC, SERVICE_SPEC, STAFF_SPEC, TARGET_SPEC } from "../load/versioned";
import type { CsvRecord } from "./records";
import type { KindSpec, RowOf } from "./kinds";
import type { HeaderMatch, ValoriLayout } from "./header";
import { decimalDigits, missingReasonOf, type Decimal, type MissingReason, type NumberConvention } from "./number";
import type { ImportContext } from "./context";
import { yearPeriod, type Period } from "./period";
import { KINDS, VALORI_VALUE_COLUMN } from "./kinds";
import { parseNumberCell, parsePeriodCell, parseRow } from "./cells";
import { createComuneResolver, type ComuneResolver } from "./comune";
import { headerKey, ignoredRows, nameKey } from "./text";
import { CONFIDENTIAL_STATUS, isComuneCode, matchRule, rowDimensions, sdmxCellLabel, sdmxCode, sdmxPeriod, seriesKey } from "./sdmx";
import { stageBreaches } from "@/lib/budget/stages";
import { lineKeyText, snapshotIssues, type SnapshotAmounts } from "@/lib/budget/snapshots";
import { isTargetProvenance, parsePlanYears, type TargetProvenance } from "@/lib/targets/plan";
import { parseMilestones, type TargetField } from "@/lib/targets/validate";
import { targetValueIssues } from "@/lib/targets/schema";
import type { TargetKind } from "@/lib/targets/status";
import { objectiveKey } from "./context";
import { declaredScale, impliedScale, periodWarning, valueBreaches } from "@/lib/indicators/plausibility";
import { formatUpTo } from "@/lib/format";

/**
 * Turning records into rows for the staging table: cells are parsed by their
 * column's type into the kind's typed row (RowOf, derived from kinds.ts),
 * codes and comuni are resolved against the database, and each problem
 * becomes a row error with the line as in the file, the column as the file
 * names it, the value and an Italian message.
 */
export type IndicatoriRow = RowOf<typeof KINDS.indicatori>;
export type ComuniRow = RowOf<typeof KINDS.comuni>;
export type LepsRow = RowOf<typeof KINDS.leps>;
export type ZoneRow = RowOf<typeof KINDS.zone>;

/** A mapped row: for a versioned table's stage, or for one of the two reference kinds. */
export type MappedRow =
  | { target: "versioned"; row: StagedRow }
  | { target: "indicatori"; line: number; row: IndicatoriRow }
  | { target: "comuni"; line: number; row: ComuniRow }
  | { target: "leps"; line: number; row: LepsRow }
  | { target: "zone"; line: number; row: ZoneRow };

export interface MappedRecord {
  rows: MappedRow[];
  errors: RowError[];
  /** Plausible but unusual (a period outside 1990 … this year): the commit needs them accepted. */
  warnings?: RowError[];
}

export interface RowMapper {
  map(record: CsvRecord): MappedRecord;
  /** What the mapper left aside on purpose, said once the file is read (SDMX-CSV: territories outside the zone). */
  notes?(): string[];
}

export interface MapperInput {
  /** The year "after the current year" is measured from (passed in, so that tests do not depend on the date). */
  currentYear: number;
  headers: string[];
  match: HeaderMatch;
  layout: ValoriLayout | null;
  conventions: Map<number, NumberConvention>;
  context: ImportContext;
  /** The spreadsheet's sheet the records come from: messages name it and the column's letter, as the program shows them. */
  sheet?: string | null;
  /** `bilancio`: the stored snapshots of each line (imports/csv/context.ts loadBudgetSnapshots), to find disimpegni. */
  budgetSnapshots?: Map<string, SnapshotAmounts[]>;
}

/** A name as the file writes it for the comune: "Citta' della Pieve", either half of "Bolzano/Bozen". */
function sameComuneName(official: string, written: string): boolean {
  const k = nameKey(written);
  return nameKey(official) === k || official.split("/").some((part) => nameKey(part) === k);
}

const ZONE_MARKERS = new Set(["zona", "totalezona", "interazona", "ambito", "ats"]);

function isZoneMarker(raw: string, zoneCode: string | null): boolean {
  const k = headerKey(raw);
  return ZONE_MARKERS.has(k) || (zoneCode !== null && k === headerKey(zoneCode));
}

/** A cell as shown in a message: control characters made visible, long values cut (a row error never repeats a huge cell). */
const SHOWN_LENGTH = 80;
export function shownValue(raw: string): string {
  const visible = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\ufffd");
  return visible.length > SHOWN_LENGTH ? `${visible.slice(0, SHOWN_LENGTH)}… (${raw.length.toLocaleString("it-IT")} caratteri)` : visible;
}

/** A 0-based column index as a spreadsheet names it: 0 → A, 27 → AB. */
function columnLetters(index: number): string {
  let out = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

class RowParser {
  readonly resolver: ComuneResolver;
  constructor(private readonly input: MapperInput) {
    this.resolver = createComuneResolver(input.context.comuni, { zoneCode: input.context.zoneCode, provinces: input.context.provinces });
  }

  /** The kind's typed row, or null after reporting every bad cell (named as the file's header names it). */
  fields<S extends KindSpec>(spec: S, record: CsvRecord, errors: RowError[]): RowOf<S> | null {
    return parseRow(
      spec,
      (field) => {
        const index = this.input.match.columns.get(field);
        if (index === undefined) return undefined;
        const raw = record.cells[index] ?? "";
        // An empty code beside a name: the comune is the name's (resolved in comune()).
        const nameIndex = field === "comune" && raw.trim() === "" ? this.input.match.columns.get("comuneName") : undefined;
        return { raw: nameIndex === undefined ? raw : (record.cells[nameIndex] ?? ""), convention: this.input.conventions.get(index) ?? "it" };
      },
      (field, raw, message) => errors.push(this.error(record, this.input.match.columns.get(field) ?? -1, raw, message)),
    );
  }

  error(record: CsvRecord, index: number, value: string, message: string): RowError {
    const column = this.input.headers[index] ?? `colonna ${index + 1}`;
    const shown = shownValue(value);
    const place = this.input.sheet ? `Foglio «${this.input.sheet}», riga ${record.line}, colonna "${column}" (${columnLetters(index)})` : `Riga ${record.line}, colonna "${column}"`;
    return { line: record.line, column, value: shown, message: `${place}: ${shown ? `"${shown}" ` : ""}${message}.` };
  }

  /** An error on a parsed field, showing the cell as the file wrote it. */
  fieldError(record: CsvRecord, field: string, message: string): RowError {
    const index = this.input.match.columns.get(field) ?? -1;
    return this.error(record, index, record.cells[index] ?? "", message);
  }

  /**
   * A comune cell: its ISTAT code, null for the zone as a whole (when allowed),
   * or an error. Where the file also has a name column (comuneName), the code
   * decides and the name is checked (a difference is a warning naming both);
   * an empty code is resolved by the name with the same rules.
   */
  comune(record: CsvRecord, codeIndex: number | undefined, errors: RowError[], allowZone: boolean, warnings?: RowError[]): string | null | undefined {
    const nameIndex = this.input.match.columns.get("comuneName");
    const nameRaw = nameIndex === undefined || nameIndex === codeIndex ? "" : (record.cells[nameIndex] ?? "");
    let index = codeIndex;
    let raw = index === undefined ? "" : (record.cells[index] ?? "");
    if (raw.trim() === "" && nameRaw.trim() !== "") {
      index = nameIndex;
      raw = nameRaw;
    }
    if (index === undefined || raw.trim() === "") {
      if (allowZone) return null;
      if (index !== undefined) errors.push(this.error(record, index, raw, "comune mancante"));
      return undefined;
    }
    if (isZoneMarker(raw, this.input.context.zoneCode)) {
      if (allowZone) return null;
      errors.push(this.error(record, index, raw, "serve un comune, non la zona"));
      return undefined;
    }
    const r = this.resolver.resolve(raw);
    if (!r.ok) {
      errors.push(this.error(record, index, raw, r.message));
      return undefined;
    }
    if (this.input.context.zoneCode && r.comune.zoneCode !== this.input.context.zoneCode) {
      errors.push(this.error(record, index, raw, `${r.comune.name} (${r.comune.istat}) non appartiene alla zona ${this.input.context.zoneCode}`));
      return undefined;
    }
    if (index === codeIndex && nameIndex !== undefined && nameRaw.trim() !== "" && !sameComuneName(r.comune.name, nameRaw)) {
      const message = `codice ${r.comune.istat} è ${r.comune.name}, il nome dice ${nameRaw.trim()}: vale il codice`;
      (warnings ?? errors).push(this.error(record, nameIndex, nameRaw, message));
    }
    return r.comune.istat;
  }

  /** The comune column of the kind's own spec (already checked for length and control characters by fields()). */
  comuneOf(record: CsvRecord, errors: RowError[], allowZone: boolean, warnings?: RowError[]): string | null | undefined {
    return this.comune(record, this.input.match.columns.get("comune"), errors, allowZone, warnings);
  }

  /**
   * A list of comuni in one cell ("055022 | Amelia", "Narni; Amelia"): each
   * resolved as a comune cell and of the zone; duplicates kept once, in order.
   */
  comuneList(record: CsvRecord, field: string, raw: string | null, errors: RowError[]): string[] | undefined {
    if (raw === null) return [];
    const out: string[] = [];
    for (const part of raw.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== "")) {
      const r = this.resolver.resolve(part);
      if (!r.ok) {
        errors.push(this.fieldError(record, field, `«${shownValue(part)}»: ${r.message}`));
        return undefined;
      }
      if (this.input.context.zoneCode && r.comune.zoneCode !== this.input.context.zoneCode) {
        errors.push(this.fieldError(record, field, `${r.comune.name} (${r.comune.istat}) non appartiene alla zona ${this.input.context.zoneCode}`));
        return undefined;
      }
      if (!out.includes(r.comune.istat)) out.push(r.comune.istat);
    }
    return out;
  }

  known(record: CsvRecord, field: string, value: string | null, set: ReadonlySet<string>, what: string, errors: RowError[]): boolean {
    if (value === null || set.has(value)) return true;
    errors.push(this.fieldError(record, field, `${what} sconosciuto`));
    return false;
  }
}

const text = (d: Decimal | null) => (d === null ? null : d.text);

function observationValues(
  zone: string,
  indicator: string,
  istat: string | null,
  service: string | null,
  period: Period,
  value: Decimal | null,
  numerator: Decimal | null,
  denominator: Decimal | null,
  missingReason: MissingReason | null,
): TableValues<typeof OBSERVATION_SPEC> {
  return {
    indicator_code: indicator,
    zone_code: zone,
    comune_istat: istat,
    service_code: service,
    period: period.period,
    period_type: period.type,
    period_start: period.start,
    period_end: period.end,
    year: period.year,
    value: text(value),
    numerator: text(numerator),
    denominator: text(denominator),
    missing_reason: value === null ? missingReason : null,
  };
}

/**
 * The plausibility rules of lib/indicators/plausibility.ts applied to the
 * values of a file: a ratio without a declared scale is checked against the
 * scale its first complete row implies (value ÷ numerator / denominator).
 */
class Plausibility {
  private readonly inferred = new Map<string, number>();
  constructor(
    private readonly input: MapperInput,
    private readonly parser: RowParser,
  ) {}

  check(record: CsvRecord, indicator: string, period: Period, cells: { value: Decimal | null; numerator: Decimal | null; denominator: Decimal | null }, columns: { value: number; period: number }, errors: RowError[], warnings: RowError[]): void {
    const def = this.input.context.indicators.get(indicator);
    const warning = periodWarning(period.year, this.input.currentYear);
    if (warning) warnings.push(this.parser.error(record, columns.period, record.cells[columns.period] ?? "", warning));
    if (!def) return;
    const observed = {
      value: cells.value?.value ?? null,
      numerator: cells.numerator?.value ?? null,
      denominator: cells.denominator?.value ?? null,
      valueDecimals: cells.value ? decimalDigits(cells.value).fraction : 0,
    };
    let scale = declaredScale(def) ?? this.inferred.get(indicator) ?? null;
    if (scale === null && def.aggregation === "ratio") {
      scale = impliedScale(observed);
      if (scale !== null) this.inferred.set(indicator, scale);
    }
    for (const b of valueBreaches(def, observed, scale)) {
      const index = b.field === "value" ? columns.value : (this.input.match.columns.get(b.field) ?? -1);
      errors.push(this.parser.error(record, index, record.cells[index] ?? "", b.message));
    }
  }
}

const versioned = (line: number, values: StagedRow["values"]): MappedRow => ({ target: "versioned", row: { line, values } });

function valoriMapper(input: MapperInput, parser: RowParser, zone: string): RowMapper {
  const spec = KINDS.valori;
  const plausibility = new Plausibility(input, parser);
  const layout: ValoriLayout = input.layout ?? { format: "lungo" };
  if (layout.format === "SDMX-CSV") return sdmxMapper(input, parser, plausibility, zone, layout);

  if (layout.format === "lungo") {
    return {
      map(record) {
        const errors: RowError[] = [];
        const f = parser.fields(spec, record, errors);
        if (!f) return { rows: [], errors };
        parser.known(record, "indicator", f.indicator, input.context.indicatorCodes, "indicatore", errors);
        parser.known(record, "service", f.service, input.context.serviceCodes, "servizio", errors);
        const warnings: RowError[] = [];
        const istat = parser.comuneOf(record, errors, true, warnings);
        if (errors.length === 0) plausibility.check(record, f.indicator, f.period, f, { value: input.match.columns.get("value") ?? -1, period: input.match.columns.get("period") ?? -1 }, errors, warnings);
        if (errors.length > 0 || istat === undefined) return { rows: [], errors };
        const reason = missingReasonOf(record.cells[input.match.columns.get("value") ?? -1] ?? "");
        return { rows: [versioned(record.line, observationValues(zone, f.indicator, istat, f.service, f.period, f.value, f.numerator, f.denominator, reason))], errors, warnings };
      },
    };
  }

  const valueColumn = { ...VALORI_VALUE_COLUMN, required: false };
  return {
    map(record) {
      const errors: RowError[] = [];
      const warnings: RowError[] = [];
      const istat = parser.comune(record, layout.comune, errors, true, warnings);
      const rows: MappedRow[] = [];
      const add = (index: number, indicator: string, period: Period, periodIndex: number) => {
        const raw = record.cells[index] ?? "";
        const parsed = parseNumberCell(valueColumn, raw, input.conventions.get(index) ?? "it");
        if (!parsed.ok) {
          errors.push(parser.error(record, index, raw, parsed.message));
          return;
        }
        plausibility.check(record, indicator, period, { value: parsed.value, numerator: null, denominator: null }, { value: index, period: periodIndex }, errors, warnings);
        if (istat !== undefined) rows.push(versioned(record.line, observationValues(zone, indicator, istat, null, period, parsed.value, null, null, missingReasonOf(raw))));
      };
      if (layout.format === "largo per indicatore") {
        const rawPeriod = record.cells[layout.period] ?? "";
        const period = parsePeriodCell(rawPeriod);
        if (!period.ok) {
          errors.push(parser.error(record, layout.period, rawPeriod, period.message));
          return { rows: [], errors };
        }
        for (const ind of layout.indicators) add(ind.index, ind.code, period.value, layout.period);
      } else {
        let indicator: string | null = null;
        if (layout.indicator !== null) {
          const raw = (record.cells[layout.indicator] ?? "").trim().toUpperCase();
          if (!input.context.indicatorCodes.has(raw)) {
            errors.push(parser.error(record, layout.indicator, raw, "indicatore sconosciuto"));
            return { rows: [], errors };
          }
          indicator = raw;
        }
        for (const y of layout.years) {
          const code = y.code ?? indicator;
          if (code) add(y.index, code, yearPeriod(y.year), y.index);
        }
      }
      return errors.length > 0 ? { rows: [], errors } : { rows, errors, warnings };
    },
  };
}

/**
 * SDMX-CSV rows (sdmx.ts): the indicator from the row's dimension values by
 * the mapping's rules, the comune from REF_AREA (its label column, if any,
 * checked as a name), the period from TIME_PERIOD, the value from OBS_VALUE
 * (an empty value withheld by the source, CONF_STATUS C/D/N, is kept as
 * confidential). An export covers a whole dataflow: rows for Italy, regions,
 * provinces, comuni of other zones and combinations marked «ignora» are left
 * aside and counted in the notes.
 */
function sdmxMapper(input: MapperInput, parser: RowParser, plausibility: Plausibility, zone: string, layout: Extract<ValoriLayout, { format: "SDMX-CSV" }>): RowMapper {
  const { shape, rules } = layout;
  const indicatorOf = new Map<string, string | null | undefined>();
  let notComune = 0;
  let outside = 0;
  let ignored = 0;
  const unknown = new Map<string, number>();
  return {
    map(record) {
      const errors: RowError[] = [];
      const warnings: RowError[] = [];
      const cells = record.cells;
      const dims = rowDimensions(shape, cells);
      const key = seriesKey(dims);
      if (!indicatorOf.has(key)) indicatorOf.set(key, matchRule(rules, dims)?.indicator);
      const indicator = indicatorOf.get(key);
      if (indicator === null) {
        ignored++;
        return { rows: [], errors };
      }
      if (indicator === undefined) {
        errors.push(parser.error(record, shape.dimensions[0]?.index ?? shape.value, "", `nessun indicatore per la combinazione ${Object.entries(dims).map(([k, v]) => `${k}=${v}`).join(", ")}`));
        return { rows: [], errors };
      }
      const code = sdmxCode(cells[shape.territory] ?? "");
      if (!isComuneCode(code)) {
        notComune++;
        return { rows: [], errors };
      }
      const found = parser.resolver.resolve(code);
      if (!found.ok) {
        unknown.set(code, (unknown.get(code) ?? 0) + 1);
        return { rows: [], errors };
      }
      if (input.context.zoneCode && found.comune.zoneCode !== input.context.zoneCode) {
        outside++;
        return { rows: [], errors };
      }
      const label = shape.territoryLabel !== null ? (cells[shape.territoryLabel] ?? "").trim() : (sdmxCellLabel(cells[shape.territory] ?? "") ?? "");
      if (label && !sameComuneName(found.comune.name, label)) {
        warnings.push(parser.error(record, shape.territoryLabel ?? shape.territory, label, `codice ${found.comune.istat} è ${found.comune.name}, il nome dice ${label}: vale il codice`));
      }
      const rawPeriod = cells[shape.period] ?? "";
      const period = parsePeriodCell(sdmxPeriod(rawPeriod));
      if (!period.ok) errors.push(parser.error(record, shape.period, rawPeriod, period.message));
      const mult = shape.unitMult === null ? "" : sdmxCode(cells[shape.unitMult] ?? "");
      if (mult !== "" && mult !== "0") {
        errors.push(parser.error(record, shape.unitMult ?? shape.value, mult, `valore in unità di 10^${mult} (UNIT_MULT): esportare i dati in unità`));
      }
      const raw = cells[shape.value] ?? "";
      const status = (col: number | null) => (col === null ? "" : sdmxCode(cells[col] ?? "").toUpperCase());
      let value: Decimal | null = null;
      let reason: MissingReason | null = null;
      if (raw.trim() === "" && CONFIDENTIAL_STATUS.has(status(shape.confStatus))) reason = "confidential";
      else if (raw.trim() === "" && status(shape.obsStatus) !== "") reason = "unknown";
      else {
        const parsed = parseNumberCell(VALORI_VALUE_COLUMN, raw, input.conventions.get(shape.value) ?? "en");
        if (!parsed.ok) errors.push(parser.error(record, shape.value, raw, parsed.message));
        else {
          value = parsed.value;
          reason = missingReasonOf(raw);
        }
      }
      if (errors.length > 0 || !period.ok) return { rows: [], errors };
      plausibility.check(record, indicator, period.value, { value, numerator: null, denominator: null }, { value: shape.value, period: shape.period }, errors, warnings);
      if (errors.length > 0) return { rows: [], errors };
      return { rows: [versioned(record.line, observationValues(zone, indicator, found.comune.istat, null, period.value, value, null, null, reason))], errors, warnings };
    },
    notes() {
      const out: string[] = [];
      if (notComune) out.push(`${ignoredRows(notComune)} di territori che non sono comuni (Italia, ripartizioni, regioni, province).`);
      if (outside) out.push(`${ignoredRows(outside)} di comuni di altre zone.`);
      if (unknown.size) {
        const rows = [...unknown.values()].reduce((a, b) => a + b, 0);
        out.push(`${ignoredRows(rows)} con codici di comune non più in vigore o sconosciuti (${[...unknown.keys()].slice(0, 5).join(", ")}${unknown.size > 5 ? ", …" : ""}).`);
      }
      if (ignored) out.push(`${ignoredRows(ignored)} di combinazioni di dimensioni segnate «ignora».`);
      return out;
    },
  };
}

/**
 * `isee`: users per ISEE band, or one anonymous user per row (a "point":
 * isee_to = isee_from, 1 user; points of the same value are summed in the
 * stage, imports/csv/run-csv.ts). The two forms are not mixed for one service
 * and year, and bands of one service and year do not overlap.
 */
function iseeMapper(input: MapperInput, parser: RowParser, zone: string): RowMapper {
  const seen = new Map<string, { shape: "bands" | "values"; line: number; bands: { from: number; to: number | null; line: number }[] }>();
  const euro = (v: number) => formatUpTo(v, 2);
  return simpleMapper(parser, KINDS.isee, (record, f, errors) => {
    parser.known(record, "service", f.service, input.context.serviceCodes, "servizio (importare prima i «servizi»)", errors);
    if (f.year > input.currentYear) errors.push(parser.fieldError(record, "year", "l'anno è dopo l'anno in corso"));
    const bandFields = (["iseeFrom", "iseeTo", "users", "exempt"] as const).filter((k) => f[k] !== null);
    // Where a message about a missing cell goes: the first of the form's columns the file has.
    const present = (fields: readonly string[]) => fields.find((k) => input.match.columns.has(k)) ?? "service";
    let shape: "bands" | "values";
    let values: TableValues<typeof ISEE_SPEC>;
    if (f.isee !== null) {
      shape = "values";
      for (const k of bandFields) errors.push(parser.fieldError(record, k, "con l'ISEE di un utente (colonna «isee») le colonne della fascia restano vuote"));
      values = { zone_code: zone, year: f.year, service_code: f.service, isee_from: f.isee.text, isee_to: f.isee.text, users: 1, exempt: f.exemptUser ? 1 : 0 };
    } else {
      shape = "bands";
      if (f.exemptUser !== null) errors.push(parser.fieldError(record, "exemptUser", "«esente» vale per un utente per riga: per una fascia indicare gli esenti nella colonna «esenti»"));
      if (f.iseeFrom === null || f.users === null) {
        const missing =
          f.iseeFrom === null && f.users === null
            ? "manca l'ISEE dell'utente (colonna «isee») oppure la fascia (colonne «isee_inizio» e «utenti»)"
            : f.iseeFrom === null
              ? "manca l'ISEE di inizio della fascia (colonna «isee_inizio»)"
              : "mancano gli utenti della fascia (colonna «utenti»)";
        errors.push(parser.fieldError(record, present(f.iseeFrom === null ? ["iseeFrom", "isee", "users"] : ["users", "iseeFrom"]), missing));
        return null;
      }
      if (f.iseeTo !== null && !(f.iseeTo.value > f.iseeFrom.value)) errors.push(parser.fieldError(record, "iseeTo", "la fascia finisce prima di iniziare: l'ISEE di fine deve essere maggiore di quello di inizio"));
      if (f.exempt !== null && f.exempt.value > f.users.value) errors.push(parser.fieldError(record, "exempt", "più esenti che utenti nella fascia"));
      values = { zone_code: zone, year: f.year, service_code: f.service, isee_from: f.iseeFrom.text, isee_to: text(f.iseeTo), users: f.users.text, exempt: f.exempt === null ? "0" : f.exempt.text };
    }
    if (errors.length > 0) return null;
    const key = `${f.year}|${f.service}`;
    const before = seen.get(key);
    if (before && before.shape !== shape) {
      errors.push(
        parser.fieldError(
          record,
          shape === "values" ? "isee" : present(["iseeFrom", "users"]),
          `il servizio ${f.service} nel ${f.year} ha già ${before.shape === "bands" ? "utenti per fascia" : "un utente per riga"} (riga ${before.line}): non mescolare le due forme`,
        ),
      );
      return null;
    }
    if (shape === "bands" && f.iseeFrom !== null) {
      const from = f.iseeFrom.value;
      const to = f.iseeTo?.value ?? null;
      const overlap = before?.bands.find((b) => from < (b.to ?? Infinity) && b.from < (to ?? Infinity) && !(b.from === from && b.to === to));
      if (overlap) {
        errors.push(parser.fieldError(record, "iseeFrom", `la fascia si sovrappone a quella della riga ${overlap.line} (${euro(overlap.from)}–${overlap.to === null ? "" : euro(overlap.to)} €)`));
        return null;
      }
    }
    const entry = before ?? { shape, line: record.line, bands: [] };
    if (shape === "bands" && f.iseeFrom !== null) entry.bands.push({ from: f.iseeFrom.value, to: f.iseeTo?.value ?? null, line: record.line });
    seen.set(key, entry);
    return versioned(record.line, values);
  });
}

/** A kind whose record gives at most one row: parse, then map (or report) with the typed row. */
function simpleMapper<S extends KindSpec>(
  parser: RowParser,
  spec: S,
  toRow: (record: CsvRecord, f: RowOf<S>, errors: RowError[], warnings: RowError[]) => MappedRow | null,
): RowMapper {
  return {
    map(record) {
      const errors: RowError[] = [];
      const warnings: RowError[] = [];
      const f = parser.fields(spec, record, errors);
      const row = f ? toRow(record, f, errors, warnings) : null;
      return row && errors.length === 0 ? { rows: [row], errors, warnings } : { rows: [], errors };
    },
  };
}

export function createRowMapper(kind: KindSpec["kind"], input: MapperInput): RowMapper {
  const parser = new RowParser(input);
  const zone = input.context.zoneCode ?? "";
  const { serviceCodes, fundingCodes } = input.context;

  switch (kind) {
    case "valori":
      return valoriMapper(input, parser, zone);
    case "servizi":
      return simpleMapper(parser, KINDS.servizi, (record, f, errors) => {
        const comuni = parser.comuneList(record, "comuni", f.comuni, errors);
        const sedi = f.sedi === null ? [] : [...new Set(f.sedi.split("|").map((s) => s.trim()).filter((s) => s !== ""))];
        if (f.nomenclatoreFrom !== null && f.nomenclatoreTo !== null && f.nomenclatoreTo < f.nomenclatoreFrom) errors.push(parser.fieldError(record, "nomenclatoreTo", "la fine di validità del codice è prima del suo inizio"));
        if ((f.nomenclatoreFrom !== null || f.nomenclatoreTo !== null) && f.nomenclatoreCode === null) errors.push(parser.fieldError(record, "nomenclatoreFrom", "date di validità senza codice del nomenclatore"));
        if (comuni === undefined || errors.length > 0) return null;
        const values: TableValues<typeof SERVICE_SPEC> = {
          zone_code: zone,
          code: f.code,
          name: f.name,
          area: f.area,
          spending_type: f.spendingType,
          managing_body: f.managingBody,
          category_code: f.category,
          nomenclatore_code: f.nomenclatoreCode,
          nomenclatore_from: f.nomenclatoreFrom,
          nomenclatore_to: f.nomenclatoreTo,
          management_mode: f.managementMode,
          comuni: JSON.stringify(comuni),
          sedi: JSON.stringify(sedi),
        };
        return versioned(record.line, values);
      });
    case "personale":
      return simpleMapper(parser, KINDS.personale, (record, f, errors, warnings) => {
        parser.known(record, "service", f.service, serviceCodes, "servizio (importare prima i «servizi»)", errors);
        const istat = parser.comuneOf(record, errors, true, warnings);
        if (istat !== null && istat !== undefined && f.employer !== "comune") errors.push(parser.fieldError(record, "comune", "il comune del datore di lavoro si indica solo per il datore «comune»"));
        if (f.asOf > new Date(Date.UTC(input.currentYear, 11, 31)).toISOString().slice(0, 10)) errors.push(parser.fieldError(record, "asOf", "la data è dopo l'anno in corso"));
        if (istat === undefined || errors.length > 0) return null;
        const values: TableValues<typeof STAFF_SPEC> = {
          zone_code: zone,
          as_of: f.asOf,
          profile: f.profile,
          employer: f.employer,
          employer_comune: istat,
          service_code: f.service,
          sede: f.sede,
          fte: f.fte.text,
        };
        return versioned(record.line, values);
      });
    case "isee":
      return iseeMapper(input, parser, zone);
    case "bilancio": {
      // Copied: the file's own snapshots join the stored ones as rows are read.
      const snapshots = new Map([...(input.budgetSnapshots ?? new Map<string, SnapshotAmounts[]>())].map(([k, v]) => [k, [...v]]));
      return simpleMapper(parser, KINDS.bilancio, (record, f, errors, warnings) => {
        parser.known(record, "service", f.service, serviceCodes, "servizio (importare prima i «servizi»)", errors);
        parser.known(record, "funding", f.funding, fundingCodes, "fonte di finanziamento", errors);
        const istat = parser.comuneOf(record, errors, true, warnings);
        // Without a liquidato column, what is paid has been liquidated.
        const liquidato = f.liquidato ?? f.pagato;
        const amounts = { stanziato: f.stanziato.value, impegnato: f.impegnato.value, liquidato: liquidato.value, pagato: f.pagato.value };
        for (const b of stageBreaches(amounts)) {
          if (f.liquidato === null && b.stage === "liquidato") errors.push(parser.fieldError(record, "pagato", "il pagato supera l'impegnato"));
          else errors.push(parser.fieldError(record, b.stage, b.message));
        }
        if (f.pagatoResidui !== null && (f.residuiIniziali === null || f.pagatoResidui.value > f.residuiIniziali.value))
          errors.push(parser.fieldError(record, "pagatoResidui", f.residuiIniziali === null ? "pagamenti in conto residui senza i residui iniziali" : "i pagamenti in conto residui superano i residui iniziali"));
        const referenceDate = f.referenceDate ?? `${f.year}-12-31`;
        if (referenceDate < `${f.year}-01-01`) errors.push(parser.fieldError(record, "referenceDate", `la situazione è prima dell'inizio dell'esercizio ${f.year}`));
        if (istat === undefined || errors.length > 0) return null;
        // Stages are cumulative: a lower impegnato or liquidato than the line's previous snapshot needs a reason.
        const snapshot: SnapshotAmounts = { referenceDate, impegnato: amounts.impegnato, liquidato: amounts.liquidato, disimpegnoReason: f.disimpegnoReason };
        const key = lineKeyText({ year: f.year, serviceCode: f.service, fundingCode: f.funding, istat, project: f.project });
        const others = (snapshots.get(key) ?? []).filter((s) => s.referenceDate !== referenceDate);
        for (const issue of snapshotIssues(others, snapshot)) errors.push(parser.fieldError(record, f.disimpegnoReason === null ? "disimpegnoReason" : "referenceDate", issue));
        if (errors.length > 0) return null;
        snapshots.set(key, [...others, snapshot]);
        const values: TableValues<typeof BUDGET_SPEC> = {
          zone_code: zone,
          year: f.year,
          service_code: f.service,
          funding_code: f.funding,
          comune_istat: istat,
          project: f.project,
          reference_date: referenceDate,
          stanziato: f.stanziato.text,
          impegnato: f.impegnato.text,
          liquidato: liquidato.text,
          pagato: f.pagato.text,
          deadline: f.deadline,
          residui_iniziali: text(f.residuiIniziali),
          pagato_residui: text(f.pagatoResidui),
          disimpegno_reason: f.disimpegnoReason,
        };
        return versioned(record.line, values);
      });
    }
    case "obiettivi":
      return simpleMapper(parser, KINDS.obiettivi, (record, f, errors, warnings) => obiettiviRow(input, parser, zone, record, f, errors, warnings));
    case "risorse":
      return simpleMapper(parser, KINDS.risorse, (record, f, errors, warnings) => {
        const istat = parser.comuneOf(record, errors, false, warnings);
        if (istat === undefined || errors.length > 0) return null;
        const values: TableValues<typeof RESOURCE_SPEC> = {
          zone_code: zone,
          comune_istat: istat,
          kind: f.kind,
          name: f.name,
          address: f.address,
          postal_code: f.postalCode,
          phone: f.phone,
          fax: f.fax,
          email: f.email,
          opening_hours: f.openingHours,
          capacity: text(f.capacity),
          source: f.source,
        };
        return versioned(record.line, values);
      });
    case "indicatori":
      return simpleMapper(parser, KINDS.indicatori, (record, row) => ({ target: "indicatori", line: record.line, row }));
    case "comuni":
      return simpleMapper(parser, KINDS.comuni, (record, row) => ({ target: "comuni", line: record.line, row }));
    case "zone":
      return simpleMapper(parser, KINDS.zone, (record, row) => ({ target: "zone", line: record.line, row }));
    case "leps":
      return simpleMapper(parser, KINDS.leps, (record, row, errors) => {
        // The same rules as the planner's form on the LEPS page.
        if (row.evidenceUrl !== null && !/^https?:\/\/\S+$/.test(row.evidenceUrl)) errors.push(parser.fieldError(record, "evidenceUrl", "indirizzo non valido: deve iniziare con https:// (o http://)"));
        if (row.assessedOn > new Date(Date.UTC(input.currentYear, 11, 31)).toISOString().slice(0, 10)) errors.push(parser.fieldError(record, "assessedOn", "la data è dopo l'anno in corso"));
        return errors.length > 0 ? null : { target: "leps", line: record.line, row };
      });
  }
}

export type ObiettiviRow = RowOf<typeof KINDS.obiettivi>;

/** The typed row of an `obiettivi` record, or null (its errors are reported by the mapper's own pass). */
export function readObiettiviRow(input: MapperInput): (record: CsvRecord) => ObiettiviRow | null {
  const parser = new RowParser(input);
  return (record) => parser.fields(KINDS.obiettivi, record, []);
}

/** Which column of the file a target problem is about. */
const TARGET_FIELD_COLUMN: Record<TargetField, string> = {
  kind: "kind",
  baselineYear: "baselineYear",
  baselineValue: "baselineValue",
  targetYear: "targetYear",
  targetValue: "targetValue",
  milestones: "milestones",
  tolerance: "tolerance",
};

function obiettiviRow(input: MapperInput, parser: RowParser, zone: string, record: CsvRecord, f: ObiettiviRow, errors: RowError[], warnings: RowError[]): MappedRow | null {
  const { indicatorCodes, serviceCodes, plans, objectives, polarities } = input.context;
  parser.known(record, "indicator", f.indicator, indicatorCodes, "indicatore", errors);
  parser.known(record, "service", f.service, serviceCodes, "servizio", errors);
  const istat = parser.comuneOf(record, errors, true, warnings);
  let planId: number | null = null;
  if (f.plan !== null) {
    // Editions the file names that did not exist were created before this pass (imports/csv/plans.ts).
    const years = parsePlanYears(f.plan);
    const plan = years ? plans.find((p) => p.startYear === years.startYear && p.endYear === years.endYear) : undefined;
    if (!years) errors.push(parser.fieldError(record, "plan", "piano non leggibile: scrivere gli anni dell'edizione, es. 2024-2026"));
    else if (!plan) errors.push(parser.fieldError(record, "plan", "piano sociale di zona non trovato per questa zona"));
    else planId = plan.id;
  } else {
    planId = plans.find((p) => p.startYear <= f.targetYear && p.endYear >= f.targetYear)?.id ?? null;
  }
  if (f.objective !== null) {
    const def = planId === null ? undefined : objectives.get(objectiveKey(planId, f.objective));
    if (planId === null) errors.push(parser.fieldError(record, "objective", "un obiettivo appartiene a un piano: indicare il piano"));
    else if (!def) errors.push(parser.fieldError(record, "objective", "obiettivo nuovo: alla prima riga che lo nomina servono area e titolo_obiettivo"));
    else {
      const differs = (field: "area" | "objectiveTitle" | "objectiveDescription" | "office", given: string | null, stored: string | null) => {
        if (given !== null && given !== stored) errors.push(parser.fieldError(record, field, `diverso da quanto indicato prima per l'obiettivo ${f.objective} («${stored ?? ""}»)`));
      };
      differs("area", f.area, def.area);
      differs("objectiveTitle", f.objectiveTitle, def.title);
      differs("objectiveDescription", f.objectiveDescription, def.description);
      differs("office", f.office, def.office);
    }
  }
  const milestones = f.milestones === null ? { ok: true as const, value: [] } : parseMilestones(f.milestones);
  if (!milestones.ok) errors.push(parser.fieldError(record, "milestones", milestones.message));
  const kind = (f.kind ?? "trajectory") as TargetKind;
  const polarity = polarities.get(f.indicator);
  if (polarity !== undefined && milestones.ok) {
    // The same schema as the planner's form (lib/targets/schema.ts): the same targets refused, with the same words.
    const problems = targetValueIssues(
      {
        kind,
        baselineYear: f.baselineYear,
        baselineValue: f.baselineValue?.value ?? null,
        targetYear: f.targetYear,
        targetValue: f.targetValue.value,
        milestones: milestones.value,
        tolerance: f.tolerance?.value ?? null,
      },
      polarity,
    );
    for (const p of problems) errors.push(parser.fieldError(record, TARGET_FIELD_COLUMN[p.field], p.message));
  }
  if (istat === undefined || errors.length > 0 || !milestones.ok) return null;
  const provenance: TargetProvenance = f.provenance !== null && isTargetProvenance(f.provenance) ? f.provenance : f.legalSource !== null ? "leps" : planId !== null ? "psz" : "lavoro";
  const values: TableValues<typeof TARGET_SPEC> = {
    zone_code: zone,
    plan_id: planId,
    indicator_code: f.indicator,
    comune_istat: istat,
    service_code: f.service,
    baseline_year: f.baselineYear,
    baseline_value: text(f.baselineValue),
    target_year: f.targetYear,
    target_value: f.targetValue.text,
    legal_source: f.legalSource,
    note: f.note,
    objective_code: f.objective,
    kind,
    provenance,
    milestones: JSON.stringify([...milestones.value].sort((a, b) => a.year - b.year)),
    tolerance: text(f.tolerance),
  };
  return versioned(record.line, values);
}
