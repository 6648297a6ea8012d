/**
 * Text normalisation shared by header matching and comune names: case,
 * accents (also typed as apostrophes: "Citta'"), typographic apostrophes,
 * punctuation and spacing do not matter.
 */
export function foldAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** For column headers: letters and digits only. "Codice Comune (formato alfanumerico)" → "codicecomuneformatoalfanumerico". */
export function headerKey(text: string): string {
  return foldAccents(text).toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** For comune names: accents typed as a trailing apostrophe fold with real ones; words kept apart. */
export function nameKey(text: string): string {
  return foldAccents(text.replace(/[’‘`´]/g, "'"))
    .toLowerCase()
    .replace(/([aeiou])'(?=\s|$|-)/g, "$1")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Levenshtein distance, for "forse intendevi …" suggestions. With `max`, stops
 * as soon as the distance is known to exceed it (and returns max + 1).
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const value = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev[j] = value;
      if (value < rowMin) rowMin = value;
      diag = up;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length] as number;
}

/**
 * Inputs longer than this get no suggestions: no name or column header is
 * that long, and the distance costs length × length per candidate (a cell of
 * a million characters would hold the server for seconds).
 */
export const MAX_SUGGESTION_INPUT = 100;

/** Up to `max` candidates close to `input` (by the given key function), closest first. */
export function closest(input: string, candidates: readonly string[], key: (s: string) => string, max = 3): string[] {
  if (input.length > MAX_SUGGESTION_INPUT * 4) return [];
  const k = key(input);
  if (k.length === 0 || k.length > MAX_SUGGESTION_INPUT) return [];
  const limit = Math.max(2, Math.floor(k.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(k, key(c), limit) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** "Ignorata 1 riga" / "Ignorate 12 righe", for the notes of a report. */
export function ignoredRows(count: number): string {
  return count === 1 ? "Ignorata 1 riga" : `Ignorate ${count.toLocaleString("it-IT")} righe`;
}
