import { editDistance, foldAccents } from "./text";

/**
 * Headers as people write them. A header is read as words: case, accents,
 * punctuation, spacing and underscores do not matter; footnote marks ("(1)",
 * "*", "¹") and units in brackets ("(%)", "(euro)", "[n.]") are dropped;
 * common abbreviations ("Cod.", "N.", "Nr.", "Num.", "Descr.", "Denom.") are
 * read in full; little words ("di", "in", "del") do not count. Other words in
 * brackets qualify the header ("Denominazione (Italiana e straniera)"): they
 * count for an exact match but the header also matches without them, a
 * little lower. Each (header, column) pair gets a score, so candidates are
 * ranked rather than looked up in a fixed list.
 */

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  cod: "codice",
  codice: "codice",
  c: "codice",
  n: "numero",
  nr: "numero",
  num: "numero",
  no: "numero",
  descr: "descrizione",
  desc: "descrizione",
  denom: "denominazione",
  den: "denominazione",
  prov: "provincia",
  reg: "regione",
  ind: "indicatore",
  val: "valore",
  rif: "riferimento",
  perc: "percentuale",
  pop: "popolazione",
  tot: "totale",
  istat: "istat",
  nome: "nome",
};

const STOPWORDS = new Set(["di", "del", "della", "dello", "dei", "degli", "delle", "d", "in", "e", "ed", "il", "lo", "la", "l", "i", "gli", "le", "a", "al", "alla", "da", "dal", "per", "of", "the"]);

/** Words that make a bracket a unit of measure rather than a qualifier. */
const UNIT_WORDS = new Set([
  "euro", "eur", "migliaia", "milioni", "ab", "abitanti", "persone", "numero", "valori", "valore", "assoluti", "va", "percentuale",
  "anni", "mq", "kmq", "km", "unita", "x", "per", "mille", "cento", "n", "pct", "si", "no",
]);

export interface HeaderWords {
  /** Words outside brackets, abbreviations expanded. */
  main: string[];
  /** Words of brackets that are not a unit or a footnote. */
  qualifiers: string[];
}

function words(text: string): string[] {
  return text
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => !STOPWORDS.has(w));
}

/** A bracket's content that is only a unit ("%", "euro", "per 1.000 ab.") or a footnote ("1", "a", "*"). */
function isUnitOrNote(content: string): boolean {
  if (!/[a-z]/.test(content)) return true; // "%", "1", "*", "€", "‰", "1.000"
  if (/^\s*[a-z]\s*$/.test(content)) return true; // "(a)" footnote letter
  return content
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "" && !STOPWORDS.has(w))
    .every((w) => UNIT_WORDS.has(w) || /^\d+$/.test(w));
}

export function headerWords(header: string): HeaderWords {
  let s = foldAccents(header).toLowerCase().replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰°]/g, " ").replace(/€|%|‰/g, " $& ");
  // Trailing footnote marks: "Valore*", "Valore (1)", "Valore [2]".
  s = s.replace(/\*+/g, " ");
  const qualifiers: string[] = [];
  s = s.replace(/[([]([^)\]]*)[)\]]/g, (_, content: string) => {
    if (!isUnitOrNote(content)) qualifiers.push(...words(content));
    return " ";
  });
  // An unclosed bracket ("NUTS2(3") or a lone unit sign.
  s = s.replace(/[([].*$/, " ").replace(/[€%‰]/g, " ");
  return { main: words(s), qualifiers };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((w, i) => w === b[i]);
const contains = (whole: readonly string[], part: readonly string[]) => part.length > 0 && part.every((w) => whole.includes(w));

/**
 * How well a header matches one spelling of a column, 0–100:
 * 100 every word equal; 92 equal once the header's qualifiers are left out;
 * 70–80 the spelling's words (two or more) all in the header ("Codice ISTAT
 * del comune" for "codice istat"); 55–65 the header's words all in the spelling (a shortened
 * header, "Denominazione" for "denominazione in italiano"); up to 45 a close
 * misspelling (a suggestion, never applied on its own).
 */
export function spellingScore(header: HeaderWords, spelling: HeaderWords): number {
  const h = [...header.main, ...header.qualifiers];
  const s = [...spelling.main, ...spelling.qualifiers];
  if (h.length === 0 || s.length === 0) return 0;
  if (same(h, s)) return 100;
  if (same(header.main, s) || same([...h].sort(), [...s].sort())) return 92;
  // One word alone ("codice", "comune") is too common to claim a longer header: it must match exactly.
  if (s.length >= 2 && contains(h, s)) return 70 + 10 * (s.length / h.length);
  if (contains(s, h) && h.join("").length >= 4) return 55 + 10 * (h.length / s.length);
  const a = h.join("");
  const b = s.join("");
  const limit = Math.max(2, Math.floor(Math.min(a.length, b.length) / 3));
  const d = editDistance(a, b, limit);
  return d <= limit ? 45 - 10 * (d / limit) : 0;
}

/** The lowest score applied without asking (word containment); lower ones are only suggestions. */
export const AUTO_MATCH_SCORE = 55;
/** Distance below which two candidates of one header are too close to choose between. */
export const TIE_MARGIN = 0.5;

/** A plain key for a header (letters and digits), for exact look-ups such as saved mappings. */
export function compactHeader(header: string): string {
  const w = headerWords(header);
  return [...w.main, ...w.qualifiers].join(" ");
}
