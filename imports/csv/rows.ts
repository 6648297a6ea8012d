import type { RowError } from "../report";
import type { RowValues, StagedRow } from "../load/versioned";
import type { CsvRecord } from "./records";
import type { ColumnSpec, KindSpec } from "./kinds";
import type { HeaderMatch, ValoriLayout } from "./header";
import type { NumberConvention } from "./number";
import type { Period } from "./period";
import type { ImportContext } from "./context";
import { KINDS } from "./kinds";
import { cellText, parseCell, type CellValue } from "./cells";
import { createComuneResolver, type ComuneResolver } from "./comune";
import { headerKey } from "./text";

/**
 * Turning records into rows for the staging table: cells are parsed by their
 * column's type, codes and comuni are resolved against the database, and each
 * problem becomes a row error with the line as in the file, the column as the
 * file names it, the value and an Italian message.
 */
export interface MappedRecord {
  rows: StagedRow[];
  errors: RowError[];
}

export interface RowMapper {
  map(record: CsvRecord): MappedRecord;
}

interface MapperInput {
  headers: string[];
  match: HeaderMatch;
  layout: ValoriLayout | null;
  conventions: Map<number, NumberConvention>;
  context: ImportContext;
}

const ZONE_MARKERS = new Set(["zona", "totalezona", "interazona", "ambito", "ats"]);

function isZoneMarker(raw: string, zoneCode: string | null): boolean {
  const k = headerKey(raw);
  return ZONE_MARKERS.has(k) || (zoneCode !== null && k === headerKey(zoneCode));
}

class RowParser {
  readonly resolver: ComuneResolver;
  constructor(private readonly input: MapperInput) {
    this.resolver = createComuneResolver(input.context.comuni, { zoneCode: input.context.zoneCode, provinces: input.context.provinces });
  }

  /** Parses the kind's columns of a record; errors name the column as the file's header does. */
  fields(spec: KindSpec, record: CsvRecord, errors: RowError[]): Record<string, CellValue> {
    const out: Record<string, CellValue> = {};
    for (const column of spec.columns) {
      const index = this.input.match.columns.get(column.field);
      if (index === undefined) {
        out[column.field] = null;
        continue;
      }
      const raw = record.cells[index] ?? "";
      const result = parseCell(column, raw, this.input.conventions.get(index) ?? "it");
      if (result.ok) out[column.field] = result.value;
      else errors.push(this.error(record, index, raw, result.message));
    }
    return out;
  }

  error(record: CsvRecord, index: number, value: string, message: string): RowError {
    const column = this.input.headers[index] ?? `colonna ${index + 1}`;
    return { line: record.line, column, value, message: `Riga ${record.line}, colonna "${column}": ${value ? `"${value}" ` : ""}${message}.` };
  }

  /** A comune cell: its ISTAT code, null for the zone as a whole (when allowed), or an error. */
  comune(record: CsvRecord, index: number | undefined, raw: string, errors: RowError[], allowZone: boolean): string | null | undefined {
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
    return r.comune.istat;
  }

  known(record: CsvRecord, field: string, value: CellValue, set: ReadonlySet<string>, what: string, errors: RowError[]): boolean {
    if (value === null || set.has(cellText(value))) return true;
    const index = this.input.match.columns.get(field) ?? -1;
    errors.push(this.error(record, index, cellText(value), `${what} sconosciuto`));
    return false;
  }
}

function observationValues(zone: string, indicator: string, istat: string | null, service: string | null, period: Period, value: number | null, numerator: number | null, denominator: number | null): RowValues {
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
    value,
    numerator,
    denominator,
  };
}

function valoriMapper(input: MapperInput, parser: RowParser): RowMapper {
  const zone = input.context.zoneCode as string;
  const spec = KINDS.valori;
  const layout = input.layout ?? { format: "lungo" as const };
  const column = (field: string) => spec.columns.find((c) => c.field === field) as ColumnSpec;

  if (layout.format === "lungo") {
    return {
      map(record) {
        const errors: RowError[] = [];
        const f = parser.fields(spec, record, errors);
        parser.known(record, "indicator", f.indicator ?? null, input.context.indicatorCodes, "indicatore", errors);
        parser.known(record, "service", f.service ?? null, input.context.serviceCodes, "servizio", errors);
        const comuneIndex = input.match.columns.get("comune");
        const istat = parser.comune(record, comuneIndex, record.cells[comuneIndex ?? -1] ?? "", errors, true);
        if (errors.length > 0 || istat === undefined) return { rows: [], errors };
        return {
          rows: [
            {
              line: record.line,
              values: observationValues(zone, f.indicator as string, istat, (f.service as string | null) ?? null, f.period as Period, f.value as number | null, (f.numerator as number | null) ?? null, (f.denominator as number | null) ?? null),
            },
          ],
          errors,
        };
      },
    };
  }

  const valueColumn = column("value");
  return {
    map(record) {
      const errors: RowError[] = [];
      const istat = parser.comune(record, layout.comune, record.cells[layout.comune] ?? "", errors, true);
      const rows: StagedRow[] = [];
      const add = (index: number, indicator: string, period: Period) => {
        const raw = record.cells[index] ?? "";
        const parsed = parseCell({ ...valueColumn, required: false }, raw, input.conventions.get(index) ?? "it");
        if (!parsed.ok) errors.push(parser.error(record, index, raw, parsed.message));
        else if (istat !== undefined) rows.push({ line: record.line, values: observationValues(zone, indicator, istat, null, period, parsed.value as number | null, null, null) });
      };
      if (layout.format === "largo per indicatore") {
        const rawPeriod = record.cells[layout.period] ?? "";
        const period = parseCell(column("period"), rawPeriod, "it");
        if (!period.ok) {
          errors.push(parser.error(record, layout.period, rawPeriod, period.message));
          return { rows: [], errors };
        }
        for (const ind of layout.indicators) add(ind.index, ind.code, period.value as Period);
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
          if (code) add(y.index, code, { period: String(y.year), type: "year", start: `${y.year}-01-01`, end: `${y.year}-12-31`, year: y.year });
        }
      }
      return errors.length > 0 ? { rows: [], errors } : { rows, errors };
    },
  };
}

export function createRowMapper(kind: KindSpec["kind"], input: MapperInput): RowMapper {
  const parser = new RowParser(input);
  const zone = input.context.zoneCode as string;
  const spec = KINDS[kind];
  const simple = (toValues: (record: CsvRecord, f: Record<string, CellValue>, errors: RowError[]) => RowValues | null): RowMapper => ({
    map(record) {
      const errors: RowError[] = [];
      const f = parser.fields(spec, record, errors);
      const values = errors.length === 0 ? toValues(record, f, errors) : null;
      return { rows: values && errors.length === 0 ? [{ line: record.line, values }] : [], errors };
    },
  });
  const comuneOf = (record: CsvRecord, errors: RowError[], allowZone: boolean) => {
    const index = input.match.columns.get("comune");
    return parser.comune(record, index, record.cells[index ?? -1] ?? "", errors, allowZone);
  };

  switch (kind) {
    case "valori":
      return valoriMapper(input, parser);
    case "servizi":
      return simple((_r, f) => ({ zone_code: zone, code: f.code as string, name: f.name as string, area: f.area as string, spending_type: f.spendingType as string, managing_body: (f.managingBody as string | null) ?? null }));
    case "bilancio":
      return simple((record, f, errors) => {
        parser.known(record, "service", f.service ?? null, input.context.serviceCodes, "servizio (importare prima i «servizi»)", errors);
        parser.known(record, "funding", f.funding ?? null, input.context.fundingCodes, "fonte di finanziamento", errors);
        const istat = comuneOf(record, errors, true);
        const [s, i, l, p] = [f.stanziato, f.impegnato, f.liquidato ?? f.pagato, f.pagato] as number[];
        const stage = (field: string, message: string) => errors.push(parser.error(record, input.match.columns.get(field) ?? -1, cellText(f[field]), message));
        for (const field of ["stanziato", "impegnato", "liquidato", "pagato"]) {
          if (typeof f[field] === "number" && f[field] < 0) stage(field, "non può essere negativo");
        }
        if ((i as number) > (s as number) + 0.005) stage("impegnato", "supera lo stanziato");
        if ((p as number) > (l as number) + 0.005 && f.liquidato !== null) stage("pagato", "supera il liquidato");
        if (istat === undefined || errors.length > 0) return null;
        return { zone_code: zone, year: f.year as number, service_code: f.service as string, funding_code: f.funding as string, comune_istat: istat, stanziato: s as number, impegnato: i as number, liquidato: (f.liquidato as number | null) ?? (p as number), pagato: p as number, deadline: (f.deadline as string | null) ?? null };
      });
    case "obiettivi":
      return simple((record, f, errors) => {
        parser.known(record, "indicator", f.indicator ?? null, input.context.indicatorCodes, "indicatore", errors);
        parser.known(record, "service", f.service ?? null, input.context.serviceCodes, "servizio", errors);
        const istat = comuneOf(record, errors, true);
        const targetYear = f.targetYear as number;
        let planId: number | null = null;
        if (typeof f.plan === "string") {
          const m = f.plan.match(/(\d{4})\D+(\d{4})/);
          const plan = m ? input.context.plans.find((p) => p.startYear === Number(m[1]) && p.endYear === Number(m[2])) : undefined;
          if (!plan) errors.push(parser.error(record, input.match.columns.get("plan") ?? -1, f.plan, "piano sociale di zona non trovato per questa zona"));
          else planId = plan.id;
        } else {
          planId = input.context.plans.find((p) => p.startYear <= targetYear && p.endYear >= targetYear)?.id ?? null;
        }
        if (f.baselineYear !== null && (f.baselineYear as number) > targetYear) {
          errors.push(parser.error(record, input.match.columns.get("baselineYear") ?? -1, cellText(f.baselineYear), "l'anno base segue l'anno obiettivo"));
        }
        if (istat === undefined || errors.length > 0) return null;
        return { zone_code: zone, plan_id: planId, indicator_code: f.indicator as string, comune_istat: istat, service_code: (f.service as string | null) ?? null, baseline_year: (f.baselineYear as number | null) ?? null, baseline_value: (f.baselineValue as number | null) ?? null, target_year: targetYear, target_value: f.targetValue as number, legal_source: (f.legalSource as string | null) ?? null, note: (f.note as string | null) ?? null };
      });
    case "risorse":
      return simple((record, f, errors) => {
        const istat = comuneOf(record, errors, false);
        if (istat === undefined || errors.length > 0) return null;
        return { zone_code: zone, comune_istat: istat, kind: f.kind as string, name: f.name as string, address: (f.address as string | null) ?? null, postal_code: (f.postalCode as string | null) ?? null, phone: (f.phone as string | null) ?? null, fax: (f.fax as string | null) ?? null, email: (f.email as string | null) ?? null, opening_hours: (f.openingHours as string | null) ?? null, capacity: (f.capacity as number | null) ?? null, source: (f.source as string | null) ?? null };
      });
    case "indicatori":
    case "comuni":
      return simple((_r, f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : (v as string | number | null)])));
  }
}
