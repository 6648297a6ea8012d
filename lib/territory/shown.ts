import { formatNumber, NA } from "@/lib/format";
import { CONFIDENTIAL_MARK_IT, NOT_PUBLISHABLE_IT } from "@/lib/disclosure";

/**
 * Text of a value as shown (db/queries/values.ts) for pages and downloads:
 * a withheld value prints the mark ("< 3"), a missing one "n.d.", a partial
 * zone figure is "n.d." with its coverage said apart — never a partial sum
 * passed off as the zone's. Pure, so pages and exports print the same.
 */
export interface ShownLike {
  value: number | null;
  status: "complete" | "partial" | "missing";
  disclosure: "public" | "suppressed" | "unpublishable";
  /** Why the value is missing, when the source said so (ISTAT's conventional signs). */
  missingReason?: "unknown" | "below_half_unit" | "confidential" | null;
}

/** A value the source itself withheld: printed «riservato», never "n.d.". */
function confidentialBySource(v: ShownLike): boolean {
  return v.value === null && v.missingReason === "confidential";
}

/** What a missing value's reason adds to a download's note. */
const REASON_NOTE_IT = {
  unknown: "dato non noto alla fonte",
  below_half_unit: "inferiore alla metà dell'unità di misura",
  confidential: "dato riservato dalla fonte",
} as const;
export interface ZoneShownLike extends ShownLike {
  partialValue: number | null;
  coverage: { contributing: number; total: number };
}

export function shownText(v: ShownLike | null | undefined, decimals: number, mark: string): string {
  if (!v) return NA;
  if (v.disclosure === "suppressed") return mark;
  if (confidentialBySource(v)) return CONFIDENTIAL_MARK_IT;
  return formatNumber(v.value, decimals);
}

/** "parziale: 11 comuni su 12", or null when the zone figure is not partial. */
export function partialNoteIt(z: ZoneShownLike | null | undefined): string | null {
  if (!z || z.status !== "partial") return null;
  const { contributing, total } = z.coverage;
  return `parziale: ${contributing === 1 ? "1 comune" : `${contributing} comuni`} su ${total}`;
}

/** The partial figure with its coverage, e.g. "parziale: 11 comuni su 12 (1.234)"; the mark when withheld. */
export function partialTextIt(z: ZoneShownLike | null | undefined, decimals: number, mark: string): string | null {
  const note = partialNoteIt(z);
  if (!note || !z) return null;
  return `${note} (${z.disclosure === "suppressed" ? mark : formatNumber(z.partialValue, decimals)})`;
}

/** The cell of a download: the number rounded as on the page, the mark as text, or empty. */
export function exportValue(v: ShownLike | null | undefined, round: (x: number | null) => number | null, mark: string): number | string | null {
  if (!v) return null;
  if (v.disclosure === "suppressed") return mark;
  if (confidentialBySource(v)) return CONFIDENTIAL_MARK_IT;
  return round(v.value);
}

/** The note a download adds for a value: partial coverage, "non pubblicabile", or empty. */
export function exportNote(v: (ShownLike & Partial<ZoneShownLike>) | null | undefined, decimals: number, mark: string): string {
  if (!v) return "";
  const notes: string[] = [];
  if (v.status === "partial" && v.coverage && v.partialValue !== undefined) notes.push(partialTextIt(v as ZoneShownLike, decimals, mark)!);
  if (v.disclosure === "unpublishable") notes.push(NOT_PUBLISHABLE_IT);
  if (v.value === null && v.missingReason) notes.push(REASON_NOTE_IT[v.missingReason]);
  return notes.join("; ");
}

export { NOT_PUBLISHABLE_IT };
