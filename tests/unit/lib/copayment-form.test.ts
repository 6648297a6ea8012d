import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_A, distributionChoice, distributionText, exemptionsText, formOfRule, itNumber, parseDistribution, parseExemptions, ruleOfForm } from "@/app/zone/[code]/compartecipazione/search-params";
import type { CopaymentRule } from "@/lib/copayment/rules";

describe("the simulator's inputs", () => {
  it("reads Italian numbers", () => {
    expect(itNumber("12.000")).toBe(12000);
    expect(itNumber("4,50")).toBe(4.5);
    expect(itNumber("1.234,5 €")).toBe(1234.5);
    expect(itNumber("")).toBeNull();
    expect(itNumber("dieci")).toBeNaN();
  });
  it("a distribution of bands, with an open last band and exempt users; a header line is skipped", () => {
    const d = parseDistribution("da;a;utenti;esenti\n0;3.000;14;2\n20.000;;6");
    expect(d).toEqual({ distribution: { kind: "bands", bands: [{ from: 0, to: 3000, users: 14, exempt: 2 }, { from: 20000, to: null, users: 6, exempt: 0 }] }, errors: [] });
  });
  it("one value per line", () => {
    expect(parseDistribution("5.000\n12.500,50").distribution).toEqual({ kind: "values", values: [5000, 12500.5] });
  });
  it("bad cells are named by line and column, in Italian", () => {
    expect(parseDistribution("0;3.000;dieci").errors).toEqual(["Distribuzione, riga 1, colonna «utenti»: «dieci» non valido (un numero intero di utenti)"]);
    expect(parseDistribution("0;3.000;5;9").errors).toEqual(["Distribuzione, riga 1, colonna «esenti»: più esenti che utenti"]);
    expect(parseDistribution("3.000;1.000;5").errors[0]).toContain("la fascia finisce prima di iniziare");
    expect(parseDistribution("0;3.000").errors[0]).toContain("servono le colonne da;a;utenti");
  });
  it("a rule form gives the rule, or the problems of its fields", () => {
    expect(ruleOfForm(DEFAULT_RULE_A, "Regola A").rule).toMatchObject({ tariff: 9, unitsPerUser: 100, exemptionIsee: 0, fullIsee: 20000, minQuota: 3, maxQuota: null, shape: { kind: "linear" } });
    expect(ruleOfForm({ ...DEFAULT_RULE_A, forma: "fasce", fasce: "630:20; 1.000:50" }, "B").rule?.shape).toEqual({ kind: "stepped", bands: [{ from: 630, share: 0.2 }, { from: 1000, share: 0.5 }] });
    expect(ruleOfForm({ ...DEFAULT_RULE_A, tariffa: "nove" }, "Regola A").errors).toEqual(["Regola A: «tariffa» deve essere un numero non negativo (per esempio 12.000 o 4,50), non «nove»"]);
  });
});

describe("named exemptions in the form", () => {
  it("a share, a count, or only the name; written back the same way", () => {
    const errors: string[] = [];
    const e = parseExemptions("invalidità 100% = 5%; tutela minori = 4; progetti del tribunale", "Regola B", errors);
    expect(errors).toEqual([]);
    expect(e).toEqual([
      { name: "invalidità 100%", share: 0.05, count: null },
      { name: "tutela minori", share: null, count: 4 },
      { name: "progetti del tribunale", share: null, count: null },
    ]);
    expect(exemptionsText(e)).toBe("invalidità 100% = 5%; tutela minori = 4; progetti del tribunale");
    expect(ruleOfForm({ ...DEFAULT_RULE_A, esenzioni: "invalidità 100% = 2,5%" }, "A").rule?.exemptions).toEqual([{ name: "invalidità 100%", share: 0.025, count: null }]);
  });
  it("bad exemptions are named in Italian", () => {
    const errors: string[] = [];
    parseExemptions("= 4; invalidità = 150%; altro = 2,5", "Regola B", errors);
    expect(errors).toEqual([
      "Regola B: esenzione «= 4» senza nome: scrivere per esempio «invalidità 100% = 5%»",
      "Regola B: esenzione «invalidità»: «150%» non valido: una percentuale degli utenti (per esempio 5%) o un numero intero di utenti (per esempio 4)",
      "Regola B: esenzione «altro»: «2,5» non valido: una percentuale degli utenti (per esempio 5%) o un numero intero di utenti (per esempio 4)",
    ]);
  });
  it("the distribution: a stored one by service and year, the typed one, or by default the newest stored", () => {
    const stored = [{ serviceCode: "SAD_ANZIANI", year: 2025 }];
    expect(distributionChoice({}, stored)).toEqual({ kind: "stored", serviceCode: "SAD_ANZIANI", year: 2025 });
    expect(distributionChoice({}, [])).toEqual({ kind: "typed" });
    expect(distributionChoice({ isee: "0;3.000;4" }, stored)).toEqual({ kind: "typed" });
    expect(distributionChoice({ distribuzione: "CENTRO_DIURNO:2024" }, stored)).toEqual({ kind: "stored", serviceCode: "CENTRO_DIURNO", year: 2024 });
    expect(distributionChoice({ distribuzione: "inserita" }, stored)).toEqual({ kind: "typed" });
  });
});

describe("a saved rule back in the simulator's form", () => {
  it("every shape, bounds and exemptions read back to the same rule", () => {
    const rules: CopaymentRule[] = [
      { tariff: 9.5, unitsPerUser: 100, exemptionIsee: 6000, fullIsee: 20000, shape: { kind: "linear" }, minQuota: 3, maxQuota: null, exemptions: [] },
      { tariff: 9, unitsPerUser: 1, exemptionIsee: 0, fullIsee: 25000, shape: { kind: "power", exponent: 2 }, minQuota: 0, maxQuota: 8.25, exemptions: [{ name: "invalidità 100%", share: 0.05, count: null }, { name: "tutela minori", share: null, count: 4 }] },
      { tariff: 100, unitsPerUser: 12, exemptionIsee: 630, fullIsee: 2000, shape: { kind: "stepped", bands: [{ from: 630, share: 0.2 }, { from: 1000, share: 0.5 }, { from: 1500, share: 1 }] }, minQuota: 0, maxQuota: null, exemptions: [{ name: "progetti del tribunale", share: null, count: null }] },
    ];
    for (const r of rules) expect(ruleOfForm(formOfRule(r), "R")).toEqual({ rule: r, errors: [] });
  });
  it("a distribution back in the text field reads back the same", () => {
    const bands = { kind: "bands" as const, bands: [{ from: 0, to: 3000, users: 14, exempt: 2 }, { from: 3000, to: null, users: 6, exempt: 0 }] };
    expect(parseDistribution(distributionText(bands))).toEqual({ distribution: bands, errors: [] });
    const values = { kind: "values" as const, values: [0, 8450.5, 21000] };
    expect(parseDistribution(distributionText(values))).toEqual({ distribution: values, errors: [] });
  });
});
