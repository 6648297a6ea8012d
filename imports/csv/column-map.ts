import { createHash } from "node:crypto";
import { z } from "zod";
import { compactHeader } from "./header-match";
import type { KindSpec } from "./kinds";
import { headerKey } from "./text";

/**
 * Column mapping: which field of the kind each column of a file fills, or
 * that a column is ignored. It comes from the user (CLI --map, the API's
 * `map`, the web preview's form) and from the mappings saved for the zone,
 * keyed by the file's set of headers (db/queries/column-mappings.ts), so the
 * next file with the same headers is read the same way.
 */
export { IGNORE } from "../report";
import { IGNORE } from "../report";
const IGNORE_WORDS = new Set(["ignora", "ignorare", "ignorata", "ignore", "nessuno", "nessuna"]);

/** One column as the user maps it: the header as the file writes it, and a field (null: ignored). */
export interface ColumnChoice {
  header: string;
  field: string | null;
}

/** An SDMX-CSV rule: rows whose dimensions have these values make this indicator (null: ignored). */
export interface IndicatorRule {
  when: Record<string, string>;
  indicator: string | null;
}

/** What a saved mapping stores (column_mapping.mapping). */
export const StoredMapping = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  indicators: z.array(z.object({ when: z.record(z.string(), z.string()), indicator: z.string().nullable() })).optional(),
});
export type StoredMapping = z.infer<typeof StoredMapping>;

/** An entry of --map / map=: "Cod. ISTAT=comune", "Note=ignora", or for SDMX-CSV "SEX=9,AGE=TOTAL=POP_TOT". */
export type MapEntry = { type: "column"; header: string; target: string } | { type: "indicator"; when: Record<string, string>; target: string };

export const MAX_MAP_ENTRIES = 500;
const MAX_ENTRY_LENGTH = 1000;

/**
 * Reads one entry. The target is after the last "="; a left side that itself
 * holds "=" lists dimension values (DIM=VALUE, separated by commas) of an
 * SDMX-CSV file. Returns an Italian message for a malformed entry.
 */
export function parseMapEntry(text: string): MapEntry | string {
  if (text.length > MAX_ENTRY_LENGTH) return `Corrispondenza troppo lunga (più di ${MAX_ENTRY_LENGTH} caratteri).`;
  const at = text.lastIndexOf("=");
  if (at <= 0 || at === text.length - 1) {
    return `Corrispondenza «${text}» non valida: scrivere colonna=campo, per esempio "Cod. ISTAT=comune" o "Note=${IGNORE}".`;
  }
  const left = text.slice(0, at).trim();
  const target = text.slice(at + 1).trim();
  if (!left.includes("=")) return { type: "column", header: left, target };
  const when: Record<string, string> = {};
  for (const part of left.split(",")) {
    const eq = part.indexOf("=");
    const dim = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq <= 0 || !dim || !value) return `Corrispondenza «${text}» non valida: per un file SDMX scrivere DIMENSIONE=valore,DIMENSIONE=valore=INDICATORE, per esempio "SEX=9,AGE=TOTAL=POP_TOT".`;
    when[dim] = value;
  }
  return { type: "indicator", when, target };
}

/** Parses every entry; the messages of the malformed ones. */
export function parseMapEntries(texts: readonly string[]): { entries: MapEntry[]; errors: string[] } {
  const entries: MapEntry[] = [];
  const errors: string[] = [];
  if (texts.length > MAX_MAP_ENTRIES) errors.push(`Al massimo ${MAX_MAP_ENTRIES} corrispondenze.`);
  for (const t of texts.slice(0, MAX_MAP_ENTRIES)) {
    const e = parseMapEntry(t);
    if (typeof e === "string") errors.push(e);
    else entries.push(e);
  }
  return { entries, errors };
}

/** Whether a target says "ignore this column". */
export function isIgnore(target: string): boolean {
  return IGNORE_WORDS.has(headerKey(target));
}

/**
 * A key for the file's set of headers: the headers as words (case, accents
 * and punctuation do not matter), sorted, hashed; empty headers do not count.
 */
export function headerSetKey(headers: readonly string[]): string {
  const words = headers.map(compactHeader).filter((w) => w !== "").sort();
  return createHash("sha256").update(JSON.stringify(words)).digest("hex").slice(0, 32);
}

/** The column of a header: the same text first, then the same words; columns already used are skipped. */
function findColumn(headers: readonly string[], header: string, used: ReadonlySet<number>): number {
  const exact = headers.findIndex((h, i) => !used.has(i) && h.trim() === header.trim());
  if (exact !== -1) return exact;
  const key = compactHeader(header);
  return key === "" ? -1 : headers.findIndex((h, i) => !used.has(i) && compactHeader(h) === key);
}

/** The field a target names: its field name or its template label, as words. */
export function findField(spec: KindSpec, target: string): string | null {
  const k = headerKey(target);
  return spec.columns.find((c) => headerKey(c.field) === k || headerKey(c.label) === k)?.field ?? null;
}

export interface ResolvedChoices {
  /** column index → field, or null for a column to ignore. */
  forced: Map<number, string | null>;
  /** "valori": column index → the indicator whose values the column holds ("Totale=POP_TOT"). */
  indicators: Map<number, string>;
  errors: string[];
}

const fieldList = (spec: KindSpec) => `${spec.columns.map((c) => c.label).join(", ")} o «${IGNORE}»`;

/**
 * The user's column entries applied to a header row. `strict` (the user's
 * own entries): a header the file lacks or an unknown field is an error; for
 * a saved mapping applied to a file whose headers differ (--mapping NAME)
 * such entries are skipped. For "valori" a target may also be a catalogue
 * code: the column holds that indicator's values, as a column headed by the
 * code would (a wide file whose value column is headed «Totale»).
 */
export function resolveColumnEntries(headers: readonly string[], entries: readonly ColumnChoice[] | readonly MapEntry[], spec: KindSpec, strict: boolean, indicatorCodes: ReadonlySet<string> = new Set()): ResolvedChoices {
  const forced = new Map<number, string | null>();
  const indicators = new Map<number, string>();
  const codeOf = new Map(spec.kind === "valori" ? [...indicatorCodes].map((c) => [headerKey(c), c]) : []);
  const errors: string[] = [];
  const byField = new Map<string, number>();
  for (const raw of entries) {
    if ("type" in raw && raw.type !== "column") continue;
    const header = raw.header;
    const target = "type" in raw ? raw.target : (raw.field ?? IGNORE);
    const index = findColumn(headers, header, new Set([...forced.keys(), ...indicators.keys()]));
    if (index === -1) {
      if (strict) errors.push(`Corrispondenza «${header}=${target}»: il file non ha una colonna «${header}» (colonne: ${headers.filter((h) => h.trim()).map((h) => `«${h}»`).join(", ")}).`);
      continue;
    }
    let field: string | null = null;
    if (!isIgnore(target)) {
      field = findField(spec, target);
      const code = field === null ? codeOf.get(headerKey(target)) : undefined;
      if (code !== undefined) {
        indicators.set(index, code);
        continue;
      }
      if (field === null) {
        const codes = spec.kind === "valori" ? " o il codice di un indicatore del catalogo (la colonna ne contiene i valori)" : "";
        if (strict) errors.push(`Corrispondenza «${header}=${target}»: «${target}» non è un campo di «${spec.kind}». Campi possibili: ${fieldList(spec)}${codes}.`);
        continue;
      }
      const other = byField.get(field);
      if (other !== undefined) {
        errors.push(`Il campo «${spec.columns.find((c) => c.field === field)?.label ?? field}» è assegnato a due colonne: «${headers[other]}» (colonna ${other + 1}) e «${headers[index]}» (colonna ${index + 1}).`);
        continue;
      }
      byField.set(field, index);
    }
    forced.set(index, field);
  }
  return { forced, indicators, errors };
}

/** A saved mapping's name from the file's: its name without extension, tidied. */
export function defaultMappingName(fileName: string, taken: (name: string) => boolean): string {
  const stem = fileName.replace(/\.[^.]{1,5}$/, "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 80) || "corrispondenza";
  if (!taken(stem)) return stem;
  for (let n = 2; ; n++) if (!taken(`${stem} ${n}`)) return `${stem} ${n}`;
}
