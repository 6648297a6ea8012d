import { closestMatches, headerKey } from "../text/normalise";
import type { FileIssue } from "../validate/errors";
import type { ColumnDef, KindDefinition } from "./types";

/**
 * Matching a header row to a kind's columns. Unknown and duplicate columns
 * are reported with "forse intendevi …" suggestions (edit distance on the
 * normalised names).
 */
export interface ColumnMatch {
  /** column key → index in the row */
  indexOf: Map<string, number>;
  unknown: { index: number; header: string; suggestions: string[] }[];
  duplicates: { index: number; header: string; key: string; firstIndex: number }[];
  missing: ColumnDef[];
}

export function matchColumns(headers: readonly string[], def: KindDefinition): ColumnMatch {
  const byAlias = new Map<string, ColumnDef>();
  for (const col of def.columns) for (const alias of col.aliases) byAlias.set(headerKey(alias), col);
  const aliasLabels = [...byAlias.entries()];
  const indexOf = new Map<string, number>();
  const unknown: ColumnMatch["unknown"] = [];
  const duplicates: ColumnMatch["duplicates"] = [];
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key === "") return; // unnamed (often trailing) columns carry no data we can place
    const col = byAlias.get(key);
    if (!col) {
      const near = closestMatches(header, aliasLabels.map(([alias]) => alias), (s) => s, 6);
      const labels = [...new Set(near.map((a) => (byAlias.get(a) as ColumnDef).label))].slice(0, 3);
      unknown.push({ index, header, suggestions: labels });
      return;
    }
    const first = indexOf.get(col.key);
    if (first !== undefined) duplicates.push({ index, header, key: col.key, firstIndex: first });
    else indexOf.set(col.key, index);
  });
  const missing = def.columns.filter((c) => c.required && !indexOf.has(c.key));
  return { indexOf, unknown, duplicates, missing };
}

const quoted = (s: string) => `"${s.replace(/\s+/g, " ").trim()}"`;

export function unknownColumnMessage(header: string, suggestions: readonly string[], kindLabel: string): string {
  const hint = suggestions.length > 0 ? `: forse intendevi ${suggestions.map(quoted).join(" o ")}?` : ` per «${kindLabel}».`;
  return `Colonna ${quoted(header)} sconosciuta${hint}`;
}

/** The file-level problems of a match, in Italian. Unknown columns are fine where the kind allows extra ones. */
export function columnIssues(match: ColumnMatch, headers: readonly string[], def: KindDefinition, headerLine: number): FileIssue[] {
  const issues: FileIssue[] = [];
  if (!def.allowExtraColumns) {
    for (const u of match.unknown) {
      issues.push({ code: "unknown-column", line: headerLine, message: unknownColumnMessage(u.header, u.suggestions, def.label) });
    }
  }
  for (const d of match.duplicates) {
    const label = def.columns.find((c) => c.key === d.key)?.label ?? d.key;
    issues.push({
      code: "duplicate-column",
      line: headerLine,
      message: `Le colonne ${quoted(headers[d.firstIndex] ?? "")} (colonna ${d.firstIndex + 1}) e ${quoted(d.header)} (colonna ${d.index + 1}) indicano entrambe «${label}»: tienine una sola.`,
    });
  }
  for (const m of match.missing) {
    const others = m.aliases.filter((a) => a !== m.label && a !== m.key).slice(0, 4);
    issues.push({
      code: "missing-column",
      line: headerLine,
      message: `Manca la colonna obbligatoria ${quoted(m.label)}${others.length ? ` (valgono anche: ${others.join(", ")})` : ""}.`,
    });
  }
  return issues;
}
