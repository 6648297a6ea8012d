/**
 * The services' side of the demo (issue 14): catalogue details (ISTAT
 * category, nomenclatore, management mode, comuni, sedi), quality metrics
 * tied to each service (SRV_* observations with a service code) from 2022,
 * when the demo zones adopt their carta dei servizi, the carta's standards
 * (targets tied to the service, outside the PSZ), and the staff of the
 * services at 31 December. Deterministic (prng streams by zone and service);
 * a few standards are missed and a few metrics are missing on purpose, so the
 * pages show every state.
 */
import type { DemoZone } from "./comuni";
import { normal, poisson, stream, uniform, type Rng } from "./prng";
import type { DemoBudgetLine, DemoObservation, DemoService, DemoStaff, DemoTarget } from "./types";

interface Detail {
  category: string | null;
  nomenclatore: string | null;
  mode: "diretta" | "appalto" | "convenzione" | "accreditamento";
  /** Users per resident of the zone (zone-level services). */
  usersPerResident?: number;
  /** Users per comune come from this input indicator of the demo. */
  usersFrom?: string;
  /** Persone in lista d'attesa, per 100 users, when the service has a waiting list. */
  waitingPer100?: number;
  /** Days to first interview and to presa in carico in 2022. */
  days?: [number, number];
  /** The carta's standards for this service. */
  standards?: { firstInterview?: number; takeCharge?: number; satisfaction?: number; complaintsAnswered?: number };
}

const CARTA = "Carta dei servizi della zona sociale (art. 13 L. 328/2000)";
const FIRST_QUALITY_YEAR = 2022;

const DETAILS: Record<string, Detail> = {
  SEGRETARIATO: { category: null, nomenclatore: "A1.01", mode: "diretta", usersPerResident: 0.035, days: [3, 0], standards: { firstInterview: 5, satisfaction: 7 } },
  SERV_SOC_PROF: { category: "PSW", nomenclatore: "A1.02", mode: "diretta", usersFrom: "UTENTI_SS", days: [9, 28], standards: { firstInterview: 10, takeCharge: 30, satisfaction: 7, complaintsAnswered: 90 } },
  PRONTO_INTERVENTO: { category: null, nomenclatore: "A1.04", mode: "convenzione", usersPerResident: 0.0009, days: [1, 2], standards: { firstInterview: 1 } },
  SAD_ANZIANI: { category: "HOMECARE", nomenclatore: "B1.01", mode: "appalto", usersFrom: "UTENTI_SAD", waitingPer100: 14, days: [11, 33], standards: { firstInterview: 10, takeCharge: 30, satisfaction: 7.5, complaintsAnswered: 90 } },
  DIMISSIONI_PROTETTE: { category: "HOMEHEALTH", nomenclatore: "B1.03", mode: "convenzione", usersPerResident: 0.0016, days: [2, 6], standards: { takeCharge: 7 } },
  ADD_DISABILI: { category: "HOMECARE", nomenclatore: "B1.02", mode: "accreditamento", usersPerResident: 0.0025, waitingPer100: 9, days: [14, 40], standards: { takeCharge: 45, satisfaction: 7 } },
  CENTRO_DIURNO_DIS: { category: "DAYC", nomenclatore: "C1.01", mode: "convenzione", usersPerResident: 0.0007, waitingPer100: 20, days: [15, 55], standards: { takeCharge: 60, satisfaction: 7.5 } },
  DOPO_DI_NOI: { category: null, nomenclatore: null, mode: "accreditamento", usersPerResident: 0.0003 },
  PIPPI: { category: null, nomenclatore: null, mode: "diretta", usersPerResident: 0.0004, days: [10, 30] },
  EDU_MINORI: { category: null, nomenclatore: "A2.03", mode: "appalto", usersPerResident: 0.003, waitingPer100: 6, days: [12, 35], standards: { takeCharge: 40, satisfaction: 7 } },
  NIDI: { category: null, nomenclatore: "C2.01", mode: "accreditamento", usersFrom: "POSTI_NIDO", waitingPer100: 12, standards: { satisfaction: 8 } },
  SAL: { category: "EMPLOY", nomenclatore: "A3.01", mode: "convenzione", usersPerResident: 0.0012, days: [12, 30], standards: { firstInterview: 15 } },
  CONTRIBUTI_ECONOMICI: { category: null, nomenclatore: "D1.01", mode: "diretta", usersPerResident: 0.009, days: [15, 30], standards: { takeCharge: 30 } },
  MEDIAZIONE: { category: null, nomenclatore: null, mode: "appalto", usersPerResident: 0.002, days: [5, 0] },
  DIPENDENZE: { category: "AGGRC", nomenclatore: null, mode: "convenzione", usersPerResident: 0.0005 },
};

/** Zones where a service misses a standard on purpose: service → [metric, factor on the standard]. */
const MISSED: Record<string, Record<string, ["takeCharge" | "firstInterview" | "satisfaction" | "complaintsAnswered", number]>> = {
  "UMB-06": { SAD_ANZIANI: ["takeCharge", 1.35] },
  "UMB-10": { SAD_ANZIANI: ["firstInterview", 1.6], CENTRO_DIURNO_DIS: ["satisfaction", 0.85] },
  "UMB-11": { SERV_SOC_PROF: ["complaintsAnswered", 0.8], ADD_DISABILI: ["takeCharge", 1.2] },
};

export interface ServicesDemoInput {
  seed: number;
  zones: readonly DemoZone[];
  years: readonly number[];
  services: DemoService[];
  observations: readonly DemoObservation[];
  budgetLines: readonly DemoBudgetLine[];
  comuneNames: ReadonlyMap<string, string>;
}

export interface ServicesDemo {
  observations: DemoObservation[];
  standards: DemoTarget[];
  staff: DemoStaff[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const half = (x: number) => Math.max(0.5, Math.round(x * 2) / 2);

/** Fills the catalogue details of the services in place and returns their quality, standards and staff. */
export function servicesDemoOf(input: ServicesDemoInput): ServicesDemo {
  const observations: DemoObservation[] = [];
  const standards: DemoTarget[] = [];
  const staff: DemoStaff[] = [];
  const qualityYears = input.years.filter((y) => y >= FIRST_QUALITY_YEAR);
  const obsIndex = new Map<string, DemoObservation[]>();
  for (const o of input.observations) {
    const k = `${o.zoneCode}|${o.indicatorCode}|${o.period}`;
    obsIndex.set(k, [...(obsIndex.get(k) ?? []), o]);
  }
  const rowsOf = (zone: string, code: string, year: number) => (obsIndex.get(`${zone}|${code}|${year}`) ?? []).filter((o) => o.istat !== null);
  const zoneTotal = (zone: string, code: string, year: number) => rowsOf(zone, code, year).reduce((s, o) => s + (o.value ?? 0), 0);

  for (const zone of input.zones) {
    const zoneServices = input.services.filter((s) => s.zoneCode === zone.code);
    const comuni = [...new Set(input.observations.filter((o) => o.zoneCode === zone.code && o.indicatorCode === "POP_TOT" && o.istat !== null).map((o) => o.istat!))].sort();
    const lastYear = input.years[input.years.length - 1]!;
    const population = new Map(rowsOf(zone.code, "POP_TOT", lastYear).map((o) => [o.istat!, o.value ?? 0]));
    const bySize = [...comuni].sort((a, b) => (population.get(b) ?? 0) - (population.get(a) ?? 0));
    const capofilaName = input.comuneNames.get(zone.capofila) ?? zone.shortName;
    const secondName = input.comuneNames.get(bySize.find((c) => c !== zone.capofila) ?? "") ?? null;
    const udc = [`Ufficio della Cittadinanza di ${capofilaName}`, ...(secondName ? [`Ufficio della Cittadinanza di ${secondName}`] : [])];

    for (const s of zoneServices) {
      const d = DETAILS[s.code];
      if (!d) continue;
      s.categoryCode = d.category;
      s.nomenclatoreCode = d.nomenclatore;
      s.nomenclatoreFrom = d.nomenclatore ? "2021-01-01" : null;
      s.nomenclatoreTo = null;
      s.managementMode = d.mode;
      s.comuni = s.code === "NIDI" ? comuni.filter((c) => rowsOf(zone.code, "POSTI_NIDO", lastYear).some((o) => o.istat === c && (o.value ?? 0) > 0)) : [];
      s.sedi = s.code === "SEGRETARIATO" || s.code === "SERV_SOC_PROF" ? udc : s.code === "CENTRO_DIURNO_DIS" ? [`Centro diurno di ${capofilaName}`] : [];

      const rng = stream(input.seed, `servizi:${zone.code}:${s.code}`);
      const missed = MISSED[zone.code]?.[s.code];
      for (const y of qualityYears) {
        const t = (y - FIRST_QUALITY_YEAR) / Math.max(1, lastYear - FIRST_QUALITY_YEAR);
        const put = (code: string, value: number | null, istat: string | null = null) => {
          if (value !== null) observations.push({ indicatorCode: code, zoneCode: zone.code, istat, period: String(y), value, serviceCode: s.code });
        };
        // Users: per comune from the demo's own counts, or one figure of the zone.
        let users = 0;
        if (d.usersFrom) {
          for (const o of rowsOf(zone.code, d.usersFrom, y)) {
            const v = d.usersFrom === "POSTI_NIDO" ? Math.round((o.value ?? 0) * uniform(rng, 0.85, 0.98)) : (o.value ?? 0);
            if (d.usersFrom === "POSTI_NIDO" && v === 0) continue;
            put("SRV_UTENTI", v, o.istat);
            users += v;
          }
        } else if (d.usersPerResident) {
          users = Math.max(1, Math.round(zoneTotal(zone.code, "POP_TOT", y) * d.usersPerResident * uniform(rng, 0.9, 1.1)));
          put("SRV_UTENTI", users);
        }
        if (users > 0 && d.days) put("SRV_RICHIESTE", Math.round(users * uniform(rng, 1.1, 1.35)));
        if (d.waitingPer100 && users > 0) put("SRV_LISTA_ATTESA", Math.max(0, Math.round((users * d.waitingPer100 * (1 - 0.3 * t)) / 100 + normal(rng, 0, 1))));
        const std = d.standards ?? {};
        const factor = (m: string) => (missed && missed[0] === m && y >= 2024 ? missed[1] : 1);
        if (d.days) {
          const [first, take] = d.days;
          if (first > 0) put("SRV_GG_PRIMO_COLLOQUIO", round1(Math.max(0.5, (std.firstInterview ? Math.min(first, std.firstInterview * 0.9) : first) * (1 - 0.15 * t) * factor("firstInterview") + normal(rng, 0, 0.4))));
          // The last year's presa in carico of the educational service is not reported yet: a missing metric.
          if (take > 0 && !(s.code === "EDU_MINORI" && y === lastYear)) put("SRV_GG_PRESA_IN_CARICO", round1(Math.max(1, (std.takeCharge ? Math.min(take, std.takeCharge * 0.9) : take) * (1 - 0.1 * t) * factor("takeCharge") + normal(rng, 0, 1))));
        }
        // Satisfaction surveys every year except the last for services without a standard on it.
        if (std.satisfaction || y < lastYear) {
          const base = std.satisfaction ? std.satisfaction + uniform(rng, 0.2, 0.9) : uniform(rng, 6.8, 8.4);
          put("SRV_SODDISFAZIONE", round1(Math.min(10, base * factor("satisfaction"))));
        }
        if (users > 0) {
          const complaints = poisson(rng, Math.max(0.5, users / 120));
          put("SRV_RECLAMI", complaints);
          if (complaints > 0) {
            const share = std.complaintsAnswered ? Math.min(1, (std.complaintsAnswered / 100) * factor("complaintsAnswered") + 0.05) : uniform(rng, 0.8, 1);
            put("SRV_RECLAMI_IN_TEMPO", Math.min(complaints, Math.round(complaints * share)));
          } else put("SRV_RECLAMI_IN_TEMPO", 0);
        }
      }
      const standard = (indicatorCode: string, kind: "floor" | "ceiling", value: number | undefined) => {
        if (value === undefined || qualityYears.length === 0) return;
        standards.push({
          zoneCode: zone.code, planStartYear: null, indicatorCode, istat: null, serviceCode: s.code, baselineYear: null, baselineValue: null,
          targetYear: FIRST_QUALITY_YEAR, targetValue: value, legalSource: CARTA, note: null, objectiveCode: null, kind, provenance: "lavoro", milestones: [], tolerance: null,
        });
      };
      standard("SRV_GG_PRIMO_COLLOQUIO", "ceiling", d.standards?.firstInterview);
      standard("SRV_GG_PRESA_IN_CARICO", "ceiling", d.standards?.takeCharge);
      standard("SRV_SODDISFAZIONE", "floor", d.standards?.satisfaction);
      standard("SRV_RECLAMI_RISPOSTA_PERC", "floor", d.standards?.complaintsAnswered);
    }

    staff.push(...staffOfZone(input, zone, zoneServices, qualityYears, udc));
  }
  return { observations, standards, staff };
}

/** Staff at 31 December: the ATS's social workers match the demo's AS_FTE; others by service. */
function staffOfZone(input: ServicesDemoInput, zone: DemoZone, services: readonly DemoService[], years: readonly number[], udc: readonly string[]): DemoStaff[] {
  const out: DemoStaff[] = [];
  const has = (code: string) => services.some((s) => s.code === code);
  const rng: Rng = stream(input.seed, `personale:${zone.code}`);
  for (const y of years) {
    const asOf = `${y}-12-31`;
    const add = (profile: DemoStaff["profile"], employer: DemoStaff["employer"], serviceCode: string | null, sede: string | null, fte: number) => {
      if (fte > 0) out.push({ zoneCode: zone.code, asOf, profile, employer, employerComune: null, serviceCode, sede, fte });
    };
    const asFte = input.observations.find((o) => o.zoneCode === zone.code && o.indicatorCode === "AS_FTE" && o.istat === null && o.period === String(y))?.value ?? 0;
    // Social workers of the ATS, split between the sedi: together exactly the AS_FTE of the year.
    const first = udc.length > 1 ? half(asFte * 0.6) : asFte;
    add("assistente_sociale", "ats", "SERV_SOC_PROF", udc[0] ?? null, Math.min(first, asFte));
    if (udc.length > 1) add("assistente_sociale", "ats", "SERV_SOC_PROF", udc[1]!, Math.max(0, asFte - first));
    // Not for the LEPS: the health service's social worker in the integrated day centre.
    if (has("CENTRO_DIURNO_DIS")) add("assistente_sociale", "asl", "CENTRO_DIURNO_DIS", null, 1);
    add("amministrativo", "ats", null, udc[0] ?? null, half(1.5 + asFte * 0.15 + normal(rng, 0, 0.2)));
    if (has("SAD_ANZIANI")) add("oss", "terzo_settore", "SAD_ANZIANI", null, half(asFte * 1.6 + normal(rng, 0, 0.5)));
    if (has("EDU_MINORI")) add("educatore", "terzo_settore", "EDU_MINORI", null, half(asFte * 0.7 + normal(rng, 0, 0.3)));
    if (has("ADD_DISABILI")) add("educatore", "terzo_settore", "ADD_DISABILI", null, half(asFte * 0.5 + normal(rng, 0, 0.3)));
    if (has("CENTRO_DIURNO_DIS")) add("educatore", "terzo_settore", "CENTRO_DIURNO_DIS", null, half(3 + normal(rng, 0, 0.4)));
    if (has("PIPPI")) add("psicologo", "asl", "PIPPI", null, 0.5);
    if (has("MEDIAZIONE")) add("mediatore", "terzo_settore", "MEDIAZIONE", null, y - years[0]! >= 2 ? 1.5 : 1);
  }
  return out;
}
