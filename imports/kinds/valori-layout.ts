import { parsePeriod, type Period } from "../parse/period";
import { closestMatches, headerKey } from "../text/normalise";
import { matchColumns } from "./headers";
import { valori } from "./valori";

/**
 * The three shapes of a "valori" file, recognised from its header:
 *   long               indicatore; comune; periodo; valore; [numeratore; denominatore; servizio]
 *   wide-by-indicator  comune; periodo; POP_TOT; POP_65_PLUS; …   (headers are known indicator codes)
 *   wide-by-period     comune; indicatore; 2019; 2020; …          (headers are periods), or
 *                      comune; pop_2019; pop_2020; …              (a prefix names the indicator)
 */
export interface WideValueColumn {
  index: number;
  header: string;
  /** Set by the header (wide-by-indicator, prefixed wide-by-period); null when the row's indicator column gives it. */
  indicator: string | null;
  /** Set by the header in wide-by-period; null when the row's period column gives it. */
  period: Period | null;
}

export type ValoriLayout =
  | { format: "long" }
  | {
      format: "wide-by-indicator" | "wide-by-period";
      comune: number;
      /** Row column giving the period (wide-by-indicator) or the indicator (wide-by-period without prefix). */
      period: number | null;
      indicator: number | null;
      service: number | null;
      values: WideValueColumn[];
      unknown: { index: number; header: string; suggestions: string[] }[];
    };

export const VALORI_FORMAT_LABELS_IT = {
  long: "lungo (una riga per valore)",
  "wide-by-indicator": "largo per indicatore (una colonna per indicatore)",
  "wide-by-period": "largo per periodo (una colonna per anno, trimestre o mese)",
} as const;

/** Short prefixes people use for an indicator in wide-by-period headers. Applied only to known codes. */
export const DEFAULT_PREFIX_ALIASES: Readonly<Record<string, string>> = {
  pop: "POP_TOT",
  popolazione: "POP_TOT",
  residenti: "POP_TOT",
  pop65: "POP_65_PLUS",
};

/** "pop_2019" → { prefix: "pop", period }; "2024-T1" → { prefix: "", period }. */
function splitPeriodHeader(header: string): { prefix: string; period: Period } | null {
  const m = header.trim().match(/^(.*?)[\s_.-]*((?:19|20)\d{2}(?:[\s_-]*(?:[tq][1-4]|\d{2}))?)$/i);
  if (!m) return null;
  const raw = (m[2] as string).replace(/_/g, "-");
  const period = parsePeriod(raw) ?? parsePeriod(raw.replace(/^(\d{4})-?(\d{2})$/, "$1-$2"));
  return period ? { prefix: m[1] as string, period } : null;
}

export function detectValoriLayout(
  headers: readonly string[],
  indicatorCodes: readonly string[],
  prefixAliases: Readonly<Record<string, string>> = DEFAULT_PREFIX_ALIASES,
): ValoriLayout | null {
  const match = matchColumns(headers, valori);
  const at = (key: string) => match.indexOf.get(key) ?? null;
  const comune = at("comune");
  if (at("indicator") !== null && at("value") !== null) return { format: "long" };
  if (comune === null) return null;

  const codes = new Map(indicatorCodes.map((c) => [headerKey(c), c]));
  const known = new Set(indicatorCodes);
  for (const [prefix, code] of Object.entries(prefixAliases)) if (known.has(code)) codes.set(headerKey(prefix), code);
  const fixed = new Set([comune, at("period"), at("indicator"), at("service")].filter((i): i is number => i !== null));

  const byIndicator: WideValueColumn[] = [];
  const byPeriod: WideValueColumn[] = [];
  const rest: number[] = [];
  headers.forEach((header, index) => {
    if (fixed.has(index) || headerKey(header) === "") return;
    const code = indicatorCodes.find((c) => headerKey(c) === headerKey(header));
    if (code) {
      byIndicator.push({ index, header, indicator: code, period: null });
      return;
    }
    const split = splitPeriodHeader(header);
    if (split) {
      const prefixKey = headerKey(split.prefix);
      const indicator = prefixKey === "" ? null : codes.get(prefixKey);
      if (indicator !== undefined) {
        byPeriod.push({ index, header, indicator, period: split.period });
        return;
      }
    }
    rest.push(index);
  });

  const unknownOf = (suggestFrom: readonly string[]) =>
    rest.map((index) => ({ index, header: headers[index] as string, suggestions: closestMatches(headers[index] as string, suggestFrom, headerKey, 3) }));

  if (byIndicator.length > 0 && at("period") !== null && byIndicator.length >= byPeriod.length) {
    return {
      format: "wide-by-indicator",
      comune,
      period: at("period"),
      indicator: null,
      service: at("service"),
      values: byIndicator,
      unknown: [...unknownOf(indicatorCodes), ...byPeriod.map((v) => ({ index: v.index, header: v.header, suggestions: [] }))],
    };
  }
  const needsIndicatorColumn = byPeriod.some((v) => v.indicator === null);
  if (byPeriod.length > 0 && (!needsIndicatorColumn || at("indicator") !== null)) {
    return {
      format: "wide-by-period",
      comune,
      period: null,
      indicator: at("indicator"),
      service: at("service"),
      values: byPeriod,
      unknown: [...unknownOf([...indicatorCodes, ...Object.keys(prefixAliases)]), ...byIndicator.map((v) => ({ index: v.index, header: v.header, suggestions: [] }))],
    };
  }
  return null;
}
