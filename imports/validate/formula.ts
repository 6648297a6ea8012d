/**
 * A cell that a spreadsheet would run as a formula when the data are exported
 * again (=HYPERLINK(…), +cmd, -2+3, @SUM(…)): CSV injection. A signed number
 * ("-12,5", "+3%") and the empty marker "-" are not formulas.
 */
export function isFormulaLike(raw: string): boolean {
  const s = raw.trim();
  if (!/^[=+\-@]/.test(s)) return false;
  if (s === "-") return false;
  return !/^[+-]\s*€?\s*[\d.,\s\u00a0\u202f\u2009]*\d[\d.,\s\u00a0\u202f\u2009]*\s*%?\s*€?$/.test(s);
}

export const FORMULA_MESSAGE = "sembra una formula di foglio di calcolo: le formule non sono accettate (togliere =, +, - o @ iniziale)";
