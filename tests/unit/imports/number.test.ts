import { describe, expect, it } from "vitest";
import { decideNumberConvention, numberShape, parseNumber } from "@/imports/parse/number";

describe("parseNumber", () => {
  it.each([
    ["1.234,56", "it", 1234.56],
    ["1234,56", "it", 1234.56],
    ["1,234.56", "en", 1234.56],
    ["1234.56", "en", 1234.56],
    ["1.234.567", "it", 1234567],
    ["1,234,567", "en", 1234567],
    ["12%", "it", 12],
    ["12,5 %", "it", 12.5],
    ["1 234,5", "it", 1234.5],
    ["1\u00a0234\u00a0567", "it", 1234567],
    ["1\u202f234,5", "it", 1234.5],
    ["-3,5", "it", -3.5],
    ["+3,5", "it", 3.5],
    ["\u22123,5", "it", -3.5],
    ["€ 1.200,00", "it", 1200],
    ["1.200,00 €", "it", 1200],
    [",5", "it", 0.5],
    ["1.234", "it", 1234],
    ["1.234", "en", 1.234],
    ["1,234", "it", 1.234],
    ["1,234", "en", 1234],
    ["42", "plain", 42],
  ] as const)("%j under %s is %d", (raw, convention, value) => {
    expect(parseNumber(raw, convention)).toEqual({ ok: true, value });
  });

  it.each(["", " ", "-", "n.d.", "N.D.", "..", "NA", "n.a.", "—"])("%j is empty (null)", (raw) => {
    expect(parseNumber(raw, "it")).toEqual({ ok: true, value: null });
  });

  it.each(["1.234,5,6", "abc", "12 34", "1..2", "1,2,3.4.5", "12-3", "0x10", "1e5"])("%j is not a number", (raw) => {
    expect(parseNumber(raw, "it")).toEqual({ ok: false, message: "non è un numero valido" });
  });

  it("rejects a cell against its column's convention, never guessing", () => {
    expect(parseNumber("1.5", "it")).toMatchObject({ ok: false, message: expect.stringContaining("punto come separatore decimale") });
    expect(parseNumber("1,5", "en")).toMatchObject({ ok: false, message: expect.stringContaining("virgola") });
    expect(parseNumber("1.234", "undecided")).toMatchObject({ ok: false, message: expect.stringContaining("ambiguo") });
  });
});

describe("decideNumberConvention", () => {
  it("decides an ambiguous 1.234 from the rest of the column", () => {
    expect(decideNumberConvention(["1.234", "1,5", "12"])).toEqual({ convention: "it", conflicts: [] });
    expect(decideNumberConvention(["1.234", "1.5", "12"])).toEqual({ convention: "en", conflicts: [] });
    expect(decideNumberConvention(["1,234", "1,234.5"])).toEqual({ convention: "en", conflicts: [] });
  });

  it("reports the minority as conflicts", () => {
    expect(decideNumberConvention(["1,5", "2,5", "3.5", "n.d."])).toEqual({ convention: "it", conflicts: [2] });
  });

  it("leaves a column of only ambiguous values undecided unless the file says more", () => {
    expect(decideNumberConvention(["1.234", "5.678"])).toEqual({ convention: "undecided", conflicts: [0, 1] });
    expect(decideNumberConvention(["1.234", "5.678"], "it")).toEqual({ convention: "it", conflicts: [] });
  });

  it("treats a tie without fallback as conflicts on every decisive cell", () => {
    expect(decideNumberConvention(["1,5", "1.5", "7"])).toEqual({ convention: "undecided", conflicts: [0, 1] });
  });

  it("calls digits-only columns plain", () => {
    expect(decideNumberConvention(["1", "22", "", "-"]).convention).toBe("plain");
  });

  it("classifies shapes", () => {
    expect(["12", "1.234", "1,234", "1,5", "1.5", "x", "-"].map(numberShape)).toEqual([
      "plain",
      "ambiguous-dot",
      "ambiguous-comma",
      "it",
      "en",
      "invalid",
      "empty",
    ]);
  });
});
