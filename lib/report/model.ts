/**
 * The annual report as a document (issue 16): sections of tables, charts and
 * texts, built once from the values as the public sees them (after disclosure
 * control) and rendered by the page, the PDF (the page printed), the frozen
 * editions (this JSON, stored) and the exports. Pure data: no I/O, no React,
 * so an edition read back years later renders exactly as it was published.
 */

export const REPORT_DOCUMENT_VERSION = 1;

/** What a cell prints and, for exports, the number behind it (null when withheld, missing or text). */
export interface ReportCell {
  text: string;
  value: number | null;
  /** Decimals the value prints with (exports round the same way). */
  decimals?: number;
  /** "suppressed": the disclosure mark ("< 3"); "missing": n.d.; "text": not a figure. */
  state: "shown" | "suppressed" | "missing" | "text";
  /** A second line under the figure (a partial zone figure, a status in words). */
  note?: string;
}

export interface ReportColumn {
  key: string;
  label: string;
  unit?: string;
  numeric: boolean;
}

export interface ReportRow {
  /** The row's heading (a comune, a year, a service). */
  header: string;
  cells: ReportCell[];
  /** A total row (zone, sum), printed in the table's foot. */
  total?: boolean;
}

export interface ReportTable {
  /** Unique within the document: names the table in exports and open data. */
  id: string;
  caption: string;
  /** Heading of the rows' column. */
  rowHeader: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Notes under the table: the disclosure footnote, sources, rules. */
  notes: string[];
}

/** A bar chart always drawn from one table of the same section (its text alternative). */
export interface ReportChart {
  title: string;
  tableId: string;
  unit: string;
  bars: { label: string; value: number }[];
  /** Bars left out because their value is withheld or missing, said under the chart. */
  omitted: string[];
}

export interface ReportNote {
  subject: string;
  body: string;
  author: string;
  date: string;
}

/** A planner's text (introduction, conclusions, comment on a section), signed and dated. */
export interface ReportText {
  key: string;
  body: string;
  author: string;
  updatedAt: string;
}

export type ReportBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: ReportTable }
  | { kind: "chart"; chart: ReportChart }
  | { kind: "notes"; notes: ReportNote[] };

export interface ReportSection {
  key: string;
  title: string;
  blocks: ReportBlock[];
  comment: ReportText | null;
}

/** One annex page: what a comune's mayor needs. */
export interface ReportComunePage {
  istat: string;
  name: string;
  blocks: ReportBlock[];
}

export interface ReportSource {
  name: string;
  /** Date of the latest import that fed it (yyyy-mm-dd), or null. */
  updatedOn: string | null;
}

export interface ReportDocument {
  version: typeof REPORT_DOCUMENT_VERSION;
  zone: { code: string; name: string; capofila: string | null };
  /** The report's year (anno) and the year its data refer to (the latest ≤ anno with data). */
  year: number;
  dataYear: number | null;
  /** When the document was computed (ISO timestamp). */
  generatedAt: string;
  sources: ReportSource[];
  introduction: ReportText | null;
  conclusions: ReportText | null;
  sections: ReportSection[];
  annex: ReportComunePage[];
  disclosure: { threshold: number; mark: string; footnote: string };
  /** Import batches whose values the document shows. */
  batchIds: number[];
}

/** The keys planners write texts under: introduction, conclusions, and one per section. */
export const INTRODUCTION_KEY = "introduzione";
export const CONCLUSIONS_KEY = "conclusioni";

/** Every table of a document, sections then annex, in reading order. */
export function documentTables(doc: ReportDocument): { table: ReportTable; where: string }[] {
  const out: { table: ReportTable; where: string }[] = [];
  for (const s of doc.sections) for (const b of s.blocks) if (b.kind === "table") out.push({ table: b.table, where: s.title });
  for (const p of doc.annex) for (const b of p.blocks) if (b.kind === "table") out.push({ table: b.table, where: `Allegato: ${p.name}` });
  return out;
}

/** The anchor of a section or annex page on the page and in the PDF outline. */
export const sectionAnchor = (key: string): string => `sezione-${key}`;
export const comuneAnchor = (istat: string): string => `comune-${istat}`;
