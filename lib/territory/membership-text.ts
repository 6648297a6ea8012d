import { formatDate, formatShare } from "@/lib/format";

/**
 * The words of the «Comuni della zona» page (app/zone/[code]/comuni): a
 * membership's period, the years its zone figures count the comune, and what
 * happened to it (moved to another zone, merged into another comune).
 */

interface Period {
  validFrom: string | null;
  validTo: string | null;
}

/** "da sempre", "dal 01/01/2022", "fino al 31/12/2021", "dal 01/01/2015 al 31/12/2021"; `open` is the text of a period still running. */
export function periodText(p: Period, open = "a oggi"): string {
  if (p.validFrom === null && p.validTo === null) return `da sempre ${open}`.trim();
  if (p.validFrom === null) return `fino al ${formatDate(p.validTo)}`;
  if (p.validTo === null) return `dal ${formatDate(p.validFrom)}`;
  return `dal ${formatDate(p.validFrom)} al ${formatDate(p.validTo)}`;
}

/** The years whose zone figures count the comune: "tutti", "dal 2022", "fino al 2021", "2015–2021", "2021", "nessuno". */
export function countedYearsText(firstYear: number | null, lastYear: number | null): string {
  if (firstYear === null && lastYear === null) return "tutti";
  if (firstYear === null) return `fino al ${lastYear}`;
  if (lastYear === null) return `dal ${firstYear}`;
  if (lastYear < firstYear) return "nessuno";
  return firstYear === lastYear ? String(firstYear) : `${firstYear}–${lastYear}`;
}

/** "Municipi 1-4 (40,0%)", or null for the whole comune. */
export function partText(part: string | null, share: number | null): string | null {
  if (part === null) return null;
  return share === null ? part : `${part} (${formatShare(share)})`;
}

/** What else the comune's history says: its merger and its memberships of other zones. */
export function historyNotes(m: {
  suppressedOn: string | null;
  successor: { name: string } | null;
  elsewhere: readonly { zoneCode: string; zoneName: string; validFrom: string | null; validTo: string | null }[];
}): string[] {
  const notes: string[] = [];
  if (m.suppressedOn !== null) notes.push(m.successor ? `Confluito in ${m.successor.name} dal ${formatDate(m.suppressedOn)} (fusione ISTAT)` : `Soppresso dal ${formatDate(m.suppressedOn)}`);
  for (const o of m.elsewhere) notes.push(`Nella zona ${o.zoneName} (${o.zoneCode}) ${periodText(o, "a oggi")}`);
  return notes;
}
