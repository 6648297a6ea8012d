import { describe, expect, it } from "vitest";
import { quotaAt, ruleInWords, ruleIssues, type CopaymentRule } from "@/lib/copayment/rules";
import { compareRules, simulate } from "@/lib/copayment/simulate";

const base: CopaymentRule = { tariff: 10, unitsPerUser: 1, exemptionIsee: 5000, fullIsee: 25000, shape: { kind: "linear" }, minQuota: 2, maxQuota: null, exemptions: [] };
// Home care, 3–9 €/h over ISEE 0–20,000 €, quadratic (DOMAIN.md).
const homeCare: CopaymentRule = { tariff: 9, unitsPerUser: 100, exemptionIsee: 0, fullIsee: 20000, shape: { kind: "power", exponent: 2 }, minQuota: 3, maxQuota: null, exemptions: [] };

describe("quota at an ISEE, every shape at and around its thresholds", () => {
  it("linear: exempt up to 5,000 included; 2 € just above; 6 € halfway; the tariff from 25,000", () => {
    expect(quotaAt(base, 0)).toBe(0);
    expect(quotaAt(base, 5000)).toBe(0);
    expect(quotaAt(base, 5000.01)).toBeCloseTo(2, 3);
    expect(quotaAt(base, 15000)).toBe(6);
    expect(quotaAt(base, 24999.99)).toBeCloseTo(10, 3);
    expect(quotaAt(base, 25000)).toBe(10);
    expect(quotaAt(base, 90000)).toBe(10);
  });
  it("a maximum below the tariff caps the quota and the slope ends there: 5 € halfway, 8 € at full", () => {
    const capped = { ...base, maxQuota: 8 };
    expect(quotaAt(capped, 15000)).toBe(5);
    expect(quotaAt(capped, 25000)).toBe(8);
  });
  it("power 2 (quadratic): 3 + 6 × 0.5² = 4.5 € at 10,000; 3 + 6 × 0.25² = 3.375 at 5,000; 9 at 20,000", () => {
    expect(quotaAt(homeCare, 0)).toBe(0);
    expect(quotaAt(homeCare, 10000)).toBe(4.5);
    expect(quotaAt(homeCare, 5000)).toBe(3.375);
    expect(quotaAt(homeCare, 20000)).toBe(9);
  });
  it("stepped: exempt up to 630, 20% from there, 50% from 1,000, 100% from 1,500; the minimum still applies", () => {
    const stepped: CopaymentRule = { ...base, tariff: 100, exemptionIsee: 630, fullIsee: 2000, minQuota: 0, shape: { kind: "stepped", bands: [{ from: 630, share: 0.2 }, { from: 1000, share: 0.5 }, { from: 1500, share: 1 }] } };
    expect(quotaAt(stepped, 630)).toBe(0);
    expect(quotaAt(stepped, 631)).toBe(20);
    expect(quotaAt(stepped, 999.99)).toBe(20);
    expect(quotaAt(stepped, 1000)).toBe(50);
    expect(quotaAt(stepped, 1500)).toBe(100);
    expect(quotaAt(stepped, 2000)).toBe(100);
    expect(quotaAt({ ...stepped, minQuota: 30 }, 700)).toBe(30);
  });
  it("rule problems are named in Italian", () => {
    expect(ruleIssues(base)).toEqual([]);
    expect(ruleIssues({ ...base, fullIsee: 5000 })).toContain("l'ISEE della tariffa piena deve essere maggiore della soglia di esenzione");
    expect(ruleIssues({ ...base, minQuota: 11 })).toContain("la quota minima supera la quota massima");
    expect(ruleIssues({ ...base, shape: { kind: "stepped", bands: [{ from: 10, share: 0.2 }, { from: 5, share: 1.5 }] } })).toEqual([
      "fascia 2: la percentuale della tariffa deve essere tra 0 e 100",
      "fascia 2: l'ISEE di inizio deve crescere da una fascia all'altra",
    ]);
  });
});

describe("simulation on a distribution", () => {
  it("values: quotas 0, 4.5, 9 € × 100 hours = 1,350 € of revenue, 4.5 € on average, 2 paying", () => {
    const s = simulate(homeCare, { kind: "values", values: [0, 10000, 20000] });
    expect(s.revenue).toBeCloseTo(1350, 9);
    expect(s.averageQuota).toBeCloseTo(4.5, 9);
    expect(s.paying).toBe(2);
    expect(s.bands.find((b) => b.from === 9000)!.users).toBe(1);
  });
  it("bands: 20 users spread over 0–20,000 pay 60 + 6 × 2,665/400 = 99.975 € per hour in all", () => {
    const s = simulate({ ...homeCare, unitsPerUser: 1 }, { kind: "bands", bands: [{ from: 0, to: 20000, users: 20, exempt: 0 }] });
    expect(s.revenue).toBeCloseTo(99.975, 9);
    expect(s.averageQuota).toBeCloseTo(4.99875, 9);
  });
  it("exempt users of a band pay nothing; an empty distribution has no average", () => {
    const s = simulate(base, { kind: "bands", bands: [{ from: 30000, to: null, users: 10, exempt: 4 }] });
    expect(s.revenue).toBe(60);
    expect(s.paying).toBe(6);
    expect(simulate(base, { kind: "bands", bands: [] }).averageQuota).toBeNull();
  });
  it("two rules: quadratic against linear 3–9 € over 0–20,000 on 5,000 / 10,000 / 15,000: all three pay less, 3.75 € less in all", () => {
    const linear: CopaymentRule = { ...homeCare, unitsPerUser: 1, shape: { kind: "linear" } };
    const c = compareRules(linear, { ...homeCare, unitsPerUser: 1 }, { kind: "values", values: [5000, 10000, 15000] });
    expect(c.revenueDifference).toBeCloseTo(-3.75, 9);
    expect([c.payMore, c.payLess]).toEqual([0, 3]);
    expect(c.a.revenue).toBeCloseTo(18, 9);
  });
});

describe("named exemptions, at and around their thresholds", () => {
  // 10 users above the full-tariff ISEE: each pays the 10 € tariff, 100 € in all.
  const rich = { kind: "bands", bands: [{ from: 30000, to: null, users: 10, exempt: 0 }] } as const;
  const withExemption = (share: number | null, count: number | null): CopaymentRule => ({ ...base, exemptions: [{ name: "invalidità 100%", share, count }] });
  it("a share of the users: 0% changes nothing, 20% exempts 2 of 10 (80 €), 100% exempts everyone", () => {
    expect(simulate(withExemption(0, null), rich)).toMatchObject({ revenue: 100, paying: 10, exemptByRule: 0 });
    const s = simulate(withExemption(0.2, null), rich);
    expect(s.revenue).toBeCloseTo(80, 9);
    expect(s.paying).toBeCloseTo(8, 9);
    expect(s.exemptByRule).toBeCloseTo(2, 9);
    expect(simulate(withExemption(0.999, null), rich).revenue).toBeCloseTo(0.1, 9);
    expect(simulate(withExemption(1, null), rich)).toMatchObject({ revenue: 0, paying: 0, exemptByRule: 10 });
  });
  it("a count of users: 3 of 10 → 70 €; 9 → 10 €; 10 → nothing; more than the users is capped at all of them", () => {
    expect(simulate(withExemption(null, 3), rich).revenue).toBeCloseTo(70, 9);
    expect(simulate(withExemption(null, 9), rich).revenue).toBeCloseTo(10, 9);
    expect(simulate(withExemption(null, 10), rich).revenue).toBe(0);
    expect(simulate(withExemption(null, 11), rich)).toMatchObject({ revenue: 0, exemptByRule: 10 });
  });
  it("taken among the users the distribution does not already exempt: 4 exempt of 10, 3 more by count → 3 pay (30 €)", () => {
    const s = simulate(withExemption(null, 3), { kind: "bands", bands: [{ from: 30000, to: null, users: 10, exempt: 4 }] });
    expect(s.revenue).toBeCloseTo(30, 9);
    expect(s.exemptByRule).toBeCloseTo(3, 9);
  });
  it("shares and counts add up: 10% + 2 of 10 users → 30% exempt, 70 €; spread over the bands in proportion to their users", () => {
    const rule: CopaymentRule = { ...base, exemptions: [{ name: "invalidità 100%", share: 0.1, count: null }, { name: "tutela minori", share: null, count: 2 }] };
    expect(simulate(rule, rich).revenue).toBeCloseTo(70, 9);
    const two = simulate(rule, { kind: "bands", bands: [{ from: 0, to: 5000, users: 10, exempt: 0 }, { from: 30000, to: null, users: 10, exempt: 0 }] });
    // 2 of 20 is 10%, plus 10%: 20% of each band, 2 users each; the exempt band pays nothing anyway.
    expect(two.bands[0]!.exemptByRule).toBeCloseTo(2, 9);
    expect(two.bands[1]!.exemptByRule).toBeCloseTo(2, 9);
    expect(two.revenue).toBeCloseTo(80, 9);
  });
  it("exact values: half the users exempt halves the 1,350 € of the quadratic rule", () => {
    expect(simulate({ ...homeCare, exemptions: [{ name: "x", share: 0.5, count: null }] }, { kind: "values", values: [0, 10000, 20000] }).revenue).toBeCloseTo(675, 9);
  });
  it("an exemption without share or count leaves the distribution's exempt users as they are", () => {
    expect(simulate(withExemption(null, null), rich).revenue).toBe(100);
  });
  it("two rules: users exempt only under B pay less with B; only under A, more", () => {
    const c = compareRules(base, withExemption(0.2, null), rich);
    expect(c.revenueDifference).toBeCloseTo(-20, 9);
    expect(c.payLess).toBeCloseTo(2, 9);
    expect(c.payMore).toBe(0);
    expect(c.bands[0]!.same).toBeCloseTo(8, 9);
    const r = compareRules(withExemption(0.2, null), base, rich);
    expect([r.payMore, r.payLess]).toEqual([expect.closeTo(2, 9), 0]);
    // The same exemption in both: nobody changes.
    const same = compareRules(withExemption(0.2, null), withExemption(0.2, null), rich);
    expect([same.payMore, same.payLess, same.bands[0]!.same]).toEqual([0, 0, expect.closeTo(10, 9)]);
  });
  it("problems of an exemption are named in Italian", () => {
    expect(ruleIssues(withExemption(1, null))).toEqual([]);
    expect(ruleIssues(withExemption(1.01, null))).toEqual(["esenzione «invalidità 100%»: la percentuale degli utenti deve essere tra 0 e 100"]);
    expect(ruleIssues(withExemption(null, 2.5))).toEqual(["esenzione «invalidità 100%»: il numero di utenti deve essere un intero non negativo"]);
    expect(ruleIssues(withExemption(0.1, 2))).toEqual(["esenzione «invalidità 100%»: indicare la percentuale oppure il numero di utenti, non entrambi"]);
    expect(ruleIssues({ ...base, exemptions: [{ name: " ", share: 0.1, count: null }] })).toEqual(["esenzione 1: manca il nome"]);
  });
  it("the rule in words names thresholds, shape and exemptions", () => {
    const words = ruleInWords({ ...homeCare, exemptions: [{ name: "invalidità 100%", share: 0.05, count: null }, { name: "tutela minori", share: null, count: 4 }] });
    expect(words).toEqual([
      "Tariffa piena: 9 € per unità; 100 unità per utente nel periodo.",
      "Esenzione fino a un ISEE di 0 € compreso.",
      "Oltre la soglia di esenzione la quota cresce da 3 € a 9 € secondo una potenza con esponente 2 (regola quadratica): quota = minima + (massima − minima) × ((ISEE − 0 €) / (20.000 € − 0 €))^2.",
      "Da un ISEE di 20.000 € si paga la quota massima di 9 € (la tariffa).",
      "Esenzione «invalidità 100%»: non pagano 5% degli utenti.",
      "Esenzione «tutela minori»: non pagano 4 utenti.",
    ]);
  });
});
