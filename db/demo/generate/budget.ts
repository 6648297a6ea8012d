/**
 * The budget's snapshots and residui for the demo (issue 15): every line has
 * a mid-year snapshot (30/06) below its year-end one (31/12); the opening
 * residui of a line are what the same line left unpaid the year before, and
 * part of them is paid in the year. One PNRR line per zone goes down from
 * June to December (a disimpegno, with its reason); PNRR lines carry their CUP.
 * Deterministic: the same lines give the same snapshots.
 */
import { stream, uniform } from "./prng";
import type { DemoBudgetLine } from "./types";

const cents = (euros: number) => Math.round(euros * 100);
const euros = (c: number) => c / 100;

export const DEMO_DISIMPEGNO_REASON = "Economia di gara: ribasso d'asta sull'affidamento del servizio, importo disimpegnato e restituito al fondo";

/** A CUP-like project code of a zone's PNRR line (one project per fund and zone). */
export const demoCup = (zoneCode: string, fundingCode: string) => `J${zoneCode.slice(-2)}H${fundingCode.replace(/\D/g, "").padEnd(5, "0").slice(0, 5)}000100`;

const lineKey = (l: DemoBudgetLine) => `${l.zoneCode}|${l.serviceCode}|${l.fundingCode}|${l.istat ?? ""}`;

export function budgetSnapshotsOf(seed: number, yearEnd: readonly DemoBudgetLine[], years: readonly number[]): { lines: DemoBudgetLine[]; interim: DemoBudgetLine[] } {
  const lastYear = years[years.length - 1]!;
  const byKeyYear = new Map(yearEnd.map((l) => [`${lineKey(l)}|${l.year}`, l]));
  const lines: DemoBudgetLine[] = [];
  const interim: DemoBudgetLine[] = [];
  const disimpegnoDone = new Set<string>();
  for (const l of yearEnd) {
    const rng = stream(seed, `bilancio:${lineKey(l)}|${l.year}`);
    const pnrr = l.fundingCode.startsWith("PNRR_");
    const project = pnrr ? demoCup(l.zoneCode, l.fundingCode) : null;
    // Opening residui: last year's impegnato not yet paid; paid down over the year.
    const before = byKeyYear.get(`${lineKey(l)}|${l.year - 1}`);
    const residuiCents = before ? cents(before.impegnato) - cents(before.pagato) : 0;
    const paidShare = l.year === lastYear ? uniform(rng, 0.45, 0.7) : uniform(rng, 0.7, 0.95);
    const residuiIniziali = before ? euros(residuiCents) : null;
    const pagatoResidui = before ? euros(Math.round(residuiCents * paidShare)) : null;
    const end: DemoBudgetLine = { ...l, referenceDate: `${l.year}-12-31`, project, residuiIniziali, pagatoResidui, disimpegnoReason: null };

    // Mid-year: a share of each stage, still consistent (stanziato ≥ impegnato ≥ liquidato ≥ pagato).
    const imp = Math.round(cents(l.impegnato) * uniform(rng, pnrr ? 0.45 : 0.6, pnrr ? 0.7 : 0.85));
    const liq = Math.min(imp, Math.round(cents(l.liquidato) * uniform(rng, 0.35, 0.55)));
    const pag = Math.min(liq, Math.round(cents(l.pagato) * uniform(rng, 0.3, 0.5)));
    const mid: DemoBudgetLine = {
      ...end,
      referenceDate: `${l.year}-06-30`,
      impegnato: euros(imp),
      liquidato: euros(liq),
      pagato: euros(pag),
      pagatoResidui: pagatoResidui === null ? null : euros(Math.round(cents(pagatoResidui) * uniform(rng, 0.4, 0.6))),
    };
    // One disimpegno per zone: P.I.P.P.I.'s PNRR line of the year before the last had more committed in June.
    if (l.fundingCode === "PNRR_M5C2_1_1_1" && l.year === lastYear - 1 && !disimpegnoDone.has(l.zoneCode)) {
      disimpegnoDone.add(l.zoneCode);
      mid.impegnato = euros(Math.min(cents(l.stanziato), Math.round(cents(l.impegnato) * 1.08)));
      end.disimpegnoReason = DEMO_DISIMPEGNO_REASON;
    }
    lines.push(end);
    interim.push(mid);
  }
  return { lines, interim };
}
