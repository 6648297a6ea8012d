import { formatValue } from "@/lib/format";

/**
 * A target's value as the Piano page and the target page print it for this
 * reader: the mark for a withheld count, "n.d." for a missing one (partial
 * for a zone figure some comuni lack).
 */
export function shownValueText(p: { value: number | null; withheld: boolean; partial: boolean } | null | undefined, unit: string, decimals: number, mark: string, options: { withUnit?: boolean; absent?: string } = {}): string {
  if (!p) return options.absent ?? "";
  if (p.withheld) return mark;
  if (p.value === null) return p.partial ? "n.d. (parziale)" : "n.d.";
  return formatValue(p.value, unit, decimals, { withUnit: options.withUnit ?? false });
}
