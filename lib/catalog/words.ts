import { formatNumber } from "@/lib/format";
import type { Aggregation, IndicatorDefinition, Polarity } from "./schema";

/** The catalogue's codes in words, for the definition pages and every comparison. */

export const POLARITY_WORDS_IT: Record<Polarity, string> = {
  1: "più alto è meglio",
  [-1]: "più basso è meglio",
  0: "né alto né basso è meglio in sé (indicatore descrittivo)",
};

export const AGGREGATION_WORDS_IT: Record<Aggregation, string> = {
  sum: "somma dei valori dei comuni",
  ratio: "rapporto delle somme: somma dei numeratori dei comuni diviso somma dei denominatori (mai la media dei tassi)",
  weighted_mean: "media dei valori dei comuni ponderata con la popolazione",
  none: "non si aggrega: il valore di zona è solo quello importato per la zona",
};

/** The formula in words: "(A + B) / C × 100", with the inputs' names. */
export function formulaWords(def: Pick<IndicatorDefinition, "formula">, names: ReadonlyMap<string, string>): string | null {
  const f = def.formula;
  if (!f) return null;
  const name = (code: string) => names.get(code) ?? code;
  const numerator = [f.numerator, ...(f.numeratorPlus ?? [])].map(name);
  const top = numerator.length > 1 ? `(${numerator.join(" + ")})` : numerator[0];
  const scale = f.scale === 1 ? "" : ` × ${formatNumber(f.scale, Number.isInteger(f.scale) ? 0 : 2)}`;
  return `${top} / ${name(f.denominator)}${scale}`;
}

export type Comparison = "meglio" | "peggio" | "uguale" | "sopra" | "sotto";

/**
 * A comune's value against its zone's, read by polarity: "meglio"/"peggio" when the
 * indicator has a direction, "sopra"/"sotto" when it is descriptive; null without both values.
 */
export function compareToZone(value: number | null, zone: number | null, polarity: Polarity, decimals: number): Comparison | null {
  if (value === null || zone === null) return null;
  const step = 10 ** -decimals;
  // Values equal at the precision shown read as equal: no "meglio" for a difference nobody can see.
  if (Math.abs(value - zone) < step / 2) return "uguale";
  const higher = value > zone;
  if (polarity === 0) return higher ? "sopra" : "sotto";
  return higher === (polarity === 1) ? "meglio" : "peggio";
}

export const COMPARISON_WORDS_IT: Record<Comparison, string> = {
  meglio: "meglio della zona",
  peggio: "peggio della zona",
  uguale: "come la zona",
  sopra: "sopra la zona",
  sotto: "sotto la zona",
};

/** Where an indicator's definition lives. */
export function indicatorHref(code: string): string {
  return `/indicatori/${encodeURIComponent(code)}`;
}
