import { describe, expect, it } from "vitest";
import { DEFAULT_INDICATORS, parseTerritorySearch } from "@/app/zone/[code]/territorio/search-params";
import { FragilitySearch } from "@/app/zone/[code]/fragilita/search-params";
import { DEFAULT_MAP_INDICATOR, parseMapSearch } from "@/app/zone/[code]/mappa/search-params";
import { parseResourceSearch } from "@/app/zone/[code]/risorse/search-params";

describe("URL filters of the territory pages", () => {
  it("Territorio: defaults, indicator lists from checkboxes or commas, bad values ignored", () => {
    expect(parseTerritorySearch({})).toEqual({ year: null, indicators: DEFAULT_INDICATORS, sort: "nome", direction: "asc", series: DEFAULT_INDICATORS[0] });
    expect(parseTerritorySearch({ indicatori: ["perc_75_plus", "POP_TOT"], anno: "2024", ordina: "POP_TOT" })).toMatchObject({
      year: 2024,
      indicators: ["PERC_75_PLUS", "POP_TOT"],
      sort: "POP_TOT",
      // Sorting by a value starts from the highest.
      direction: "desc",
      series: "PERC_75_PLUS",
    });
    expect(parseTerritorySearch({ indicatori: "A,B;drop table", anno: "duemila", ordina: "<script>", verso: "su" })).toMatchObject({
      year: null,
      indicators: ["A"],
      sort: "nome",
      direction: "asc",
    });
  });

  it("Fragilità: year, base year and indicators; invalid input fails (the API answers 400)", () => {
    expect(FragilitySearch.parse({ anno: "2025", base: "2023", indicatori: "PERC_75_PLUS,REDDITO_MEDIO" })).toEqual({ anno: 2025, base: 2023, indicatori: ["PERC_75_PLUS", "REDDITO_MEDIO"] });
    expect(FragilitySearch.parse({ indicatori: ["perc_75_plus"] })).toEqual({ indicatori: ["PERC_75_PLUS"] });
    expect(FragilitySearch.safeParse({ anno: "abc" }).success).toBe(false);
  });

  it("Mappa and Risorse: defaults and ignored bad values", () => {
    expect(parseMapSearch({})).toEqual({ indicator: DEFAULT_MAP_INDICATOR, year: null });
    expect(parseMapSearch({ indicatore: "REDDITO_MEDIO", anno: ["2023", "2024"] })).toEqual({ indicator: "REDDITO_MEDIO", year: 2023 });
    expect(parseMapSearch({ indicatore: "x y", anno: "n" })).toEqual({ indicator: DEFAULT_MAP_INDICATOR, year: null });
    expect(parseResourceSearch({ comune: "055022", tipo: "ufficio_cittadinanza" })).toEqual({ comune: "055022", kind: "ufficio_cittadinanza" });
    expect(parseResourceSearch({ comune: "", tipo: "piscina" })).toEqual({ comune: undefined, kind: undefined });
  });
});
