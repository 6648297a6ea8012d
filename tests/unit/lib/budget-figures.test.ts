import { describe, expect, it } from "vitest";
import { budgetRates, change, perResident, shareOf, sumFigures, NO_IMPEGNATO, NO_RESIDUI, NO_STANZIATO, type BudgetFigures } from "@/lib/budget/rates";
import { apportionToComuni, referencePopulationOf, splitCents, type ComunePopulation } from "@/lib/budget/apportion";
import { addMonths, fundsAtRisk } from "@/lib/budget/at-risk";
import { measured } from "@/lib/budget/breakdown";
import { disimpegniBetween, snapshotIssues } from "@/lib/budget/snapshots";
import { budgetYearSummary } from "@/lib/budget/summary";
import { budgetLine } from "@/tests/helpers/budget-line";

const fig = (stanziato: number, impegnato: number, liquidato: number, pagato: number, residuiIniziali: number | null = null, pagatoResidui: number | null = null): BudgetFigures => ({ stanziato, impegnato, liquidato, pagato, residuiIniziali, pagatoResidui });

const line = budgetLine;

describe("budget rates: Σ numerators / Σ denominators, hand-computed", () => {
  // Line A: 100,000 / 80,000 / 60,000 / 50,000; line B: 50,000 / 10,000 / 10,000 / 10,000.
  const t = sumFigures([fig(100_000, 80_000, 60_000, 50_000, 20_000, 15_000), fig(50_000, 10_000, 10_000, 10_000)]);
  const r = budgetRates(t);
  it("sums stages and residui (only over lines that report them)", () => {
    expect(t).toMatchObject({ stanziato: 150_000, impegnato: 90_000, liquidato: 70_000, pagato: 60_000, residuiIniziali: 20_000, pagatoResidui: 15_000, lines: 2, linesWithResidui: 1 });
  });
  it("capacità di impegno 90,000/150,000 = 0.6; di pagamento 60,000/90,000 = 2/3; di spesa 60,000/150,000 = 0.4", () => {
    expect(r.capacitaImpegno.value).toBeCloseTo(0.6, 12);
    expect(r.capacitaPagamento.value).toBeCloseTo(2 / 3, 12);
    expect(r.capacitaSpesa.value).toBeCloseTo(0.4, 12);
    // Not the mean of the lines' rates (0.8 and 0.2 → 0.5).
    expect(r.capacitaImpegno.value).not.toBeCloseTo(0.5, 3);
  });
  it("smaltimento residui 15,000/20,000 = 0.75; velocità di gestione = pagato / impegnato", () => {
    expect(r.smaltimentoResidui.value).toBeCloseTo(0.75, 12);
    expect(r.velocitaGestione).toMatchObject({ numerator: 60_000, denominator: 90_000 });
  });
  it("sums in cents: 0.1 + 0.2 is 0.3 to the cent", () => {
    expect(sumFigures([fig(0.1, 0, 0, 0), fig(0.2, 0, 0, 0)]).stanziato).toBe(0.3);
  });
  it("zero denominators are n.d. with the reason, never 0 or Infinity", () => {
    const z = budgetRates(sumFigures([fig(0, 0, 0, 0)]));
    expect(z.capacitaImpegno).toMatchObject({ value: null, reason: NO_STANZIATO });
    expect(z.capacitaPagamento).toMatchObject({ value: null, reason: NO_IMPEGNATO });
    expect(z.capacitaSpesa.value).toBeNull();
    expect(z.smaltimentoResidui).toMatchObject({ value: null, reason: NO_RESIDUI });
    // Stanziato without impegno: capacità di impegno is a real 0, capacità di pagamento n.d.
    const s = budgetRates(fig(1000, 0, 0, 0));
    expect(s.capacitaImpegno.value).toBe(0);
    expect(s.capacitaPagamento.value).toBeNull();
  });
  it("an empty year has zero totals and every rate n.d.", () => {
    const e = sumFigures([]);
    expect(e).toMatchObject({ stanziato: 0, lines: 0, residuiIniziali: null });
    expect(Object.values(budgetRates(e)).every((x) => x.value === null && x.reason !== null)).toBe(true);
  });
});

describe("per resident, shares and year-over-year", () => {
  it("per resident: 132,000 € over 1,000 residents = 132 €; without population n.d. with the reason", () => {
    expect(perResident(132_000, 1000).value).toBe(132);
    expect(perResident(132_000, null)).toMatchObject({ value: null, reason: "popolazione residente della zona non disponibile" });
    expect(perResident(10, 0).value).toBeNull();
  });
  it("share: 25 of 200 = 0.125; of a zero total n.d.", () => {
    expect(shareOf(25, 200).value).toBe(0.125);
    expect(shareOf(0, 0).reason).toBe("il totale è zero");
  });
  it("measured: a stage in euros, per resident of the group, % of the stage's total", () => {
    const row = { totals: sumFigures([fig(1000, 500, 300, 200)]), residents: 50 };
    const total = fig(4000, 2000, 1000, 800);
    expect(measured(row, "impegnato", "assoluto", total).value).toBe(500);
    expect(measured(row, "impegnato", "abitante", total).value).toBe(10);
    expect(measured(row, "impegnato", "percentuale", total).value).toBe(0.25);
  });
  it("change: 110 against 100 is +10 and +10%; against 0 n.d.; without a previous year n.d.", () => {
    const c = change(110, 100);
    expect(c.delta).toBe(10);
    expect(c.relative.value).toBeCloseTo(0.1, 12);
    expect(change(5, 0).relative.value).toBeNull();
    expect(change(5, null).delta).toBeNull();
  });
});

describe("apportionment to comuni", () => {
  const comuni: ComunePopulation[] = [
    { istat: "055001", name: "A", residents: 1000, minors: 100, elderly: 300 },
    { istat: "055002", name: "B", residents: 3000, minors: 500, elderly: 100 },
  ];
  it("splitCents: largest remainder, adds up exactly (100 cents by 1:1:1 → 34, 33, 33)", () => {
    expect(splitCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitCents(1001, [1, 3]).reduce((a, b) => a + b, 0)).toBe(1001);
    expect(() => splitCents(10, [0, 0])).toThrow();
  });
  it("a comune line goes to its comune; a zone line of anziani is split by 65+ (300:100)", () => {
    const a = apportionToComuni([line({ istat: "055002", ...fig(500, 500, 500, 500) }), line({ ...fig(4000, 2000, 1000, 800) })], comuni, new Map());
    const b = a.shares.filter((s) => s.istat === "055002");
    expect(b.map((s) => [s.basis, s.impegnato])).toEqual([
      ["diretta", 500],
      ["elderly", 500],
    ]);
    expect(a.shares.find((s) => s.istat === "055001")!.impegnato).toBe(1500);
    expect(referencePopulationOf("famiglia_minori")).toBe("minors");
    expect(referencePopulationOf("disabili")).toBe("residents");
  });
  it("service users, when known, decide the split (1:4)", () => {
    const users = new Map([["SAD|2025", new Map([["055001", 10], ["055002", 40]])]]);
    const a = apportionToComuni([line({ ...fig(1000, 1000, 1000, 1000) })], comuni, users);
    expect(a.shares.map((s) => [s.istat, s.basis, s.pagato])).toEqual([
      ["055001", "utenti", 200],
      ["055002", "utenti", 800],
    ]);
  });
  it("without users and population the line is not split and says why", () => {
    const a = apportionToComuni([line({ ...fig(10, 10, 10, 10) })], comuni.map((c) => ({ ...c, elderly: null })), new Map());
    expect(a.shares).toEqual([]);
    expect(a.unallocated[0]!.reason).toContain("65 anni");
  });
  it("a source that does not cover a comune says so instead of 0", () => {
    const s = budgetYearSummary({ year: 2025, asOf: "2025-12-31", lines: [line({ istat: "055001", fundingCode: "COMUNI", ...fig(10, 10, 10, 10) })], previousLines: [], comuni, users: new Map(), source: "COMUNI" });
    const b = s.breakdowns.comune.find((r) => r.key === "055002")!;
    expect(b.uncovered).toContain("non finanzia servizi per questo comune");
    expect(s.residents).toBe(4000);
  });
});

describe("snapshots and disimpegni", () => {
  const june = { referenceDate: "2025-06-30", impegnato: 150_000, liquidato: 80_000, disimpegnoReason: null };
  it("a lower impegnato at a later date is a disimpegno of the difference", () => {
    expect(disimpegniBetween(june, { ...june, referenceDate: "2025-12-31", impegnato: 140_000, liquidato: 95_000 })).toEqual([{ stage: "impegnato", previousDate: "2025-06-30", previous: 150_000, current: 140_000, amount: 10_000 }]);
    expect(disimpegniBetween(june, { ...june, referenceDate: "2025-12-31" })).toEqual([]);
  });
  it("without a reason it is an issue (in Italian); with one it is accepted", () => {
    const dec = { referenceDate: "2025-12-31", impegnato: 140_000, liquidato: 80_000, disimpegnoReason: null };
    expect(snapshotIssues([june], dec)).toEqual(["disimpegno senza motivo: impegnato 150.000,00 € al 30/06/2025, ora 140.000,00 € (−10.000,00 €); indicare il motivo nella colonna «motivo_disimpegno»"]);
    expect(snapshotIssues([june], { ...dec, disimpegnoReason: "Economia di gara" })).toEqual([]);
  });
  it("an earlier snapshot above a stored later one without reason is refused too", () => {
    expect(snapshotIssues([{ ...june, referenceDate: "2025-12-31" }], { ...june, referenceDate: "2025-03-31", impegnato: 160_000 })[0]).toContain("situazione successiva al 31/12/2025");
  });
});

describe("funds at risk", () => {
  it("addMonths clamps to the month's end: 31/12/2025 + 6 = 30/06/2026; 31/08 + 6 = 28/02", () => {
    expect(addMonths("2025-12-31", 6)).toBe("2026-06-30");
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
  });
  it("deadline within 6 months and capacità di spesa 40% < 50%: at risk with 60,000 € to spend; at and above the threshold or beyond the months: not", () => {
    const l = line({ fundingCode: "PNRR_M5C2_1_1_1", project: "CUP1", deadline: "2026-06-30", ...fig(100_000, 80_000, 50_000, 40_000) });
    const [f] = fundsAtRisk([l], { asOf: "2025-12-31" });
    expect(f).toMatchObject({ fundingCode: "PNRR_M5C2_1_1_1", project: "CUP1", daSpendere: 60_000, daysLeft: 181 });
    expect(f!.capacitaSpesa.value).toBeCloseTo(0.4, 12);
    expect(fundsAtRisk([{ ...l, pagato: 50_000, liquidato: 50_000 }], { asOf: "2025-12-31" })).toEqual([]);
    expect(fundsAtRisk([{ ...l, pagato: 49_999.99 }], { asOf: "2025-12-31" })).toHaveLength(1);
    expect(fundsAtRisk([l], { asOf: "2025-12-29", months: 6 })).toEqual([]);
    expect(fundsAtRisk([l], { asOf: "2025-12-31", threshold: 0.4 })).toEqual([]);
  });
});
