import "server-only";
import type { Db } from "./zones";
import { lepsPanel } from "./leps";
import { planScorecard, type EvaluatedTarget, type PlanScorecard } from "./targets";
import { zoneDefaultYear } from "./values";
import { NotFoundError, UnprocessableError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/roles";
import type { TargetCell } from "@/lib/targets/scorecard";
import { NIDI_TARGET, NIDI_TARGET_YEAR } from "@/lib/leps/items";
import type { LepsBody, TargetItemBody } from "@/lib/api/schemas";

/**
 * The Piano and LEPS endpoints (GET /api/v1/zones/{code}/targets and /leps)
 * over the pages' own data functions (planScorecard, lepsPanel), which read
 * the values as shown to the reader: a withheld count of people gives the
 * API the same "riservato" status and null value as the page.
 */

/** A year the zone has no data for is well formed but cannot be judged: 422, naming the years there are. */
function checkYear(year: number | undefined, years: readonly number[]): void {
  if (year === undefined || years.includes(year)) return;
  throw new UnprocessableError(
    years.length === 0 ? `Nessun dato per la zona nel ${year}.` : `Nessun dato per la zona nel ${year}: anni disponibili ${years[0]}–${years.at(-1)}.`,
    [{ field: "year", message: "anno senza dati nella zona" }],
  );
}

const cellBody = (c: TargetCell) => ({
  actual: c.value,
  withheld: c.withheld,
  partial: c.partial,
  expected: c.expected,
  status: c.status,
  projection: { band: c.projection.band, projected: c.projection.projected, slope: c.projection.slope, missShare: c.projection.missShare, reason: c.projection.reason },
});

export function targetItem(card: PlanScorecard, t: EvaluatedTarget): TargetItemBody {
  const names = new Map(card.comuni.map((c) => [c.istat, c.name]));
  const plan = card.plans.find((p) => p.id === t.target.planId) ?? null;
  const d = t.target;
  return {
    id: d.id,
    plan: plan ? { id: plan.id, name: plan.name, startYear: plan.startYear, endYear: plan.endYear } : null,
    objective: t.objective ? { code: t.objective.code, area: t.objective.area, title: t.objective.title } : null,
    indicator: { code: t.indicator.code, name: t.indicator.name, unit: t.indicator.unit, decimals: t.indicator.decimals, polarity: t.indicator.polarity },
    territory: { istat: d.comune, name: d.comune === null ? "Zona" : (names.get(d.comune) ?? d.comune) },
    kind: d.kind,
    provenance: d.provenance,
    legalSource: d.legalSource,
    baseline: d.baselineYear !== null && d.baselineValue !== null ? { year: d.baselineYear, value: d.baselineValue } : null,
    milestones: d.milestones.map((m) => ({ year: m.year, value: m.value })),
    target: { year: d.targetYear, value: d.targetValue },
    tolerance: d.tolerance,
    year: t.cell.year,
    ...cellBody(t.cell),
    comuni: d.comune === null ? t.comuni.map((c) => ({ istat: c.territory!, name: names.get(c.territory!) ?? c.territory!, ...cellBody(c), baseline: c.baseline, target: c.targetValue })) : [],
  };
}

/** Every current target of the plan judged in the year, in the page's order. */
export async function zoneTargetItems(db: Db, zoneCode: string, principal: Principal, options: { year?: number; planId?: number }): Promise<TargetItemBody[]> {
  const card = await planScorecard(db, zoneCode, principal, { year: options.year, planId: options.planId });
  checkYear(options.year, card.years);
  if (options.planId !== undefined && !card.plans.some((p) => p.id === options.planId)) {
    throw new NotFoundError(`Piano ${options.planId} non trovato per la zona ${zoneCode}.`, [{ field: "plan", message: "piano sconosciuto in questa zona" }]);
  }
  return card.targets.map((t) => targetItem(card, t));
}

/** The LEPS panel in one year (default: the pages' year). */
export async function zoneLeps(db: Db, zoneCode: string, principal: Principal, options: { year?: number }): Promise<LepsBody> {
  const panel = await lepsPanel(db, zoneCode, principal);
  checkYear(options.year, panel.years);
  const year = options.year ?? (await zoneDefaultYear(db, zoneCode)) ?? panel.years.at(-1);
  if (year === undefined) throw new NotFoundError(`Nessun dato per la zona ${zoneCode}.`);
  const sw = panel.socialWorkers.find((y) => y.year === year);
  const nidi = panel.nidi.find((y) => y.year === year);
  return {
    year,
    socialWorkers: {
      year,
      population: sw?.population ?? null,
      fte: sw?.fte ?? null,
      ...(sw?.assessment ?? { residentsPerAs: null, level: "dato_mancante", requiredForMinimum: null, requiredForGoal: null, gapToMinimum: null, gapToGoal: null, incentive: null }),
      note: sw?.note ?? "dato mancante",
    },
    nidi: { year, coverage: nidi?.coverage ?? null, places: nidi?.places ?? null, children: nidi?.children ?? null, target: NIDI_TARGET, targetYear: NIDI_TARGET_YEAR, note: nidi?.note ?? "dato mancante" },
    checklist: panel.checklist.map((i) => ({ code: i.code, label: i.label, source: i.source, state: i.state, evidence: i.evidence, evidenceUrl: i.evidenceUrl, assessedOn: i.assessedOn, setBy: i.setBy })),
  };
}
