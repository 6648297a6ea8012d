/**
 * Deterministic synthetic data for the demo zones 6 (Norcia), 10 (Terni) and
 * 11 (Narni), 2019–2025: input indicators per comune (and a few per zone),
 * services, budget lines by fund and stage, a PSZ 2024–2026 and its targets.
 * Derived indicators are not generated: lib/indicators/derive computes them.
 * Same seed, same output; no Math.random, no clock, no I/O.
 */
import { INDICATORS, INPUT_INDICATORS } from "@/lib/catalog/indicators";
import { aggregateZone } from "@/lib/indicators/aggregate";
import { deriveAll } from "@/lib/indicators/derive";
import { DEMO_COMUNI, DEMO_ZONES, type DemoComune, type DemoZone } from "./comuni";
import { simulateComune, type ComuneYear } from "./population";
import { normal, stream, uniform, type Rng } from "./prng";
import { PNRR_PROJECTS, SERVICE_TEMPLATES, SOCIAL_WORKER_COST, servicesOfZone } from "./services";
import type { DemoBudgetLine, DemoDataset, DemoObservation, DemoPlan, DemoTarget } from "./types";

export type { DemoDataset, DemoObservation, DemoService, DemoBudgetLine, DemoPlan, DemoTarget } from "./types";
export { DEMO_COMUNI, DEMO_ZONES, type DemoComune, type DemoZone } from "./comuni";
export { mulberry32 } from "./prng";

export const DEFAULT_DEMO_SEED = 20241124;
export const DEMO_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

export interface GenerateOptions {
  seed?: number;
  /** Defaults to the comuni of zones 6, 10 and 11. Zones must be among DEMO_ZONES. */
  comuni?: readonly DemoComune[];
  /** Consecutive years from 2019 on; default 2019–2025. */
  years?: readonly number[];
}

/** Input indicator codes written per comune, in output order. */
const COMUNE_INPUTS = [
  "POP_TOT", "POP_0_2", "POP_0_14", "POP_0_17", "POP_15_64", "POP_65_PLUS", "POP_75_PLUS", "POP_MEDIA",
  "POP_STRANIERI", "FAMIGLIE", "NATI", "MORTI", "SALDO_NATURALE", "ETA_MEDIA", "FAM_UNIPERS_65",
  "REDDITO_IMPONIBILE", "CONTRIBUENTI", "BENEF_RDC", "BENEF_ADI", "DISABILI_L104", "MINORI_IN_CARICO",
  "UTENTI_SS", "UTENTI_SAD", "POSTI_NIDO",
] as const satisfies readonly (keyof ComuneYear)[];

/** Residents per social worker (FTE) of each zone in the first and last demo year. */
const AS_RATIO: Record<string, [number, number]> = { "UMB-06": [6200, 3700], "UMB-10": [6400, 4600], "UMB-11": [6600, 4150] };

const EARMARK_DEADLINE: Record<string, (year: number) => string> = {
  FNPS: (y) => `${y + 2}-06-30`,
  FONDO_POVERTA: (y) => `${y + 2}-06-30`,
  FNA: (y) => `${y + 2}-06-30`,
  DOPO_DI_NOI: (y) => `${y + 2}-12-31`,
  FSE_PLUS: (y) => `${y + 1}-12-31`,
};

const cents = (euros: number) => Math.round(euros * 100);

export function generateDemoDataset(options: GenerateOptions = {}): DemoDataset {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const comuni = options.comuni ?? DEMO_COMUNI;
  const years = [...(options.years ?? DEMO_YEARS)].sort((a, b) => a - b);
  if (years.length === 0 || years[0]! < 2019 || years.some((y, i) => i > 0 && y !== years[i - 1]! + 1))
    throw new RangeError("Gli anni devono essere consecutivi a partire dal 2019 o dopo");
  const zones = DEMO_ZONES.filter((z) => comuni.some((c) => c.zoneCode === z.code));
  const unknown = comuni.find((c) => !DEMO_ZONES.some((z) => z.code === c.zoneCode));
  if (unknown) throw new RangeError(`Zona non prevista dai dati dimostrativi: ${unknown.zoneCode}`);

  const observations: DemoObservation[] = [];
  const services: DemoDataset["services"] = [];
  const budgetLines: DemoBudgetLine[] = [];
  const plans: DemoPlan[] = [];
  const targets: DemoTarget[] = [];

  for (const zone of zones) {
    const members = comuni.filter((c) => c.zoneCode === zone.code).sort((a, b) => a.istat.localeCompare(b.istat));
    const sims = new Map(members.map((c) => [c.istat, simulateComune(seed, c, years)]));
    const zoneRng = stream(seed, `zona:${zone.code}`);

    // Per-comune inputs.
    for (const c of members)
      for (const row of sims.get(c.istat)!)
        for (const code of COMUNE_INPUTS) {
          const value = row[code];
          if (value === null) continue; // RdC before 2024, ADI from 2024: no row rather than a fake zero
          observations.push({ indicatorCode: code, zoneCode: zone.code, istat: c.istat, period: String(row.year), value });
        }

    const zonePop = (y: number) => members.reduce((s, c) => s + rowOf(sims, c.istat, y).POP_TOT, 0);

    // Social workers of the ATS (zone level), towards the LEPS.
    const asFte = new Map<number, number>();
    const [r0, r1] = AS_RATIO[zone.code] ?? [6000, 4500];
    years.forEach((y, i) => {
      const t = years.length === 1 ? 1 : i / (years.length - 1);
      const ratio = r0 + (r1 - r0) * t + normal(zoneRng, 0, 120);
      const fte = Math.max(0.5, Math.round((zonePop(y) / ratio) * 2) / 2);
      asFte.set(y, fte);
      observations.push({ indicatorCode: "AS_FTE", zoneCode: zone.code, istat: null, period: String(y), value: fte });
    });

    // Services and budget.
    const capofilaName = comuni.find((c) => c.istat === zone.capofila)?.name ?? zone.shortName;
    const zoneServices = servicesOfZone(zone, capofilaName);
    services.push(...zoneServices);
    const lines = budgetOfZone(zone, members, sims, years, asFte, zoneRng);
    budgetLines.push(...lines);

    // Social spending net of user co-payment, as the ISTAT survey counts it.
    for (const y of years) {
      const net = lines.filter((l) => l.year === y && l.fundingCode !== "COMPARTECIPAZIONE").reduce((s, l) => s + cents(l.impegnato), 0);
      observations.push({ indicatorCode: "SPESA_SOCIALE", zoneCode: zone.code, istat: null, period: String(y), value: net / 100 });
    }

    // PSZ 2024–2026 with targets, when the demo years reach its baseline.
    if (years.includes(2023)) {
      plans.push({ zoneCode: zone.code, name: `Piano sociale di zona 2024–2026 – ${zone.name}`, startYear: 2024, endYear: 2026, adoptedOn: PLAN_ADOPTED_ON[zone.code] ?? null });
      targets.push(...targetsOfZone(zone, members, sims, asFte, lines));
    }
  }

  return { observations, services, budgetLines, plans, targets };
}

const PLAN_ADOPTED_ON: Record<string, string> = { "UMB-06": "2024-07-15", "UMB-10": "2024-05-30", "UMB-11": "2024-06-27" };

function rowOf(sims: Map<string, ComuneYear[]>, istat: string, year: number): ComuneYear {
  const row = sims.get(istat)?.find((r) => r.year === year);
  if (!row) throw new RangeError(`Nessun dato simulato per ${istat} nel ${year}`);
  return row;
}

/** Splits an amount in cents into stanziato ≥ impegnato ≥ liquidato ≥ pagato. */
function stages(rng: Rng, stanziatoCents: number, year: number, lastYear: number, pnrr: boolean) {
  const age = lastYear - year; // 0 = the most recent year, still being paid
  const imp = pnrr && age <= 1 ? uniform(rng, 0.6, 0.88) : age === 0 ? uniform(rng, 0.82, 0.96) : age === 1 ? uniform(rng, 0.88, 0.99) : uniform(rng, 0.93, 1);
  const pay = pnrr && age <= 1 ? uniform(rng, 0.3, 0.6) : age === 0 ? uniform(rng, 0.45, 0.75) : age === 1 ? uniform(rng, 0.75, 0.92) : age === 2 ? uniform(rng, 0.88, 0.98) : uniform(rng, 0.96, 1);
  const impegnato = Math.min(stanziatoCents, Math.round(stanziatoCents * imp));
  const pagato = Math.min(impegnato, Math.round(impegnato * pay));
  const liquidato = Math.min(impegnato, pagato + Math.round((impegnato - pagato) * uniform(rng, 0.2, 0.6)));
  return { stanziato: stanziatoCents / 100, impegnato: impegnato / 100, liquidato: liquidato / 100, pagato: pagato / 100 };
}

function budgetOfZone(
  zone: DemoZone,
  members: readonly DemoComune[],
  sims: Map<string, ComuneYear[]>,
  years: readonly number[],
  asFte: Map<number, number>,
  rng: Rng,
): DemoBudgetLine[] {
  const lastYear = years[years.length - 1]!;
  const lines: DemoBudgetLine[] = [];
  // Mountain zones spend more per resident (dispersed users, travel).
  const zoneFactor = zone.code === "UMB-06" ? 1.15 : 1;
  const push = (year: number, serviceCode: string, fundingCode: string, istat: string | null, euros: number, pnrr = false) => {
    if (euros <= 0) return;
    const deadline = pnrr ? "2026-06-30" : (EARMARK_DEADLINE[fundingCode]?.(year) ?? null);
    lines.push({ zoneCode: zone.code, year, serviceCode, fundingCode, istat, ...stages(rng, cents(euros), year, lastYear, pnrr), deadline });
  };

  for (const year of years) {
    const growth = Math.pow(1.03, year - 2019);
    const pops = members.map((c) => ({ c, row: rowOf(sims, c.istat, year) }));
    const pop = pops.reduce((s, p) => s + p.row.POP_TOT, 0);
    for (const t of SERVICE_TEMPLATES) {
      if (t.zones && !t.zones.includes(zone.code)) continue;
      const total =
        t.code === "SERV_SOC_PROF"
          ? (asFte.get(year) ?? 0) * SOCIAL_WORKER_COST * Math.pow(1.02, year - 2019)
          : t.perCapita2019 * pop * growth * zoneFactor * uniform(rng, 0.92, 1.08);
      const shares = t.funding(year);
      if (t.byComune) {
        const units = pops.filter((p) => t.byComune === "all" || p.row.POSTI_NIDO > 0);
        // Nidi: spending follows places; transfers follow population.
        const weight = (p: (typeof pops)[number]) => (t.byComune === "with_nido" ? p.row.POSTI_NIDO : p.row.POP_TOT);
        const totalWeight = units.reduce((s, p) => s + weight(p), 0);
        for (const u of units)
          for (const [fund, share] of shares) push(year, t.code, fund, u.c.istat, (total * share * weight(u)) / totalWeight);
      } else {
        for (const [fund, share] of shares) push(year, t.code, fund, null, total * share);
      }
    }
    for (const p of PNRR_PROJECTS) {
      if (!lines.some((l) => l.serviceCode === p.serviceCode)) continue;
      push(year, p.serviceCode, p.fundingCode, null, p.amount(year, pop), true);
    }
  }
  return lines;
}

/** Zone value of a derived indicator in a year: inputs summed over comuni (plus zone-level inputs), then derived. */
/** A zone's derived value by the one aggregation (aggregateZone): each input over the comuni, the ATS's own inputs as the catalogue says. */
function zoneDerived(code: string, members: readonly DemoComune[], sims: Map<string, ComuneYear[]>, year: number, zoneInputs: Record<string, number>): number | null {
  const inputs: Record<string, number | null> = {};
  for (const def of INPUT_INDICATORS) {
    const units = members.map((c) => {
      const row = rowOf(sims, c.istat, year) as unknown as Record<string, number | null | undefined>;
      return { unit: c.istat, value: row[def.code] ?? null, weight: row.POP_TOT ?? null };
    });
    const own = zoneInputs[def.code];
    inputs[def.code] = aggregateZone(def, units, own === undefined ? null : { unit: "zona", value: own }).value;
  }
  return deriveAll(INDICATORS, inputs).get(code)?.value ?? null;
}

function comuneDerived(code: string, row: ComuneYear): number | null {
  return deriveAll(INDICATORS, row as unknown as Record<string, number | null>).get(code)?.value ?? null;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function targetsOfZone(
  zone: DemoZone,
  members: readonly DemoComune[],
  sims: Map<string, ComuneYear[]>,
  asFte: Map<number, number>,
  lines: readonly DemoBudgetLine[],
): DemoTarget[] {
  const base = 2023;
  const spending = lines.filter((l) => l.year === base && l.fundingCode !== "COMPARTECIPAZIONE").reduce((s, l) => s + cents(l.impegnato), 0) / 100;
  const zoneInputs = { AS_FTE: asFte.get(base) ?? 0, SPESA_SOCIALE: spending };
  const at = (code: string) => zoneDerived(code, members, sims, base, zoneInputs);
  const common = { zoneCode: zone.code, planStartYear: 2024, istat: null, baselineYear: base };
  const out: DemoTarget[] = [];

  const asRatio = at("RESIDENTI_PER_AS");
  out.push({ ...common, indicatorCode: "RESIDENTI_PER_AS", baselineValue: asRatio === null ? null : round(asRatio, 0), targetYear: 2026, targetValue: 5000, legalSource: "L. 178/2020 c.797", note: "LEPS: almeno un assistente sociale ogni 5.000 residenti (obiettivo 1 ogni 4.000)." });

  const nidi = at("COPERTURA_NIDI");
  out.push({ ...common, indicatorCode: "COPERTURA_NIDI", baselineValue: nidi === null ? null : round(nidi, 1), targetYear: 2027, targetValue: 33, legalSource: "L. 234/2021", note: "LEPS: posti per il 33% dei bambini sotto i 3 anni entro il 2027 (obiettivo intermedio 28,9%)." });

  const sad = at("COPERTURA_SAD");
  if (sad !== null)
    out.push({ ...common, indicatorCode: "COPERTURA_SAD", baselineValue: round(sad, 2), targetYear: 2026, targetValue: round(sad + 0.5, 2), legalSource: null, note: "PSZ: estendere l'assistenza domiciliare agli anziani non autosufficienti." });

  const perCapita = at("SPESA_PRO_CAPITE");
  if (perCapita !== null)
    out.push({ ...common, indicatorCode: "SPESA_PRO_CAPITE", baselineValue: round(perCapita, 2), targetYear: 2026, targetValue: Math.max(132, Math.ceil(perCapita / 5) * 5 + 5), legalSource: null, note: "PSZ: avvicinare la spesa sociale per abitante alla media nazionale (circa 132 €)." });

  const minori = at("TASSO_MINORI_IN_CARICO");
  if (minori !== null)
    out.push({ ...common, indicatorCode: "TASSO_MINORI_IN_CARICO", baselineValue: round(minori, 1), targetYear: 2026, targetValue: round(minori * 0.9, 1), legalSource: null, note: "PSZ: ridurre le prese in carico di minori con la prevenzione (P.I.P.P.I.)." });

  // One target for the capofila comune, to show comune-level targets.
  const capofila = members.find((c) => c.istat === zone.capofila);
  if (capofila) {
    const v = comuneDerived("COPERTURA_SAD", rowOf(sims, capofila.istat, base));
    if (v !== null)
      out.push({ ...common, istat: capofila.istat, indicatorCode: "COPERTURA_SAD", baselineValue: round(v, 2), targetYear: 2026, targetValue: round(v + 0.6, 2), legalSource: null, note: `PSZ: obiettivo specifico del Comune di ${capofila.name}.` });
  }
  return out;
}
