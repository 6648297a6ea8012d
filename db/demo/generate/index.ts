/**
 * Deterministic synthetic data for the demo zones 6 (Norcia), 10 (Terni) and
 * 11 (Narni), 2019–2025: input indicators per comune (and a few per zone),
 * services, budget lines by fund and stage, a PSZ 2024–2026 and its targets.
 * With `regionComuni` (what `npm run demo` passes: the other nine Umbrian
 * zones, ./region.ts), those zones get the territory's input indicators only,
 * so that the region's figures («Umbria») exist.
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
import type { DemoBudgetLine, DemoDataset, DemoLepsItem, DemoNote, DemoObjective, DemoObservation, DemoPlan, DemoTarget } from "./types";
import { LEPS_ITEMS, type LepsItemState } from "@/lib/leps/items";
import { servicesDemoOf } from "./service-quality";
import { budgetSnapshotsOf } from "./budget";
import { iseeBandsOf } from "./isee";
import { REGION_ZONES } from "./region";

export type { DemoDataset, DemoObservation, DemoService, DemoBudgetLine, DemoPlan, DemoObjective, DemoTarget } from "./types";

const INDICATOR_BY_CODE_DEMO = new Map(INDICATORS.map((d) => [d.code, d]));
export { DEMO_COMUNI, DEMO_ZONES, type DemoComune, type DemoZone } from "./comuni";
export { REGION_COMUNI, REGION_ZONES } from "./region";
export { mulberry32 } from "./prng";

export const DEFAULT_DEMO_SEED = 20241124;
export const DEMO_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

export interface GenerateOptions {
  seed?: number;
  /** Defaults to the comuni of zones 6, 10 and 11. Zones must be among DEMO_ZONES. */
  comuni?: readonly DemoComune[];
  /** Consecutive years from 2019 on; default 2019–2025. */
  years?: readonly number[];
  /**
   * Comuni of zones among REGION_ZONES that get the territory's indicators
   * only (no services, budget, plan, LEPS or notes); default none.
   */
  regionComuni?: readonly DemoComune[];
}

/** Input indicator codes written per comune, in output order. */
const COMUNE_INPUTS = [
  "POP_TOT", "POP_0_2", "POP_0_14", "POP_0_17", "POP_15_64", "POP_65_PLUS", "POP_75_PLUS", "POP_MEDIA",
  "POP_STRANIERI", "FAMIGLIE", "NATI", "MORTI", "SALDO_NATURALE", "ETA_MEDIA", "FAM_UNIPERS_65",
  "REDDITO_IMPONIBILE", "CONTRIBUENTI", "BENEF_RDC", "BENEF_ADI", "DISABILI_L104", "MINORI_IN_CARICO",
  "UTENTI_SS", "UTENTI_SAD", "POSTI_NIDO",
] as const satisfies readonly (keyof ComuneYear)[];

/** Residents per social worker (FTE) of each zone in the first and last demo year. */
const AS_RATIO: Record<string, [number, number]> = { "UMB-06": [6200, 3700], "UMB-10": [6400, 5300], "UMB-11": [6600, 4150] };

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
  const regionComuni = options.regionComuni ?? [];
  const unknownRegional = regionComuni.find((c) => !REGION_ZONES.some((z) => z.code === c.zoneCode));
  if (unknownRegional) throw new RangeError(`Zona non prevista tra le altre zone dell'Umbria: ${unknownRegional.zoneCode}`);

  const observations: DemoObservation[] = [];
  const services: DemoDataset["services"] = [];
  const budgetLines: DemoBudgetLine[] = [];
  const plans: DemoPlan[] = [];
  const objectives: DemoObjective[] = [];
  const targets: DemoTarget[] = [];

  for (const zone of zones) {
    const members = comuni.filter((c) => c.zoneCode === zone.code).sort((a, b) => a.istat.localeCompare(b.istat));
    const sims = new Map(members.map((c) => [c.istat, simulateComune(seed, c, years)]));
    const zoneRng = stream(seed, `zona:${zone.code}`);

    // Per-comune inputs. In zone 6 the smallest comune has not sent its last SAD users yet:
    // the pages show a comune with missing data and a zone figure that is only partial.
    const lastYear = years[years.length - 1]!;
    const late = zone.code === "UMB-06" ? [...members].sort((a, b) => rowOf(sims, a.istat, lastYear).POP_TOT - rowOf(sims, b.istat, lastYear).POP_TOT)[0]?.istat : undefined;
    for (const c of members)
      for (const row of sims.get(c.istat)!)
        for (const code of COMUNE_INPUTS) {
          const value = row[code];
          if (value === null) continue; // RdC before 2024, ADI from 2024: no row rather than a fake zero
          if (code === "UTENTI_SAD" && c.istat === late && row.year === lastYear && years.length > 1) continue;
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
      const p = planOfZone(zone, zones.indexOf(zone), members, sims, asFte, lines, years);
      plans.push(p.plan);
      objectives.push(...p.objectives);
      targets.push(...p.targets);
    }
  }

  observations.push(...territoryOnly(seed, regionComuni, years));

  const servicesDemo = servicesDemoOf({ seed, zones, years, services, observations, budgetLines, comuneNames: new Map(comuni.map((c) => [c.istat, c.name])) });
  observations.push(...servicesDemo.observations);
  const lepsItems = zones.flatMap((zone, z) => lepsOfZone(zone.code, z));
  const notes = zones.filter((zone) => plans.some((p) => p.zoneCode === zone.code)).flatMap((zone) => notesOfZone(zone.code, zone.capofila));
  const snapshots = budgetSnapshotsOf(seed, budgetLines, years);
  const iseeBands = iseeBandsOf(seed, zones.filter((zone) => services.some((s) => s.zoneCode === zone.code && s.code === "SAD_ANZIANI")).map((zone) => zone.code), years, observations);
  return { observations, services, budgetLines: snapshots.lines, budgetInterim: snapshots.interim, plans, objectives, targets, lepsItems, notes, staff: servicesDemo.staff, iseeBands, serviceStandards: servicesDemo.standards };
}

/** Social spending per resident (euros, first demo year) of the zones with the territory only. */
const REGION_SPENDING_2019 = 105;

/**
 * The territory's inputs of zones without services or budget: each comune's
 * indicators and the ATS's social workers and social spending, as for the
 * full demo zones, so that every zone's figure, and so the region's, exists.
 */
function territoryOnly(seed: number, comuni: readonly DemoComune[], years: readonly number[]): DemoObservation[] {
  const out: DemoObservation[] = [];
  for (const zone of REGION_ZONES) {
    const members = comuni.filter((c) => c.zoneCode === zone.code).sort((a, b) => a.istat.localeCompare(b.istat));
    if (members.length === 0) continue;
    const sims = new Map(members.map((c) => [c.istat, simulateComune(seed, c, years)]));
    const rng = stream(seed, `zona:${zone.code}`);
    for (const c of members)
      for (const row of sims.get(c.istat)!)
        for (const code of COMUNE_INPUTS) {
          const value = row[code];
          if (value !== null) out.push({ indicatorCode: code, zoneCode: zone.code, istat: c.istat, period: String(row.year), value });
        }
    const zonePop = (y: number) => members.reduce((s, c) => s + rowOf(sims, c.istat, y).POP_TOT, 0);
    const [r0, r1] = [uniform(rng, 5600, 6800), uniform(rng, 3900, 5200)];
    const perCapita = REGION_SPENDING_2019 * uniform(rng, 0.8, 1.25);
    years.forEach((y, i) => {
      const t = years.length === 1 ? 1 : i / (years.length - 1);
      const ratio = r0 + (r1 - r0) * t + normal(rng, 0, 120);
      out.push({ indicatorCode: "AS_FTE", zoneCode: zone.code, istat: null, period: String(y), value: Math.max(0.5, Math.round((zonePop(y) / ratio) * 2) / 2) });
      const spending = perCapita * Math.pow(1.03, y - 2019) * uniform(rng, 0.95, 1.05) * zonePop(y);
      out.push({ indicatorCode: "SPESA_SOCIALE", zoneCode: zone.code, istat: null, period: String(y), value: Math.round(spending * 100) / 100 });
    });
  }
  return out;
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

/** The qualitative LEPS of a demo zone: every state appears, each zone a different mix. */
const LEPS_EVIDENCE: Record<LepsItemState, string> = {
  attivo: "Servizio attivo, con atto di affidamento e operatori dedicati.",
  in_avvio: "Gara o convenzione in corso; avvio previsto entro l'anno.",
  non_attivo: "Non ancora programmato nel Piano.",
};
function lepsOfZone(zoneCode: string, zoneIndex: number): DemoLepsItem[] {
  const cycle: readonly LepsItemState[] = ["attivo", "attivo", "in_avvio", "attivo", "non_attivo", "in_avvio", "attivo", "attivo"];
  return LEPS_ITEMS.map((item, i) => {
    const state = cycle[(i + zoneIndex * 3) % cycle.length]!;
    return { zoneCode, item: item.code, state, evidence: LEPS_EVIDENCE[state], assessedOn: "2025-06-30" };
  });
}

/** A few notes of the Ufficio di Piano: on an indicator, a target and the capofila comune. */
function notesOfZone(zoneCode: string, capofila: string): DemoNote[] {
  const author = "Ufficio di Piano (dati dimostrativi)";
  return [
    {
      zoneCode,
      subject: { kind: "indicator", key: "RESIDENTI_PER_AS" },
      body: "Dal 2024 gli assistenti sociali dell'ambito assunti con il Fondo povertà sono contati nella riga d'ambito: il confronto con gli anni precedenti va letto con questa avvertenza.",
      notedOn: "2025-03-14",
      author,
    },
    {
      zoneCode,
      subject: { kind: "target", planStartYear: 2024, indicatorCode: "COPERTURA_NIDI", istat: null, targetKind: "trajectory", targetYear: 2027 },
      body: "I posti del nuovo nido finanziato dal PNRR entrano nel conteggio dal 2026: la proiezione attuale non li vede ancora.",
      notedOn: "2025-09-22",
      author,
    },
    {
      zoneCode,
      subject: { kind: "comune", key: capofila },
      body: "Comune capofila: i dati del servizio sociale professionale includono il personale dell'Ufficio di Piano.",
      notedOn: "2025-05-08",
      author,
    },
  ];
}

/** What the demo asks of a trajectory target in its last year: the shapes give the pages a mix of statuses. */
type Shape = "in_linea" | "a_rischio" | "fuori_traiettoria" | "raggiunto";
/** Progress ratio (actual ÷ expected gain) each shape aims at in the last demo year. */
const SHAPE_RATIO: Record<Exclude<Shape, "raggiunto">, number> = { in_linea: 1.2, a_rischio: 0.87, fuori_traiettoria: 0.45 };
const SHAPES: readonly Shape[] = ["in_linea", "a_rischio", "fuori_traiettoria", "raggiunto"];

/**
 * A 2026 target value that puts the last demo year's value at the shape's
 * ratio of the straight line from the 2023 baseline. A zone moving the wrong
 * way gets a 10% improvement, which it then misses (fuori traiettoria).
 */
function shapedTarget(baseline: number, last: number, lastYear: number, direction: 1 | -1, shape: Shape, decimals: number): number {
  const gain = direction * (last - baseline);
  const share = (lastYear - 2023) / (2026 - 2023);
  if (!(gain > 0) || !(share > 0)) return round(baseline + direction * Math.max(Math.abs(baseline) * 0.1, 10 ** -decimals), decimals);
  const span = shape === "raggiunto" ? gain * 0.8 : gain / share / SHAPE_RATIO[shape];
  return round(baseline + direction * span, decimals);
}

interface ZonePlan {
  plan: DemoPlan;
  objectives: DemoObjective[];
  targets: DemoTarget[];
}

const PLAN_ACT: Record<string, { type: "accordo_di_programma" | "deliberazione"; number: string }> = {
  "UMB-06": { type: "accordo_di_programma", number: "2/2024" },
  "UMB-10": { type: "deliberazione", number: "14" },
  "UMB-11": { type: "accordo_di_programma", number: "5/2024" },
};

const DEMO_OBJECTIVES: readonly Omit<DemoObjective, "zoneCode" | "planStartYear">[] = [
  { code: "OB1", area: "famiglia_minori", title: "Più posti nei servizi per la prima infanzia", description: "Portare i posti nei nidi e nei servizi integrativi verso il 33% dei bambini sotto i 3 anni.", office: "Servizi educativi dei comuni" },
  { code: "OB2", area: "famiglia_minori", title: "Prevenire l'allontanamento dei minori", description: "Programma P.I.P.P.I. in tutti i comuni: meno prese in carico per tutela, più sostegno alle famiglie.", office: "Servizio sociale professionale – area minori" },
  { code: "OB3", area: "anziani", title: "Estendere l'assistenza domiciliare agli anziani", description: "Più anziani non autosufficienti seguiti a casa dal SAD.", office: "Ufficio di Piano – area anziani" },
  { code: "OB4", area: "poverta", title: "Sostenere la spesa sociale dei comuni", description: "Avvicinare la spesa sociale per abitante alla media nazionale (circa 132 €).", office: "Ufficio di Piano – bilancio" },
  { code: "OB5", area: "multiutenza", title: "Mantenere la presa in carico del servizio sociale", description: "Non ridurre le persone seguite dal servizio sociale mentre cambiano i fondi.", office: "Uffici della Cittadinanza" },
  { code: "OB6", area: "sistema_governance", title: "Rafforzare il servizio sociale professionale", description: "Garantire il LEPS di un assistente sociale ogni 5.000 residenti e avvicinarsi a uno ogni 4.000.", office: "Ufficio di Piano" },
];

function planOfZone(
  zone: DemoZone,
  zoneIndex: number,
  members: readonly DemoComune[],
  sims: Map<string, ComuneYear[]>,
  asFte: Map<number, number>,
  lines: readonly DemoBudgetLine[],
  years: readonly number[],
): ZonePlan {
  const base = 2023;
  const lastYear = years[years.length - 1]!;
  const spendingOf = (y: number) => lines.filter((l) => l.year === y && l.fundingCode !== "COMPARTECIPAZIONE").reduce((s, l) => s + cents(l.impegnato), 0) / 100;
  const at = (code: string, y: number) => zoneDerived(code, members, sims, y, { AS_FTE: asFte.get(y) ?? 0, SPESA_SOCIALE: spendingOf(y) });
  const act = PLAN_ACT[zone.code] ?? null;
  const plan: DemoPlan = { zoneCode: zone.code, name: `Piano sociale di zona 2024–2026 – ${zone.name}`, startYear: 2024, endYear: 2026, adoptedOn: PLAN_ADOPTED_ON[zone.code] ?? null, actType: act?.type ?? null, actNumber: act?.number ?? null };
  const objectives = DEMO_OBJECTIVES.map((o) => ({ ...o, zoneCode: zone.code, planStartYear: 2024 }));
  const common = { zoneCode: zone.code, planStartYear: 2024, istat: null, baselineYear: base, milestones: [], tolerance: null, legalSource: null, kind: "trajectory" as const };
  const out: DemoTarget[] = [];

  // LEPS social workers: the 1:5,000 minimum holds every year (a ceiling), the 1:4,000 goal is a trajectory.
  const asRatio = at("RESIDENTI_PER_AS", base);
  const asLegal = "L. 178/2020 c.797";
  out.push({ ...common, objectiveCode: "OB6", indicatorCode: "RESIDENTI_PER_AS", kind: "ceiling", provenance: "leps", baselineValue: asRatio === null ? null : round(asRatio, 0), targetYear: 2026, targetValue: 5000, legalSource: asLegal, note: "LEPS: almeno un assistente sociale ogni 5.000 residenti, in ogni anno." });
  out.push({ ...common, objectiveCode: "OB6", indicatorCode: "RESIDENTI_PER_AS", provenance: "leps", baselineValue: asRatio === null ? null : round(asRatio, 0), targetYear: 2026, targetValue: 4000, legalSource: asLegal, note: "Obiettivo di servizio: un assistente sociale ogni 4.000 residenti entro la fine del piano." });

  // Nidi: 33% by 2027 through the intermediate 28.9% (LEPS, L. 234/2021).
  const nidi = at("COPERTURA_NIDI", base);
  const nidiBase = nidi === null ? null : round(nidi, 1);
  out.push({ ...common, objectiveCode: "OB1", indicatorCode: "COPERTURA_NIDI", provenance: "leps", baselineValue: nidiBase, targetYear: 2027, targetValue: 33, legalSource: "L. 234/2021", milestones: nidiBase !== null && nidiBase < 28.9 ? [{ year: 2025, value: 28.9 }] : [], note: "LEPS: posti per il 33% dei bambini sotto i 3 anni entro il 2027 (obiettivo intermedio 28,9%)." });

  // PSZ trajectories shaped from the simulated path, each zone with a different mix.
  const shaped: { code: string; objective: string; provenance: DemoTarget["provenance"]; note: string }[] = [
    { code: "COPERTURA_SAD", objective: "OB3", provenance: "psz", note: "PSZ: estendere l'assistenza domiciliare agli anziani non autosufficienti." },
    { code: "SPESA_PRO_CAPITE", objective: "OB4", provenance: "psz", note: "PSZ: avvicinare la spesa sociale per abitante alla media nazionale (circa 132 €)." },
    { code: "TASSO_MINORI_IN_CARICO", objective: "OB2", provenance: "psz", note: "PSZ: ridurre le prese in carico di minori con la prevenzione (P.I.P.P.I.)." },
    { code: "POSTI_NIDO_PER_1000", objective: "OB1", provenance: "regionale", note: "Piano regionale dei servizi educativi 0–6: più posti per 1.000 abitanti." },
  ];
  shaped.forEach((t, i) => {
    const def = INDICATOR_BY_CODE_DEMO.get(t.code)!;
    const b = at(t.code, base);
    const l = at(t.code, lastYear);
    if (b === null || l === null) return;
    const direction = def.polarity === -1 ? -1 : 1;
    const shape = SHAPES[(i + zoneIndex) % SHAPES.length]!;
    out.push({ ...common, objectiveCode: t.objective, indicatorCode: t.code, provenance: t.provenance, baselineValue: round(b, def.decimals), targetYear: 2026, targetValue: shapedTarget(round(b, def.decimals), l, lastYear, direction, shape, def.decimals), note: t.note });
  });

  // A maintenance target (neutral indicator): keep the people in care where they were, within 10%.
  const care = at("UTENTI_SS_PER_1000", base);
  if (care !== null) out.push({ ...common, objectiveCode: "OB5", indicatorCode: "UTENTI_SS_PER_1000", provenance: "lavoro", baselineValue: round(care, 1), targetYear: 2026, targetValue: round(care, 1), tolerance: round(care * 0.1, 1), note: "Valore di lavoro dell'Ufficio di Piano: mantenimento con una tolleranza del 10%." });

  // One target for the capofila comune, to show comune-level targets.
  const capofila = members.find((c) => c.istat === zone.capofila);
  if (capofila) {
    const v = comuneDerived("COPERTURA_SAD", rowOf(sims, capofila.istat, base));
    if (v !== null)
      out.push({ ...common, objectiveCode: "OB3", istat: capofila.istat, indicatorCode: "COPERTURA_SAD", provenance: "psz", baselineValue: round(v, 2), targetYear: 2026, targetValue: round(v + 0.6, 2), note: `PSZ: obiettivo specifico del Comune di ${capofila.name}.` });
  }
  return { plan, objectives, targets: out };
}
