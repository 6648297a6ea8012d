import { formatNumber, formatValue, NA } from "@/lib/format";
import { CONFIDENTIAL_MARK_IT } from "@/lib/disclosure";
import { partialNoteIt, type ShownLike, type ZoneShownLike } from "@/lib/territory/shown";
import type { ReportCell, ReportChart, ReportTable } from "./model";

/**
 * Cells of the report's tables from values as the public sees them. The
 * report is read by the Conferenza and published: its values are always the
 * protected ones (a withheld value prints the mark, never a number), whoever
 * opens the page.
 */

export function textCell(text: string | null | undefined): ReportCell {
  return { text: text ?? NA, value: null, state: "text" };
}

export function numberCell(value: number | null | undefined, decimals: number, unit = ""): ReportCell {
  if (value === null || value === undefined || !Number.isFinite(value)) return { text: NA, value: null, state: "missing" };
  return { text: formatValue(value, unit, decimals), value, decimals, state: "shown" };
}

/** A withheld figure: the mark only ("< 3"), primary or secondary alike. */
export function suppressedCell(mark: string): ReportCell {
  return { text: mark, value: null, state: "suppressed" };
}

/** A value as shown (db/queries/values.ts) to a reader without unprotected counts. */
export function shownCell(v: (ShownLike & Partial<ZoneShownLike>) | null | undefined, decimals: number, mark: string, unit = ""): ReportCell {
  if (!v) return { text: NA, value: null, state: "missing" };
  if (v.disclosure !== "public") return suppressedCell(mark);
  if (v.value === null && v.missingReason === "confidential") return { text: CONFIDENTIAL_MARK_IT, value: null, state: "missing" };
  const cell = numberCell(v.value, decimals, unit);
  const partial = v.partialValue !== undefined && v.coverage ? partialNoteIt(v as ZoneShownLike) : null;
  return partial ? { ...cell, note: partial } : cell;
}

/** A bar chart of one numeric column of a table; withheld and missing bars are named, not drawn. */
export function chartOf(table: ReportTable, columnKey: string, title: string): ReportChart | null {
  const i = table.columns.findIndex((c) => c.key === columnKey);
  if (i < 0) return null;
  const bars: ReportChart["bars"] = [];
  const omitted: string[] = [];
  for (const r of table.rows) {
    if (r.total) continue;
    const c = r.cells[i]!;
    if (c.state === "shown" && c.value !== null) bars.push({ label: r.header, value: c.value });
    else omitted.push(r.header);
  }
  if (bars.length === 0) return null;
  return { title, tableId: table.id, unit: table.columns[i]!.unit ?? "", bars, omitted };
}

export const formatCount = (v: number | null) => formatNumber(v, 0);
