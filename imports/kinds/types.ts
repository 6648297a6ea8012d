import type { z } from "zod";

/**
 * What every dataset kind declares: its columns (Italian header, accepted
 * aliases, type, required), the zod schema of one typed row (the only
 * source of the row's TypeScript type) and example rows for the template.
 */
export const KIND_NAMES = ["comuni", "indicatori", "valori", "obiettivi", "servizi", "bilancio", "risorse"] as const;
export type KindName = (typeof KIND_NAMES)[number];

export type ColumnType =
  | "text" // trimmed text
  | "code" // upper-case code: letters, digits, _
  | "istat" // 6-digit ISTAT code, leading zeros restored
  | "number" // Italian or international, convention decided per column
  | "integer"
  | "year"
  | "period" // year, quarter or month → Period
  | "date" // dd/mm/yyyy → ISO date
  | "boolean" // sì/no
  | "enum" // one of `values`' keys, by any listed spelling
  | "comune"; // resolved later against the reference list; "zona" → null where allowed

export interface ColumnDef {
  /** Field of the typed row (English identifier). */
  key: string;
  /** Header written in templates and shown in messages. */
  label: string;
  /** Other accepted headers; matching ignores case, accents, spacing and punctuation. */
  aliases: readonly string[];
  required: boolean;
  type: ColumnType;
  /** enum: canonical value → accepted spellings. */
  values?: Readonly<Record<string, readonly string[]>>;
  /** comune: whether "zona" (or empty, if optional) stands for the whole zone. */
  allowsZone?: boolean;
  /** The header is required but a cell may be empty ("n.d.", "-"): a missing value, not an error. */
  allowsEmptyCell?: boolean;
  /** Italian, for the template and docs. */
  description: string;
}

export interface KindDefinition<S extends z.ZodType = z.ZodType> {
  name: KindName;
  /** Italian label: "Valori degli indicatori". */
  label: string;
  columns: readonly ColumnDef[];
  /** Extra columns are ignored (ISTAT's own files have many); otherwise they are file errors. */
  allowExtraColumns: boolean;
  /** Rows belong to a zone: the import needs one. */
  needsZone: boolean;
  /** Validates and types one row built from parsed cells (keys = column keys). */
  schema: S;
  /** Example rows for the template, in column order, as a user would type them. */
  examples: readonly (readonly string[])[];
}

/** Builds a column; the label and key are always accepted as headers. */
export function column(
  key: string,
  label: string,
  type: ColumnType,
  required: boolean,
  description: string,
  aliases: readonly string[] = [],
  extra: Pick<ColumnDef, "values" | "allowsZone" | "allowsEmptyCell"> = {},
): ColumnDef {
  return { key, label, type, required, description, aliases: [label, key, ...aliases], ...extra };
}
