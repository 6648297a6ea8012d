import { matchColumns } from "./headers";
import { KINDS } from "./index";
import { KIND_NAMES, type KindName } from "./types";
import { detectValoriLayout } from "./valori-layout";

/**
 * Which kind a header row belongs to, with a score per kind: the share of
 * required columns found, a little for optional ones, a little less for
 * columns the kind does not know. A tie (or an incomplete best that another
 * kind matches as well) is not decided: the user is asked.
 */
export interface KindScore {
  kind: KindName;
  score: number;
  /** Columns of the kind found in the header. */
  matched: number;
  missing: string[];
}

export interface KindDetection {
  kind: KindName | null;
  /** Two or more kinds fit equally well: ask the user. */
  ambiguous: boolean;
  scores: KindScore[];
}

const MIN_SCORE = 0.5;
const TIE = 0.05;

export function scoreKinds(headers: readonly string[], indicatorCodes: readonly string[] = []): KindScore[] {
  const named = headers.filter((h) => h.trim() !== "").length || 1;
  const scores = KIND_NAMES.map((kind): KindScore => {
    const def = KINDS[kind];
    const m = matchColumns(headers, def);
    const required = def.columns.filter((c) => c.required).length;
    const optional = def.columns.length - required || 1;
    const matchedOptional = [...m.indexOf.keys()].filter((k) => !def.columns.find((c) => c.key === k)?.required).length;
    let score = (required - m.missing.length) / required + (0.1 * matchedOptional) / optional;
    if (!def.allowExtraColumns) score -= (0.2 * m.unknown.length) / named;
    if (kind === "valori") {
      const layout = detectValoriLayout(headers, indicatorCodes);
      if (layout && layout.format !== "long") {
        const score = 1 - (0.2 * layout.unknown.length) / named;
        return { kind, score: Math.round(score * 1000) / 1000, matched: named - layout.unknown.length, missing: [] };
      }
    }
    return { kind, score: Math.round(score * 1000) / 1000, matched: m.indexOf.size, missing: m.missing.map((c) => c.label) };
  });
  return scores.sort((a, b) => b.score - a.score);
}

export function detectKind(headers: readonly string[], indicatorCodes: readonly string[] = []): KindDetection {
  const scores = scoreKinds(headers, indicatorCodes);
  const [best, second] = scores;
  if (!best || best.score < MIN_SCORE) return { kind: null, ambiguous: false, scores };
  // An incomplete best is only a hint when another kind recognises as many columns.
  const tie = second && (best.score - second.score < TIE || (best.missing.length > 0 && second.matched >= best.matched));
  if (tie) return { kind: null, ambiguous: true, scores };
  return { kind: best.kind, ambiguous: false, scores };
}

/** For header-row detection: a row that names at least two columns of some kind (or a wide valori layout). */
export function looksLikeHeader(cells: readonly string[], indicatorCodes: readonly string[] = []): boolean {
  for (const kind of KIND_NAMES) {
    if (matchColumns(cells, KINDS[kind]).indexOf.size >= 2) return true;
  }
  return detectValoriLayout(cells, indicatorCodes) !== null;
}
