import { formatUpTo } from "@/lib/format";
import { isMaintenance, type TargetSpec } from "./status";

/**
 * Checks of a target against its indicator, shared by the import and the
 * form: a target that goes against the indicator's polarity is refused with a
 * message that says why. Each problem names the field it is about.
 */

export type TargetField = "kind" | "baselineYear" | "baselineValue" | "targetYear" | "targetValue" | "milestones" | "tolerance";

export interface TargetProblem {
  field: TargetField;
  message: string;
}

/** A value quoted in a message. */
const fmt = (v: number) => formatUpTo(v, 6);
/** A value written back into the form: ASCII minus, so that parseMilestones reads it. */
const formValue = (v: number) => new Intl.NumberFormat("it-IT", { maximumFractionDigits: 6, useGrouping: "always" }).format(v);
const better = (p: 1 | -1) => (p === 1 ? "più alto" : "più basso");

export function targetProblems(spec: TargetSpec): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const kind = spec.kind ?? "trajectory";
  const milestones = spec.milestones ?? [];

  if (spec.baselineYear !== null && spec.baselineYear > spec.targetYear) problems.push({ field: "baselineYear", message: "l'anno base segue l'anno obiettivo" });
  if ((spec.baselineYear === null) !== (spec.baselineValue === null)) {
    problems.push({ field: spec.baselineYear === null ? "baselineYear" : "baselineValue", message: "anno base e valore base vanno indicati insieme" });
  }
  if (spec.tolerance !== undefined && spec.tolerance !== null && spec.tolerance < 0) problems.push({ field: "tolerance", message: "la tolleranza non può essere negativa" });

  if (kind === "floor" && spec.polarity === -1) {
    problems.push({ field: "kind", message: "una soglia minima non ha senso per un indicatore per cui è meglio un valore più basso: usare una soglia massima" });
  }
  if (kind === "ceiling" && spec.polarity === 1) {
    problems.push({ field: "kind", message: "una soglia massima non ha senso per un indicatore per cui è meglio un valore più alto: usare una soglia minima" });
  }
  if (kind !== "trajectory") {
    if (milestones.length > 0) problems.push({ field: "milestones", message: "le tappe intermedie valgono solo per gli obiettivi a traiettoria" });
    return problems;
  }

  const polarity = spec.polarity;
  if (polarity !== 0 && spec.baselineValue !== null && !isMaintenance(spec) && Math.sign(spec.targetValue - spec.baselineValue) !== polarity) {
    problems.push({
      field: "targetValue",
      message: `l'obiettivo (${fmt(spec.targetValue)}) è peggiore del valore di partenza (${fmt(spec.baselineValue)}), ma per questo indicatore è meglio un valore ${better(polarity)}`,
    });
  }

  const years = new Set<number>();
  const sorted = [...milestones].sort((a, b) => a.year - b.year);
  for (const m of sorted) {
    if (years.has(m.year)) problems.push({ field: "milestones", message: `la tappa del ${m.year} è ripetuta` });
    years.add(m.year);
    const low = spec.baselineYear ?? -Infinity;
    if (!(m.year > low && m.year < spec.targetYear)) {
      problems.push({ field: "milestones", message: `la tappa del ${m.year} deve cadere tra l'anno base e l'anno obiettivo (${spec.baselineYear ?? "…"}–${spec.targetYear})` });
    }
  }
  // The path must not step backwards: each point no worse than the one before (polarity decides).
  const direction = polarity !== 0 ? polarity : spec.baselineValue !== null ? Math.sign(spec.targetValue - spec.baselineValue) : 0;
  if (direction !== 0 && sorted.length > 0 && !isMaintenance(spec)) {
    const path = [...(spec.baselineValue !== null ? [{ year: spec.baselineYear ?? -Infinity, value: spec.baselineValue }] : []), ...sorted, { year: spec.targetYear, value: spec.targetValue }];
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1]!;
      const b = path[i]!;
      if (direction * (b.value - a.value) < 0) {
        problems.push({ field: "milestones", message: `il percorso torna indietro tra il ${Number.isFinite(a.year) ? a.year : "valore base"} (${fmt(a.value)}) e il ${b.year} (${fmt(b.value)}): per questo indicatore è meglio un valore ${better(direction as 1 | -1)}` });
        break;
      }
    }
  }
  return problems;
}

/**
 * Milestones written in a cell or a form field: "2025: 5.500; 2026: 5.200"
 * (year, colon or equals sign, value in the Italian or the plain format).
 */
export function parseMilestones(text: string): { ok: true; value: { year: number; value: number }[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: [] };
  const out: { year: number; value: number }[] = [];
  for (const part of trimmed.split(/\s*[;|\n]\s*/).filter((p) => p !== "")) {
    const m = /^((?:19|20)\d{2})\s*[:=]\s*(-?[\d.,\s]+)$/.exec(part);
    if (!m) return { ok: false, message: `tappa «${part}» non leggibile: scrivere anno: valore, separate da punto e virgola (es. 2025: 5.500; 2026: 5.200)` };
    const value = parseItalianNumber(m[2]!.trim());
    if (value === null) return { ok: false, message: `valore della tappa «${part}» non leggibile` };
    out.push({ year: Number(m[1]), value });
  }
  return { ok: true, value: out };
}

/** 5.500 → 5500, 24,5 → 24.5, 24.5 → 24.5 (a single dot followed by other than 3 digits is decimal). */
function parseItalianNumber(text: string): number | null {
  const s = text.replace(/\s/g, "");
  let normal: string;
  if (s.includes(",")) normal = s.replace(/\./g, "").replace(",", ".");
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, "");
  else normal = s;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/** Milestones written back in the form the parser reads. */
export function formatMilestones(milestones: readonly { year: number; value: number }[]): string {
  return [...milestones]
    .sort((a, b) => a.year - b.year)
    .map((m) => `${m.year}: ${formValue(m.value)}`)
    .join("; ");
}
