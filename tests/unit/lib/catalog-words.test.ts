import { describe, expect, it } from "vitest";
import { compareToZone, formulaWords, POLARITY_WORDS_IT } from "@/lib/catalog/words";

describe("an indicator read in words", () => {
  it("compares a comune with its zone by polarity, not by size", () => {
    expect(compareToZone(12, 10, 1, 1)).toBe("meglio");
    expect(compareToZone(12, 10, -1, 1)).toBe("peggio");
    expect(compareToZone(8, 10, -1, 1)).toBe("meglio");
    expect(compareToZone(12, 10, 0, 1)).toBe("sopra");
    // Equal at the precision shown: no "meglio" for a difference nobody can see.
    expect(compareToZone(10.04, 10, 1, 1)).toBe("uguale");
    expect(compareToZone(10.04, 10, 1, 2)).toBe("meglio");
    expect(compareToZone(null, 10, 1, 1)).toBeNull();
    expect(compareToZone(10, null, 1, 1)).toBeNull();
  });

  it("writes a formula with its inputs' names and the scale in it-IT", () => {
    const names = new Map([
      ["A", "Popolazione 0–14 anni"],
      ["B", "Popolazione 65 anni e oltre"],
      ["C", "Popolazione 15–64 anni"],
    ]);
    expect(formulaWords({ formula: { numerator: "A", numeratorPlus: ["B"], denominator: "C", scale: 100 } }, names)).toBe(
      "(Popolazione 0–14 anni + Popolazione 65 anni e oltre) / Popolazione 15–64 anni × 100",
    );
    expect(formulaWords({ formula: { numerator: "B", denominator: "C", scale: 1000 } }, names)).toBe("Popolazione 65 anni e oltre / Popolazione 15–64 anni × 1.000");
    expect(formulaWords({ formula: undefined }, names)).toBeNull();
    expect(POLARITY_WORDS_IT[-1]).toBe("più basso è meglio");
  });
});
