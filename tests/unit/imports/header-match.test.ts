import { describe, expect, it } from "vitest";
import { matchHeader, detectValoriLayout } from "@/imports/csv/header";
import { headerWords, spellingScore } from "@/imports/csv/header-match";
import { KINDS } from "@/imports/csv/kinds";

/** Which field each header fills for a kind (null: none). */
const fieldsOf = (headers: string[], kind: keyof typeof KINDS) => {
  const m = matchHeader(headers, KINDS[kind]);
  const byIndex = new Map([...m.columns].map(([f, i]) => [i, f]));
  return headers.map((_, i) => byIndex.get(i) ?? null);
};

describe("headers as people write them", () => {
  const value = (h: string) => [["indicatore", "comune", "anno", h], 3] as const;
  const indicator = (h: string) => [[h, "comune", "anno", "valore"], 0] as const;
  const period = (h: string) => [["indicatore", "comune", h, "valore"], 2] as const;
  it.each([
    [value("VALORE"), "value"],
    [value("Valore (%)"), "value"],
    [value("Valore (euro)"), "value"],
    [value("Valore [per 1.000 ab.]"), "value"],
    [value("Valore (1)"), "value"],
    [value("Valore*"), "value"],
    [value("Valore ¹"), "value"],
    [value("  valore  "), "value"],
    [value("Numeratore (n.)"), "numerator"],
    [value("Denominatore (n.)"), "denominator"],
    [indicator("Indicatore"), "indicator"],
    [indicator("Cod. indicatore"), "indicator"],
    [indicator("COD_INDICATORE"), "indicator"],
    [indicator("Codice-Indicatore"), "indicator"],
    [period("Anno di riferimento"), "period"],
    [period("ANNO"), "period"],
    [period("Periodo"), "period"],
    [period("TIME_PERIOD"), "period"],
  ])("valori: %j fills %j", ([headers, index], field) => {
    expect(fieldsOf([...headers], "valori")[index]).toBe(field);
  });

  it.each(["PRO_COM", "PRO_COM_T", "ITTER107", "COD_ISTAT", "Codice Comune", "Cod. ISTAT", "Codice ISTAT del comune", "codice_istat", "Codice Comune formato alfanumerico"])(
    "reads %j as the comune code column",
    (header) => {
      expect(fieldsOf(["Indicatore", header, "Anno", "Valore"], "valori")).toEqual(["indicator", "comune", "period", "value"]);
    },
  );

  it("reads abbreviations in full: Cod., N., Nr., Num., Descr., Denom.", () => {
    const words = (h: string) => headerWords(h).main;
    expect(words("Cod. servizio")).toEqual(["codice", "servizio"]);
    expect(words("N. posti")).toEqual(["numero", "posti"]);
    expect(words("Nr. posti")).toEqual(["numero", "posti"]);
    expect(words("Num. posti")).toEqual(["numero", "posti"]);
    expect(words("Descr. servizio")).toEqual(["descrizione", "servizio"]);
    expect(words("Denom. comune")).toEqual(["denominazione", "comune"]);
    expect(fieldsOf(["Cod. servizio", "Denom.", "Area utenza", "Tipo spesa"], "servizi")).toEqual(["code", "name", "area", "spendingType"]);
  });

  it("ranks candidates: an exact spelling beats a contained one, a shortened header ranks lower still", () => {
    const w = headerWords;
    const exact = spellingScore(w("Codice ISTAT"), w("codice istat"));
    const contained = spellingScore(w("Codice ISTAT del comune di residenza"), w("codice istat"));
    const shortened = spellingScore(w("Denominazione"), w("denominazione in italiano"));
    const typo = spellingScore(w("Valroe"), w("valore"));
    expect(exact).toBe(100);
    expect(contained).toBeGreaterThan(shortened);
    expect(shortened).toBeGreaterThan(typo);
    expect(typo).toBeGreaterThan(0);
    // A misspelling is a suggestion, never applied on its own.
    const m = matchHeader(["indicatore", "comune", "anno", "Valroe"], KINDS.valori);
    expect(m.columns.has("value")).toBe(false);
    expect(m.unknown[0]).toMatchObject({ header: "Valroe", suggestions: ["valore"] });
  });

  it("the more specific of two headers wins a field: ISTAT's «Denominazione in italiano» over «Denominazione (Italiana e straniera)»", () => {
    const headers = ["Codice Comune formato alfanumerico", "Denominazione (Italiana e straniera)", "Denominazione in italiano", "Sigla automobilistica", "Codice Regione", "Denominazione regione"];
    const m = matchHeader(headers, KINDS.comuni);
    expect(m.columns.get("name")).toBe(2);
    expect(m.duplicates).toEqual([{ index: 1, header: headers[1], field: "name", chosen: 2 }]);
    expect(m.missing).toEqual([]);
  });

  it("code and name columns together: the code fills «comune», the name «nome_comune», whichever comes first", () => {
    expect(fieldsOf(["Cod. ISTAT", "Comune", "Indicatore", "Anno", "Valore"], "valori")).toEqual(["comune", "comuneName", "indicator", "period", "value"]);
    expect(fieldsOf(["Comune", "PRO_COM_T", "Indicatore", "Anno", "Valore"], "valori")).toEqual(["comuneName", "comune", "indicator", "period", "value"]);
    // Alone, a name column is the comune column.
    expect(fieldsOf(["Comune", "Indicatore", "Anno", "Valore"], "valori")).toEqual(["comune", "indicator", "period", "value"]);
    for (const kind of ["obiettivi", "bilancio", "risorse"] as const) {
      const m = matchHeader(["COD_ISTAT", "Denominazione comune"], KINDS[kind]);
      expect([m.columns.get("comune"), m.columns.get("comuneName")]).toEqual([0, 1]);
    }
  });

  it("a header equally good for two fields is ambiguous, never guessed", () => {
    const m = matchHeader(["Codice", "comune", "anno", "valore"], KINDS.valori);
    expect(m.columns.has("indicator")).toBe(false);
    expect(m.ambiguous.map((a) => a.header)).toEqual(["Codice"]);
  });

  it("wide layouts find the comune column by the same matching", () => {
    expect(detectValoriLayout(["PRO_COM_T", "Anno di riferimento", "POP_TOT"], new Set(["POP_TOT"]))).toMatchObject({ format: "largo per indicatore", comune: 0, period: 1 });
    // The indicator named as the catalogue names it, the way an ISTAT table heads its column.
    expect(detectValoriLayout(["Codice comune", "Comune", "Anno", "Popolazione residente"], new Set(["POP_TOT"]))).toMatchObject({
      format: "largo per indicatore",
      indicators: [{ index: 3, code: "POP_TOT" }],
    });
  });
});
