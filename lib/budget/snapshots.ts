/**
 * Snapshots of a budget line: execution is reported at dates ("situazione al
 * 30/06/2025") and the stages are cumulative, so a later snapshot with a lower
 * impegnato or liquidato than an earlier one is a *disimpegno*, which the
 * national reporting platform (Piattaforma Multifondo) refuses without a reason.
 */
import { formatNumber } from "@/lib/format";
import { cents } from "./stages";

/** What identifies a line across its snapshots (the snapshot date is not part of it). */
export interface BudgetLineKey {
  year: number;
  serviceCode: string;
  fundingCode: string;
  istat: string | null;
  project: string | null;
}

export const lineKeyText = (k: BudgetLineKey) => [k.year, k.serviceCode, k.fundingCode, k.istat ?? "", k.project ?? ""].join("|");

export interface SnapshotAmounts {
  /** ISO date of the snapshot. */
  referenceDate: string;
  impegnato: number;
  liquidato: number;
  disimpegnoReason: string | null;
}

export interface Disimpegno {
  stage: "impegnato" | "liquidato";
  /** The earlier snapshot's date and amount. */
  previousDate: string;
  previous: number;
  current: number;
  /** previous − current, in euros (positive). */
  amount: number;
}

/** The stages that went down from `previous` to `current` (empty when none did). */
export function disimpegniBetween(previous: SnapshotAmounts, current: SnapshotAmounts): Disimpegno[] {
  const out: Disimpegno[] = [];
  for (const stage of ["impegnato", "liquidato"] as const) {
    const before = cents(previous[stage]);
    const after = cents(current[stage]);
    if (after < before) out.push({ stage, previousDate: previous.referenceDate, previous: previous[stage], current: current[stage], amount: (before - after) / 100 });
  }
  return out;
}

/** The latest snapshot strictly before `date`, among `snapshots` (any order). */
export function previousSnapshot<T extends { referenceDate: string }>(snapshots: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const s of snapshots) if (s.referenceDate < date && (best === null || s.referenceDate > best.referenceDate)) best = s;
  return best;
}

/** The earliest snapshot strictly after `date`. */
export function nextSnapshot<T extends { referenceDate: string }>(snapshots: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const s of snapshots) if (s.referenceDate > date && (best === null || s.referenceDate < best.referenceDate)) best = s;
  return best;
}

const itDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const euro = (v: number) => formatNumber(v, 2);

/** "impegnato 150.000,00 € al 30/06/2025, ora 140.000,00 €" — for messages and the page. */
export function disimpegnoText(d: Disimpegno): string {
  return `${d.stage} ${euro(d.previous)} € al ${itDate(d.previousDate)}, ora ${euro(d.current)} € (${euro(-d.amount)} €)`;
}

/**
 * The import's rule for one new snapshot against the line's other snapshots
 * (those already stored and those earlier in the file): a disimpegno from the
 * previous snapshot needs a reason; and the next stored snapshot, if lower
 * than the new one without a reason of its own, would become a disimpegno too.
 * Messages in Italian, empty when the snapshot is acceptable.
 */
export function snapshotIssues(others: readonly SnapshotAmounts[], current: SnapshotAmounts): string[] {
  const issues: string[] = [];
  const prev = previousSnapshot(others, current.referenceDate);
  if (prev && current.disimpegnoReason === null) {
    for (const d of disimpegniBetween(prev, current)) issues.push(`disimpegno senza motivo: ${disimpegnoText(d)}; indicare il motivo nella colonna «motivo_disimpegno»`);
  }
  const next = nextSnapshot(others, current.referenceDate);
  if (next && next.disimpegnoReason === null) {
    for (const d of disimpegniBetween(current, next))
      issues.push(`la situazione successiva al ${itDate(next.referenceDate)} ha un ${d.stage} più basso (${euro(d.current)} €) senza motivo di disimpegno: importare prima una sua correzione`);
  }
  return issues;
}
