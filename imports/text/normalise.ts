/**
 * Text keys used for matching what people type against what we know:
 * column headers, comune names, enum values.
 */

/** Removes combining accents: "Città" → "Citta". */
export function foldAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/**
 * Key for column headers: letters and digits only, footnote markers such as
 * "(1)" dropped (ISTAT headers carry them). "Codice Comune\nformato alfanumerico" →
 * "codicecomuneformatoalfanumerico".
 */
export function headerKey(text: string): string {
  return foldAccents(text.replace(/\(\s*\d{1,2}\s*\)/g, ""))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Key for comune names: case, accents (also typed as a trailing apostrophe,
 * "Citta'"), typographic apostrophes, hyphens and spacing do not matter, but
 * word boundaries do ("Monteleone d'Orvieto" stays two words apart).
 */
export function nameKey(text: string): string {
  return foldAccents(text.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'"))
    .toLowerCase()
    .replace(/([aeiou])'(?=[\s\-/,]|$)/g, "$1")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Levenshtein distance with a two-row table. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Up to `max` candidates near `input` under `key`, nearest first: within an
 * edit distance of a third of the length, or starting with the input's key
 * (so "Gualdo" suggests both Gualdo Tadino and Gualdo Cattaneo).
 */
export function closestMatches(input: string, candidates: readonly string[], key: (s: string) => string, max = 3): string[] {
  const k = key(input);
  if (k.length === 0) return [];
  const limit = Math.max(2, Math.floor(k.length / 3));
  const scored: { c: string; d: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const ck = key(c);
    const d = editDistance(k, ck);
    if (d <= limit) scored.push({ c, d });
    else if (k.length >= 4 && ck.startsWith(k)) scored.push({ c, d: limit + 1 });
  }
  return scored
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c, "it"))
    .slice(0, max)
    .map((x) => x.c);
}

/** "a", "a o b", "a, b o c": Italian list for messages. */
export function italianOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} o ${items[items.length - 1]}`;
}
