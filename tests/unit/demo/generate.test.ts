import { targetProblems } from "@/lib/targets/validate";
import { describe, expect, it } from "vitest";
import { DEMO_COMUNI, generateDemoDataset, mulberry32 } from "@/db/demo/generate";
import { INDICATOR_BY_CODE, INDICATORS } from "@/lib/catalog/indicators";
import { FUNDING_SOURCE_CODES } from "@/lib/catalog/funding-sources";
import { isServiceArea, isSpendingType } from "@/lib/catalog/service-areas";
import { deriveObservations } from "@/lib/indicators/derive";
import { aggregateIndicator } from "@/lib/indicators/aggregate";
import { budgetLineIssues } from "@/lib/budget/execution";

const data = generateDemoDataset();

const obs = (code: string, period: string, zoneCode?: string) =>
  data.observations.filter((o) => o.indicatorCode === code && o.period === period && (!zoneCode || o.zoneCode === zoneCode));
const value = (code: string, istat: string, period: string) =>
  data.observations.find((o) => o.indicatorCode === code && o.istat === istat && o.period === period)?.value ?? null;

describe("determinism", () => {
  it("same seed gives identical output, another seed differs", () => {
    expect(JSON.stringify(generateDemoDataset())).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDemoDataset({ seed: 7 }))).toBe(JSON.stringify(generateDemoDataset({ seed: 7 })));
    expect(JSON.stringify(generateDemoDataset({ seed: 7 }))).not.toBe(JSON.stringify(data));
    expect(data.observations.length).toBeGreaterThan(4000);
  });
  it("mulberry32 is a pure function of the seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  it("a comune's series does not depend on the other comuni", () => {
    const narniOnly = generateDemoDataset({ comuni: DEMO_COMUNI.filter((c) => c.istat === "055022") });
    const pop = (d: typeof data) => d.observations.filter((o) => o.istat === "055022" && o.indicatorCode === "POP_TOT").map((o) => o.value);
    expect(pop(narniOnly)).toEqual(pop(data));
  });
});

describe("territory", () => {
  it("covers the 29 comuni of zones 6, 10 and 11 for 2019–2025", () => {
    const comuni = new Set(data.observations.filter((o) => o.istat).map((o) => o.istat));
    expect(comuni.size).toBe(29);
    expect(DEMO_COMUNI.filter((c) => c.zoneCode === "UMB-11")).toHaveLength(12);
    expect(DEMO_COMUNI.filter((c) => c.zoneCode === "UMB-06")).toHaveLength(9);
    expect(DEMO_COMUNI.filter((c) => c.zoneCode === "UMB-10")).toHaveLength(8);
    expect([...new Set(data.observations.map((o) => o.period))].sort()).toEqual(["2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
  });

  it("has one observation per indicator, territory and period (the database's unique key)", () => {
    const keys = data.observations.map((o) => `${o.zoneCode}|${o.indicatorCode}|${o.istat ?? ""}|${o.serviceCode ?? ""}|${o.period}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("generates only catalogue inputs, never derived indicators", () => {
    for (const code of new Set(data.observations.map((o) => o.indicatorCode))) {
      const def = INDICATOR_BY_CODE.get(code);
      expect(def, code).toBeDefined();
      expect(def!.formula, code).toBeUndefined();
    }
  });
});

describe("demography", () => {
  it("age bands add up to the population and nest", () => {
    for (const p of obs("POP_TOT", "2024")) {
      const v = (code: string) => value(code, p.istat!, "2024")!;
      expect(v("POP_0_14") + v("POP_15_64") + v("POP_65_PLUS")).toBe(p.value);
      expect(v("POP_75_PLUS")).toBeLessThanOrEqual(v("POP_65_PLUS"));
      expect(v("POP_0_2")).toBeLessThanOrEqual(v("POP_0_14"));
      expect(v("POP_0_14")).toBeLessThanOrEqual(v("POP_0_17"));
      expect(v("SALDO_NATURALE")).toBe(v("NATI") - v("MORTI"));
      expect(v("UTENTI_SAD")).toBeLessThanOrEqual(v("POP_65_PLUS"));
    }
  });

  it("population counts are non-negative integers", () => {
    for (const o of data.observations) {
      const def = INDICATOR_BY_CODE.get(o.indicatorCode)!;
      if (def.unit === "persone" || def.unit === "famiglie" || def.unit === "nuclei" || def.unit === "posti") {
        expect(Number.isInteger(o.value), `${o.indicatorCode} ${o.istat} ${o.period}`).toBe(true);
        if (o.indicatorCode !== "SALDO_NATURALE") expect(o.value!).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("Poggiodomo has about 100 residents; the Norcia zone shrinks; everyone ages", () => {
    expect(value("POP_TOT", "054042", "2019")).toBeGreaterThanOrEqual(90);
    expect(value("POP_TOT", "054042", "2019")).toBeLessThanOrEqual(115);
    const zonePop = (z: string, y: string) => obs("POP_TOT", y, z).reduce((s, o) => s + o.value!, 0);
    expect(zonePop("UMB-06", "2025")).toBeLessThan(zonePop("UMB-06", "2019") * 0.97);
    const all = [...data.observations, ...deriveObservations(INDICATORS, data.observations)];
    const zoneRate = (code: string, z: string, y: string) =>
      aggregateIndicator(
        INDICATOR_BY_CODE.get(code)!,
        all.filter((o) => o.indicatorCode === code && o.zoneCode === z && o.period === y).map((o) => ({ unit: o.istat ?? "", value: o.value, numerator: o.numerator, denominator: o.denominator })),
      ).value!;
    for (const z of ["UMB-06", "UMB-10", "UMB-11"]) {
      expect(zoneRate("PERC_75_PLUS", z, "2025")).toBeGreaterThan(zoneRate("PERC_75_PLUS", z, "2019"));
      expect(zoneRate("PERC_75_PLUS", z, "2019")).toBeGreaterThan(12);
      expect(zoneRate("INDICE_VECCHIAIA", z, "2025")).toBeGreaterThan(200);
    }
  });

  it("lets every derived indicator be computed for the zones", () => {
    const derived = deriveObservations(INDICATORS, data.observations);
    const codes = new Set(derived.map((d) => d.indicatorCode));
    for (const code of ["INDICE_VECCHIAIA", "DIP_STRUTTURALE", "DIP_ANZIANI", "PERC_STRANIERI", "TASSO_SALDO_NATURALE", "REDDITO_MEDIO", "PERC_BENEF_ADI", "PERC_BENEF_RDC", "TASSO_DISABILI_L104", "TASSO_MINORI_IN_CARICO", "COPERTURA_SAD", "COPERTURA_NIDI", "PERC_ANZIANI_SOLI", "UTENTI_SS_PER_1000"])
      expect(codes.has(code), code).toBe(true);
    // Zone-level inputs: social workers and spending.
    expect(obs("AS_FTE", "2025").map((o) => o.istat)).toEqual([null, null, null]);
    expect(obs("SPESA_SOCIALE", "2025")).toHaveLength(3);
  });

  it("has small counts of people to protect: a comune of Zona 11 with 1 minor in care in the last year (the disclosure e2e uses it)", () => {
    const minors = obs("MINORI_IN_CARICO", "2025", "UMB-11");
    expect(minors.some((o) => o.istat === "055026" && o.value === 1)).toBe(true);
    expect(minors.filter((o) => o.value !== null && o.value >= 3).length).toBeGreaterThan(6);
  });
});

describe("services and budget", () => {
  it("services use ISTAT areas and spending types, 10–15 per zone", () => {
    for (const z of ["UMB-06", "UMB-10", "UMB-11"]) {
      const s = data.services.filter((x) => x.zoneCode === z);
      expect(s.length).toBeGreaterThanOrEqual(10);
      expect(s.length).toBeLessThanOrEqual(15);
      expect(new Set(s.map((x) => x.code)).size).toBe(s.length);
    }
    for (const s of data.services) {
      expect(isServiceArea(s.area), s.area).toBe(true);
      expect(isSpendingType(s.spendingType), s.spendingType).toBe(true);
    }
  });

  it("budget lines are consistent, in cents, with known funds and services", () => {
    const keys = new Set<string>();
    for (const b of data.budgetLines) {
      expect(budgetLineIssues(b)).toEqual([]);
      expect(FUNDING_SOURCE_CODES).toContain(b.fundingCode);
      expect(data.services.some((s) => s.zoneCode === b.zoneCode && s.code === b.serviceCode)).toBe(true);
      for (const k of ["stanziato", "impegnato", "liquidato", "pagato"] as const) expect(Math.round(b[k] * 100) / 100).toBe(b[k]);
      keys.add(`${b.zoneCode}|${b.year}|${b.serviceCode}|${b.fundingCode}|${b.istat ?? ""}`);
    }
    expect(keys.size).toBe(data.budgetLines.length);
  });

  it("spends a plausible 95–145 € per resident, and P.I.P.P.I. stays within 211,500 €", () => {
    for (const z of ["UMB-06", "UMB-10", "UMB-11"])
      for (const y of ["2019", "2022", "2025"]) {
        const pop = obs("POP_TOT", y, z).reduce((s, o) => s + o.value!, 0);
        const spend = data.budgetLines.filter((b) => b.zoneCode === z && String(b.year) === y).reduce((s, b) => s + b.impegnato, 0);
        expect(spend / pop, `${z} ${y}`).toBeGreaterThan(85);
        expect(spend / pop, `${z} ${y}`).toBeLessThan(150);
      }
    for (const z of ["UMB-06", "UMB-10", "UMB-11"]) {
      const pippi = data.budgetLines.filter((b) => b.zoneCode === z && b.fundingCode === "PNRR_M5C2_1_1_1").reduce((s, b) => s + b.stanziato, 0);
      expect(pippi).toBeLessThanOrEqual(211_500);
    }
  });
});

describe("plans and targets", () => {
  it("one PSZ 2024–2026 per zone with its act, objectives by area, LEPS targets with their legal source", () => {
    expect(data.plans.map((p) => [p.zoneCode, p.startYear, p.endYear])).toEqual([["UMB-06", 2024, 2026], ["UMB-10", 2024, 2026], ["UMB-11", 2024, 2026]]);
    expect(data.plans.every((p) => p.actType !== null && p.actNumber !== null && p.adoptedOn !== null)).toBe(true);
    const as = data.targets.filter((t) => t.indicatorCode === "RESIDENTI_PER_AS");
    expect(as.map((t) => [t.kind, t.targetValue, t.legalSource])).toEqual(Array(3).fill([["ceiling", 5000, "L. 178/2020 c.797"], ["trajectory", 4000, "L. 178/2020 c.797"]]).flat());
    const nidi = data.targets.filter((t) => t.indicatorCode === "COPERTURA_NIDI");
    expect(nidi.map((t) => [t.targetValue, t.legalSource, t.provenance])).toEqual(Array(3).fill([33, "L. 234/2021", "leps"]));
    for (const t of data.targets) {
      expect(INDICATOR_BY_CODE.has(t.indicatorCode)).toBe(true);
      expect(t.baselineValue).not.toBeNull();
      expect(data.objectives.some((o) => o.zoneCode === t.zoneCode && o.code === t.objectiveCode)).toBe(true);
      expect(targetProblems({ ...t, polarity: INDICATOR_BY_CODE.get(t.indicatorCode)!.polarity })).toEqual([]);
    }
    expect(new Set(data.targets.map((t) => t.provenance))).toEqual(new Set(["leps", "psz", "regionale", "lavoro"]));
    expect(data.targets.some((t) => t.istat !== null)).toBe(true);
    expect(data.targets.some((t) => t.tolerance !== null && t.baselineValue === t.targetValue)).toBe(true);
  });
});
