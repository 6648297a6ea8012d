import { describe, expect, it } from "vitest";
import { detectKind } from "@/imports/kinds/detect-kind";
import { columnIssues, matchColumns } from "@/imports/kinds/headers";
import { KINDS, KIND_NAMES } from "@/imports/kinds/index";
import { templateCsv, templateText } from "@/imports/kinds/template";
import { detectValoriLayout } from "@/imports/kinds/valori-layout";
import { collectMapped, mapCsv } from "@/imports/pipeline/map";

const CODES = ["POP_TOT", "POP_65_PLUS", "IND_VECCHIAIA", "UTENTI_CD", "POP_0_14"];

describe("header matching", () => {
  it("ignores case, accents, spacing, punctuation and footnote marks", () => {
    const m = matchColumns(["INDICATORE", " Comune ", "Periodo di riferimento (1)", "Valore"], KINDS.valori);
    expect(Object.fromEntries(m.indexOf)).toEqual({ indicator: 0, comune: 1, period: 2, value: 3 });
    expect(matchColumns(["Unità di misura", "Polarita'"], KINDS.indicatori).indexOf.size).toBe(2);
  });

  it("suggests the intended column for a typo and reports duplicates and missing ones", () => {
    const headers = ["indicatore", "comune", "valroe", "anno", "periodo"];
    const m = matchColumns(headers, KINDS.valori);
    const messages = columnIssues(m, headers, KINDS.valori, 1).map((i) => i.message);
    expect(messages).toEqual([
      'Colonna "valroe" sconosciuta: forse intendevi "valore"?',
      'Le colonne "anno" (colonna 4) e "periodo" (colonna 5) indicano entrambe «periodo»: tienine una sola.',
      'Manca la colonna obbligatoria "valore" (valgono anche: dato, valore indicatore).',
    ]);
  });
});

describe("detectKind", () => {
  it.each(KIND_NAMES.map((k) => [k]))("recognises the template of %s", (kind) => {
    expect(detectKind(KINDS[kind].columns.map((c) => c.label), CODES).kind).toBe(kind);
  });

  it("recognises ISTAT's own header with its many extra columns", () => {
    const headers = [
      "Codice Regione",
      "Codice dell'Unità territoriale sovracomunale (valida a fini statistici)",
      "Codice Comune formato alfanumerico",
      "Denominazione in italiano",
      "Denominazione Regione",
      "Sigla automobilistica",
      "Codice Catastale del comune",
      "Codice NUTS3 2021",
    ];
    expect(detectKind(headers).kind).toBe("comuni");
  });

  it("asks on a tie instead of choosing", () => {
    expect(detectKind(["codice", "nome"])).toMatchObject({ kind: null, ambiguous: true });
    expect(detectKind(["foo", "bar"])).toMatchObject({ kind: null, ambiguous: false });
    // Incomplete but unique: picked, so the user is told which column is missing.
    expect(detectKind(["indicatore", "comune", "valore"]).kind).toBe("valori");
  });

  it("recognises wide valori layouts", () => {
    expect(detectKind(["comune", "periodo", "POP_TOT", "POP_65_PLUS"], CODES).kind).toBe("valori");
    expect(detectKind(["comune", "pop_2019", "pop_2020"], CODES).kind).toBe("valori");
  });
});

describe("detectValoriLayout", () => {
  it("tells long, wide-by-indicator and wide-by-period apart", () => {
    expect(detectValoriLayout(["indicatore", "comune", "periodo", "valore"], CODES)).toEqual({ format: "long" });
    expect(detectValoriLayout(["comune", "anno", "POP_TOT", "pop_65_plus"], CODES)).toMatchObject({
      format: "wide-by-indicator",
      comune: 0,
      period: 1,
      values: [
        { index: 2, indicator: "POP_TOT" },
        { index: 3, indicator: "POP_65_PLUS" },
      ],
    });
    expect(detectValoriLayout(["comune", "indicatore", "2019", "2020", "2024-T1"], CODES)).toMatchObject({
      format: "wide-by-period",
      indicator: 1,
      values: [
        { index: 2, indicator: null, period: { period: "2019" } },
        { index: 3, period: { period: "2020" } },
        { index: 4, period: { period: "2024-Q1" } },
      ],
    });
    expect(detectValoriLayout(["comune", "pop_2019", "POP_65_PLUS 2020"], CODES)).toMatchObject({
      format: "wide-by-period",
      values: [
        { indicator: "POP_TOT", period: { period: "2019" } },
        { indicator: "POP_65_PLUS", period: { period: "2020" } },
      ],
    });
  });

  it("needs an indicator column when year headers carry no prefix", () => {
    expect(detectValoriLayout(["comune", "2019", "2020"], CODES)).toBeNull();
  });

  it("lists unknown columns with suggestions from the indicator codes", () => {
    expect(detectValoriLayout(["comune", "periodo", "POP_TOT", "POP_65_PLUSS"], CODES)).toMatchObject({ unknown: [{ header: "POP_65_PLUSS", suggestions: ["POP_65_PLUS"] }] });
  });
});

describe("templates", () => {
  it("are UTF-8 with BOM, ;-separated, CRLF", () => {
    const bytes = templateCsv("bilancio");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(templateText("bilancio").split("\r\n")[0]).toBe("anno;servizio;fonte;comune;stanziato;impegnato;liquidato;pagato;scadenza");
  });

  it.each(KIND_NAMES.map((k) => [k]))("of %s import cleanly through the pipeline", async (kind) => {
    const result = await mapCsv(() => templateCsv(kind), { kind, indicatorCodes: CODES });
    const { rows, errors, fileIssues } = await collectMapped(result);
    expect(fileIssues).toEqual([]);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(KINDS[kind].examples.length);
    expect(result.info).toMatchObject({ encoding: "utf-8-bom", delimiter: ";", lineEnding: "CRLF" });
  });
});
