import type { DemoComune } from "./comuni";
import { normal, poisson, stream, uniform, type Rng } from "./prng";

/** Input indicators of one comune in one year (all integers but ETA_MEDIA). */
export interface ComuneYear {
  year: number;
  POP_TOT: number;
  POP_0_2: number;
  POP_0_14: number;
  POP_0_17: number;
  POP_15_64: number;
  POP_65_PLUS: number;
  POP_75_PLUS: number;
  POP_MEDIA: number;
  POP_STRANIERI: number;
  FAMIGLIE: number;
  NATI: number;
  MORTI: number;
  SALDO_NATURALE: number;
  ETA_MEDIA: number;
  FAM_UNIPERS_65: number;
  REDDITO_IMPONIBILE: number;
  CONTRIBUENTI: number;
  BENEF_RDC: number | null;
  BENEF_ADI: number | null;
  DISABILI_L104: number;
  MINORI_IN_CARICO: number;
  UTENTI_SS: number;
  UTENTI_SAD: number;
  POSTI_NIDO: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Comuni hit by the 2016–2017 earthquakes (Valnerina): depopulation after 2016. */
const EARTHQUAKE_ZONE = "UMB-06";

/** Average taxable income per taxpayer in 2019, €, by zone and size. */
function baseIncome(c: DemoComune, rng: Rng): number {
  const byName: Record<string, number> = { Terni: 21300, Narni: 20400, Amelia: 19900, Norcia: 18400, "San Gemini": 20600 };
  const zoneBase = c.zoneCode === "UMB-10" ? 19800 : c.zoneCode === "UMB-11" ? 18700 : 17400;
  return (byName[c.name] ?? zoneBase) + normal(rng, 0, 450);
}

/** Yearly income growth (nominal, MEF trend: 2020 dip, inflation from 2022). */
const INCOME_GROWTH: Record<number, number> = { 2020: -0.015, 2021: 0.04, 2022: 0.035, 2023: 0.045, 2024: 0.03, 2025: 0.025 };
/** Share of families receiving RdC (2019–2023) and ADI (2024–). */
const POVERTY_SHARE: Record<number, number> = { 2019: 0.018, 2020: 0.026, 2021: 0.029, 2022: 0.027, 2023: 0.022, 2024: 0.016, 2025: 0.015 };
/** Excess mortality of the pandemic years. */
const MORTALITY_FACTOR: Record<number, number> = { 2020: 1.13, 2021: 1.07, 2022: 1.06 };

/**
 * Simulates one comune from 2016 (births feed the 0–2 band) through the last year.
 * Population at 31/12 moves by a comune trend; births and deaths are Poisson
 * draws; age bands come from shares that age year by year and always add up.
 */
export function simulateComune(seed: number, c: DemoComune, years: readonly number[]): ComuneYear[] {
  const rng = stream(seed, `comune:${c.istat}`);
  const last = Math.max(...years);
  const small = c.population2011 < 1500;
  const mountain = c.zoneCode === EARTHQUAKE_ZONE || ["Polino", "Ferentillo", "Calvi dell'Umbria"].includes(c.name);

  // Yearly trend of the resident population.
  let trend = c.zoneCode === "UMB-06" ? -0.011 : c.population2011 > 15000 ? -0.003 : -0.0045;
  if (small) trend -= 0.004;
  trend += normal(rng, 0, 0.0015);
  // Year-to-year noise shrinks with size: a city of 100,000 does not jump by 1%.
  const noise = c.population2011 > 15000 ? 0.0008 : c.population2011 > 3000 ? 0.0018 : 0.003;
  let pop: number;
  if (c.name === "Poggiodomo") {
    // About 100 residents in 2019 (135 in 2011).
    trend = -0.014;
    pop = 104;
  } else {
    const shock = c.zoneCode === EARTHQUAKE_ZONE ? uniform(rng, 0.94, 0.97) : 1;
    pop = Math.round(c.population2011 * Math.pow(1 + trend, 7) * shock);
  }

  // Age structure at the end of 2018.
  let s65 = (c.zoneCode === "UMB-10" ? 0.262 : c.zoneCode === "UMB-11" ? 0.272 : 0.29) + (small ? 0.025 : 0) + normal(rng, 0, 0.012);
  let s014 = (c.zoneCode === "UMB-10" ? 0.118 : c.zoneCode === "UMB-11" ? 0.116 : 0.108) - (small ? 0.01 : 0) + normal(rng, 0, 0.006);
  if (c.name === "Poggiodomo") {
    s65 = 0.43;
    s014 = 0.045;
  }
  let r75 = clamp(0.53 + normal(rng, 0, 0.02), 0.45, 0.6);
  const r017 = 1.2 + normal(rng, 0, 0.015);
  let foreign = (c.zoneCode === "UMB-10" ? 0.095 : c.zoneCode === "UMB-11" ? 0.085 : 0.09) + normal(rng, 0, 0.015);
  foreign = clamp(foreign, 0.02, 0.16);
  let famSize = (mountain ? 2.12 : 2.24) - (small ? 0.05 : 0) + normal(rng, 0, 0.04);
  let alone = (mountain ? 0.32 : 0.285) + normal(rng, 0, 0.015);
  let income = baseIncome(c, rng);
  const taxpayerShare = (mountain ? 0.735 : 0.71) + normal(rng, 0, 0.012);
  const natality = (mountain ? 5.3 : 6.3) / 1000 + normal(rng, 0, 0.0005);
  const povertyFactor = (c.name === "Terni" ? 1.5 : c.zoneCode === "UMB-06" ? 0.8 : 1) * uniform(rng, 0.8, 1.2);
  const disabilityRate = (19 + normal(rng, 0, 1.5)) / 1000;
  const minorsRate = ((c.name === "Terni" ? 30 : 23) + normal(rng, 0, 3)) / 1000;
  const usersRate = (37 + normal(rng, 0, 4)) / 1000;
  const sadCoverage = (c.zoneCode === "UMB-06" ? 0.018 : 0.012) + normal(rng, 0, 0.002);
  // Nidi: comuni of at least ~1,800 residents have one; coverage of 0–2 at opening.
  const hasNido = c.population2011 >= 1800 || c.name === "Cascia";
  const nidoCoverage = uniform(rng, 0.16, 0.26);
  const nidoExpansionYear = rng() < 0.5 ? 2022 : 2024; // PNRR new places

  // Births from 2016 so that the 0–2 band of 2019 has three years of births.
  const births = new Map<number, number>();
  for (let y = 2016; y <= 2018; y++) births.set(y, poisson(rng, pop * natality * (1 + 0.02 * (2018 - y))));

  let nidoPlaces = 0;
  const out: ComuneYear[] = [];
  for (let y = 2019; y <= last; y++) {
    const prev = pop;
    s65 = clamp(s65 + 0.0027 + normal(rng, 0, 0.0006), 0.15, 0.5);
    s014 = clamp(s014 - 0.0017 + normal(rng, 0, 0.0005), 0.03, 0.2);
    r75 = clamp(r75 + (y === 2020 || y === 2021 ? -0.002 : 0.003), 0.45, 0.65);
    foreign = clamp(foreign + 0.0006 + normal(rng, 0, 0.0008), 0.02, 0.18);
    famSize = Math.max(1.7, famSize - 0.012);
    alone = clamp(alone + 0.002, 0.2, 0.4);

    const nati = poisson(rng, prev * natality * Math.pow(0.985, y - 2019));
    const mortality = (12 * (s65 / 0.27)) / 1000 * (MORTALITY_FACTOR[y] ?? 1);
    const morti = poisson(rng, prev * mortality);
    births.set(y, nati);
    pop = Math.max(1, Math.round(prev * (1 + trend + normal(rng, 0, noise))));

    const p65 = Math.round(pop * s65);
    const p014 = Math.round(pop * s014);
    const p1564 = pop - p65 - p014;
    const p75 = Math.min(p65, Math.round(p65 * r75));
    const births3 = (births.get(y) ?? 0) + (births.get(y - 1) ?? 0) + (births.get(y - 2) ?? 0);
    const p02 = Math.min(p014, Math.max(0, Math.round(births3 * uniform(rng, 0.96, 1.03))));
    const p017 = Math.min(p014 + p1564, Math.max(p014, Math.round(p014 * r017)));
    const families = Math.max(1, Math.round(pop / famSize));
    const etaMedia = Math.round(((p014 * 7.3 + p1564 * 40.5 + (p65 - p75) * 69.5 + p75 * 83.5) / pop) * 10) / 10;

    income *= 1 + (INCOME_GROWTH[y] ?? 0) + normal(rng, 0, 0.005);
    const taxpayers = Math.round(pop * taxpayerShare);

    const poorShare = (POVERTY_SHARE[y] ?? 0.015) * povertyFactor;
    const poorFamilies = poisson(rng, families * poorShare);

    if (hasNido) {
      if (nidoPlaces === 0) nidoPlaces = Math.max(12, Math.round((p02 * nidoCoverage) / 3) * 3);
      if (y === nidoExpansionYear) nidoPlaces += c.name === "Terni" ? 60 : pop > 8000 ? 18 : 12;
    }

    out.push({
      year: y,
      POP_TOT: pop,
      POP_0_2: p02,
      POP_0_14: p014,
      POP_0_17: p017,
      POP_15_64: p1564,
      POP_65_PLUS: p65,
      POP_75_PLUS: p75,
      POP_MEDIA: Math.round((prev + pop) / 2),
      POP_STRANIERI: Math.round(pop * foreign),
      FAMIGLIE: families,
      NATI: nati,
      MORTI: morti,
      SALDO_NATURALE: nati - morti,
      ETA_MEDIA: etaMedia,
      FAM_UNIPERS_65: Math.min(p65, Math.round(p65 * alone)),
      REDDITO_IMPONIBILE: Math.round(taxpayers * income),
      CONTRIBUENTI: taxpayers,
      BENEF_RDC: y <= 2023 ? poorFamilies : null,
      BENEF_ADI: y >= 2024 ? poorFamilies : null,
      DISABILI_L104: poisson(rng, pop * (disabilityRate + 0.0007 * (y - 2019))),
      MINORI_IN_CARICO: Math.min(p017, poisson(rng, p017 * minorsRate * (1 + 0.02 * (y - 2019)))),
      UTENTI_SS: poisson(rng, pop * (usersRate + 0.001 * (y - 2019))),
      UTENTI_SAD: Math.min(p65, poisson(rng, p65 * (sadCoverage + 0.0008 * (y - 2019)) * (y === 2020 ? 0.85 : 1))),
      POSTI_NIDO: nidoPlaces,
    });
  }
  return out.filter((r) => years.includes(r.year));
}
