import { describe, expect, it } from "vitest";
import { INDICATORS, INDICATOR_BY_CODE, getIndicator, DERIVED_INDICATORS } from "@/lib/catalog/indicators";
import { IndicatorCatalog, IndicatorDefinition, THEMES } from "@/lib/catalog/schema";
import { FUNDING_SOURCES } from "@/lib/catalog/funding-sources";
import { SERVICE_AREA_CODES, SPENDING_TYPE_CODES } from "@/lib/catalog/service-areas";

describe("indicator catalogue", () => {
  it("validates with the one schema", () => {
    expect(() => IndicatorCatalog.parse(INDICATORS)).not.toThrow();
    for (const d of INDICATORS) expect(THEMES).toContain(d.theme);
  });

  it("has the standard indicators of DOMAIN.md", () => {
    for (const code of [
      "POP_TOT", "POP_0_14", "POP_15_64", "POP_65_PLUS", "POP_75_PLUS", "POP_0_2", "POP_STRANIERI", "NATI", "MORTI",
      "FAM_UNIPERS_65", "INDICE_VECCHIAIA", "DIP_STRUTTURALE", "DIP_ANZIANI", "PERC_65_PLUS", "PERC_75_PLUS",
      "PERC_STRANIERI", "SALDO_NATURALE", "TASSO_SALDO_NATURALE", "REDDITO_MEDIO", "BENEF_ADI", "PERC_BENEF_ADI",
      "DISABILI_L104", "MINORI_IN_CARICO", "AS_FTE", "RESIDENTI_PER_AS", "UTENTI_SAD", "COPERTURA_SAD", "POSTI_NIDO",
      "COPERTURA_NIDI",
    ])
      expect(INDICATOR_BY_CODE.has(code), code).toBe(true);
  });

  it("gives every derived indicator a formula and the ratio rule", () => {
    for (const d of DERIVED_INDICATORS) expect(d.aggregation).toBe("ratio");
    expect(INDICATORS.filter((d) => d.aggregation === "ratio" && !d.formula)).toEqual([]);
    expect(getIndicator("DIP_STRUTTURALE").formula).toEqual({
      numerator: "POP_0_14",
      numeratorPlus: ["POP_65_PLUS"],
      denominator: "POP_15_64",
      scale: 100,
    });
    expect(getIndicator("COPERTURA_NIDI").formula).toMatchObject({ numerator: "POSTI_NIDO", denominator: "POP_0_2", scale: 100 });
  });

  it("accepts a ratio without formula (imported with its numerator and denominator), rejects unknown references and cycles", () => {
    const base = { code: "X", name: "Prova", theme: "bisogni", unit: "%", polarity: 0, isCountOfPeople: false, decimals: 1, source: "Test", description: "Una prova qualsiasi." };
    expect(IndicatorDefinition.safeParse({ ...base, aggregation: "ratio" }).success).toBe(true);
    expect(IndicatorDefinition.safeParse({ ...base, aggregation: "sum", formula: { numerator: "A", denominator: "B", scale: 1 } }).success).toBe(false);
    expect(IndicatorDefinition.safeParse({ ...base, code: "x-bad", aggregation: "sum" }).success).toBe(false);
    const a = { ...base, code: "A", aggregation: "ratio", formula: { numerator: "B", denominator: "B", scale: 1 } };
    const b = { ...base, code: "B", aggregation: "ratio", formula: { numerator: "A", denominator: "A", scale: 1 } };
    expect(IndicatorCatalog.safeParse([a, b]).success).toBe(false);
    expect(IndicatorCatalog.safeParse([a]).success).toBe(false);
    expect(IndicatorCatalog.safeParse([{ ...base, code: "C", aggregation: "sum" }, { ...base, code: "C", aggregation: "sum" }]).success).toBe(false);
  });

  it("marks service users as counts of people and ISTAT demography as public", () => {
    expect(getIndicator("UTENTI_SAD").isCountOfPeople).toBe(true);
    expect(getIndicator("MINORI_IN_CARICO").isCountOfPeople).toBe(true);
    expect(getIndicator("POP_TOT").isCountOfPeople).toBe(false);
    expect(() => getIndicator("NOPE")).toThrow(/sconosciuto/);
  });
});

describe("funding sources and service areas", () => {
  it("uses the codes of DOMAIN.md", () => {
    expect(FUNDING_SOURCES.map((f) => f.code)).toEqual([
      "FNPS", "FONDO_POVERTA", "FNA", "DOPO_DI_NOI", "PNRR_M5C2_1_1_1", "PNRR_M5C2_1_1_2", "PNRR_M5C2_1_1_3",
      "PNRR_M5C2_1_1_4", "PNRR_M5C2_1_2", "PNRR_M5C2_1_3_1", "PNRR_M5C2_1_3_2", "FSE_PLUS", "FSC_SOCIALE", "REGIONE",
      "COMUNI", "COMPARTECIPAZIONE", "SSN", "ALTRO",
    ]);
  });
  it("has ISTAT's seven areas and three spending types", () => {
    expect(SERVICE_AREA_CODES).toHaveLength(7);
    expect(SPENDING_TYPE_CODES).toEqual(["interventi_servizi", "trasferimenti", "strutture"]);
  });
});
