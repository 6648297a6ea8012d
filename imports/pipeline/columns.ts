import { conventionFromEvidence, emptyEvidence, mergeEvidence, type ColumnConvention, type NumberConvention, type NumberEvidence } from "../parse/number";
import type { Delimiter } from "../detect/dialect";

/**
 * Number conventions per column, decided from the whole column (first pass).
 * A column with only ambiguous cells (1.234) takes the convention of the
 * file's other numeric columns, then the delimiter's (";" is Excel with
 * Italian settings, "," cannot carry decimal commas unquoted); with neither
 * it stays undecided and its ambiguous cells are errors.
 */
export function decideColumnConventions(evidence: ReadonlyMap<number, NumberEvidence>, delimiter: Delimiter): Map<number, ColumnConvention> {
  const total = [...evidence.values()].reduce(mergeEvidence, emptyEvidence());
  const byDelimiter: NumberConvention | undefined = delimiter === ";" ? "it" : delimiter === "," ? "en" : undefined;
  const fileWide = total.it > total.en ? "it" : total.en > total.it ? "en" : byDelimiter;
  const out = new Map<number, ColumnConvention>();
  for (const [index, e] of evidence) out.set(index, conventionFromEvidence(e, fileWide));
  return out;
}
