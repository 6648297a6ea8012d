import { describe, expect, it } from "vitest";
import { progressionOf } from "@/lib/budget/progression";
import { comuniBalance } from "@/lib/budget/comuni";
import { istatSurvey } from "@/lib/budget/istat";
import { lineKeyText } from "@/lib/budget/snapshots";
import type { ComunePopulation } from "@/lib/budget/apportion";
import { budgetLine } from "@/tests/helpers/budget-line";

const line = budgetLine;

const comuni: ComunePopulation[] = [
  { istat: "055001", name: "A", residents: 1000, minors: 150, elderly: 250 },
  { istat: "055002", name: "B", residents: 3000, minors: 450, elderly: 750 },
];

describe("progression over a year's snapshots", () => {
  it("each date sums every line's latest snapshot at that date; a fall is flagged", () => {
    const snaps = [
      line({ referenceDate: "2025-06-30", stanziato: 100, impegnato: 60, liquidato: 30, pagato: 20 }),
      line({ referenceDate: "2025-12-31", stanziato: 100, impegnato: 55, liquidato: 50, pagato: 45, disimpegnoReason: "economia" }),
      // A line reported only in June still counts in December.
      line({ serviceCode: "NIDI", referenceDate: "2025-06-30", stanziato: 50, impegnato: 40, liquidato: 10, pagato: 10 }),
    ];
    const steps = progressionOf(snaps, ["2025-12-31", "2025-06-30"], lineKeyText);
    expect(steps.map((s) => [s.asOf, s.totals.impegnato, s.totals.pagato, s.decreased])).toEqual([
      ["2025-06-30", 100, 30, []],
      ["2025-12-31", 95, 55, ["impegnato"]],
    ]);
    expect(steps[1]!.rates.capacitaSpesa.value).toBeCloseTo(55 / 150, 12);
  });
});

describe("comuni: contribution and cost", () => {
  it("own COMUNI lines go to the comune, zone COMUNI lines per capita (1:3); cost through the apportionment", () => {
    const b = comuniBalance(
      [
        line({ fundingCode: "COMUNI", istat: "055001", impegnato: 100 }),
        line({ fundingCode: "COMUNI", impegnato: 400 }),
        line({ fundingCode: "FNA", impegnato: 1000 }),
      ],
      comuni,
      new Map(),
    );
    expect(b.map((r) => [r.istat, r.contribution, r.cost, r.otherSources])).toEqual([
      ["055001", 200, 450, 250],
      ["055002", 300, 1050, 750],
    ]);
    expect(b[0]!.costPerResident.value).toBeCloseTo(0.45, 12);
    expect(comuniBalance([], [{ ...comuni[0]!, residents: null }], new Map())[0]!.costPerResident).toMatchObject({ value: null, reason: "popolazione residente del comune non disponibile" });
  });
});

describe("ISTAT survey view", () => {
  const lines = [
    line({ area: "anziani", fundingCode: "FNA", impegnato: 10_000 }),
    line({ area: "anziani", fundingCode: "COMPARTECIPAZIONE", impegnato: 2_000 }),
    line({ area: "anziani", fundingCode: "SSN", impegnato: 1_000, spendingType: "strutture" }),
    line({ area: "famiglia_minori", serviceCode: "NIDI", fundingCode: "COMUNI", impegnato: 6_000 }),
  ];
  const users = new Map([
    ["anziani", { value: 50, state: "public" as const }],
    ["famiglia_minori", { value: null, state: "suppressed" as const }],
  ]);
  const rows = istatSurvey(lines, comuni, users);
  it("TOTEXP = EXPMUN + EXPUSERS + EXPSSN; EXPTPOP over the area's reference population", () => {
    const eld = rows.find((r) => r.code === "ELD")!;
    expect(eld).toMatchObject({ expMun: 10_000, expUsers: 2_000, expSsn: 1_000, totExp: 13_000, referencePopulation: "elderly", population: 1000 });
    expect(eld.expPerInhabitant.value).toBe(10);
    expect(eld.expPerUser.value).toBe(200);
    expect(eld.bySpendingType.strutture).toMatchObject({ expSsn: 1_000, totExp: 1_000 });
    const fam = rows.find((r) => r.code === "FAM")!;
    expect(fam.population).toBe(600);
    expect(fam.expPerInhabitant.value).toBe(10);
    expect(fam.expPerUser).toMatchObject({ value: null, reason: "utenti sotto la soglia di riservatezza" });
  });
  it("seven areas and TOT in the survey's order; an area without spending is 0 with n.d. per user", () => {
    expect(rows.map((r) => r.code)).toEqual(["FAM", "DIS", "ADD", "ELD", "IMMNOM", "POV", "MULBEN", "TOT"]);
    const tot = rows.at(-1)!;
    expect(tot).toMatchObject({ totExp: 19_000, population: 4000 });
    expect(rows.find((r) => r.code === "ADD")!.expPerUser.reason).toBe("utenti non disponibili");
  });
});
