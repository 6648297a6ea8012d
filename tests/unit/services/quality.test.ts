import { describe, expect, it } from "vitest";
import { complaintsAnsweredShare, coverage, evaluateStandard, qualityMetric, spendingPerUser, standardForYear, trendOf } from "@/lib/services/quality";
import { ftePer10000, socialWorkerFte } from "@/lib/services/staff";

const days = qualityMetric("SRV_GG_PRESA_IN_CARICO")!;
const satisfaction = qualityMetric("SRV_SODDISFAZIONE")!;

describe("derived figures", () => {
  it("computes coverage and spending per user against hand-computed values", () => {
    expect(coverage(45, 1200, "residenti di 65 anni e oltre")).toMatchObject({ value: 3.75, numerator: 45, denominator: 1200, reason: null });
    expect(spendingPerUser(90_000, 45)).toMatchObject({ value: 2000, reason: null });
    expect(complaintsAnsweredShare(9, 12)).toMatchObject({ value: 75, reason: null });
  });
  it("gives n.d. with the reason on a zero or missing denominator, never a division by zero", () => {
    expect(coverage(5, 0, "residenti di 65 anni e oltre")).toEqual({ value: null, numerator: 5, denominator: 0, reason: "residenti di 65 anni e oltre pari a zero" });
    expect(spendingPerUser(1000, 0)).toMatchObject({ value: null, reason: "nessun utente nell'anno" });
    expect(spendingPerUser(null, 10)).toMatchObject({ value: null, reason: "manca il dato: spesa impegnata per il servizio" });
    expect(complaintsAnsweredShare(0, 0)).toMatchObject({ value: null, reason: "nessun reclamo ricevuto" });
    expect(ftePer10000(3, 0)).toEqual({ value: null, reason: "popolazione residente pari a zero" });
    expect(ftePer10000(3, 15_000).value).toBeCloseTo(2, 10);
  });
});

describe("standards", () => {
  const max30 = { kind: "ceiling" as const, value: 30, fromYear: 2022, source: null };
  const min7 = { kind: "floor" as const, value: 7, fromYear: 2022, source: null };
  it("lower is better for days: at or below the maximum is met", () => {
    expect(evaluateStandard(days, max30, 30).status).toBe("rispettato");
    expect(evaluateStandard(days, max30, 30.04).status).toBe("rispettato");
    expect(evaluateStandard(days, max30, 34).status).toBe("non_rispettato");
    expect(evaluateStandard(days, max30, 34).rule).toBe("Standard: al massimo 30,0 giorni. Valore 34,0 giorni: non rispettato, supera il massimo.");
    expect(evaluateStandard(days, max30, null, "nessun dato importato per l'anno").status).toBe("dato_mancante");
    expect(evaluateStandard(days, null, 10).status).toBe("nessuno_standard");
  });
  it("higher is better for satisfaction; a trajectory target reads by polarity", () => {
    expect(evaluateStandard(satisfaction, min7, 6.9).status).toBe("non_rispettato");
    expect(evaluateStandard(satisfaction, min7, 7).status).toBe("rispettato");
    expect(evaluateStandard(days, { ...max30, kind: "trajectory" }, 31).status).toBe("non_rispettato");
  });
  it("the standard of a year is the latest set for it or before", () => {
    expect(standardForYear([max30, { ...max30, value: 25, fromYear: 2024 }], 2023)?.value).toBe(30);
    expect(standardForYear([max30, { ...max30, value: 25, fromYear: 2024 }], 2025)?.value).toBe(25);
    expect(standardForYear([max30], 2021)).toBeNull();
  });
  it("reads the trend with the polarity: fewer days is an improvement", () => {
    expect(trendOf(days, 40, 32).direction).toBe("migliora");
    expect(trendOf(satisfaction, 8, 7.5).direction).toBe("peggiora");
    expect(trendOf(days, null, 32).direction).toBe("nd");
  });
});

describe("LEPS social workers from the staff", () => {
  it("counts only social workers of the comuni and the ATS at the year's latest date", () => {
    const p = (asOf: string, profile: string, employer: string, fte: number) => ({ asOf, profile, employer, employerComune: null, fte });
    const staff = [p("2024-06-30", "assistente_sociale", "ats", 9), p("2024-12-31", "assistente_sociale", "ats", 6), p("2024-12-31", "assistente_sociale", "comune", 1.5), p("2024-12-31", "assistente_sociale", "asl", 4), p("2024-12-31", "oss", "ats", 3)];
    expect(socialWorkerFte(staff, 2024)?.get(null)).toBe(7.5);
    expect(socialWorkerFte(staff, 2023)).toBeNull();
  });
});
